#include "person.h"

#include <stdio.h>
#include <string.h>

#include "../util/alloc.h"
#include "../util/text.h"

#define REQUIRED_LINE (PM_TEXT_REQUIRED | PM_TEXT_SINGLE_LINE)

static pm_status email_refused(pm_error *err, const char *field, unsigned int flags,
                               const char *email, size_t len, const char *reason)
{
    if (flags & PM_PERSON_EMAIL_QUOTE)
        return pm_error__set(err, PM_EINVAL, "%s: '%.*s' %s", field, (int)len, email, reason);
    return pm_error__set(err, PM_EINVAL, "%s: %s", field, reason);
}

pm_status pm_person__check_email(const char *email, size_t len, const char *field,
                                 unsigned int flags, pm_error *err)
{
    size_t ats = 0;
    size_t at = 0;
    for (size_t i = 0; i < len; i++) {
        if (email[i] == ' ')
            return email_refused(err, field, flags, email, len, "must not contain spaces");
        if (email[i] == '@') {
            ats++;
            at = i;
        }
    }
    if (ats != 1) {
        char reason[64];
        snprintf(reason, sizeof reason, "must contain exactly one '@' (found %zu)", ats);
        return email_refused(err, field, flags, email, len, reason);
    }
    if (at == 0)
        return email_refused(err, field, flags, email, len, "needs a name before the '@'");
    if (at + 1 == len)
        return email_refused(err, field, flags, email, len, "needs a domain after the '@'");
    return PM_OK;
}

static pm_status normalize_display_name(pm_person_text *out, const pm_person_opts *opts,
                                        pm_error *err)
{
    size_t len = 0;
    pm_status st = pm_text__normalize(&out->display_name, &len, opts->display_name,
                                      opts->display_name_len, "person.display_name",
                                      PM_PERSON_NAME_MAX, REQUIRED_LINE, err);
    if (st != PM_OK)
        return st;
    return pm_text__fold(&out->name_key, NULL, out->display_name, len, err);
}

static pm_status normalize_email(pm_person_text *out, const pm_person_opts *opts,
                                 pm_error *err)
{
    size_t len = 0;
    pm_status st = pm_text__normalize(&out->email, &len, opts->email, opts->email_len,
                                      "person.email", PM_PERSON_EMAIL_MAX,
                                      PM_TEXT_SINGLE_LINE, err);
    if (st != PM_OK || len == 0)
        return st; /* empty means "no email" */
    return pm_person__check_email(out->email, len, "person.email", 0, err);
}

pm_status pm_person__normalize_text(pm_person_text *out, const pm_person_opts *opts,
                                    unsigned int flags, pm_error *err)
{
    memset(out, 0, sizeof *out);
    int creating = (flags & PM_PERSON_TEXT_CREATE) != 0;
    pm_status st = PM_OK;
    /* Passing a missing required field on to the normaliser makes it report
     * "must not be empty" in the same words as an empty one. */
    if (creating || opts->external_id != NULL)
        st = pm_text__normalize(&out->external_id, NULL, opts->external_id,
                                opts->external_id_len, "person.external_id",
                                PM_PERSON_EXTERNAL_ID_MAX, REQUIRED_LINE, err);
    if (st == PM_OK && (creating || opts->display_name != NULL))
        st = normalize_display_name(out, opts, err);
    if (st == PM_OK && opts->email != NULL)
        st = normalize_email(out, opts, err);
    if (st != PM_OK)
        pm_person__text_free(out);
    return st;
}

void pm_person__text_free(pm_person_text *text)
{
    if (text == NULL)
        return;
    pm__free(text->external_id);
    pm__free(text->display_name);
    pm__free(text->name_key);
    pm__free(text->email);
    memset(text, 0, sizeof *text);
}
