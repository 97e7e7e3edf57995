/* People: the public person functions and the internals the organisation
 * code shares (org_internal.h). Field rules live in core/person.c, the row
 * mapping in person_snapshot.c, the iterator and search in person_iter.c;
 * this file checks rights and writes. */
#include "person_internal.h"

#include <stdio.h>
#include <string.h>

#include "../core/person.h"
#include "../util/text.h"
#include "org_cache.h"

#define PERSON_OPTS "person_opts"

/* Writes every field of p back, stamped with who changed it and when. */
static pm_status write_person(pm_session *s, const pm_person *p)
{
    pm_value values[PM_PERSON_NFIELDS];
    pm_person__values(values, p);
    pm_api__audit_update(s, values, PM_PERSON_CREATED_AT);
    return pm_api__update(s, PM_KIND_PERSON, p->id, values);
}

/* ---- internals shared with unit.c, org.c and import.c ---- */

struct load_ctx {
    pm_session *s;
    pm_person *person;
};

static int load_row(const pm_row *row, void *payload)
{
    struct load_ctx *ctx = payload;
    pm_status st = pm_person__check_row(ctx->s, row);
    if (st != PM_OK)
        return st;
    pm_person_free(ctx->person);
    ctx->person = pm_person__from_row(row);
    if (ctx->person == NULL)
        return pm_error__set(&ctx->s->error, PM_ENOMEM, "person: out of memory");
    return 0;
}

pm_status pm_person__not_found(pm_session *s, const char *field, pm_id id)
{
    return pm_error__set(&s->error, PM_ENOTFOUND, "%s: %lld does not exist", field,
                         (long long)id);
}

static int read_status(const pm_row *row, void *payload)
{
    if (row->nvalues <= PM_PERSON_STATUS || row->nvalues <= PM_PERSON_HR_ADMIN)
        return PM_ECORRUPT;
    pm_person_status_read *r = payload;
    r->found = 1;
    r->status = (pm_person_status)pm_value__as_int(&row->values[PM_PERSON_STATUS]);
    r->hr_admin = pm_value__as_int(&row->values[PM_PERSON_HR_ADMIN]) != 0;
    return 0;
}

pm_scan_item pm_person__status_item(pm_person_status_read *r, pm_id id)
{
    memset(r, 0, sizeof *r);
    r->id = pm_value__int(id);
    pm_scan scan = { PM_KIND_PERSON, PM_SCAN_BY_ID, 0, NULL, &r->id, &r->id, 0, 1 };
    r->scan = scan;
    pm_scan_item item = { &r->scan, read_status, r };
    return item;
}

/* The cache keeps the status (0 for no such person) and the HR admin flag. */
void pm_person__status_keep(pm_session *s, const pm_person_status_read *r)
{
    pm_org_cache__put_person(s->db, r->id.v.i, r->found ? (pm_id)r->status : 0, r->hr_admin);
}

pm_status pm_person__status(int *found, pm_person_status *status, pm_session *s, pm_id id)
{
    pm_id kept = 0;
    if (id > 0 && pm_org_cache__get(s->db, PM_KIND_PERSON, id, 0, &kept)) {
        *found = kept != 0;
        *status = (pm_person_status)kept;
        return PM_OK;
    }
    pm_person_status_read r;
    memset(&r, 0, sizeof r);
    r.id = pm_value__int(id);
    pm_status st = id > 0 ? pm_api__get(s, PM_KIND_PERSON, id, read_status, &r) : PM_OK;
    if (st == PM_ENOTFOUND)
        st = PM_OK;
    *found = st == PM_OK && r.found;
    *status = r.status;
    if (st == PM_OK)
        pm_person__status_keep(s, &r);
    return st;
}

pm_status pm_person__check(pm_session *s, pm_id id, const char *field, int active_only)
{
    if (id <= 0)
        return pm_error__set(&s->error, PM_EINVAL, "%s: %lld is not a person id", field,
                             (long long)id);
    int found = 0;
    pm_person_status status;
    pm_status st = pm_person__status(&found, &status, s, id);
    if (st != PM_OK)
        return st;
    if (!found)
        return pm_error__set(&s->error, PM_ENOTFOUND, "%s: person %lld does not exist", field,
                             (long long)id);
    if (active_only && status != PM_PERSON_ACTIVE)
        return pm_error__set(&s->error, PM_EINVAL, "%s: person %lld has left", field,
                             (long long)id);
    return PM_OK;
}

