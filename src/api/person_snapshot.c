/* Person snapshots (pm_person): made from a stored row, turned back into
 * row values for a write, read through the public getters, freed. */
#include "person_internal.h"

#include <string.h>

pm_status pm_person__check_row(pm_session *s, const pm_row *row)
{
    if (row->nvalues >= PM_PERSON_NFIELDS)
        return PM_OK;
    return pm_error__set(&s->error, PM_ECORRUPT,
                         "person: stored row %lld has %u fields, expected %d",
                         (long long)row->id, row->nvalues, (int)PM_PERSON_NFIELDS);
}

pm_person *pm_person__from_row(const pm_row *row)
{
    pm_person *p = pm__calloc(1, sizeof *p);
    if (p == NULL)
        return NULL;
    const pm_value *v = row->values;
    p->id = row->id;
    p->external_id = pm_value__text_copy(&v[PM_PERSON_EXTERNAL_ID]);
    p->display_name = pm_value__text_copy(&v[PM_PERSON_DISPLAY_NAME]);
    p->name_key = pm_value__text_copy(&v[PM_PERSON_NAME_KEY]);
    p->email = pm_value__text_copy(&v[PM_PERSON_EMAIL]);
    if (!p->external_id || !p->display_name || !p->name_key || !p->email) {
        pm_person_free(p);
        return NULL;
    }
    p->status = (pm_person_status)pm_value__as_int(&v[PM_PERSON_STATUS]);
    p->left_on = pm_value__as_date(&v[PM_PERSON_LEFT_ON]);
    p->hr_admin = pm_value__as_int(&v[PM_PERSON_HR_ADMIN]) != 0;
    p->created_at = pm_value__as_int(&v[PM_PERSON_CREATED_AT]);
    p->created_by = pm_value__as_int(&v[PM_PERSON_CREATED_BY]);
    p->updated_at = pm_value__as_int(&v[PM_PERSON_UPDATED_AT]);
    p->updated_by = pm_value__as_int(&v[PM_PERSON_UPDATED_BY]);
    return p;
}

static pm_value text_or_null(const char *text)
{
    return (text && *text) ? pm_value__text(text, strlen(text)) : pm_value__null();
}

void pm_person__values(pm_value values[PM_PERSON_NFIELDS], const pm_person *p)
{
    values[PM_PERSON_EXTERNAL_ID] = pm_value__text(p->external_id, strlen(p->external_id));
    values[PM_PERSON_DISPLAY_NAME] = pm_value__text(p->display_name, strlen(p->display_name));
    values[PM_PERSON_NAME_KEY] = pm_value__text(p->name_key, strlen(p->name_key));
    values[PM_PERSON_EMAIL] = text_or_null(p->email);
    values[PM_PERSON_STATUS] = pm_value__int(p->status);
    values[PM_PERSON_LEFT_ON] = pm_value__date(p->left_on);
    values[PM_PERSON_HR_ADMIN] = pm_value__int(p->hr_admin ? 1 : 0);
    values[PM_PERSON_CREATED_AT] = pm_value__int(p->created_at);
    values[PM_PERSON_CREATED_BY] = pm_value__int(p->created_by);
    values[PM_PERSON_UPDATED_AT] = pm_value__int(p->updated_at);
    values[PM_PERSON_UPDATED_BY] = pm_value__int(p->updated_by);
}

void pm_person_free(pm_person *person)
{
    if (person == NULL)
        return;
    pm__free(person->external_id);
    pm__free(person->display_name);
    pm__free(person->name_key);
    pm__free(person->email);
    pm__free(person);
}

pm_id pm_person_id(const pm_person *person)
{
    return person ? person->id : 0;
}

const char *pm_person_external_id(const pm_person *person)
{
    return person ? person->external_id : NULL;
}

const char *pm_person_display_name(const pm_person *person)
{
    return person ? person->display_name : NULL;
}

const char *pm_person_email(const pm_person *person)
{
    return person ? person->email : NULL;
}

pm_person_status pm_person_status_get(const pm_person *person)
{
    return person ? person->status : (pm_person_status)0;
}

pm_date pm_person_left_on(const pm_person *person)
{
    return person ? person->left_on : PM_DATE_NONE;
}

int pm_person_is_hr_admin(const pm_person *person)
{
    return person ? person->hr_admin : 0;
}

pm_time pm_person_created_at(const pm_person *person)
{
    return person ? person->created_at : 0;
}

pm_id pm_person_created_by(const pm_person *person)
{
    return person ? person->created_by : 0;
}

pm_time pm_person_updated_at(const pm_person *person)
{
    return person ? person->updated_at : 0;
}

pm_id pm_person_updated_by(const pm_person *person)
{
    return person ? person->updated_by : 0;
}
