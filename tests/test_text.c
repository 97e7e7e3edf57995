/* Text on the way in (src/util/text.c): validation with byte offsets, NFC
 * normalisation, code point limits and case-folded keys. The fast path that
 * skips utf8proc_map for NFC-stable text is checked against utf8proc_map for
 * each code point of the planes in use, every canonical decomposition and
 * thousands of generated strings. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <utf8proc.h>

#include "util/alloc.h"
#include "util/text.h"

#define NFC_OPTIONS (UTF8PROC_STABLE | UTF8PROC_COMPOSE)
#define FOLD_OPTIONS (UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD)

/* Normalises text of exactly len bytes and checks the result's bytes. */
static void assert_normalizes_to(const char *text, size_t len, const char *expected)
{
    char *out = NULL;
    size_t out_len = 99;
    pm_error err;
    pm_error__clear(&err);
    pm_status st = pm_text__normalize_n(&out, &out_len, text, len, "t", 0, 0, &err);
    if (st != PM_OK)
        fail_msg("status %d: %s", st, err.message);
    assert_non_null(out);
    assert_int_equal(out_len, strlen(expected));
    assert_memory_equal(out, expected, out_len);
    assert_int_equal(out[out_len], '\0');
    pm__free(out);
}

static void assert_folds_to(const char *text, const char *expected)
{
    char *out = NULL;
    size_t out_len = 99;
    pm_error err;
    pm_error__clear(&err);
    pm_status st = pm_text__fold(&out, &out_len, text, strlen(text), &err);
    if (st != PM_OK)
        fail_msg("status %d: %s", st, err.message);
    assert_string_equal(out, expected);
    assert_int_equal(out_len, strlen(expected));
    pm__free(out);
}

/* Expects a failure: the status, a message containing `fragment`, and no
 * result. */
static void assert_refused(pm_status expected_status, const char *fragment, const char *text,
                           size_t len, size_t max_codepoints, unsigned int flags)
{
    char *out = (char *)"untouched";
    size_t out_len = 99;
    pm_error err;
    pm_error__clear(&err);
    pm_status st = pm_text__normalize_n(&out, &out_len, text, len, "person.display_name",
                                        max_codepoints, flags, &err);
    assert_int_equal(st, expected_status);
    assert_int_equal(err.status, expected_status);
    if (strstr(err.message, fragment) == NULL)
        fail_msg("message \"%s\" lacks \"%s\"", err.message, fragment);
    assert_null(out);
    assert_int_equal(out_len, 0);
}

static void test_normalize_copies_ascii_unchanged(void **state)
{
    (void)state;
    assert_normalizes_to("Anna Berg", 9, "Anna Berg");
    assert_normalizes_to("a.b-c_d@example.com 123 !~", 26, "a.b-c_d@example.com 123 !~");
}

static void test_normalize_with_len_zero_reads_to_the_nul(void **state)
{
    (void)state;
    char *out = NULL;
    size_t out_len = 0;
    assert_int_equal(pm_text__normalize(&out, &out_len, "Per Olsson", 0, "t", 0, 0, NULL),
                     PM_OK);
    assert_string_equal(out, "Per Olsson");
    assert_int_equal(out_len, 10);
    pm__free(out);
    /* A non-zero length is still an exact length. */
    assert_int_equal(pm_text__normalize(&out, &out_len, "Per Olsson", 3, "t", 0, 0, NULL),
                     PM_OK);
    assert_string_equal(out, "Per");
    pm__free(out);
}

static void test_normalize_keeps_precomposed_swedish_text(void **state)
{
    (void)state;
    const char *swedish = "Åsa Öberg-Ängström på äng";
    assert_int_equal(strlen(swedish), 31); /* the source is UTF-8, precomposed */
    assert_normalizes_to(swedish, strlen(swedish), swedish);
}

