/* SHA-256 after FIPS 180-4, section 6.2, and HMAC after RFC 2104. Checked
 * against the FIPS 180-2 examples and the RFC 4231 vectors in
 * tests/test_sha256.c. */
#include "sha256.h"

#include <string.h>

static const uint32_t k[64] = {
    0x428a2f98u, 0x71374491u, 0xb5c0fbcfu, 0xe9b5dba5u, 0x3956c25bu, 0x59f111f1u,
    0x923f82a4u, 0xab1c5ed5u, 0xd807aa98u, 0x12835b01u, 0x243185beu, 0x550c7dc3u,
    0x72be5d74u, 0x80deb1feu, 0x9bdc06a7u, 0xc19bf174u, 0xe49b69c1u, 0xefbe4786u,
    0x0fc19dc6u, 0x240ca1ccu, 0x2de92c6fu, 0x4a7484aau, 0x5cb0a9dcu, 0x76f988dau,
    0x983e5152u, 0xa831c66du, 0xb00327c8u, 0xbf597fc7u, 0xc6e00bf3u, 0xd5a79147u,
    0x06ca6351u, 0x14292967u, 0x27b70a85u, 0x2e1b2138u, 0x4d2c6dfcu, 0x53380d13u,
    0x650a7354u, 0x766a0abbu, 0x81c2c92eu, 0x92722c85u, 0xa2bfe8a1u, 0xa81a664bu,
    0xc24b8b70u, 0xc76c51a3u, 0xd192e819u, 0xd6990624u, 0xf40e3585u, 0x106aa070u,
    0x19a4c116u, 0x1e376c08u, 0x2748774cu, 0x34b0bcb5u, 0x391c0cb3u, 0x4ed8aa4au,
    0x5b9cca4fu, 0x682e6ff3u, 0x748f82eeu, 0x78a5636fu, 0x84c87814u, 0x8cc70208u,
    0x90befffau, 0xa4506cebu, 0xbef9a3f7u, 0xc67178f2u,
};

static uint32_t rotr(uint32_t x, unsigned int n)
{
    return (x >> n) | (x << (32u - n));
}

static uint32_t load_be32(const unsigned char *p)
{
    return ((uint32_t)p[0] << 24) | ((uint32_t)p[1] << 16) | ((uint32_t)p[2] << 8)
           | (uint32_t)p[3];
}

static void store_be32(unsigned char *p, uint32_t v)
{
    p[0] = (unsigned char)(v >> 24);
    p[1] = (unsigned char)(v >> 16);
    p[2] = (unsigned char)(v >> 8);
    p[3] = (unsigned char)v;
}

static void compress(uint32_t state[8], const unsigned char block[PM_SHA256_BLOCK])
{
    uint32_t w[64];
    for (int i = 0; i < 16; i++)
        w[i] = load_be32(block + 4 * i);
    for (int i = 16; i < 64; i++) {
        uint32_t s0 = rotr(w[i - 15], 7) ^ rotr(w[i - 15], 18) ^ (w[i - 15] >> 3);
        uint32_t s1 = rotr(w[i - 2], 17) ^ rotr(w[i - 2], 19) ^ (w[i - 2] >> 10);
        w[i] = w[i - 16] + s0 + w[i - 7] + s1;
    }
    uint32_t a = state[0], b = state[1], c = state[2], d = state[3];
    uint32_t e = state[4], f = state[5], g = state[6], h = state[7];
    for (int i = 0; i < 64; i++) {
        uint32_t t1 = h + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g))
                      + k[i] + w[i];
        uint32_t t2 = (rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c));
        h = g;
        g = f;
        f = e;
        e = d + t1;
        d = c;
        c = b;
        b = a;
        a = t1 + t2;
    }
    state[0] += a;
    state[1] += b;
    state[2] += c;
    state[3] += d;
    state[4] += e;
    state[5] += f;
    state[6] += g;
    state[7] += h;
    pm_sha256__wipe(w, sizeof w);
}

void pm_sha256__init(pm_sha256 *ctx)
{
    static const uint32_t initial[8] = {
        0x6a09e667u, 0xbb67ae85u, 0x3c6ef372u, 0xa54ff53au,
        0x510e527fu, 0x9b05688cu, 0x1f83d9abu, 0x5be0cd19u,
    };
    memcpy(ctx->state, initial, sizeof initial);
    ctx->length = 0;
    ctx->used = 0;
}

