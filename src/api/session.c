#include "internal.h"
#include "audit_buffer.h"
#include "org_cache.h"

struct actor_row {
    int found;
    int64_t status;
    int64_t hr_admin;
};

static int read_actor(const pm_row *row, void *payload)
{
    struct actor_row *a = payload;
    a->found = 1;
    a->status = row->values[PM_PERSON_STATUS].v.i;
    a->hr_admin = row->values[PM_PERSON_HR_ADMIN].v.i;
    return 0;
}

static pm_status session_new(pm_session **out, pm_db *db, pm_actor actor)
{
    pm_session *s = pm__calloc(1, sizeof *s);
    if (s == NULL)
        return pm_error__set(&db->error, PM_ENOMEM, "session: out of memory");
    s->db = db;
    s->actor = actor;
    db->sessions++;
    *out = s;
    return PM_OK;
}

/* Who the person is, from what a group keeps or from the store. */
static pm_status read_actor_of(struct actor_row *a, pm_db *db, pm_id person)
{
    pm_id status = 0;
    int hr_admin = 0;
    if (pm_org_cache__person(db, person, &status, &hr_admin)) {
        a->found = status != 0;
        a->status = status;
        a->hr_admin = hr_admin;
        return PM_OK;
    }
    pm_status st = db->storage->get(db->storage, PM_KIND_PERSON, person, read_actor, a);
    if (st == PM_ENOTFOUND)
        st = PM_OK;
    if (st == PM_OK)
        pm_org_cache__put_person(db, person, a->found ? (pm_id)a->status : 0, a->hr_admin != 0);
    return st;
}

pm_status pm_session_open(pm_session **out, pm_db *db, pm_id person)
{
    if (db == NULL)
        return PM_EINVAL;
    pm_error__clear(&db->error);
    if (out == NULL)
        return pm_error__set(&db->error, PM_EINVAL, "out: must not be NULL");
    *out = NULL;
    if (person <= 0)
        return pm_error__set(&db->error, PM_EINVAL, "person: %lld is not a person id",
                             (long long)person);
    struct actor_row a = { 0, 0, 0 };
    pm_status st = read_actor_of(&a, db, person);
    if (st != PM_OK)
        return pm_error__set(&db->error, st, "storage: %s", db->storage->errmsg(db->storage));
    if (!a.found)
        return pm_error__set(&db->error, PM_ENOTFOUND, "person: %lld does not exist",
                             (long long)person);
    if (a.status != PM_PERSON_ACTIVE)
        return pm_error__set(&db->error, PM_EPERM, "person: %lld has left and cannot act",
                             (long long)person);
    pm_actor actor = { person, 0, a.hr_admin != 0 };
    return session_new(out, db, actor);
}

pm_status pm_session_open_system(pm_session **out, pm_db *db)
{
    if (db == NULL)
        return PM_EINVAL;
    pm_error__clear(&db->error);
    if (out == NULL)
        return pm_error__set(&db->error, PM_EINVAL, "out: must not be NULL");
    *out = NULL;
    pm_actor actor = { 0, 1, 0 };
    return session_new(out, db, actor);
}

void pm_session_free(pm_session *s)
{
    if (s == NULL)
        return;
    if (s->in_transaction) {
        pm_api__rollback(s);
        s->db->groups--;
    }
    s->db->sessions--;
    pm__free(s);
}

pm_id pm_session_actor(const pm_session *s)
{
    return s ? s->actor.person : 0;
}

const char *pm_session_errmsg(const pm_session *s)
{
    return s ? s->error.message : "session: NULL handle";
}

pm_status pm_session_errcode(const pm_session *s)
{
    return s ? s->error.status : PM_EINVAL;
}

pm_status pm_session_begin(pm_session *s)
{
    PM_CHECK_SESSION(s);
    if (s->in_transaction)
        return pm_error__set(&s->error, PM_EMISUSE, "transaction: already open in this session");
    /* A group nested in another's starts with none of its entries. */
    pm_status st = pm_audit_buffer__flush(s);
    if (st == PM_OK)
        st = pm_api__begin(s);
    if (st == PM_OK) {
        s->in_transaction = 1;
        if (s->db->groups++ == 0)
            pm_org_cache__begin(s->db); /* a new transaction: the store may have changed */
    }
    return st;
}

pm_status pm_session_commit(pm_session *s)
{
    PM_CHECK_SESSION(s);
    if (!s->in_transaction)
        return pm_error__set(&s->error, PM_EMISUSE, "transaction: none is open in this session");
    s->in_transaction = 0;
    s->db->groups--;
    /* The group's last commit takes its waiting audit entries with it; an
     * inner one leaves them to the level around it. */
    pm_status st = s->db->groups == 0 ? pm_audit_buffer__flush(s) : PM_OK;
    if (st != PM_OK) {
        pm_api__rollback(s);
        return st;
    }
    return pm_api__commit(s);
}

pm_status pm_session_rollback(pm_session *s)
{
    PM_CHECK_SESSION(s);
    if (!s->in_transaction)
        return pm_error__set(&s->error, PM_EMISUSE, "transaction: none is open in this session");
    s->in_transaction = 0;
    s->db->groups--;
    pm_api__rollback(s);
    return PM_OK;
}
