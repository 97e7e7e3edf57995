/* What the SQL backends share about field types (field_types.h). */
#include "field_types.h"

pm_value_type pm_storage__value_type_of(pm_field_type type)
{
    switch (type) {
    case PM_FIELD_REAL:
        return PM_VALUE_REAL;
    case PM_FIELD_TEXT:
        return PM_VALUE_TEXT;
    case PM_FIELD_BLOB:
        return PM_VALUE_BLOB;
    case PM_FIELD_INT:
    case PM_FIELD_DATE:
    case PM_FIELD_TIME:
    default:
        return PM_VALUE_INT;
    }
}

const char *pm_storage__field_type_words(pm_field_type type)
{
    switch (type) {
    case PM_FIELD_INT:
        return "an integer";
    case PM_FIELD_REAL:
        return "a real number";
    case PM_FIELD_TEXT:
        return "text";
    case PM_FIELD_BLOB:
        return "a blob";
    case PM_FIELD_DATE:
        return "a date (an integer day number)";
    case PM_FIELD_TIME:
        return "a time (an integer)";
    default:
        return "an unknown type";
    }
}

const char *pm_storage__value_type_words(pm_value_type type)
{
    switch (type) {
    case PM_VALUE_NULL:
        return "NULL";
    case PM_VALUE_INT:
        return "an integer";
    case PM_VALUE_REAL:
        return "a real number";
    case PM_VALUE_TEXT:
        return "text";
    case PM_VALUE_BLOB:
        return "a blob";
    default:
        return "a value of unknown type";
    }
}
