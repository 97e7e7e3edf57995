/* SHA-256 (FIPS 180-4) and HMAC-SHA-256 (RFC 2104), written out here
 * because none of the library's dependencies (SQLite, utf8proc, libpq)
 * offers a hash. Used to key the givers of anonymous feedback; not meant as
 * a general crypto library. */
#ifndef PM_UTIL_SHA256_H
#define PM_UTIL_SHA256_H

#include <stddef.h>
#include <stdint.h>

#define PM_SHA256_SIZE 32   /* bytes in a digest */
#define PM_SHA256_BLOCK 64  /* bytes in a block */

/* A hash in progress. */
typedef struct pm_sha256 {
    uint32_t state[8];
    uint64_t length;                      /* bytes hashed so far */
    unsigned char block[PM_SHA256_BLOCK]; /* the partial block */
    size_t used;                          /* bytes in block */
} pm_sha256;

void pm_sha256__init(pm_sha256 *ctx);
void pm_sha256__update(pm_sha256 *ctx, const void *data, size_t len);
/* Writes the digest and wipes ctx. */
void pm_sha256__final(pm_sha256 *ctx, unsigned char digest[PM_SHA256_SIZE]);

/* The digest of data in one call. */
void pm_sha256__hash(unsigned char digest[PM_SHA256_SIZE], const void *data, size_t len);

/* HMAC-SHA-256 of msg under key (any length; keys longer than a block are
 * hashed first, as RFC 2104 says). Wipes its copies of the key. */
void pm_sha256__hmac(unsigned char mac[PM_SHA256_SIZE], const void *key, size_t key_len,
                     const void *msg, size_t msg_len);

/* HMAC-SHA-256 under one key, prepared once: the key's two blocks are
 * hashed here, so each message then costs two compressions fewer (lists
 * check many anonymous entries against one secret). Wipe it when done. */
typedef struct pm_sha256_hmac {
    pm_sha256 inner;
    pm_sha256 outer;
} pm_sha256_hmac;

void pm_sha256__hmac_init(pm_sha256_hmac *hmac, const void *key, size_t key_len);
void pm_sha256__hmac_mac(const pm_sha256_hmac *hmac, unsigned char mac[PM_SHA256_SIZE],
                         const void *msg, size_t msg_len);

/* Lower-case hex of len bytes into out (2 * len + 1 bytes, NUL-terminated). */
void pm_sha256__hex(char *out, const unsigned char *bytes, size_t len);

/* 1 when the len bytes at a and b are equal. Takes the same time whatever
 * they hold, so comparing a tag tells nothing by its timing. */
int pm_sha256__equal(const void *a, const void *b, size_t len);

/* Overwrites len bytes with zeros in a way the compiler may not drop (a
 * plain memset before free or return is dead code to an optimiser). */
void pm_sha256__wipe(void *p, size_t len);

#endif
