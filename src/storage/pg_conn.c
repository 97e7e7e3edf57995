#include "pg_internal.h"
typedef int pm_placeholder_t;