static void test_normalize_composes_a_and_combining_ring_to_a_ring(void **state)
{
    (void)state;
    assert_normalizes_to("a\xcc\x8a", 3, "\xc3\xa5");         /* a U+030A -> U+00E5 */
    assert_normalizes_to("Ma\xcc\x8ans", 6, "M\xc3\xa5ns");
    assert_normalizes_to("A\xcc\x8a", 3, "\xc3\x85");         /* A U+030A -> U+00C5 */
}

static void test_normalize_composes_hangul_jamo(void **state)
{
    (void)state;
    /* L U+1100 + V U+1161 -> U+AC00; + T U+11A8 -> U+AC01. */
    assert_normalizes_to("\xe1\x84\x80\xe1\x85\xa1", 6, "\xea\xb0\x80");
    assert_normalizes_to("\xe1\x84\x80\xe1\x85\xa1\xe1\x86\xa8", 9, "\xea\xb0\x81");
    /* An LV syllable followed by a trailing consonant. */
    assert_normalizes_to("\xea\xb0\x80\xe1\x86\xa8", 6, "\xea\xb0\x81");
}

static void test_normalize_maps_angstrom_sign_singleton_to_a_ring(void **state)
{
    (void)state;
    assert_normalizes_to("\xe2\x84\xab", 3, "\xc3\x85");      /* U+212B -> U+00C5 */
    assert_normalizes_to("\xe2\x84\xa6", 3, "\xce\xa9");      /* OHM SIGN -> OMEGA */
}

static void test_normalize_passes_nfc_non_ascii_text_unchanged(void **state)
{
    (void)state;
    static const char *const texts[] = {
        "Zoë Núñez",                                             /* Latin-1 letters */
        "\xce\x91\xce\xb8\xce\xae\xce\xbd\xce\xb1",              /* Greek with tonos */
        "\xd0\x99\xd0\xbe\xd1\x88\xd0\xba\xd0\xb0",              /* Cyrillic with breve */
        "\xe6\x9d\xb1\xe4\xba\xac",                              /* CJK */
        "\xed\x95\x9c\xea\xb5\xad\xec\x96\xb4",                  /* Hangul syllables */
        "\xf0\x9f\x98\x80 ok",                                   /* emoji */
        "\xe1\xba\xa0nh",                                        /* Vietnamese U+1EA0 */
    };
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++)
        assert_normalizes_to(texts[i], strlen(texts[i]), texts[i]);
}

static void test_normalize_reports_invalid_utf8_with_byte_offset(void **state)
{
    (void)state;
    static const struct {
        const char *bytes;
        size_t len;
        const char *message;
    } cases[] = {
        { "ab\xc0\xaf", 4, "person.display_name: invalid UTF-8 at byte 2" },   /* overlong '/' */
        { "\xe0\x80\xaf", 3, "person.display_name: invalid UTF-8 at byte 0" }, /* overlong, 3 bytes */
        { "\xf0\x82\x82\xac", 4, "person.display_name: invalid UTF-8 at byte 0" }, /* overlong, 4 bytes */
        { "xy\xed\xa0\x80", 5, "person.display_name: invalid UTF-8 at byte 2" }, /* U+D800 */
        { "\xed\xbf\xbf", 3, "person.display_name: invalid UTF-8 at byte 0" }, /* U+DFFF */
        { "abc\xe2\x82", 5, "person.display_name: invalid UTF-8 at byte 3" },  /* truncated */
        { "\xc3\x85sa\xc3", 5, "person.display_name: invalid UTF-8 at byte 4" }, /* truncated at end */
        { "a\xc3" "b", 3, "person.display_name: invalid UTF-8 at byte 1" },     /* missing continuation */
        { "Persson\xff", 8, "person.display_name: invalid UTF-8 at byte 7" },
        { "\xfe", 1, "person.display_name: invalid UTF-8 at byte 0" },
        { "a\x80", 2, "person.display_name: invalid UTF-8 at byte 1" },        /* lone continuation */
        { "\xf4\x90\x80\x80", 4, "person.display_name: invalid UTF-8 at byte 0" }, /* U+110000 */
        { "\xf5\x80\x80\x80", 4, "person.display_name: invalid UTF-8 at byte 0" },
        { "a\xcc\x8a\xff", 4, "person.display_name: invalid UTF-8 at byte 3" }, /* after a non-stable part */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *out = NULL;
        pm_error err;
        pm_error__clear(&err);
        pm_status st = pm_text__normalize_n(&out, NULL, cases[i].bytes, cases[i].len,
                                            "person.display_name", 0, 0, &err);
        if (st != PM_EUTF8 || strcmp(err.message, cases[i].message) != 0)
            fail_msg("case %zu: status %d, message \"%s\"", i, st, err.message);
        assert_null(out);
    }
}

