/* Row operations of the PostgreSQL backend: insert, update, remove and
 * get, with their prepared statements cached per kind. Values are in
 * pg_values.c, scans in pg_scan.c.
 *
 * Ids: every kind has a sequence stepping by PM_PG_ID_BLOCK, so one
 * nextval() gives this instance the ids [v, v + 64) to hand out without
 * asking again. Sequences ignore rollbacks, so no id is ever issued twice;
 * ids an instance held but did not use stay unused, as do the rest of a
 * block when its transaction ends (pg_begin() in pg.c says why).
 *
 * Inserts into a kind without a unique index cannot fail once checked, so
 * they go into the pipeline without waiting (pg_conn.c): the next call
 * that needs an answer reads their results. A kind with a unique index
 * inserts with ON CONFLICT DO NOTHING and waits: no row inserted is
 * PM_ECONFLICT, and the transaction goes on. An update that writes a field
 * of a unique index runs inside a savepoint for the same reason. */
#include "pg_internal.h"

#include <stdio.h>
#include <string.h>

#include "../util/alloc.h"

/* ---- guards ------------------------------------------------------------- */

pm_status pm_pg__check_kind(pm_pg *p, unsigned int kind, const char *op)
{
    if (p->schema == NULL)
        return pm_pg__set_error(p, PM_EMISUSE, "%s: prepare() has not been called", op);
    if (kind >= p->schema->nkinds)
        return pm_pg__set_error(p, PM_EINVAL, "%s: kind %u does not exist (the schema has %u)",
                                op, kind, p->schema->nkinds);
    return PM_OK;
}

static pm_status check_writable(pm_pg *p, unsigned int kind, const char *op)
{
    pm_status st = pm_pg__check_kind(p, kind, op);
    if (st != PM_OK)
        return st;
    const char *name = p->schema->kinds[kind].name;
    if (p->flags & PM_POSTGRESQL_READONLY)
        return pm_pg__set_error(p, PM_EREADONLY, "%s %s: the store is open read-only", op, name);
    if (p->depth == 0)
        return pm_pg__set_error(p, PM_EMISUSE,
                                "%s %s: writes need a transaction (call begin() first)", op, name);
    char what[160];
    snprintf(what, sizeof what, "%s %s", op, name);
    return pm_pg__usable(p, what);
}

/* Checks the values of the fields in mask (bits past the kind's fields are clear). */
static pm_status check_row_values(pm_pg *p, const pm_kind_def *k, const pm_value *values,
                                  uint64_t mask)
{
    if (values == NULL && mask != 0)
        return pm_pg__set_error(p, PM_EINVAL, "%s: values must not be NULL", k->name);
    for (unsigned int i = 0; i < k->nfields; i++) {
        if (!(mask & PM_UPDATE_FIELD(i)))
            continue;
        const pm_field_def *f = &k->fields[i];
        pm_status st = pm_pg__check_value(p, k, f->name, f->type, f->flags, &values[i], 1);
        if (st != PM_OK)
            return st;
    }
    return PM_OK;
}

/* PM_UPDATE_FIELD() of every field of k. */
static uint64_t all_fields(const pm_kind_def *k)
{
    return k->nfields >= PM_KIND_MAX_FIELDS ? PM_UPDATE_ALL_FIELDS
                                             : PM_UPDATE_FIELD(k->nfields) - 1;
}

/* ---- statements ----------------------------------------------------------- */

void pm_pg__sql_add(pm_buf *sql, pm_status *st, const char *text)
{
    if (*st == PM_OK)
        *st = pm_buf__appends(sql, text);
}

/* Names are checked in prepare() to hold no quote, so quoting is wrapping. */
void pm_pg__sql_ident(pm_buf *sql, pm_status *st, const char *name)
{
    if (*st == PM_OK)
        *st = pm_buf__printf(sql, "\"%s\"", name);
}

void pm_pg__sql_columns(pm_buf *sql, pm_status *st, const pm_kind_def *k, int with_id)
{
    if (with_id)
        pm_pg__sql_add(sql, st, "\"id\"");
    for (unsigned int i = 0; i < k->nfields; i++) {
        if (with_id || i > 0)
            pm_pg__sql_add(sql, st, ", ");
        pm_pg__sql_ident(sql, st, k->fields[i].name);
    }
}

typedef enum kind_op { OP_INSERT, OP_REMOVE, OP_GET, OP_NEXT_IDS } kind_op;

