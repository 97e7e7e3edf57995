/* The rules for a person's fields, pure: text validation and normalisation
 * (through util/text) and the email rule. The api layer calls these before
 * it writes anything. */
#ifndef PM_CORE_PERSON_H
#define PM_CORE_PERSON_H

#include "perfmgmt/person.h"
#include "../util/error.h"

/* A person's text fields after validation: NUL-terminated, NFC, owned
 * (pm__free through pm_person__text_free), NULL when not given. */
typedef struct pm_person_text {
    char *external_id;
    char *display_name;
    char *name_key;     /* case-folded display_name; set with it */
    char *email;        /* "" when given empty: no email */
} pm_person_text;

/* Flag for pm_person__normalize_text: the fields a new person needs
 * (external id and display name) must be given. Without it only the
 * non-NULL fields are checked, as an update does. */
#define PM_PERSON_TEXT_CREATE 0x1u

/*
 * Validates and normalises the text fields of opts: each one given must be
 * valid UTF-8 without NUL bytes, on a single line and within its limit in
 * code points; external id and display name must not be empty; a non-empty
 * email must pass pm_person__check_email. Messages name the field
 * ("person.display_name: must not be empty"). On failure *out holds nothing.
 */
pm_status pm_person__normalize_text(pm_person_text *out, const pm_person_opts *opts,
                                    unsigned int flags, pm_error *err);

/* Frees the fields; text may be NULL. */
void pm_person__text_free(pm_person_text *text);

/* Flag for pm_person__check_email: quote the address after the field name,
 * for a file's row, where the reader cannot tell which value was meant. */
#define PM_PERSON_EMAIL_QUOTE 0x1u

/*
 * The email rule, kept deliberately simple because real addresses defeat
 * every strict grammar: exactly one '@', something before it and after it,
 * and no space. Anything stricter (a dot in the domain, allowed characters)
 * is the HRIS's business. PM_EINVAL otherwise, with a message that starts
 * with field: "person.email: must not contain spaces", or with
 * PM_PERSON_EMAIL_QUOTE "email: 'a b@c.se' must not contain spaces".
 */
pm_status pm_person__check_email(const char *email, size_t len, const char *field,
                                 unsigned int flags, pm_error *err);

#endif
