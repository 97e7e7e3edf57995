/* SHA-256 and HMAC-SHA-256 of util/sha256.c against published vectors:
 * the FIPS 180-2 examples (appendix B) and RFC 4231's HMAC test cases,
 * plus the padding edges around 55, 56 and 64 bytes (digests from Python's
 * hashlib) and the random bytes of util/random.c. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "util/random.h"
#include "util/sha256.h"

static void hex_of(char out[2 * PM_SHA256_SIZE + 1], const unsigned char d[PM_SHA256_SIZE])
{
    pm_sha256__hex(out, d, PM_SHA256_SIZE);
}

static void assert_sha256(const void *data, size_t len, const char *expected)
{
    unsigned char d[PM_SHA256_SIZE];
    char hex[2 * PM_SHA256_SIZE + 1];
    pm_sha256__hash(d, data, len);
    hex_of(hex, d);
    assert_string_equal(hex, expected);
}

static void test_sha256_fips_180_2_examples(void **state)
{
    (void)state;
    assert_sha256("abc", 3, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    const char *two = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
    assert_sha256(two, strlen(two),
                  "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    assert_sha256("", 0, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

static void test_sha256_million_a_in_pieces(void **state)
{
    (void)state;
    char chunk[1000];
    memset(chunk, 'a', sizeof chunk);
    pm_sha256 ctx;
    pm_sha256__init(&ctx);
    for (int i = 0; i < 1000; i++)
        pm_sha256__update(&ctx, chunk, sizeof chunk);
    unsigned char d[PM_SHA256_SIZE];
    char hex[2 * PM_SHA256_SIZE + 1];
    pm_sha256__final(&ctx, d);
    hex_of(hex, d);
    assert_string_equal(hex, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

static void test_sha256_padding_edges(void **state)
{
    (void)state;
    static const struct {
        size_t n;
        const char *digest;
    } cases[] = {
        { 55, "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318" },
        { 56, "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a" },
        { 63, "7d3e74a05d7db15bce4ad9ec0658ea98e3f06eeecf16b4c6fff2da457ddc2f34" },
        { 64, "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb" },
        { 119, "31eba51c313a5c08226adf18d4a359cfdfd8d2e816b13f4af952f7ea6584dcfb" },
        { 120, "2f3d335432c70b580af0e8e1b3674a7c020d683aa5f73aaaedfdc55af904c21c" },
    };
    char a[128];
    memset(a, 'a', sizeof a);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        assert_sha256(a, cases[i].n, cases[i].digest);
}

static void test_sha256_split_anywhere_gives_the_same_digest(void **state)
{
    (void)state;
    unsigned char data[200];
    for (size_t i = 0; i < sizeof data; i++)
        data[i] = (unsigned char)(i * 7 + 3);
    unsigned char whole[PM_SHA256_SIZE], parts[PM_SHA256_SIZE];
    pm_sha256__hash(whole, data, sizeof data);
    for (size_t cut = 0; cut <= sizeof data; cut++) {
        pm_sha256 ctx;
        pm_sha256__init(&ctx);
        pm_sha256__update(&ctx, data, cut);
        pm_sha256__update(&ctx, data + cut, sizeof data - cut);
        pm_sha256__final(&ctx, parts);
        assert_memory_equal(whole, parts, PM_SHA256_SIZE);
    }
}

static void assert_hmac(const void *key, size_t key_len, const void *msg, size_t msg_len,
                        const char *expected)
{
    unsigned char mac[PM_SHA256_SIZE];
    char hex[2 * PM_SHA256_SIZE + 1];
    pm_sha256__hmac(mac, key, key_len, msg, msg_len);
    hex_of(hex, mac);
    /* Case 5 is truncated to 128 bits: compare the prefix given. */
    assert_memory_equal(hex, expected, strlen(expected));
}