static void build_kind_sql(pm_buf *sql, pm_status *st, const pm_pg *p, const pm_kind_def *k,
                           kind_op op, int unique)
{
    char param[16];
    switch (op) {
    case OP_INSERT:
        pm_pg__sql_add(sql, st, "INSERT INTO ");
        pm_pg__sql_table(sql, st, p, k->name);
        pm_pg__sql_add(sql, st, " (");
        pm_pg__sql_columns(sql, st, k, 1);
        pm_pg__sql_add(sql, st, ") VALUES ($1");
        for (unsigned int i = 0; i < k->nfields; i++) {
            snprintf(param, sizeof param, ", $%u", i + 2);
            pm_pg__sql_add(sql, st, param);
        }
        pm_pg__sql_add(sql, st, unique ? ") ON CONFLICT DO NOTHING" : ")");
        break;
    case OP_REMOVE:
        pm_pg__sql_add(sql, st, "DELETE FROM ");
        pm_pg__sql_table(sql, st, p, k->name);
        pm_pg__sql_add(sql, st, " WHERE \"id\" = $1");
        break;
    case OP_NEXT_IDS:
        pm_pg__sql_add(sql, st, "SELECT pg_catalog.nextval('");
        pm_pg__sql_add(sql, st, p->quoted_schema);
        pm_pg__sql_add(sql, st, ".\"");
        pm_pg__sql_add(sql, st, k->name);
        pm_pg__sql_add(sql, st, "_id_seq\"')");
        break;
    case OP_GET:
    default:
        pm_pg__sql_add(sql, st, "SELECT ");
        pm_pg__sql_columns(sql, st, k, 1);
        pm_pg__sql_add(sql, st, " FROM ");
        pm_pg__sql_table(sql, st, p, k->name);
        pm_pg__sql_add(sql, st, " WHERE \"id\" = $1");
        break;
    }
}

static pm_status kind_stmt(pm_pg *p, unsigned int kind, kind_op op, pm_pg_stmt **out)
{
    pm_pg_kind *cache = &p->kinds[kind];
    const pm_kind_def *k = &p->schema->kinds[kind];
    pm_pg_stmt *slot = op == OP_INSERT ? &cache->insert
                     : op == OP_REMOVE ? &cache->remove
                     : op == OP_NEXT_IDS ? &cache->next_ids
                                         : &cache->get;
    if (!pm_pg__stmt_ready(p, slot)) {
        Oid types[PM_PG_MAX_PARAMS];
        unsigned int ntypes = 0;
        if (op != OP_NEXT_IDS)
            types[ntypes++] = PM_PG_INT8OID;
        if (op == OP_INSERT)
            for (unsigned int i = 0; i < k->nfields; i++)
                types[ntypes++] = pm_pg__type_oid(k->fields[i].type);
        pm_buf sql = PM_BUF_INIT;
        pm_status st = PM_OK;
        build_kind_sql(&sql, &st, p, k, op, cache->unique_fields != 0);
        st = pm_pg__send_prepare(p, slot, &sql, st, types, ntypes, k->name);
        if (st != PM_OK)
            return st;
    }
    *out = slot;
    return PM_OK;
}

/* UPDATE "kind" SET "f" = $1, ... WHERE "id" = $n for the fields in mask
 * (not 0). Only those columns are set: PostgreSQL then leaves the indexes
 * of the others alone when it can (a HOT update). */
static void build_update_sql(pm_buf *sql, pm_status *st, const pm_pg *p, const pm_kind_def *k,
                             uint64_t mask, Oid *types, unsigned int *ntypes)
{
    char param[32];
    const char *sep = " SET ";
    pm_pg__sql_add(sql, st, "UPDATE ");
    pm_pg__sql_table(sql, st, p, k->name);
    for (unsigned int i = 0; i < k->nfields; i++) {
        if (!(mask & PM_UPDATE_FIELD(i)))
            continue;
        pm_pg__sql_add(sql, st, sep);
        pm_pg__sql_ident(sql, st, k->fields[i].name);
        types[*ntypes] = pm_pg__type_oid(k->fields[i].type);
        snprintf(param, sizeof param, " = $%u", ++*ntypes);
        pm_pg__sql_add(sql, st, param);
        sep = ", ";
    }
    types[*ntypes] = PM_PG_INT8OID;
    snprintf(param, sizeof param, " WHERE \"id\" = $%u", ++*ntypes);
    pm_pg__sql_add(sql, st, param);
}

/* Deallocates a statement on the server too, in the pipeline: an evicted
 * UPDATE would otherwise stay prepared there for the session's life. */