static void test_normalize_refuses_embedded_nul_byte(void **state)
{
    (void)state;
    assert_refused(PM_EUTF8, "person.display_name: contains a NUL byte", "ab\0cd", 5, 0, 0);
    assert_refused(PM_EUTF8, "contains a NUL byte", "\0", 1, 0, 0);
    assert_refused(PM_EUTF8, "contains a NUL byte", "\xc3\xa5\0", 3, 0, 0);
}

static void test_normalize_limit_counts_code_points_not_bytes(void **state)
{
    (void)state;
    char text[1024];
    for (int i = 0; i < 201; i++)
        memcpy(text + 2 * i, "\xc3\xa5", 2);
    char *out = NULL;
    size_t out_len = 0;
    assert_int_equal(pm_text__normalize_n(&out, &out_len, text, 400, "person.display_name",
                                          200, 0, NULL),
                     PM_OK);
    assert_int_equal(out_len, 400);
    pm__free(out);
    assert_refused(PM_ERANGE, "person.display_name: longer than 200 characters", text, 402,
                   200, 0);
}

static void test_normalize_limit_counts_after_composition(void **state)
{
    (void)state;
    /* 200 x "a" U+030A is 400 code points in, 200 after NFC. */
    char text[1024];
    for (int i = 0; i < 200; i++)
        memcpy(text + 3 * i, "a\xcc\x8a", 3);
    char *out = NULL;
    size_t out_len = 0;
    assert_int_equal(pm_text__normalize_n(&out, &out_len, text, 600, "t", 200, 0, NULL), PM_OK);
    assert_int_equal(out_len, 400);
    assert_int_equal(pm_text__codepoints(out, out_len), 200);
    pm__free(out);
    memcpy(text + 600, "a\xcc\x8a", 3);
    assert_refused(PM_ERANGE, "longer than 200 characters", text, 603, 200, 0);
}

static void test_normalize_required_refuses_null_and_empty(void **state)
{
    (void)state;
    assert_refused(PM_EINVAL, "person.display_name: must not be empty", NULL, 0, 0,
                   PM_TEXT_REQUIRED);
    assert_refused(PM_EINVAL, "person.display_name: must not be empty", "", 0, 0,
                   PM_TEXT_REQUIRED);
    char *out = (char *)"x";
    pm_error err;
    assert_int_equal(pm_text__normalize(&out, NULL, "", 0, "person.email", 0, PM_TEXT_REQUIRED,
                                        &err),
                     PM_EINVAL);
    assert_string_equal(err.message, "person.email: must not be empty");
    assert_null(out);
}

static void test_normalize_optional_null_gives_null_and_empty_gives_empty(void **state)
{
    (void)state;
    char *out = (char *)"x";
    size_t out_len = 99;
    assert_int_equal(pm_text__normalize_n(&out, &out_len, NULL, 0, "person.email", 254, 0, NULL),
                     PM_OK);
    assert_null(out);
    assert_int_equal(out_len, 0);
    assert_int_equal(pm_text__normalize_n(&out, &out_len, "", 0, "person.email", 254, 0, NULL),
                     PM_OK);
    assert_string_equal(out, "");
    assert_int_equal(out_len, 0);
    pm__free(out);
}