pm_status pm_person__load(pm_person **out, pm_session *s, pm_id id)
{
    *out = NULL;
    if (id <= 0)
        return pm_person__not_found(s, "person", id);
    struct load_ctx ctx = { s, NULL };
    pm_status st = pm_api__get(s, PM_KIND_PERSON, id, load_row, &ctx);
    if (st == PM_OK && ctx.person == NULL)
        st = PM_ENOTFOUND;
    if (st != PM_OK) {
        pm_person_free(ctx.person);
        return st == PM_ENOTFOUND ? pm_person__not_found(s, "person", id) : st;
    }
    *out = ctx.person;
    return PM_OK;
}

static int note_found(const pm_row *row, void *payload)
{
    (void)row;
    *(int *)payload = 1;
    return 0;
}

pm_status pm_person__check_exists(pm_session *s, pm_id id, const char *field)
{
    int found = 0;
    if (id > 0) {
        pm_status st = pm_api__get(s, PM_KIND_PERSON, id, note_found, &found);
        if (st != PM_OK && st != PM_ENOTFOUND)
            return st;
    }
    return found ? PM_OK : pm_person__not_found(s, field, id);
}

static pm_scan external_id_scan(const pm_value *key)
{
    pm_scan scan = { PM_KIND_PERSON, PM_PERSON_BY_EXTERNAL_ID, 1, key, NULL, NULL, 0, 1 };
    return scan;
}

/* printf precision for quoting text in a message: at most 200 bytes, cut
 * before a UTF-8 continuation byte so the message stays valid UTF-8. */
static int quoted_len(const char *text, size_t len)
{
    if (len <= 200)
        return (int)len;
    size_t cut = 200;
    while (cut > 0 && ((unsigned char)text[cut] & 0xC0u) == 0x80u)
        cut--;
    return (int)cut;
}

/* The person comes from the index scan itself: a find by external id
 * followed by a load by id would read the same row twice. */
pm_status pm_person__load_external(pm_person **out, pm_session *s, const char *external_id,
                                   size_t len)
{
    *out = NULL;
    pm_value key = pm_value__text(external_id, len);
    pm_scan scan = external_id_scan(&key);
    struct load_ctx ctx = { s, NULL };
    pm_status st = pm_api__scan(s, &scan, load_row, &ctx);
    if (st == PM_OK && ctx.person == NULL)
        return pm_error__set(&s->error, PM_ENOTFOUND, "person.external_id: no person has '%.*s'",
                             quoted_len(external_id, len), external_id);
    if (st != PM_OK) {
        pm_person_free(ctx.person);
        return st;
    }
    *out = ctx.person;
    return PM_OK;
}

static int first_id(const pm_row *row, void *payload)
{
    *(pm_id *)payload = row->id;
    return 1; /* one row answers the question */
}

/* Called after the store's unique index refused external_id, to name the
 * person who holds it. The index is what enforces the rule, so looking
 * before every write would cost a scan that only serves this message. */
static pm_status external_id_taken(pm_session *s, const char *external_id, pm_id self)
{
    pm_id holder = 0;
    size_t len = strlen(external_id);
    pm_value key = pm_value__text(external_id, len);
    pm_scan scan = external_id_scan(&key);
    pm_status st = pm_api__scan(s, &scan, first_id, &holder);
    if (st != PM_OK)
        return st;
    if (holder == 0 || holder == self)
        return PM_ECONFLICT; /* not this index: the storage message stands */
    return pm_error__set(&s->error, PM_ECONFLICT,
                         "person.external_id: '%.*s' is already used by person %lld",
                         quoted_len(external_id, len), external_id, (long long)holder);
}

static pm_status check_date(pm_session *s, const char *field, pm_date date)
{
    if (date == PM_DATE_NONE || pm_date_to_ymd(date, NULL, NULL, NULL) == PM_OK)
        return PM_OK;
    return pm_error__set(&s->error, PM_ERANGE, "%s: %ld is not a date in years 1 to 9999",
                         field, (long)date);
}

/* Unit and manager are checked before anything is written so that the
 * message names the option, not an internal step. */