static void forget_stmt(pm_pg *p, pm_pg_stmt *stmt)
{
    if (pm_pg__stmt_ready(p, stmt)) {
        char sql[40];
        snprintf(sql, sizeof sql, "DEALLOCATE pm%u", stmt->number);
        pm_pg__send_text(p, sql, 0, "update");
    }
    memset(stmt, 0, sizeof *stmt);
}

/* The UPDATE for the fields in mask (not 0, within the kind's fields): the
 * all-fields one has a slot of its own; others share a small cache per kind
 * that replaces its slots in turn once full. */
static pm_status update_stmt(pm_pg *p, unsigned int kind, uint64_t mask, pm_pg_stmt **out)
{
    pm_pg_kind *cache = &p->kinds[kind];
    const pm_kind_def *k = &p->schema->kinds[kind];
    pm_pg_stmt *slot;
    if (mask == all_fields(k)) {
        slot = &cache->update;
    } else {
        unsigned int i = 0;
        while (i < cache->nupdates && cache->updates[i].mask != mask)
            i++;
        if (i == PM_PG_UPDATE_CACHE) {
            i = cache->next_evict;
            cache->next_evict = (i + 1) % PM_PG_UPDATE_CACHE;
            forget_stmt(p, &cache->updates[i].stmt);
        } else if (i == cache->nupdates) {
            memset(&cache->updates[cache->nupdates++].stmt, 0, sizeof(pm_pg_stmt));
        }
        cache->updates[i].mask = mask;
        slot = &cache->updates[i].stmt;
    }
    if (!pm_pg__stmt_ready(p, slot)) {
        Oid types[PM_PG_MAX_PARAMS];
        unsigned int ntypes = 0;
        pm_buf sql = PM_BUF_INIT;
        pm_status st = PM_OK;
        build_update_sql(&sql, &st, p, k, mask, types, &ntypes);
        st = pm_pg__send_prepare(p, slot, &sql, st, types, ntypes, k->name);
        if (st != PM_OK)
            return st;
    }
    *out = slot;
    return PM_OK;
}

void pm_pg__free_statements(pm_pg *p)
{
    if (p->kinds == NULL)
        return;
    for (unsigned int i = 0; i < p->nkinds; i++)
        pm_pg__free_scans(&p->kinds[i]);
}

/* ---- writes --------------------------------------------------------------- */

static pm_status no_record(pm_pg *p, const pm_kind_def *k, pm_id id)
{
    return pm_pg__set_error(p, PM_ENOTFOUND, "%s: no record with id %lld", k->name,
                            (long long)id);
}

/* Takes the next id of the kind's block, asking the sequence for a new
 * block when it is used up. */
static pm_status take_id(pm_pg *p, unsigned int kind, const char *what, pm_id *out)
{
    pm_pg_kind *cache = &p->kinds[kind];
    if (cache->next_id == cache->end_id) {
        pm_pg_stmt *stmt = NULL;
        PGresult *res = NULL;
        pm_status st = kind_stmt(p, kind, OP_NEXT_IDS, &stmt);
        if (st == PM_OK)
            st = pm_pg__send(p, stmt, NULL, 1, what);
        if (st == PM_OK)
            st = pm_pg__sync(p, &res, 1, what);
        if (st == PM_OK && (PQntuples(res) != 1 || PQgetlength(res, 0, 0) != 8))
            st = pm_pg__set_error(p, PM_ESTORAGE, "postgresql: %s: nextval() sent no id", what);
        if (st == PM_OK) {
            int64_t first = (int64_t)pm_pg__get_be(PQgetvalue(res, 0, 0), 8);
            cache->next_id = first;
            cache->end_id = first > INT64_MAX - PM_PG_ID_BLOCK ? INT64_MAX
                                                               : first + PM_PG_ID_BLOCK;
        }
        PQclear(res);
        if (st != PM_OK)
            return st;
    }
    *out = cache->next_id++;
    return PM_OK;
}

static pm_status conflict(pm_pg *p, const pm_kind_def *k, const char *op)
{
    char names[200] = "";
    size_t used = 0;
    unsigned int n = 0;
    for (unsigned int i = 0; i < k->nindexes; i++) {
        if (!(k->indexes[i].flags & PM_INDEX_UNIQUE))
            continue;
        int w = snprintf(names + used, sizeof names - used, "%s%s", n ? " or " : "",
                         k->indexes[i].name);
        if (w > 0 && (size_t)w < sizeof names - used)
            used += (size_t)w;
        n++;
    }
    return pm_pg__set_error(p, PM_ECONFLICT,
                            "%s %s: another record has the same values in unique index %s", op,
                            k->name, names);
}