static void test_normalize_single_line_refuses_control_characters(void **state)
{
    (void)state;
    assert_refused(PM_EINVAL, "person.display_name: contains a control character (U+000A) at byte 1",
                   "a\nb", 3, 0, PM_TEXT_SINGLE_LINE);
    assert_refused(PM_EINVAL, "control character (U+0009) at byte 0", "\tab", 3, 0,
                   PM_TEXT_SINGLE_LINE);
    assert_refused(PM_EINVAL, "control character (U+007F)", "ab\x7f", 3, 0, PM_TEXT_SINGLE_LINE);
    assert_refused(PM_EINVAL, "control character (U+0085) at byte 2", "\xc3\xa5\xc2\x85", 4, 0,
                   PM_TEXT_SINGLE_LINE); /* NEXT LINE, a C1 control */
}

static void test_normalize_multi_line_allows_newlines_and_tabs(void **state)
{
    (void)state;
    assert_normalizes_to("line one\n\tline two\r\n", 20, "line one\n\tline two\r\n");
}

static void *failing_malloc(size_t size, void *payload)
{
    (void)size;
    (void)payload;
    return NULL;
}

static void *failing_realloc(void *ptr, size_t size, void *payload)
{
    (void)ptr;
    (void)size;
    (void)payload;
    return NULL;
}

static void failing_free(void *ptr, void *payload)
{
    (void)payload;
    free(ptr);
}

static void test_normalize_reports_out_of_memory_on_both_paths(void **state)
{
    (void)state;
    const pm_allocator failing = { PM_ALLOCATOR_VERSION, failing_malloc, failing_realloc,
                                   failing_free, NULL };
    char *fast = (char *)"x", *slow = (char *)"x", *folded = (char *)"x";
    pm_error fast_err, slow_err, fold_err;
    assert_int_equal(pm_allocator_set(&failing), PM_OK);
    pm_status fast_st = pm_text__normalize_n(&fast, NULL, "Anna", 4, "person.display_name", 0,
                                             0, &fast_err);
    pm_status slow_st = pm_text__normalize_n(&slow, NULL, "a\xcc\x8a", 3,
                                             "person.display_name", 0, 0, &slow_err);
    pm_status fold_st = pm_text__fold(&folded, NULL, "\xc3\x85SA", 4, &fold_err);
    /* Restore before asserting: a failed assert leaves the function. */
    assert_int_equal(pm_allocator_set(NULL), PM_OK);

    assert_int_equal(fast_st, PM_ENOMEM);
    assert_string_equal(fast_err.message, "person.display_name: out of memory");
    assert_null(fast);
    assert_int_equal(slow_st, PM_ENOMEM);
    assert_string_equal(slow_err.message, "person.display_name: out of memory");
    assert_null(slow);
    assert_int_equal(fold_st, PM_ENOMEM);
    assert_string_equal(fold_err.message, "search key: out of memory");
    assert_null(folded);
}

static void test_fold_lowercases_and_expands_sharp_s(void **state)
{
    (void)state;
    assert_folds_to("ÅSA", "åsa");
    assert_folds_to("Straße", "strasse");
    assert_folds_to("ÅSA Berg", "åsa berg");
    assert_folds_to("Anna BERG-Lund", "anna berg-lund");           /* ASCII path */
    assert_folds_to("åsa öberg", "åsa öberg");                     /* already folded */
    assert_folds_to("\xe2\x84\xaa", "k");                          /* KELVIN SIGN */
    assert_folds_to("", "");
}