static void test_hmac_sha256_rfc_4231_vectors(void **state)
{
    (void)state;
    unsigned char k20[20], k25[25], k131[131], d50[50];
    memset(k20, 0x0b, sizeof k20);
    assert_hmac(k20, 20, "Hi There", 8,
                "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
    assert_hmac("Jefe", 4, "what do ya want for nothing?", 28,
                "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    memset(k20, 0xaa, sizeof k20);
    memset(d50, 0xdd, sizeof d50);
    assert_hmac(k20, 20, d50, 50,
                "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe");
    for (int i = 0; i < 25; i++)
        k25[i] = (unsigned char)(i + 1);
    memset(d50, 0xcd, sizeof d50);
    assert_hmac(k25, 25, d50, 50,
                "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b");
    memset(k20, 0x0c, sizeof k20);
    assert_hmac(k20, 20, "Test With Truncation", 20, "a3b6167473100ee06e0c796c2955552b");
    memset(k131, 0xaa, sizeof k131);
    const char *m6 = "Test Using Larger Than Block-Size Key - Hash Key First";
    assert_hmac(k131, 131, m6, strlen(m6),
                "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
    const char *m7 = "This is a test using a larger than block-size key and a larger than "
                     "block-size data. The key needs to be hashed before being used by the "
                     "HMAC algorithm.";
    assert_hmac(k131, 131, m7, strlen(m7),
                "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2");
}

static void test_hmac_prepared_key_matches_one_call_and_can_be_reused(void **state)
{
    (void)state;
    pm_sha256_hmac key;
    pm_sha256__hmac_init(&key, "Jefe", 4);
    unsigned char a[PM_SHA256_SIZE], b[PM_SHA256_SIZE];
    for (int round = 0; round < 2; round++) {
        pm_sha256__hmac_mac(&key, a, "what do ya want for nothing?", 28);
        pm_sha256__hmac(b, "Jefe", 4, "what do ya want for nothing?", 28);
        assert_memory_equal(a, b, sizeof a);
    }
    pm_sha256__hmac_mac(&key, a, "something else", 14);
    assert_memory_not_equal(a, b, sizeof a);
}

static void test_equal_and_wipe(void **state)
{
    (void)state;
    assert_true(pm_sha256__equal("abcd", "abcd", 4));
    assert_false(pm_sha256__equal("abcd", "abce", 4));
    assert_false(pm_sha256__equal("xbcd", "abcd", 4));
    assert_true(pm_sha256__equal("", "", 0));
    unsigned char secret[8] = { 1, 2, 3, 4, 5, 6, 7, 8 };
    pm_sha256__wipe(secret, sizeof secret);
    for (size_t i = 0; i < sizeof secret; i++)
        assert_int_equal(secret[i], 0);
}

static void test_random_bytes_fill_and_differ(void **state)
{
    (void)state;
    /* More than one getentropy() call's worth. */
    unsigned char a[600], b[600];
    assert_int_equal(pm_random__bytes(a, sizeof a), PM_OK);
    assert_int_equal(pm_random__bytes(b, sizeof b), PM_OK);
    assert_memory_not_equal(a, b, sizeof a);
    size_t zeros = 0;
    for (size_t i = 0; i < sizeof a; i++)
        zeros += a[i] == 0;
    assert_true(zeros < 30); /* about 600/256 expected */
    assert_int_equal(pm_random__bytes(a, 0), PM_OK);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sha256_fips_180_2_examples),
        cmocka_unit_test(test_sha256_million_a_in_pieces),
        cmocka_unit_test(test_sha256_padding_edges),
        cmocka_unit_test(test_sha256_split_anywhere_gives_the_same_digest),
        cmocka_unit_test(test_hmac_sha256_rfc_4231_vectors),
        cmocka_unit_test(test_hmac_prepared_key_matches_one_call_and_can_be_reused),
        cmocka_unit_test(test_equal_and_wipe),
        cmocka_unit_test(test_random_bytes_fill_and_differ),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