static pm_status check_placement(pm_session *s, const pm_person_opts *opts)
{
    if (opts->unit < 0)
        return pm_error__set(&s->error, PM_EINVAL, "person.unit: %lld is not a unit id",
                             (long long)opts->unit);
    if (opts->manager < 0)
        return pm_error__set(&s->error, PM_EINVAL, "person.manager: %lld is not a person id",
                             (long long)opts->manager);
    pm_status st = check_date(s, "person.start", opts->start);
    if (st == PM_OK && opts->unit != 0)
        st = pm_unit__check_exists(s, opts->unit, "person.unit");
    if (st == PM_OK && opts->manager != 0)
        st = pm_person__check_exists(s, opts->manager, "person.manager");
    return st;
}

static pm_status insert_row(pm_id *out, pm_session *s, const pm_person_text *text,
                            int hr_admin)
{
    pm_person p;
    memset(&p, 0, sizeof p);
    p.external_id = text->external_id;
    p.display_name = text->display_name;
    p.name_key = text->name_key;
    p.email = text->email;
    p.status = PM_PERSON_ACTIVE;
    p.left_on = PM_DATE_NONE;
    p.hr_admin = hr_admin != 0;
    pm_value values[PM_PERSON_NFIELDS];
    pm_person__values(values, &p);
    pm_api__audit_create(s, values, PM_PERSON_CREATED_AT);
    pm_status st = pm_api__insert(s, PM_KIND_PERSON, values, out);
    return st == PM_ECONFLICT ? external_id_taken(s, text->external_id, 0) : st;
}

static pm_status place_person(pm_session *s, pm_id id, const pm_person_opts *opts)
{
    pm_date date = pm_api__date_or_today(s->db, opts->start);
    pm_status st = PM_OK;
    if (opts->unit != 0)
        st = pm_org__set_unit(s, id, opts->unit, date);
    if (st == PM_OK && opts->manager != 0)
        st = pm_org__set_manager(s, id, opts->manager, date);
    return st;
}

pm_status pm_person__insert(pm_id *out, pm_session *s, const pm_person_opts *opts)
{
    pm_status st = pm_api__check_version(s, PERSON_OPTS, opts->version, PM_PERSON_OPTS_VERSION);
    if (st != PM_OK)
        return st;
    pm_person_text text;
    st = pm_person__normalize_text(&text, opts, PM_PERSON_TEXT_CREATE, &s->error);
    if (st != PM_OK)
        return st;
    pm_id id = 0;
    st = check_placement(s, opts);
    if (st == PM_OK)
        st = insert_row(&id, s, &text, opts->hr_admin);
    if (st == PM_OK)
        st = place_person(s, id, opts);
    pm_person__text_free(&text);
    if (st == PM_OK && out != NULL)
        *out = id;
    return st;
}

static int changes_anything(const pm_person_text *text)
{
    return text->external_id || text->display_name || text->email;
}

/* Applies the given fields over the stored record; the snapshot keeps
 * ownership of its strings, so the merged view only borrows. */
static pm_status apply_text(pm_session *s, const pm_person *old, const pm_person_text *text)
{
    pm_person merged = *old;
    if (text->external_id)
        merged.external_id = text->external_id;
    if (text->display_name) {
        merged.display_name = text->display_name;
        merged.name_key = text->name_key;
    }
    if (text->email)
        merged.email = text->email;
    pm_status st = write_person(s, &merged);
    if (st == PM_ECONFLICT && text->external_id)
        st = external_id_taken(s, text->external_id, old->id);
    return st;
}

pm_status pm_person__update(pm_session *s, pm_id id, const pm_person_opts *opts)
{
    pm_status st = pm_api__check_version(s, PERSON_OPTS, opts->version, PM_PERSON_OPTS_VERSION);
    if (st != PM_OK)
        return st;
    pm_person_text text;
    st = pm_person__normalize_text(&text, opts, 0, &s->error);
    if (st != PM_OK)
        return st;
    pm_person *old = NULL;
    st = pm_person__load(&old, s, id);
    if (st == PM_OK && changes_anything(&text))
        st = apply_text(s, old, &text);
    pm_person_free(old);
    pm_person__text_free(&text);
    return st;
}

pm_status pm_person__set_hr_admin(pm_session *s, pm_id id, int hr_admin)
{
    pm_person *p = NULL;
    pm_status st = pm_person__load(&p, s, id);
    if (st != PM_OK)
        return st;
    p->hr_admin = hr_admin != 0;
    st = write_person(s, p);
    pm_person_free(p);
    return st;
}