static void test_fold_refuses_invalid_utf8_with_offset(void **state)
{
    (void)state;
    char *out = (char *)"x";
    pm_error err;
    pm_error__clear(&err);
    assert_int_equal(pm_text__fold(&out, NULL, "ab\xff", 3, &err), PM_EUTF8);
    assert_string_equal(err.message, "search key: invalid UTF-8 at byte 2");
    assert_null(out);
    assert_int_equal(pm_text__fold(&out, NULL, "a\0b", 3, &err), PM_EUTF8);
    assert_string_equal(err.message, "search key: contains a NUL byte");
}

static void test_blank_text_is_only_white_space(void **state)
{
    (void)state;
    assert_true(pm_text__is_blank("", 0));
    assert_true(pm_text__is_blank(NULL, 0));
    assert_true(pm_text__is_blank(" \t\r\n ", 5));
    assert_true(pm_text__is_blank("\xC2\xA0\xE3\x80\x80\xE2\x80\x83", 8)); /* NBSP, ideographic, em */
    assert_false(pm_text__is_blank("  x ", 4));
    assert_false(pm_text__is_blank("\xC3\x85", 2));
    assert_false(pm_text__is_blank("\xF0\x9F\x91\x8D", 4)); /* a thumbs-up says something */
    assert_false(pm_text__is_blank("\x80", 1));                 /* not UTF-8, not blank */
}

/* The set the areas have always refused: White_Space, ZERO WIDTH SPACE and
 * the byte order mark, and nothing else in any plane. */
static void test_blank_text_matches_white_space_for_each_code_point(void **state)
{
    (void)state;
    static const int32_t blank[] = { 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x20, 0x85, 0xA0, 0x1680,
                                     0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006,
                                     0x2007, 0x2008, 0x2009, 0x200A, 0x200B, 0x2028, 0x2029,
                                     0x202F, 0x205F, 0x3000, 0xFEFF };
    size_t next = 0;
    for (int32_t c = 1; c <= 0x10FFFF; c++) {
        if (c >= 0xD800 && c <= 0xDFFF)
            continue;
        utf8proc_uint8_t buf[4];
        utf8proc_ssize_t n = utf8proc_encode_char(c, buf);
        int want = next < sizeof blank / sizeof blank[0] && blank[next] == c;
        if (want)
            next++;
        if (pm_text__is_blank((const char *)buf, (size_t)n) != want)
            fail_msg("U+%04X: blank should be %d", (unsigned int)c, want);
    }
    assert_int_equal(next, sizeof blank / sizeof blank[0]);
}

static void test_normalize_line_refuses_blank_and_names_the_field(void **state)
{
    (void)state;
    pm_error err = { 0 };
    char *out = NULL;
    size_t len = 99;
    assert_int_equal(pm_text__normalize_line(&out, &len, "\xC2\xA0 ", 0, "role.name", 10, &err),
                     PM_EINVAL);
    assert_null(out);
    assert_int_equal(len, 0);
    assert_string_equal(err.message, "role.name: must not be blank");
    assert_int_equal(pm_text__normalize_line(&out, &len, "a\nb", 0, "role.name", 10, &err),
                     PM_EINVAL);
    assert_null(out);
    assert_int_equal(pm_text__normalize_line(&out, &len, "", 0, "role.name", 10, &err),
                     PM_EINVAL);
    assert_int_equal(pm_text__normalize_line(&out, &len, "abcdefghijk", 0, "role.name", 10, &err),
                     PM_ERANGE);
    assert_int_equal(pm_text__normalize_line(&out, &len, " A\xCC\x8Asa ", 0, "role.name", 10,
                                             &err),
                     PM_OK);
    assert_string_equal(out, " \xC3\x85sa ");
    assert_int_equal(len, 6);
    pm__free(out);
    assert_int_equal(pm_text__normalize_line(&out, NULL, "x", 1, "role.name", 10, &err), PM_OK);
    assert_string_equal(out, "x");
    pm__free(out);
}

