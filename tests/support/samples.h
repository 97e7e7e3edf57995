/* Test data more than one test program uses: awkward text and the sample
 * organisation as an import file. */
#ifndef PM_TEST_SAMPLES_H
#define PM_TEST_SAMPLES_H

/* Å as one code point (NFC) and as A + combining ring (NFD); å folded. */
#define A_RING_NFC "\xC3\x85"
#define A_RING_NFD "A\xCC\x8A"
#define a_ring "\xC3\xA5"

/* The UTF-8 byte order mark some spreadsheets write first. */
#define BOM "\xEF\xBB\xBF"

/* Every column of an import file, in the documented order. */
#define CSV_HEADER "external_id,name,email,manager_external_id,unit_path,hr_admin"

/* Twelve people on four levels, with a BOM, CRLF and LF line ends, a blank
 * line, a report listed before their manager (E10 before E4), a name with a
 * comma and one with quotes, an NFD name, and no newline at the end. The
 * units: Acme, Acme/Engineering, Acme/Sales, Acme/Engineering/Platform,
 * Acme/Engineering/Apps and Acme/People. E9 is the only HR admin. */
extern const char pm_sample_org_csv[];

#endif