static pm_status already_left(pm_session *s, const pm_person *p)
{
    char day[PM_DATE_BUFSIZE] = "?";
    pm_date_format(day, p->left_on);
    return pm_error__set(&s->error, PM_ECONFLICT, "person: %lld already left on %s",
                         (long long)p->id, day);
}

pm_status pm_person__set_left(pm_session *s, pm_id id, pm_date date)
{
    pm_person *p = NULL;
    pm_status st = pm_person__load(&p, s, id);
    if (st != PM_OK)
        return st;
    if (p->status != PM_PERSON_ACTIVE) {
        st = already_left(s, p);
    } else {
        p->status = PM_PERSON_LEFT;
        p->left_on = date;
        st = write_person(s, p);
        if (st == PM_OK)
            st = pm_org__end_all(s, id, date);
    }
    pm_person_free(p);
    return st;
}

pm_status pm_person__erase_identity(pm_session *s, pm_id id)
{
    pm_person *p = NULL;
    pm_status st = pm_person__load(&p, s, id);
    if (st != PM_OK)
        return st;
    char external_id[40];
    snprintf(external_id, sizeof external_id, "erased-%lld", (long long)id);
    static const char name[] = PM_PERSON_ERASED_NAME;
    char *key = NULL;
    size_t key_len = 0;
    st = pm_text__fold(&key, &key_len, name, sizeof name - 1, &s->error);
    if (st == PM_OK) {
        pm_person erased = *p; /* borrows: p keeps ownership of its strings */
        erased.external_id = external_id;
        erased.display_name = (char *)name;
        erased.name_key = key;
        erased.email = NULL;
        erased.status = PM_PERSON_ERASED;
        erased.hr_admin = 0;
        st = write_person(s, &erased);
        if (st == PM_ECONFLICT)
            st = external_id_taken(s, external_id, id);
    }
    pm__free(key);
    pm_person_free(p);
    return st;
}

/* An erased record stays as it is: no call brings a name back. */
static pm_status refuse_erased(pm_session *s, pm_id id)
{
    int found = 0;
    pm_person_status status = PM_PERSON_ACTIVE;
    pm_status st = pm_person__status(&found, &status, s, id);
    if (st == PM_OK && found && status == PM_PERSON_ERASED)
        st = pm_error__set(&s->error, PM_ECONFLICT,
                           "person: %lld was erased and cannot change", (long long)id);
    return st;
}

/* ---- public functions ---- */

pm_status pm_person_opts_init(pm_person_opts *opts, unsigned int version)
{
    static const pm_person_opts defaults = PM_PERSON_OPTS_INIT;
    return pm_api__opts_init(opts, &defaults, sizeof defaults, version, PM_PERSON_OPTS_VERSION);
}

static pm_status check_person_id(pm_session *s, pm_id id)
{
    if (id > 0)
        return PM_OK;
    return pm_error__set(&s->error, PM_EINVAL, "person: %lld is not a person id", (long long)id);
}

/* Existence first: the access rules ask how the actor stands to the
 * person, which only means something for a person who exists. */
static pm_status check_target(pm_session *s, pm_id id, pm_action action)
{
    pm_status st = check_person_id(s, id);
    if (st == PM_OK)
        st = pm_person__check_exists(s, id, "person");
    if (st == PM_OK)
        st = pm_api__authorize(s, action, id);
    if (st == PM_OK)
        st = refuse_erased(s, id);
    return st;
}

pm_status pm_person_create(pm_id *out, pm_session *s, const pm_person_opts *opts)
{
    PM_CHECK_SESSION(s);
    if (out != NULL)
        *out = 0;
    PM_CHECK_ARG(s, opts != NULL, "opts");
    pm_status st = pm_api__check_version(s, PERSON_OPTS, opts->version, PM_PERSON_OPTS_VERSION);
    if (st == PM_OK)
        st = pm_api__authorize(s, PM_ACT_ADMIN_PERSON, 0);
    if (st == PM_OK && (opts->unit != 0 || opts->manager != 0))
        st = pm_api__authorize(s, PM_ACT_ADMIN_ORG, 0);
    /* Without a unit or a manager the person is one insert, last (on a
     * conflict it only reads, to name the holder); placing them writes more. */
    int one = opts->unit == 0 && opts->manager == 0;
    if (st == PM_OK)
        st = one ? pm_api__begin_one(s) : pm_api__begin(s);
    if (st != PM_OK)
        return st;
    pm_id id = 0;
    st = pm_person__insert(&id, s, opts);
    st = one ? pm_api__finish_one(s, st) : pm_api__finish(s, st);
    if (st == PM_OK && out != NULL)
        *out = id;
    return st;
}