static void test_codepoints_counts_multibyte_sequences_once(void **state)
{
    (void)state;
    assert_int_equal(pm_text__codepoints("\xc3\xa5\xc3\xa4\xc3\xb6", 6), 3);
    assert_int_equal(pm_text__codepoints("\xf0\x9f\x98\x80" "a", 5), 2);
    assert_int_equal(pm_text__codepoints("", 0), 0);
    assert_int_equal(pm_text__codepoints(NULL, 0), 0);
}

/* ---- differential checks against utf8proc_map ---- */

/* Checks normalize and fold of bytes against utf8proc_map; returns 1 when
 * NFC left the text unchanged. */
static int check_against_utf8proc(const unsigned char *bytes, size_t len)
{
    utf8proc_uint8_t *expected = NULL;
    utf8proc_ssize_t expected_len = utf8proc_map(bytes, (utf8proc_ssize_t)len, &expected,
                                                 NFC_OPTIONS);
    if (expected_len < 0)
        fail_msg("utf8proc_map failed: %s", utf8proc_errmsg(expected_len));
    char *out = NULL;
    size_t out_len = 0;
    pm_error err;
    pm_error__clear(&err);
    pm_status st = pm_text__normalize_n(&out, &out_len, (const char *)bytes, len, "t", 0, 0,
                                        &err);
    if (st != PM_OK)
        fail_msg("normalize failed: %s", err.message);
    if (out_len != (size_t)expected_len || memcmp(out, expected, out_len) != 0) {
        char hex[256] = "";
        for (size_t i = 0; i < len && i < 60; i++)
            snprintf(hex + strlen(hex), sizeof hex - strlen(hex), "%02X ", bytes[i]);
        fail_msg("NFC differs from utf8proc_map for %s", hex);
    }
    int unchanged = (size_t)expected_len == len && memcmp(expected, bytes, len) == 0;
    free(expected);

    pm__free(out);
    expected_len = utf8proc_map(bytes, (utf8proc_ssize_t)len, &expected, FOLD_OPTIONS);
    assert_true(expected_len >= 0);
    assert_int_equal(pm_text__fold(&out, &out_len, (const char *)bytes, len, &err), PM_OK);
    if (out_len != (size_t)expected_len || memcmp(out, expected, out_len) != 0)
        fail_msg("fold differs from utf8proc_map (first byte %02X)", bytes[0]);
    free(expected);
    pm__free(out);
    return unchanged;
}

static size_t encode(int32_t codepoint, unsigned char *buf)
{
    return (size_t)utf8proc_encode_char(codepoint, buf);
}

static void check_codepoint_after(int32_t before, int32_t cp)
{
    unsigned char buf[16];
    size_t len = before < 0 ? 0 : encode(before, buf);
    len += encode(cp, buf + len);
    check_against_utf8proc(buf, len);
}

/* Each code point alone: the per-code-point decision (singletons,
 * exclusions, decompositions into non-starters, case folds) against utf8proc.
 * Planes 4 to 13 hold no assigned character and planes 15 and 16 are private
 * use, all with the same default properties: their edges stand for them and
 * keep the test quick under valgrind. */
static void test_normalize_and_fold_match_utf8proc_for_each_code_point_alone(void **state)
{
    (void)state;
    static const int32_t ranges[][2] = {
        { 0x1, 0xD7FF }, { 0xE000, 0x3FFFF }, { 0x40000, 0x400FF }, { 0xDFF00, 0xE0FFF },
        { 0xF0000, 0xF00FF }, { 0x10FF00, 0x10FFFF },
    };
    for (size_t r = 0; r < sizeof ranges / sizeof ranges[0]; r++) {
        for (int32_t cp = ranges[r][0]; cp <= ranges[r][1]; cp++)
            check_codepoint_after(-1, cp);
    }
}

/* Code points that join what precedes them, after something to join: marks
 * after a letter, Hangul vowels after a leading consonant (U+1100) and
 * trailing consonants after an LV syllable (U+AC00). */
