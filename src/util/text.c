#include "text.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "alloc.h"

/*
 * utf8proc_map costs microseconds per text, a sizeable part of an SQLite
 * insert (it decodes twice, allocates and re-encodes), while nearly all text
 * that reaches us is already NFC: ASCII, or precomposed letters such as "å".
 * So every text is first scanned once here, validating UTF-8 and deciding per
 * code point whether NFC could change it; only text holding a code point that
 * might change goes through utf8proc_map. The scan must never call a changing
 * text stable: the test suite compares the two paths for each code point,
 * every canonical decomposition and thousands of mixed strings.
 */

#define NFC_OPTIONS (UTF8PROC_STABLE | UTF8PROC_COMPOSE)
#define FOLD_OPTIONS (UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD)

/* Hangul jamo that NFC joins to a preceding syllable by arithmetic rather
 * than through utf8proc's composition table, so their properties do not say
 * so: vowels (V) after a leading consonant, trailing consonants (T) after an
 * LV syllable. U+11A7 is included because utf8proc 2.8 absorbs it after an LV
 * syllable; leaving it to utf8proc_map keeps both paths identical. */
#define HANGUL_V_FIRST 0x1161
#define HANGUL_V_LAST 0x1175
#define HANGUL_T_FIRST 0x11A7
#define HANGUL_T_LAST 0x11C2

/* utf8proc 2.8 marks a code point that can be the second of a composition
 * pair with a comb_index of 0x8000 or more (UINT16_MAX means "none"). */
#define COMB_SECOND_FLAG 0x8000u

/* A canonical decomposition is at most four code points; room to spare. */
#define DECOMPOSITION_MAX 8

/* Names repeat the same few precomposed letters ("Å", "å", "ö"): remembering
 * the last few found stable, or folded, spares asking utf8proc about each
 * occurrence. */
#define MEMO_SIZE 8

typedef struct text_scan {
    size_t codepoints;
    int nfc_stable; /* NFC leaves the text as it is */
    int32_t stable_memo[MEMO_SIZE]; /* precomposed code points found stable */
    unsigned int memo_next;
} text_scan;

static const char *field_name(const char *field)
{
    return field != NULL ? field : "text";
}

/* Length of the well-formed UTF-8 sequence at s (as the Unicode standard's
 * table of well-formed byte sequences has it), or 0 when it is not one:
 * overlong forms, surrogates, code points above U+10FFFF and truncated
 * sequences all fail here, as they do in utf8proc_iterate. */
static size_t decode_utf8(const unsigned char *s, size_t avail, int32_t *codepoint)
{
    unsigned char lead = s[0];
    unsigned char second_lo = 0x80, second_hi = 0xBF;
    size_t trailing;
    int32_t value;
    if (lead >= 0xC2 && lead <= 0xDF) {
        trailing = 1;
        value = lead & 0x1F;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
        trailing = 2;
        value = lead & 0x0F;
        if (lead == 0xE0)
            second_lo = 0xA0; /* below: overlong */
        else if (lead == 0xED)
            second_hi = 0x9F; /* above: surrogates */
    } else if (lead >= 0xF0 && lead <= 0xF4) {
        trailing = 3;
        value = lead & 0x07;
        if (lead == 0xF0)
            second_lo = 0x90; /* below: overlong */
        else if (lead == 0xF4)
            second_hi = 0x8F; /* above: beyond U+10FFFF */
    } else {
        return 0;
    }
    if (avail <= trailing || s[1] < second_lo || s[1] > second_hi)
        return 0;
    value = (value << 6) | (s[1] & 0x3F);
    for (size_t k = 2; k <= trailing; k++) {
        if ((s[k] & 0xC0) != 0x80)
            return 0;
        value = (value << 6) | (s[k] & 0x3F);
    }
    *codepoint = value;
    return trailing + 1;
}

static int joins_preceding(int32_t codepoint, const utf8proc_property_t *p)
{
    if ((codepoint >= HANGUL_V_FIRST && codepoint <= HANGUL_V_LAST)
        || (codepoint >= HANGUL_T_FIRST && codepoint <= HANGUL_T_LAST))
        return 1;
    return p->comb_index != UINT16_MAX && p->comb_index >= COMB_SECOND_FLAG;
}

