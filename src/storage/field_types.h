/* What the SQL backends share about the schema's field types: the value
 * type each field takes, and words for both in their messages. */
#ifndef PM_STORAGE_FIELD_TYPES_H
#define PM_STORAGE_FIELD_TYPES_H

#include "perfmgmt/sys/storage.h"

/* The value type a field of this type holds (dates and times: integers). */
pm_value_type pm_storage__value_type_of(pm_field_type type);

/* "an integer", "a date (an integer day number)", ... for messages. */
const char *pm_storage__field_type_words(pm_field_type type);
const char *pm_storage__value_type_words(pm_value_type type);

#endif