pm_status pm_person_update(pm_session *s, pm_id person, const pm_person_opts *opts)
{
    PM_CHECK_SESSION(s);
    PM_CHECK_ARG(s, opts != NULL, "opts");
    pm_status st = pm_api__check_version(s, PERSON_OPTS, opts->version, PM_PERSON_OPTS_VERSION);
    if (st == PM_OK)
        st = check_person_id(s, person);
    if (st == PM_OK)
        st = pm_person__check_exists(s, person, "person");
    /* The external id is the HRIS's key: only HR may change it. */
    if (st == PM_OK && opts->external_id != NULL)
        st = pm_api__authorize(s, PM_ACT_ADMIN_PERSON, person);
    if (st == PM_OK && (opts->display_name != NULL || opts->email != NULL))
        st = pm_api__authorize(s, PM_ACT_EDIT_OWN_PROFILE, person);
    if (st == PM_OK)
        st = refuse_erased(s, person);
    if (st == PM_OK)
        st = pm_api__begin_one(s);
    if (st != PM_OK)
        return st;
    /* One update, last (on a conflict it only reads, to name the holder). */
    return pm_api__finish_one(s, pm_person__update(s, person, opts));
}

pm_status pm_person_set_hr_admin(pm_session *s, pm_id person, int hr_admin)
{
    PM_CHECK_SESSION(s);
    pm_status st = check_target(s, person, PM_ACT_ADMIN_PERSON);
    if (st == PM_OK)
        st = pm_api__begin(s);
    if (st != PM_OK)
        return st;
    return pm_api__finish(s, pm_person__set_hr_admin(s, person, hr_admin));
}

pm_status pm_person_set_left(pm_session *s, pm_id person, pm_date date)
{
    PM_CHECK_SESSION(s);
    pm_status st = check_date(s, "date", date);
    if (st == PM_OK)
        st = check_target(s, person, PM_ACT_ADMIN_PERSON);
    if (st == PM_OK)
        st = pm_api__begin(s);
    if (st != PM_OK)
        return st;
    date = pm_api__date_or_today(s->db, date);
    return pm_api__finish(s, pm_person__set_left(s, person, date));
}

/* Takes p and hands it out if the actor may read it. Asked only once the
 * record is loaded, so an unknown person is reported as such rather than as
 * a question about the manager chain. */
static pm_status hand_out_visible(pm_person **out, pm_session *s, pm_person *p)
{
    pm_status st = pm_api__authorize(s, PM_ACT_READ_DIRECTORY, p->id);
    if (st != PM_OK) {
        pm_person_free(p);
        return st;
    }
    *out = p;
    return PM_OK;
}

pm_status pm_person_get(pm_person **out, pm_session *s, pm_id person)
{
    PM_CHECK_SESSION(s);
    PM_CHECK_ARG(s, out != NULL, "out");
    *out = NULL;
    pm_status st = check_person_id(s, person);
    pm_person *p = NULL;
    if (st == PM_OK)
        st = pm_person__load(&p, s, person);
    return st == PM_OK ? hand_out_visible(out, s, p) : st;
}

pm_status pm_person_lookup(pm_person **out, pm_session *s, const char *external_id)
{
    PM_CHECK_SESSION(s);
    PM_CHECK_ARG(s, out != NULL, "out");
    *out = NULL;
    PM_CHECK_ARG(s, external_id != NULL, "external_id");
    char *normal = NULL;
    size_t len = 0;
    pm_status st = pm_text__normalize(&normal, &len, external_id, 0, "external_id", 0,
                                      PM_TEXT_REQUIRED, &s->error);
    if (st != PM_OK)
        return st;
    pm_person *p = NULL;
    st = pm_person__load_external(&p, s, normal, len);
    pm__free(normal);
    return st == PM_OK ? hand_out_visible(out, s, p) : st;
}