static void test_normalize_and_fold_match_utf8proc_after_a_joinable_starter(void **state)
{
    (void)state;
    static const int32_t before[] = { 'a', 'A', 0x1100, 0xAC00 };
    static const int32_t ranges[][2] = {
        { 0x0300, 0x036F }, { 0x1100, 0x11FF }, { 0x3130, 0x318F }, { 0xAC00, 0xAC40 },
    };
    for (size_t b = 0; b < sizeof before / sizeof before[0]; b++) {
        for (size_t r = 0; r < sizeof ranges / sizeof ranges[0]; r++) {
            for (int32_t cp = ranges[r][0]; cp <= ranges[r][1]; cp++)
                check_codepoint_after(before[b], cp);
        }
    }
}

/* Every canonical decomposition, written out decomposed: each composition
 * pair Unicode has meets its partner here, including pairs of two starters
 * (U+0B47 U+0B3E -> U+0B4B) that no generic context would bring together. */
static void test_normalize_and_fold_match_utf8proc_for_every_decomposition(void **state)
{
    (void)state;
    int decompositions = 0;
    for (int32_t cp = 0xA0; cp <= 0x10FFFF; cp++) {
        if (cp >= 0xD800 && cp <= 0xDFFF)
            continue;
        utf8proc_int32_t parts[16];
        int boundclass = 0;
        utf8proc_ssize_t n = utf8proc_decompose_char(cp, parts, 16, UTF8PROC_DECOMPOSE,
                                                     &boundclass);
        if (n < 1 || n > 16 || (n == 1 && parts[0] == cp))
            continue;
        unsigned char buf[16 * 4 + 4];
        size_t len = 0;
        for (utf8proc_ssize_t k = 0; k < n; k++)
            len += encode(parts[k], buf + len);
        check_against_utf8proc(buf, len);
        decompositions++;
    }
    assert_true(decompositions > 2000);
}

static void test_normalize_composes_two_starters(void **state)
{
    (void)state;
    assert_normalizes_to("\xe0\xad\x87\xe0\xac\xbe", 6, "\xe0\xad\x8b"); /* U+0B47 U+0B3E */
    assert_normalizes_to("\xe0\xb7\x99\xe0\xb7\x8f", 6, "\xe0\xb7\x9c"); /* U+0DD9 U+0DCF */
}

/* A fixed-seed generator so a failure reproduces. */
static uint32_t next_random(uint64_t *s)
{
    *s = *s * 6364136223846793005u + 1442695040888963407u;
    return (uint32_t)(*s >> 33);
}

static int32_t random_codepoint(uint64_t *seed)
{
    static const int32_t tricky[] = {
        0x212B, 0x2126, 0x212A, 0x0374, 0x037E, 0x0387, 0xF900, 0x2F800, 0x1F71, 0x0F73,
        0x0958, 0x2ADC, 0x0344, 0x0340, 0x1E9B, 0x00DF, 0x0130, 0x1E9E, 0x11A7, 0x0CCA,
        0x0CD5, 0x0DD9, 0x0DCF, 0x0B47, 0x0B3E, 0x110BA, 0x1D15E, 0x0F71, 0x0F72,
        0x0BC6, 0x0BBE, 0x0D46, 0x0D3E, 0x1025, 0x102E, 0x1B05, 0x1B35, 0x0CC6, 0x0CC2,
    };
    uint32_t r = next_random(seed);
    switch (r % 9) {
    case 0:
    case 1: return (int32_t)(0x20 + r / 9 % 0x5F);                     /* printable ASCII */
    case 2: return (int32_t)(0xA0 + r / 9 % 0x60);                     /* Latin-1 */
    case 3: return (int32_t)(0x300 + r / 9 % 0x70);                    /* combining marks */
    case 4: return (int32_t)(0x1100 + r / 9 % 0x100);                  /* Hangul jamo */
    case 5: return (int32_t)(0xAC00 + r / 9 % 11172);                  /* Hangul syllables */
    case 6: return tricky[r / 9 % (sizeof tricky / sizeof tricky[0])];
    case 7: return (int32_t)(0xC0 + r / 9 % 0x1C0);                    /* Latin Extended */
    default: {
        int32_t cp = (int32_t)(r / 9 % 0x10FFFF) + 1;
        return (cp >= 0xD800 && cp <= 0xDFFF) ? 0x10000 + cp : cp;
    }
    }
}