pm_status pm_pg__insert(pm_storage *storage, unsigned int kind, const pm_value *values,
                        pm_id *id)
{
    pm_pg *p = (pm_pg *)storage;
    pm_status st = check_writable(p, kind, "insert into");
    if (st != PM_OK)
        return st;
    const pm_kind_def *k = &p->schema->kinds[kind];
    if (id == NULL)
        return pm_pg__set_error(p, PM_EINVAL, "insert into %s: id must not be NULL", k->name);
    char what[160];
    snprintf(what, sizeof what, "insert into %s", k->name);
    pm_pg_stmt *stmt = NULL;
    pm_id new_id = 0;
    st = check_row_values(p, k, values, all_fields(k));
    if (st == PM_OK)
        st = kind_stmt(p, kind, OP_INSERT, &stmt);
    if (st == PM_OK)
        st = take_id(p, kind, what, &new_id);
    if (st != PM_OK)
        return st;
    pm_pg_params params;
    params.n = 0;
    pm_pg__param_int8(&params, new_id);
    for (unsigned int i = 0; i < k->nfields; i++)
        pm_pg__param(&params, k->fields[i].type, &values[i]);
    int wait = p->kinds[kind].unique_fields != 0;
    st = pm_pg__send(p, stmt, &params, wait, what);
    if (st != PM_OK)
        return st;
    if (!wait) {
        if (p->queued >= PM_PG_PIPELINE_MAX)
            st = pm_pg__flush(p, what);
        if (st == PM_OK)
            *id = new_id;
        return st;
    }
    PGresult *res = NULL;
    st = pm_pg__sync(p, &res, 1, what);
    if (st == PM_OK && pm_pg__changed(res) == 0)
        st = conflict(p, k, "insert into");
    PQclear(res);
    if (st == PM_OK)
        *id = new_id;
    return st;
}

typedef struct get_ctx {
    const pm_kind_def *k;
    pm_storage_row_cb cb;
    void *payload;
    int rows;
} get_ctx;

static int get_row(pm_pg *p, const PGresult *res, int row, void *ctx)
{
    get_ctx *g = ctx;
    g->rows++;
    return pm_pg__deliver(p, res, row, g->k, g->cb, g->payload);
}

static int count_row(pm_pg *p, const PGresult *res, int row, void *ctx)
{
    (void)p;
    (void)res;
    (void)row;
    ((get_ctx *)ctx)->rows++;
    return 0;
}

/* PM_OK when record id exists, PM_ENOTFOUND when not. */
static pm_status check_exists(pm_pg *p, unsigned int kind, pm_id id, const char *what)
{
    pm_pg_stmt *stmt = NULL;
    pm_status st = kind_stmt(p, kind, OP_GET, &stmt);
    if (st != PM_OK)
        return st;
    pm_pg_params params;
    params.n = 0;
    pm_pg__param_int8(&params, id);
    get_ctx g = { &p->schema->kinds[kind], NULL, NULL, 0 };
    st = pm_pg__send(p, stmt, &params, 1, what);
    if (st == PM_OK)
        st = pm_pg__sync_rows(p, count_row, &g, NULL, what);
    if (st == PM_OK && g.rows == 0)
        st = no_record(p, &p->schema->kinds[kind], id);
    return st;
}

/* An update that writes a field of a unique index may conflict: it runs
 * inside a savepoint, sent with it in one round trip, so that the server's
 * unique violation is undone without ending the caller's transaction. */
static pm_status run_update(pm_pg *p, pm_pg_stmt *stmt, const pm_pg_params *params,
                            const pm_kind_def *k, int guarded, long *changed, const char *what)
{
    PGresult *res[3] = { NULL, NULL, NULL };
    pm_status st = PM_OK;
    if (guarded)
        st = pm_pg__send_text(p, "SAVEPOINT pm_update", 1, what);
    if (st == PM_OK)
        st = pm_pg__send(p, stmt, params, 1, what);
    if (st == PM_OK && guarded)
        st = pm_pg__send_text(p, "RELEASE SAVEPOINT pm_update", 1, what);
    if (st == PM_OK)
        st = pm_pg__sync(p, res, guarded ? 3 : 1, what);
    if (st == PM_OK)
        *changed = pm_pg__changed(res[guarded ? 1 : 0]);
    for (int i = 0; i < 3; i++)
        PQclear(res[i]);
    if (st != PM_ECONFLICT || !guarded || p->reconnect)
        return st;
    char message[PM_ERRMSG_MAX];
    memcpy(message, p->errmsg, sizeof message);
    p->lost = 0;
    pm_status undo = pm_pg__send_text(p, "ROLLBACK TO SAVEPOINT pm_update", 1, what);
    if (undo == PM_OK)
        undo = pm_pg__send_text(p, "RELEASE SAVEPOINT pm_update", 1, what);
    if (undo == PM_OK)
        undo = pm_pg__sync(p, NULL, 0, what);
    if (undo != PM_OK)
        return undo; /* the transaction is lost after all */
    memcpy(p->errmsg, message, sizeof message);
    (void)k;
    return PM_ECONFLICT;
}

