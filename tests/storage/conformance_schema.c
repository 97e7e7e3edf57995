/* The suite's own schema (see conformance_internal.h for the positions). */
#include "conformance_internal.h"

const pm_field_def conf_item_fields[] = {
    { "num", PM_FIELD_INT, PM_FIELD_NOT_NULL, 1 },
    { "real_v", PM_FIELD_REAL, 0, 1 },
    { "text_v", PM_FIELD_TEXT, 0, 1 },
    { "blob_v", PM_FIELD_BLOB, 0, 1 },
    { "date_v", PM_FIELD_DATE, 0, 1 },
    { "time_v", PM_FIELD_TIME, 0, 1 },
    { "label", PM_FIELD_TEXT, PM_FIELD_NOT_NULL, 1 },
    { "note", PM_FIELD_TEXT, 0, 1 },
    { "payload", PM_FIELD_BLOB, 0, 1 },
    { "extra", PM_FIELD_INT, 0, 2 },
};

static const pm_index_def item_indexes[] = {
    { "conf_item_by_num", 1, { I_NUM }, 0, 1 },
    { "conf_item_by_real", 1, { I_REAL }, 0, 1 },
    { "conf_item_by_text", 1, { I_TEXT }, 0, 1 },
    { "conf_item_by_blob", 1, { I_BLOB }, 0, 1 },
    { "conf_item_by_date", 1, { I_DATE }, 0, 1 },
    { "conf_item_by_time", 1, { I_TIME }, 0, 1 },
    { "conf_item_by_num_text_date", 3, { I_NUM, I_TEXT, I_DATE }, 0, 1 },
    { "conf_item_by_extra", 1, { I_EXTRA }, 0, 2 },
};

static const pm_field_def uniq_fields[] = {
    { "code", PM_FIELD_TEXT, 0, 1 },
    { "grp", PM_FIELD_INT, 0, 1 },
    { "tag", PM_FIELD_TEXT, 0, 1 },
    { "note", PM_FIELD_TEXT, PM_FIELD_NOT_NULL, 1 },
};

static const pm_index_def uniq_indexes[] = {
    { "conf_uniq_by_code", 1, { U_CODE }, PM_INDEX_UNIQUE, 1 },
    { "conf_uniq_by_grp_tag", 2, { U_GRP, U_TAG }, PM_INDEX_UNIQUE, 1 },
    { "conf_uniq_by_note", 1, { U_NOTE }, 0, 1 },
};

static const pm_field_def diff_fields[] = {
    { "a", PM_FIELD_INT, 0, 1 },
    { "s", PM_FIELD_TEXT, 0, 1 },
    { "r", PM_FIELD_REAL, 0, 1 },
    { "d", PM_FIELD_DATE, PM_FIELD_NOT_NULL, 1 },
    { "bl", PM_FIELD_BLOB, 0, 1 },
    { "u", PM_FIELD_INT, 0, 1 },
};

const pm_index_def conf_diff_indexes[] = {
    { "conf_diff_by_a", 1, { D_A }, 0, 1 },
    { "conf_diff_by_s_a", 2, { D_S, D_A }, 0, 1 },
    { "conf_diff_by_d_r", 2, { D_D, D_R }, 0, 1 },
    { "conf_diff_by_u", 1, { D_U }, PM_INDEX_UNIQUE, 1 },
    { "conf_diff_by_bl_s_a_d", 4, { D_BL, D_S, D_A, D_D }, 0, 1 },
};

static const pm_field_def added_fields[] = {
    { "title", PM_FIELD_TEXT, PM_FIELD_NOT_NULL, 2 },
};

static const pm_index_def added_indexes[] = {
    { "conf_added_by_title", 1, { 0 }, 0, 2 },
};

const pm_kind_def conf_kinds_v1[] = {
    { "conf_item", I_NFIELDS, conf_item_fields, IX_NITEM, item_indexes, 1 },
    { "conf_uniq", U_NFIELDS, uniq_fields, UX_NUNIQ, uniq_indexes, 1 },
    { "conf_diff", D_NFIELDS, diff_fields, DX_NDIFF, conf_diff_indexes, 1 },
};

/* Writes of conf_uniq change the stamp (pm_storage::change_stamp). */
static const unsigned int stamped[] = { K_UNIQ };

const pm_schema conf_schema_v1 = { 1, K_NKINDS, conf_kinds_v1, 1, stamped };

/* Version 2 appends a field and an index to conf_item and adds a kind, the
 * only changes a later schema may make. */
static const pm_kind_def kinds_v2[] = {
    { "conf_item", I_NFIELDS + 1, conf_item_fields, IX_NITEM + 1, item_indexes, 1 },
    { "conf_uniq", U_NFIELDS, uniq_fields, UX_NUNIQ, uniq_indexes, 1 },
    { "conf_diff", D_NFIELDS, diff_fields, DX_NDIFF, conf_diff_indexes, 1 },
    { "conf_added", 1, added_fields, 1, added_indexes, 2 },
};

const pm_schema conf_schema_v2 = { 2, K_NKINDS + 1, kinds_v2, 1, stamped };
