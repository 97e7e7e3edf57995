/* What the benchmarks' perfmgmt sides share; see bench_pm.h. */
#include "bench_pm.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

pm_time bench_clock;

static pm_time fixed_clock(void *payload)
{
    return *(const pm_time *)payload;
}

void bench_pm_open(bench_pm_side *side, const char *path, pm_time *clock,
                   const char *secret)
{
    char uri[BENCH_PATH_SIZE + 16];
    snprintf(uri, sizeof uri, "sqlite:%s", path);
    /* The secret is never stored; the store only keys its anonymous tags with it. */
    pm_db_opts opts = PM_DB_OPTS_INIT;
    opts.secret = secret;
    opts.secret_len = secret != NULL ? strlen(secret) : 0;
    char *errmsg = NULL;
    if (pm_db_open(&side->db, &errmsg, uri, secret != NULL ? &opts : NULL) != PM_OK)
        bench_die("pm_db_open", errmsg);
    if (clock != NULL && pm_db_set_clock(side->db, fixed_clock, clock) != PM_OK)
        bench_die("pm_db_set_clock", pm_db_errmsg(side->db));
    if (pm_session_open_system(&side->session, side->db) != PM_OK)
        bench_die("pm_session_open_system", pm_db_errmsg(side->db));
}

void bench_pm_close(bench_pm_side *side)
{
    pm_session_free(side->session);
    pm_db_close(side->db);
}

void bench_pm_check(pm_session *s, pm_status st, const char *what)
{
    if (st == PM_OK)
        return;
    char detail[1024];
    snprintf(detail, sizeof detail, "%s (%s)", s != NULL ? pm_session_errmsg(s) : "",
             pm_status_str(st));
    bench_die(what, detail);
}

pm_session *bench_pm_session(bench_pm_side *side, pm_id person)
{
    pm_session *s = NULL;
    if (pm_session_open(&s, side->db, person) != PM_OK)
        bench_die("pm_session_open", pm_db_errmsg(side->db));
    return s;
}

pm_id bench_pm_person_id(pm_session *s, const char *external_id)
{
    pm_person *p = NULL;
    bench_pm_check(s, pm_person_lookup(&p, s, external_id), "pm_person_lookup");
    pm_id id = pm_person_id(p);
    pm_person_free(p);
    return id;
}

pm_date bench_pm_date(int year, int month, int day)
{
    pm_date out = 0;
    if (pm_date_from_ymd(&out, year, month, day) != PM_OK)
        bench_die("date", "invalid");
    return out;
}

/* ---- the organisation ---- */

#define PATH_SIZE 128
#define PATH_DEPTH 4

/* "Org", "Org/Team" or "Org/D3/D3-5": the unit and the units above it. */
static void unit_path(char buf[PATH_SIZE], const bench_org_source *org, long unit)
{
    bench_unit names[PATH_DEPTH];
    int depth = 0;
    for (long u = unit; u >= 0 && depth < PATH_DEPTH; u = names[depth++].parent)
        org->unit(&names[depth], u, org->payload);
    buf[0] = '\0';
    for (int i = depth - 1; i >= 0; i--) {
        /* PATH_DEPTH names of under 32 bytes and their slashes fit */
        strcat(buf, names[i].name);
        if (i > 0)
            strcat(buf, "/");
    }
}

static char *org_csv(const bench_org_source *org, size_t *len)
{
    size_t cap = (size_t)org->people * 160 + 128, used = 0;
    char *csv = malloc(cap);
    if (csv == NULL)
        bench_die("csv", "out of memory");
    used += (size_t)snprintf(csv, cap,
                             "external_id,name,email,manager_external_id,unit_path,hr_admin\n");
    for (long i = 0; i < org->people; i++) {
        bench_person p, manager;
        org->person(&p, i, org->payload);
        if (p.manager >= 0)
            org->person(&manager, p.manager, org->payload);
        char unit[PATH_SIZE];
        unit_path(unit, org, p.unit);
        int n = snprintf(csv + used, cap - used, "%s,%s,%s,%s,%s,%s\n", p.external_id,
                         p.display_name, p.email, p.manager >= 0 ? manager.external_id : "",
                         unit, p.hr_admin ? "yes" : "no");
        if (n < 0 || (size_t)n >= cap - used)
            bench_die("csv", "buffer too small");
        used += (size_t)n;
    }
    *len = used;
    return csv;
}

bench_timing bench_pm_import_org(bench_pm_side *side, const bench_org_source *org)
{
    pm_import_opts opts = PM_IMPORT_OPTS_INIT;
    if (pm_date_parse(&opts.date, org->day) != PM_OK)
        bench_die("org day", org->day);
    size_t len = 0;
    char *csv = org_csv(org, &len);
    double t0 = bench_now_seconds();
    bench_pm_check(side->session, pm_import_csv(side->session, csv, len, &opts, NULL),
                   "pm_import_csv");
    double seconds = bench_now_seconds() - t0;
    free(csv);
    return (bench_timing){ seconds, org->people };
}