void pm_sha256__update(pm_sha256 *ctx, const void *data, size_t len)
{
    const unsigned char *p = data;
    ctx->length += len;
    while (len > 0) {
        size_t take = PM_SHA256_BLOCK - ctx->used;
        if (take > len)
            take = len;
        memcpy(ctx->block + ctx->used, p, take);
        ctx->used += take;
        p += take;
        len -= take;
        if (ctx->used == PM_SHA256_BLOCK) {
            compress(ctx->state, ctx->block);
            ctx->used = 0;
        }
    }
}

void pm_sha256__final(pm_sha256 *ctx, unsigned char digest[PM_SHA256_SIZE])
{
    uint64_t bits = ctx->length * 8u;
    /* Padding: a 1 bit, zeros up to 56 bytes into a block, the bit length. */
    ctx->block[ctx->used++] = 0x80;
    if (ctx->used > PM_SHA256_BLOCK - 8) {
        memset(ctx->block + ctx->used, 0, PM_SHA256_BLOCK - ctx->used);
        compress(ctx->state, ctx->block);
        ctx->used = 0;
    }
    memset(ctx->block + ctx->used, 0, PM_SHA256_BLOCK - 8 - ctx->used);
    store_be32(ctx->block + 56, (uint32_t)(bits >> 32));
    store_be32(ctx->block + 60, (uint32_t)bits);
    compress(ctx->state, ctx->block);
    for (int i = 0; i < 8; i++)
        store_be32(digest + 4 * i, ctx->state[i]);
    pm_sha256__wipe(ctx, sizeof *ctx);
}

void pm_sha256__hash(unsigned char digest[PM_SHA256_SIZE], const void *data, size_t len)
{
    pm_sha256 ctx;
    pm_sha256__init(&ctx);
    pm_sha256__update(&ctx, data, len);
    pm_sha256__final(&ctx, digest);
}

void pm_sha256__hmac_init(pm_sha256_hmac *hmac, const void *key, size_t key_len)
{
    unsigned char block[PM_SHA256_BLOCK];
    memset(block, 0, sizeof block);
    if (key_len > PM_SHA256_BLOCK)
        pm_sha256__hash(block, key, key_len);
    else if (key_len > 0)
        memcpy(block, key, key_len);
    for (int i = 0; i < PM_SHA256_BLOCK; i++)
        block[i] ^= 0x36;
    pm_sha256__init(&hmac->inner);
    pm_sha256__update(&hmac->inner, block, sizeof block);
    /* 0x36 ^ 0x5c turns the inner pad into the outer one. */
    for (int i = 0; i < PM_SHA256_BLOCK; i++)
        block[i] ^= 0x36 ^ 0x5c;
    pm_sha256__init(&hmac->outer);
    pm_sha256__update(&hmac->outer, block, sizeof block);
    pm_sha256__wipe(block, sizeof block);
}

void pm_sha256__hmac_mac(const pm_sha256_hmac *hmac, unsigned char mac[PM_SHA256_SIZE],
                         const void *msg, size_t msg_len)
{
    unsigned char inner[PM_SHA256_SIZE];
    pm_sha256 ctx = hmac->inner;
    pm_sha256__update(&ctx, msg, msg_len);
    pm_sha256__final(&ctx, inner);
    ctx = hmac->outer;
    pm_sha256__update(&ctx, inner, sizeof inner);
    pm_sha256__final(&ctx, mac);
    pm_sha256__wipe(inner, sizeof inner);
}

void pm_sha256__hmac(unsigned char mac[PM_SHA256_SIZE], const void *key, size_t key_len,
                     const void *msg, size_t msg_len)
{
    pm_sha256_hmac hmac;
    pm_sha256__hmac_init(&hmac, key, key_len);
    pm_sha256__hmac_mac(&hmac, mac, msg, msg_len);
    pm_sha256__wipe(&hmac, sizeof hmac);
}

void pm_sha256__hex(char *out, const unsigned char *bytes, size_t len)
{
    static const char digits[] = "0123456789abcdef";
    for (size_t i = 0; i < len; i++) {
        out[2 * i] = digits[bytes[i] >> 4];
        out[2 * i + 1] = digits[bytes[i] & 0x0f];
    }
    out[2 * len] = '\0';
}

int pm_sha256__equal(const void *a, const void *b, size_t len)
{
    const unsigned char *x = a, *y = b;
    unsigned char diff = 0;
    for (size_t i = 0; i < len; i++)
        diff |= (unsigned char)(x[i] ^ y[i]);
    return diff == 0;
}

void pm_sha256__wipe(void *p, size_t len)
{
    /* Stores through a volatile pointer are observable behaviour, so they
     * stay even when the memory is freed or goes out of scope right after. */
    volatile unsigned char *v = p;
    while (len-- > 0)
        *v++ = 0;
}
