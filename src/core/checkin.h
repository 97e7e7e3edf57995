/* placeholder: the check-in rules, being written */
#ifndef PM_CORE_CHECKIN_H
#define PM_CORE_CHECKIN_H
#endif