/*
 * A code point with a canonical decomposition is NFC-stable when composing
 * its decomposition gives it back. That fails for singletons (U+212B ANGSTROM
 * SIGN becomes U+00C5), for decompositions into non-starters (U+0F73) and for
 * exclusions; asking utf8proc itself, without allocating, covers every case
 * by its own rules. The decomposition must also start with a starter that
 * cannot join what precedes it, or a neighbour could change it.
 */
static int recomposes_to_itself(int32_t codepoint)
{
    utf8proc_int32_t parts[DECOMPOSITION_MAX];
    int boundclass = 0;
    utf8proc_ssize_t n = utf8proc_decompose_char(codepoint, parts, DECOMPOSITION_MAX,
                                                 UTF8PROC_DECOMPOSE, &boundclass);
    if (n < 2 || n > DECOMPOSITION_MAX)
        return 0;
    const utf8proc_property_t *first = utf8proc_get_property(parts[0]);
    if (first->combining_class != 0 || joins_preceding(parts[0], first))
        return 0;
    n = utf8proc_normalize_utf32(parts, n, NFC_OPTIONS);
    return n == 1 && parts[0] == codepoint;
}

/*
 * NFC quick check for one code point in a text of such code points: a
 * starter (combining class 0) that cannot join a preceding character and
 * that NFC maps to itself. A text made only of these is its own NFC: nothing
 * reorders (all classes are 0) and nothing composes (no second of a pair).
 */
static int nfc_stable(int32_t codepoint, const utf8proc_property_t *p)
{
    if (p->combining_class != 0 || joins_preceding(codepoint, p))
        return 0;
    if (p->decomp_seqindex == UINT16_MAX || p->decomp_type != 0)
        return 1; /* no canonical decomposition: nothing to undo */
    if (p->comp_exclusion)
        return 0; /* a quick answer; recomposes_to_itself would say the same */
    return recomposes_to_itself(codepoint);
}

static int scan_nfc_stable(text_scan *scan, int32_t codepoint, const utf8proc_property_t *p)
{
    int precomposed = p->decomp_seqindex != UINT16_MAX && p->decomp_type == 0;
    if (precomposed) {
        for (unsigned int k = 0; k < MEMO_SIZE; k++) {
            if (scan->stable_memo[k] == codepoint)
                return 1;
        }
    }
    if (!nfc_stable(codepoint, p))
        return 0;
    if (precomposed) {
        scan->stable_memo[scan->memo_next] = codepoint;
        scan->memo_next = (scan->memo_next + 1) % MEMO_SIZE;
    }
    return 1;
}

static pm_status ascii_control(unsigned char byte, size_t offset, const char *field,
                               unsigned int flags, pm_error *err)
{
    if (byte == 0)
        return pm_error__set(err, PM_EUTF8, "%s: contains a NUL byte", field_name(field));
    if (flags & PM_TEXT_SINGLE_LINE)
        return pm_error__set(err, PM_EINVAL, "%s: contains a control character (U+%04X) at byte %zu",
                             field_name(field), (unsigned int)byte, offset);
    return PM_OK;
}

/* Validates text and decides whether NFC could change it. Errors name the
 * byte offset where the offending sequence starts. */
static pm_status scan_text(text_scan *scan, const char *text, size_t len, const char *field,
                           unsigned int flags, pm_error *err)
{
    const unsigned char *s = (const unsigned char *)text;
    scan->codepoints = 0;
    scan->nfc_stable = 1;
    for (unsigned int k = 0; k < MEMO_SIZE; k++)
        scan->stable_memo[k] = -1;
    scan->memo_next = 0;
    size_t i = 0;
    while (i < len) {
        unsigned char byte = s[i];
        if (byte < 0x80) {
            if (byte < 0x20 || byte == 0x7F) {
                pm_status st = ascii_control(byte, i, field, flags, err);
                if (st != PM_OK)
                    return st;
            }
            i++;
            scan->codepoints++;
            continue;
        }
        int32_t codepoint;
        size_t n = decode_utf8(s + i, len - i, &codepoint);
        if (n == 0)
            return pm_error__set(err, PM_EUTF8, "%s: invalid UTF-8 at byte %zu",
                                 field_name(field), i);
        const utf8proc_property_t *p = utf8proc_get_property(codepoint);
        if ((flags & PM_TEXT_SINGLE_LINE) && p->category == UTF8PROC_CATEGORY_CC)
            return pm_error__set(err, PM_EINVAL,
                                 "%s: contains a control character (U+%04X) at byte %zu",
                                 field_name(field), (unsigned int)codepoint, i);
        /* Once one code point needs utf8proc_map the rest only need validating. */
        if (scan->nfc_stable && !scan_nfc_stable(scan, codepoint, p))
            scan->nfc_stable = 0;
        i += n;
        scan->codepoints++;
    }
    return PM_OK;
}