static void test_normalize_and_fold_match_utf8proc_for_generated_strings(void **state)
{
    (void)state;
    uint64_t seed = 20260615;
    int unchanged_non_ascii = 0, changed = 0;
    for (int i = 0; i < 5000; i++) {
        unsigned char buf[40 * 4];
        size_t len = 0;
        uint32_t count = 1 + next_random(&seed) % 40;
        /* Half the strings stay within one pool, so many are already NFC and
         * take the fast path; the others mix everything. */
        int32_t single_pool_first = (i % 2) ? random_codepoint(&seed) : -1;
        int non_ascii = 0;
        for (uint32_t k = 0; k < count; k++) {
            int32_t cp = random_codepoint(&seed);
            if (single_pool_first >= 0 && single_pool_first < 0x80 && cp >= 0x80 && k % 4)
                cp = 'a' + (int32_t)(k % 26);
            non_ascii |= cp >= 0x80;
            len += encode(cp, buf + len);
        }
        if (check_against_utf8proc(buf, len))
            unchanged_non_ascii += non_ascii;
        else
            changed++;
    }
    /* The run must exercise both paths to prove anything. */
    assert_true(unchanged_non_ascii > 500);
    assert_true(changed > 500);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_normalize_copies_ascii_unchanged),
        cmocka_unit_test(test_normalize_with_len_zero_reads_to_the_nul),
        cmocka_unit_test(test_normalize_keeps_precomposed_swedish_text),
        cmocka_unit_test(test_normalize_composes_a_and_combining_ring_to_a_ring),
        cmocka_unit_test(test_normalize_composes_hangul_jamo),
        cmocka_unit_test(test_normalize_maps_angstrom_sign_singleton_to_a_ring),
        cmocka_unit_test(test_normalize_passes_nfc_non_ascii_text_unchanged),
        cmocka_unit_test(test_normalize_composes_two_starters),
        cmocka_unit_test(test_normalize_reports_invalid_utf8_with_byte_offset),
        cmocka_unit_test(test_normalize_refuses_embedded_nul_byte),
        cmocka_unit_test(test_normalize_limit_counts_code_points_not_bytes),
        cmocka_unit_test(test_normalize_limit_counts_after_composition),
        cmocka_unit_test(test_normalize_required_refuses_null_and_empty),
        cmocka_unit_test(test_normalize_optional_null_gives_null_and_empty_gives_empty),
        cmocka_unit_test(test_normalize_single_line_refuses_control_characters),
        cmocka_unit_test(test_normalize_multi_line_allows_newlines_and_tabs),
        cmocka_unit_test(test_normalize_reports_out_of_memory_on_both_paths),
        cmocka_unit_test(test_fold_lowercases_and_expands_sharp_s),
        cmocka_unit_test(test_fold_refuses_invalid_utf8_with_offset),
        cmocka_unit_test(test_codepoints_counts_multibyte_sequences_once),
        cmocka_unit_test(test_blank_text_is_only_white_space),
        cmocka_unit_test(test_blank_text_matches_white_space_for_each_code_point),
        cmocka_unit_test(test_normalize_line_refuses_blank_and_names_the_field),
        cmocka_unit_test(test_normalize_and_fold_match_utf8proc_for_each_code_point_alone),
        cmocka_unit_test(test_normalize_and_fold_match_utf8proc_after_a_joinable_starter),
        cmocka_unit_test(test_normalize_and_fold_match_utf8proc_for_every_decomposition),
        cmocka_unit_test(test_normalize_and_fold_match_utf8proc_for_generated_strings),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
