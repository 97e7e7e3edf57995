/* The change stamp of the PostgreSQL backend (pm_storage::change_stamp).
 *
 * A statement trigger on each stamped table adds one to this connection's
 * row of perfmgmt_stamp(backend, changes), keyed by the server process,
 * once per transaction that writes them:
 * two writers never touch the same row, so stamping adds no conflict
 * between them (one shared counter would make concurrent writers of the
 * organisation fail each other under REPEATABLE READ). The stamp is the
 * sum of the rows the reading transaction sees. A commit that wrote a
 * stamped table raises it, and rows are never removed, so two snapshots
 * taken one after the other see the same sum only when no such commit
 * came between them. A trigger counts every writer, psql included.
 *
 * The triggers are made by prepare() (pm_pg__stamp_ddl) and the stamped
 * tables recorded in perfmgmt_meta under "stamped"; a store opened
 * read-only whose record differs from the schema's cannot tell, and says
 * PM_EUNSUPPORTED. */
#include "pg_internal.h"

#include <string.h>

#define STAMP_TABLE "perfmgmt_stamp"
#define STAMP_FUNCTION "perfmgmt_stamp_bump"
#define STAMP_TRIGGER "perfmgmt_stamp"
#define STAMP_SETTING "perfmgmt.stamped"

void pm_pg__stamped_list(char *out, size_t size, const pm_schema *schema)
{
    size_t used = 0;
    out[0] = '\0';
    for (unsigned int i = 0; i < schema->nstamped; i++) {
        const char *name = schema->kinds[schema->stamped[i]].name;
        size_t len = strlen(name);
        if (used + len + 2 > size) { /* longer than a key holds: never equal to a list */
            out[0] = '\0';
            return;
        }
        if (used > 0)
            out[used++] = ',';
        memcpy(out + used, name, len + 1);
        used += len;
    }
}

void pm_pg__stamp_ddl(pm_buf *sql, pm_status *st, const pm_pg *p, const pm_schema *schema,
                      const char *list)
{
    pm_pg__sql_add(sql, st, "CREATE TABLE IF NOT EXISTS ");
    pm_pg__sql_table(sql, st, p, STAMP_TABLE);
    pm_pg__sql_add(sql, st, " (backend integer PRIMARY KEY, changes bigint NOT NULL);"
                            "CREATE OR REPLACE FUNCTION ");
    pm_pg__sql_table(sql, st, p, STAMP_FUNCTION);
    /* Once per transaction and tenant: each bump of the same row in one
     * transaction leaves a row version that stays until it ends, and the
     * next bump's look-up walks them all (an import slowed threefold). A
     * setting local to the transaction, undone with a rolled-back
     * savepoint, remembers the tenant last bumped. */
    pm_pg__sql_add(sql, st, "() RETURNS trigger LANGUAGE plpgsql AS $pm$BEGIN"
                            " IF pg_catalog.current_setting('" STAMP_SETTING "', true)"
                            " IS DISTINCT FROM '");
    pm_pg__sql_add(sql, st, p->schema_name); /* letters, digits and '_' */
    pm_pg__sql_add(sql, st, "' THEN PERFORM pg_catalog.set_config('" STAMP_SETTING "', '");
    pm_pg__sql_add(sql, st, p->schema_name);
    pm_pg__sql_add(sql, st, "', true); INSERT INTO ");
    pm_pg__sql_table(sql, st, p, STAMP_TABLE);
    pm_pg__sql_add(sql, st, " AS t VALUES (pg_catalog.pg_backend_pid(), 1)"
                            " ON CONFLICT (backend) DO UPDATE SET changes = t.changes + 1;"
                            " END IF; RETURN NULL; END$pm$;");
    /* Every table loses the trigger, then the stamped ones get it: the
     * list may have changed since the store was stamped. */
    for (unsigned int i = 0; i < schema->nkinds; i++) {
        pm_pg__sql_add(sql, st, "DROP TRIGGER IF EXISTS " STAMP_TRIGGER " ON ");
        pm_pg__sql_table(sql, st, p, schema->kinds[i].name);
        pm_pg__sql_add(sql, st, ";");
    }
    for (unsigned int i = 0; i < schema->nstamped; i++) {
        pm_pg__sql_add(sql, st, "CREATE TRIGGER " STAMP_TRIGGER
                                " AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON ");
        pm_pg__sql_table(sql, st, p, schema->kinds[schema->stamped[i]].name);
        pm_pg__sql_add(sql, st, " FOR EACH STATEMENT EXECUTE FUNCTION ");
        pm_pg__sql_table(sql, st, p, STAMP_FUNCTION);
        pm_pg__sql_add(sql, st, "();");
    }
    pm_pg__sql_add(sql, st, "INSERT INTO ");
    pm_pg__sql_table(sql, st, p, "perfmgmt_meta");
    pm_pg__sql_add(sql, st, " VALUES ('stamped', '");
    pm_pg__sql_add(sql, st, list); /* table names: letters, digits, '_' and ',' */
    pm_pg__sql_add(sql, st, "') ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value;");
}

pm_status pm_pg__change_stamp(pm_storage *storage, uint64_t *out)
{
    pm_pg *p = (pm_pg *)storage;
    if (p->schema == NULL)
        return pm_pg__set_error(p, PM_EMISUSE, "change_stamp: prepare() has not been called");
    if (!p->stamped)
        return pm_pg__set_error(p, PM_EUNSUPPORTED,
                                "change_stamp: the store's tables are not stamped for this "
                                "schema (opened read-only before an upgrade stamped them)");
    pm_status st = pm_pg__usable(p, "change_stamp");
    if (st == PM_OK && !pm_pg__stmt_ready(p, &p->stamp)) {
        pm_buf sql = PM_BUF_INIT;
        pm_pg__sql_add(&sql, &st, "SELECT coalesce(sum(changes), 0)::bigint FROM ");
        pm_pg__sql_table(&sql, &st, p, STAMP_TABLE);
        st = pm_pg__send_prepare(p, &p->stamp, &sql, st, NULL, 0, STAMP_TABLE);
    }
    PGresult *res = NULL;
    if (st == PM_OK)
        st = pm_pg__send(p, &p->stamp, NULL, 1, "reading the change stamp");
    if (st == PM_OK)
        st = pm_pg__sync(p, &res, 1, "reading the change stamp");
    if (st == PM_OK && (PQntuples(res) != 1 || PQgetlength(res, 0, 0) != 8))
        st = pm_pg__set_error(p, PM_ESTORAGE, "postgresql: the change stamp is not a number");
    if (st == PM_OK)
        *out = pm_pg__get_be(PQgetvalue(res, 0, 0), 8);
    PQclear(res);
    return st;
}