static pm_status out_of_memory(const char *field, pm_error *err)
{
    return pm_error__set(err, PM_ENOMEM, "%s: out of memory", field_name(field));
}

static pm_status utf8proc_failure(utf8proc_ssize_t code, const char *field, pm_error *err)
{
    switch (code) {
    case UTF8PROC_ERROR_NOMEM:
        return out_of_memory(field, err);
    case UTF8PROC_ERROR_OVERFLOW:
        return pm_error__set(err, PM_ERANGE, "%s: too long to normalise", field_name(field));
    case UTF8PROC_ERROR_INVALIDUTF8:
        return pm_error__set(err, PM_EUTF8, "%s: invalid UTF-8", field_name(field));
    default:
        return pm_error__set(err, PM_EINVAL, "%s: %s", field_name(field), utf8proc_errmsg(code));
    }
}

/* Runs utf8proc_map and moves its result (malloc'd by utf8proc) into memory
 * from our allocator, which is what callers free. */
static pm_status map_text(char **out, size_t *out_len, const char *text, size_t len,
                          utf8proc_option_t options, const char *field, pm_error *err)
{
    if (len > (size_t)PTRDIFF_MAX)
        return pm_error__set(err, PM_ERANGE, "%s: too long to normalise", field_name(field));
    utf8proc_uint8_t *mapped = NULL;
    utf8proc_ssize_t result = utf8proc_map((const utf8proc_uint8_t *)text,
                                           (utf8proc_ssize_t)len, &mapped, options);
    if (result < 0) {
        free(mapped);
        return utf8proc_failure(result, field, err);
    }
    char *copy = pm__strndup((const char *)mapped, (size_t)result);
    free(mapped);
    if (copy == NULL)
        return out_of_memory(field, err);
    *out = copy;
    *out_len = (size_t)result;
    return PM_OK;
}

static pm_status copy_text(char **out, size_t *out_len, const char *text, size_t len,
                           const char *field, pm_error *err)
{
    char *copy = pm__strndup(text, len);
    if (copy == NULL)
        return out_of_memory(field, err);
    *out = copy;
    *out_len = len;
    return PM_OK;
}

static pm_status empty_text(const char *field, pm_error *err)
{
    return pm_error__set(err, PM_EINVAL, "%s: must not be empty", field_name(field));
}

pm_status pm_text__normalize_n(char **out, size_t *out_len, const char *text, size_t len,
                               const char *field, size_t max_codepoints, unsigned int flags,
                               pm_error *err)
{
    if (out == NULL)
        return pm_error__set(err, PM_EINVAL, "%s: no place for the result", field_name(field));
    *out = NULL;
    if (out_len != NULL)
        *out_len = 0;
    if (text == NULL)
        return (flags & PM_TEXT_REQUIRED) ? empty_text(field, err) : PM_OK;
    if (len == 0 && (flags & PM_TEXT_REQUIRED))
        return empty_text(field, err);

    text_scan scan;
    pm_status st = scan_text(&scan, text, len, field, flags, err);
    if (st != PM_OK)
        return st;

    char *result = NULL;
    size_t result_len = 0;
    size_t codepoints = scan.codepoints;
    if (scan.nfc_stable) {
        st = copy_text(&result, &result_len, text, len, field, err);
    } else {
        st = map_text(&result, &result_len, text, len, NFC_OPTIONS, field, err);
        if (st == PM_OK)
            codepoints = pm_text__codepoints(result, result_len);
    }
    if (st != PM_OK)
        return st;
    if (max_codepoints != 0 && codepoints > max_codepoints) {
        pm__free(result);
        return pm_error__set(err, PM_ERANGE, "%s: longer than %zu characters",
                             field_name(field), max_codepoints);
    }
    *out = result;
    if (out_len != NULL)
        *out_len = result_len;
    return PM_OK;
}

