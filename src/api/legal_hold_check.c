/* Whether a person is under a legal hold: one look-up in the hold index
 * (unique by person), for the operations that must leave a held person's
 * records alone (retention purges, erasure). */
#include "audit_internal.h"

static int found_hold(const pm_row *row, void *payload)
{
    (void)row;
    *(int *)payload = 1;
    return 1;
}

pm_status pm_legal_hold__is_held(pm_session *s, pm_id person, int *held)
{
    *held = 0;
    if (person <= 0)
        return PM_OK;
    pm_value eq = pm_value__int(person);
    pm_scan scan = { PM_KIND_LEGAL_HOLD, PM_HOLD_BY_PERSON, 1, &eq, NULL, NULL,
                     PM_SCAN_INDEX_ONLY, 1 };
    return pm_api__scan(s, &scan, found_hold, held);
}
