/* Internal date helpers shared by the api layer and the backends; the public
 * ones are declared in perfmgmt/datetime.h. */
#ifndef PM_UTIL_DATE_H
#define PM_UTIL_DATE_H

#include "perfmgmt/datetime.h"

/* Days since 1970-01-01 of a valid (year, month, day); no checks. */
pm_date pm_date__from_civil(int year, int month, int day);
/* Inverse of pm_date__from_civil. */
void pm_date__to_civil(pm_date date, int *year, int *month, int *day);
/* 1 when year, month and day name a real date in years 1..9999. */
int pm_date__valid(int year, int month, int day);

#endif