pm_status pm_text__normalize(char **out, size_t *out_len, const char *text, size_t len,
                             const char *field, size_t max_codepoints, unsigned int flags,
                             pm_error *err)
{
    if (text != NULL && len == 0)
        len = strlen(text);
    return pm_text__normalize_n(out, out_len, text, len, field, max_codepoints, flags, err);
}

/*
 * The case fold of one code point when it is a single NFC-stable code point
 * (U+00C5 -> U+00E5, U+212A KELVIN SIGN -> "k"), asked of utf8proc the way
 * utf8proc_map would do it, without allocating. -1 when the fold is longer
 * ("ß" -> "ss") or could interact with its neighbours: the caller then maps
 * the whole text.
 */
static int32_t fold_to_single(int32_t codepoint)
{
    utf8proc_int32_t parts[DECOMPOSITION_MAX];
    int boundclass = 0;
    utf8proc_ssize_t n = utf8proc_decompose_char(codepoint, parts, DECOMPOSITION_MAX,
                                                 FOLD_OPTIONS, &boundclass);
    if (n < 1 || n > DECOMPOSITION_MAX)
        return -1;
    /* utf8proc_map reorders marks before composing; keep to input that needs none. */
    for (utf8proc_ssize_t k = 1; k < n; k++) {
        if (utf8proc_get_property(parts[k])->combining_class
            < utf8proc_get_property(parts[k - 1])->combining_class)
            return -1;
    }
    const utf8proc_property_t *first = utf8proc_get_property(parts[0]);
    if (first->combining_class != 0 || joins_preceding(parts[0], first))
        return -1;
    n = utf8proc_normalize_utf32(parts, n, FOLD_OPTIONS);
    if (n != 1 || !nfc_stable(parts[0], utf8proc_get_property(parts[0])))
        return -1;
    return parts[0];
}

typedef struct fold_memo {
    int32_t from[MEMO_SIZE];
    int32_t to[MEMO_SIZE];
    unsigned int next;
} fold_memo;

static int32_t memo_fold_to_single(fold_memo *memo, int32_t codepoint)
{
    for (unsigned int k = 0; k < MEMO_SIZE; k++) {
        if (memo->from[k] == codepoint)
            return memo->to[k];
    }
    int32_t folded = fold_to_single(codepoint);
    memo->from[memo->next] = codepoint;
    memo->to[memo->next] = folded;
    memo->next = (memo->next + 1) % MEMO_SIZE;
    return folded;
}

/*
 * Folds valid, NFC-stable text code point by code point. A text of code
 * points that each fold to one NFC-stable code point folds to their folds:
 * none reorders or composes with another. Sets *simple to 0 (and returns
 * PM_OK with no result) when some code point does not fold that way.
 */
static pm_status fold_simple(char **out, size_t *out_len, int *simple, const char *text,
                             size_t len, const char *field, pm_error *err)
{
    const unsigned char *s = (const unsigned char *)text;
    /* A fold of one code point into one never more than doubles its bytes:
     * the input has at least 2 bytes per non-ASCII code point, UTF-8 at most 4. */
    if (len > (SIZE_MAX - 1) / 2)
        return pm_error__set(err, PM_ERANGE, "%s: too long to fold", field);
    char *result = pm__malloc(2 * len + 1);
    if (result == NULL)
        return out_of_memory(field, err);
    fold_memo memo;
    for (unsigned int k = 0; k < MEMO_SIZE; k++)
        memo.from[k] = -1;
    memo.next = 0;
    size_t used = 0;
    *simple = 1;
    for (size_t i = 0; i < len;) {
        unsigned char byte = s[i];
        if (byte < 0x80) {
            result[used++] = (char)(byte >= 'A' && byte <= 'Z' ? byte - 'A' + 'a' : byte);
            i++;
            continue;
        }
        int32_t codepoint;
        size_t n = decode_utf8(s + i, len - i, &codepoint);
        if (utf8proc_get_property(codepoint)->casefold_seqindex == UINT16_MAX) {
            memcpy(result + used, s + i, n);
            used += n;
        } else {
            int32_t folded = memo_fold_to_single(&memo, codepoint);
            if (folded < 0) {
                pm__free(result);
                *simple = 0;
                return PM_OK;
            }
            used += (size_t)utf8proc_encode_char(folded, (utf8proc_uint8_t *)result + used);
        }
        i += n;
    }
    result[used] = '\0';
    *out = result;
    *out_len = used;
    return PM_OK;
}

