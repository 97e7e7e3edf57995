/* Text on the way in: UTF-8 validation, NFC normalisation, code point limits
 * and case-folded search keys, all through utf8proc. */
#ifndef PM_UTIL_TEXT_H
#define PM_UTIL_TEXT_H

#include <stddef.h>
#include "perfmgmt/common.h"
#include "error.h"

/* Flags for pm_text__normalize. */
#define PM_TEXT_REQUIRED 0x1u   /* empty (after trimming nothing) is an error */
#define PM_TEXT_SINGLE_LINE 0x2u /* control characters (including newlines) are an error */

/*
 * Validates and NFC-normalises text given by pointer and byte length
 * (len == 0 with a non-NULL pointer means NUL-terminated; use
 * pm_text__normalize_n for an exact length).
 *
 * field names the field in messages ("person.display_name").
 * max_codepoints: 0 for no limit; counted after normalisation.
 * *out receives a NUL-terminated copy owned by the caller (pm__free);
 * *out_len (may be NULL) its byte length.
 *
 * NULL text with PM_TEXT_REQUIRED -> PM_EINVAL "field: must not be empty".
 * NULL text without it -> PM_OK with *out = NULL.
 * Errors: PM_EUTF8 ("field: invalid UTF-8 at byte 7", "field: contains a NUL
 * byte"), PM_EINVAL (empty when required, control character in a single-line
 * field), PM_ERANGE ("field: longer than 200 characters"), PM_ENOMEM.
 *
 * Fast path: ASCII text, and text whose code points are all NFC-stable
 * (NFC quick check "yes"), is validated and copied without utf8proc_map.
 */
pm_status pm_text__normalize(char **out, size_t *out_len, const char *text, size_t len,
                             const char *field, size_t max_codepoints, unsigned int flags,
                             pm_error *err);

/* As above with an exact byte length: len == 0 is the empty string. */
pm_status pm_text__normalize_n(char **out, size_t *out_len, const char *text, size_t len,
                               const char *field, size_t max_codepoints, unsigned int flags,
                               pm_error *err);

/* Case-folded, NFC search key of already-normalised text (utf8proc CASEFOLD):
 * "ÅSA Berg" -> "åsa berg". *out owned by the caller (pm__free). */
pm_status pm_text__fold(char **out, size_t *out_len, const char *text, size_t len,
                        pm_error *err);

/* Number of code points in valid UTF-8. */
size_t pm_text__codepoints(const char *text, size_t len);

/* 1 when text (len bytes; NULL counts as empty) holds nothing but white
 * space: Unicode White_Space (ASCII blanks, NEL, the space, line and
 * paragraph separators) plus ZERO WIDTH SPACE and the byte order mark.
 * Such a text says nothing, so the areas refuse it or store it as absent.
 * Invalid UTF-8 is not blank. */
int pm_text__is_blank(const char *text, size_t len);

/*
 * A required, single-line text that is not blank: pm_text__normalize with
 * PM_TEXT_REQUIRED | PM_TEXT_SINGLE_LINE, then PM_EINVAL
 * "field: must not be blank" for white space only. Names, titles, topics.
 * *out owned by the caller (pm__free), NULL on any error; *out_len (may be
 * NULL) its byte length, 0 on error.
 */
pm_status pm_text__normalize_line(char **out, size_t *out_len, const char *text, size_t len,
                                  const char *field, size_t max_codepoints, pm_error *err);

#endif
