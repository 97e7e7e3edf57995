/* The CSV reader of core/csv.c, without a store: quotes, escapes, embedded
 * line breaks, and errors that name the line and the field. */
#include "fixture.h"

#include <string.h>

#include "core/csv.h"
#include "samples.h"

static void expect_field(const pm_csv *csv, size_t i, const char *want)
{
    assert_true(i < csv->nfields);
    assert_int_equal(csv->fields[i].len, strlen(want));
    assert_memory_equal(csv->fields[i].data, want, strlen(want));
}

static void test_csv_reads_quotes_escapes_and_embedded_line_breaks(void **state)
{
    (void)state;
    const char data[] = BOM "a,b,c\r\n"
                        "\"x, y\",\"say \"\"hi\"\"\",\"two\nlines\"\r\n"
                        "\n"
                        "1,,\"\"\n"
                        "last,\"\"\"\",end";
    pm_csv csv;
    pm_error err;
    pm_csv__init(&csv, data, sizeof data - 1);
    assert_int_equal(pm_csv__next(&csv, &err), PM_OK);
    assert_int_equal(csv.record_line, 1);
    expect_field(&csv, 0, "a");
    expect_field(&csv, 2, "c");
    assert_int_equal(pm_csv__next(&csv, &err), PM_OK);
    assert_int_equal(csv.record_line, 2);
    expect_field(&csv, 0, "x, y");
    expect_field(&csv, 1, "say \"hi\"");
    expect_field(&csv, 2, "two\nlines");
    assert_int_equal(pm_csv__next(&csv, &err), PM_OK);
    assert_int_equal(csv.record_line, 5); /* line 3 ends the quoted field; 4 is blank */
    expect_field(&csv, 0, "1");
    expect_field(&csv, 1, "");
    expect_field(&csv, 2, "");
    assert_int_equal(pm_csv__next(&csv, &err), PM_OK);
    assert_int_equal(csv.record_line, 6);
    expect_field(&csv, 1, "\"");
    expect_field(&csv, 2, "end");
    assert_int_equal(pm_csv__next(&csv, &err), PM_ITEROVER);
    pm_csv__free(&csv);
}

static void test_csv_trailing_comma_is_an_empty_last_field(void **state)
{
    (void)state;
    const char data[] = "a,b\nx,";
    pm_csv csv;
    pm_error err;
    pm_csv__init(&csv, data, sizeof data - 1);
    assert_int_equal(pm_csv__next(&csv, &err), PM_OK);
    assert_int_equal(pm_csv__next(&csv, &err), PM_OK);
    assert_int_equal(csv.nfields, 2);
    expect_field(&csv, 1, "");
    assert_int_equal(pm_csv__next(&csv, &err), PM_ITEROVER);
    pm_csv__free(&csv);
}

static void expect_csv_error(const char *data, size_t records_before, const char *want)
{
    pm_csv csv;
    pm_error err;
    pm_error__clear(&err);
    pm_csv__init(&csv, data, strlen(data));
    for (size_t i = 0; i < records_before; i++)
        assert_int_equal(pm_csv__next(&csv, &err), PM_OK);
    assert_int_equal(pm_csv__next(&csv, &err), PM_EINVAL);
    assert_string_equal(err.message, want);
    pm_csv__free(&csv);
}

static void test_csv_reports_errors_with_line_and_field(void **state)
{
    (void)state;
    expect_csv_error("a,b\n\"open,x\n\nmore", 1,
                     "line 2: field 1: unterminated quoted field (no closing quote before the end)");
    expect_csv_error("a,b\nx,\"multi\nline\"y\n", 1, "line 3: field 2: text after the closing quote");
    expect_csv_error("a,b\nx,ab\"c\n", 1,
                     "line 2: field 2: a quote inside a field that does not start with one "
                     "(quote the whole field and double the quote)");
    expect_csv_error("a,b\n\"x\ny\",b\nlonely\n", 2, "line 4: has 1 field where the header has 2");
}

static void test_csv_names_fields_once_named(void **state)
{
    (void)state;
    static const char *const names[] = { "external_id", "name" };
    pm_csv csv;
    pm_error err;
    const char data[] = "a,b\nx,\"y\"z\n";
    pm_csv__init(&csv, data, sizeof data - 1);
    assert_int_equal(pm_csv__next(&csv, &err), PM_OK);
    pm_csv__set_names(&csv, names);
    assert_int_equal(pm_csv__next(&csv, &err), PM_EINVAL);
    assert_string_equal(err.message, "line 2: name: text after the closing quote");
    pm_csv__free(&csv);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_csv_reads_quotes_escapes_and_embedded_line_breaks),
        cmocka_unit_test(test_csv_trailing_comma_is_an_empty_last_field),
        cmocka_unit_test(test_csv_reports_errors_with_line_and_field),
        cmocka_unit_test(test_csv_names_fields_once_named),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