/* len is an exact byte length: the text usually comes from
 * pm_text__normalize_n's out_len or from a stored value, neither of which is
 * NUL-terminated by contract. */
pm_status pm_text__fold(char **out, size_t *out_len, const char *text, size_t len,
                        pm_error *err)
{
    const char *field = "search key";
    if (out == NULL)
        return pm_error__set(err, PM_EINVAL, "%s: no place for the result", field);
    *out = NULL;
    if (out_len != NULL)
        *out_len = 0;
    if (text == NULL) {
        if (len != 0)
            return pm_error__set(err, PM_EINVAL, "%s: must not be NULL", field);
        text = "";
    }

    text_scan scan;
    pm_status st = scan_text(&scan, text, len, field, 0, err);
    if (st != PM_OK)
        return st;
    size_t result_len = 0;
    int simple = 0;
    if (scan.nfc_stable) {
        st = fold_simple(out, &result_len, &simple, text, len, field, err);
        if (st != PM_OK)
            return st;
    }
    if (!simple)
        st = map_text(out, &result_len, text, len, FOLD_OPTIONS, field, err);
    if (st == PM_OK && out_len != NULL)
        *out_len = result_len;
    return st;
}

size_t pm_text__codepoints(const char *text, size_t len)
{
    size_t count = 0;
    if (text == NULL)
        return 0;
    for (size_t i = 0; i < len; i++) {
        /* Every code point has exactly one byte that is not a continuation byte. */
        if (((unsigned char)text[i] & 0xC0) != 0x80)
            count++;
    }
    return count;
}

/* Unicode White_Space: the ASCII blanks, NEL and the separators (Zs, Zl,
 * Zp). ZERO WIDTH SPACE and the byte order mark (both Cf) count too: a text
 * of nothing but invisible marks says nothing either. */
static int is_white_space(int32_t codepoint)
{
    if (codepoint == ' ' || (codepoint >= 0x09 && codepoint <= 0x0D) || codepoint == 0x85
        || codepoint == 0x200B || codepoint == 0xFEFF)
        return 1;
    if (codepoint < 0x80)
        return 0;
    utf8proc_propval_t category = utf8proc_get_property(codepoint)->category;
    return category == UTF8PROC_CATEGORY_ZS || category == UTF8PROC_CATEGORY_ZL
           || category == UTF8PROC_CATEGORY_ZP;
}

int pm_text__is_blank(const char *text, size_t len)
{
    const unsigned char *s = (const unsigned char *)text;
    size_t i = 0;
    if (text == NULL)
        return 1;
    while (i < len) {
        int32_t codepoint = s[i];
        size_t n = 1;
        if (s[i] >= 0x80) {
            n = decode_utf8(s + i, len - i, &codepoint);
            if (n == 0)
                return 0; /* not text at all, so not blank text */
        }
        if (!is_white_space(codepoint))
            return 0;
        i += n;
    }
    return 1;
}

pm_status pm_text__normalize_line(char **out, size_t *out_len, const char *text, size_t len,
                                  const char *field, size_t max_codepoints, pm_error *err)
{
    size_t n = 0;
    pm_status st = pm_text__normalize(out, &n, text, len, field, max_codepoints,
                                      PM_TEXT_REQUIRED | PM_TEXT_SINGLE_LINE, err);
    if (st == PM_OK && pm_text__is_blank(*out, n)) {
        pm__free(*out);
        *out = NULL;
        n = 0;
        st = pm_error__set(err, PM_EINVAL, "%s: must not be blank", field_name(field));
    }
    if (out_len != NULL)
        *out_len = n;
    return st;
}