pm_status pm_pg__update(pm_storage *storage, unsigned int kind, pm_id id,
                        const pm_value *values, uint64_t fields)
{
    pm_pg *p = (pm_pg *)storage;
    pm_status st = check_writable(p, kind, "update of");
    if (st != PM_OK)
        return st;
    const pm_kind_def *k = &p->schema->kinds[kind];
    char what[160];
    snprintf(what, sizeof what, "update of %s", k->name);
    uint64_t mask = fields & all_fields(k);
    st = check_row_values(p, k, values, mask);
    if (st != PM_OK)
        return st;
    if (mask == 0)
        return check_exists(p, kind, id, what);
    pm_pg_stmt *stmt = NULL;
    st = update_stmt(p, kind, mask, &stmt);
    if (st != PM_OK)
        return st;
    pm_pg_params params;
    params.n = 0;
    for (unsigned int i = 0; i < k->nfields; i++)
        if (mask & PM_UPDATE_FIELD(i))
            pm_pg__param(&params, k->fields[i].type, &values[i]);
    pm_pg__param_int8(&params, id);
    long changed = 0;
    st = run_update(p, stmt, &params, k, (mask & p->kinds[kind].unique_fields) != 0, &changed,
                    what);
    if (st == PM_OK && changed == 0)
        st = no_record(p, k, id);
    return st;
}

pm_status pm_pg__remove(pm_storage *storage, unsigned int kind, pm_id id)
{
    pm_pg *p = (pm_pg *)storage;
    pm_status st = check_writable(p, kind, "remove from");
    if (st != PM_OK)
        return st;
    const pm_kind_def *k = &p->schema->kinds[kind];
    char what[160];
    snprintf(what, sizeof what, "remove from %s", k->name);
    pm_pg_stmt *stmt = NULL;
    st = kind_stmt(p, kind, OP_REMOVE, &stmt);
    if (st != PM_OK)
        return st;
    pm_pg_params params;
    params.n = 0;
    pm_pg__param_int8(&params, id);
    PGresult *res = NULL;
    st = pm_pg__send(p, stmt, &params, 1, what);
    if (st == PM_OK)
        st = pm_pg__sync(p, &res, 1, what);
    if (st == PM_OK && pm_pg__changed(res) == 0)
        st = no_record(p, k, id);
    PQclear(res);
    return st;
}

/* ---- reads ---------------------------------------------------------------- */

pm_status pm_pg__get(pm_storage *storage, unsigned int kind, pm_id id, pm_storage_row_cb cb,
                     void *payload)
{
    pm_pg *p = (pm_pg *)storage;
    pm_status st = pm_pg__check_kind(p, kind, "get");
    if (st != PM_OK)
        return st;
    const pm_kind_def *k = &p->schema->kinds[kind];
    if (cb == NULL)
        return pm_pg__set_error(p, PM_EINVAL, "get from %s: cb must not be NULL", k->name);
    char what[160];
    snprintf(what, sizeof what, "get from %s", k->name);
    pm_pg_stmt *stmt = NULL;
    pm_pg_params params;
    params.n = 0;
    pm_pg__param_int8(&params, id);
    get_ctx g = { k, cb, payload, 0 };
    for (int attempt = 0;; attempt++) {
        st = pm_pg__usable(p, what);
        if (st == PM_OK)
            st = kind_stmt(p, kind, OP_GET, &stmt);
        if (st == PM_OK)
            st = pm_pg__send(p, stmt, &params, 1, what);
        if (st == PM_OK)
            st = pm_pg__sync_rows(p, get_row, &g, NULL, what);
        if (g.rows > 0 || !pm_pg__retry(p, st, attempt))
            break;
    }
    if (st == PM_OK && g.rows == 0)
        st = no_record(p, k, id);
    return st;
}
