/* The giver of anonymous feedback, kept so that only they can be
 * recognised: the row holds tag = HMAC-SHA-256(secret, nonce || giver id
 * as 8 big-endian bytes) in hex and the nonce (16 random bytes, in hex as
 * stored), never the id. The secret lives in the db handle alone (see
 * db.c), so neither a reader of the store nor HR can recompute a tag for a
 * guessed giver, and the fresh nonce makes two entries of one giver carry
 * unrelated tags. Recognising needs the id and the secret: only the
 * giver's own session has both in hand. */
#include "feedback_internal.h"

#include <string.h>

#include "../util/random.h"

#define NONCE_BYTES (PM_FEEDBACK_NONCE_LEN / 2)
#define MESSAGE_LEN (PM_FEEDBACK_NONCE_LEN + 8)

/* nonce || id: the nonce as stored (hex text), then the id big-endian, so
 * the message never depends on the host's byte order. */
static void tag_of(const pm_sha256_hmac *key, char tag[PM_FEEDBACK_TAG_LEN + 1],
                   const char *nonce, pm_id giver)
{
    unsigned char message[MESSAGE_LEN];
    unsigned char mac[PM_SHA256_SIZE];
    memcpy(message, nonce, PM_FEEDBACK_NONCE_LEN);
    uint64_t id = (uint64_t)giver;
    for (int i = 0; i < 8; i++)
        message[PM_FEEDBACK_NONCE_LEN + i] = (unsigned char)(id >> (56 - 8 * i));
    pm_sha256__hmac_mac(key, mac, message, sizeof message);
    pm_sha256__hex(tag, mac, sizeof mac);
    pm_sha256__wipe(mac, sizeof mac);
}

void pm_feedback__recogniser_init(pm_feedback_recogniser *r, pm_session *s)
{
    memset(r, 0, sizeof *r);
    r->person = s->actor.is_system ? 0 : s->actor.person;
    if (r->person > 0 && s->db->secret != NULL) {
        pm_sha256__hmac_init(&r->key, s->db->secret, s->db->secret_len);
        r->keyed = 1;
    }
}

void pm_feedback__recogniser_done(pm_feedback_recogniser *r)
{
    pm_sha256__wipe(&r->key, sizeof r->key);
    r->keyed = 0;
}

static int is_text(const pm_value *v, size_t len)
{
    return v->type == PM_VALUE_TEXT && v->v.b.len == len && v->v.b.data != NULL;
}

int pm_feedback__recognise(const pm_feedback_recogniser *r, const pm_value *v)
{
    if (r->person <= 0)
        return 0;
    if (pm_feedback__row_int(&v[PM_FB_ANONYMOUS]) == 0)
        return pm_feedback__row_int(&v[PM_FB_GIVER]) == r->person;
    const pm_value *tag = &v[PM_FB_GIVER_TAG];
    const pm_value *nonce = &v[PM_FB_GIVER_NONCE];
    /* A row without a well-formed tag is nobody's: fail closed. */
    if (!r->keyed || !is_text(tag, PM_FEEDBACK_TAG_LEN) || !is_text(nonce, PM_FEEDBACK_NONCE_LEN))
        return 0;
    char mine[PM_FEEDBACK_TAG_LEN + 1];
    tag_of(&r->key, mine, nonce->v.b.data, r->person);
    int equal = pm_sha256__equal(mine, tag->v.b.data, PM_FEEDBACK_TAG_LEN);
    pm_sha256__wipe(mine, sizeof mine);
    return equal;
}

int pm_feedback__is_giver(pm_session *s, const pm_value *v)
{
    pm_feedback_recogniser r;
    pm_feedback__recogniser_init(&r, s);
    int mine = pm_feedback__recognise(&r, v);
    pm_feedback__recogniser_done(&r);
    return mine;
}

pm_status pm_feedback__make_tag(pm_session *s, char tag[PM_FEEDBACK_TAG_LEN + 1],
                                char nonce[PM_FEEDBACK_NONCE_LEN + 1])
{
    if (s->db->secret == NULL)
        return pm_error__set(&s->error, PM_EUNSUPPORTED,
                             "feedback.anonymous: this store has no secret (pm_db_opts.secret)");
    unsigned char bytes[NONCE_BYTES];
    pm_status st = pm_random__bytes(bytes, sizeof bytes);
    if (st != PM_OK)
        return pm_error__set(&s->error, st,
                             "feedback.anonymous: the system gives no random bytes for a nonce");
    pm_sha256__hex(nonce, bytes, sizeof bytes);
    pm_feedback_recogniser r;
    pm_feedback__recogniser_init(&r, s);
    tag_of(&r.key, tag, nonce, r.person);
    pm_feedback__recogniser_done(&r);
    return PM_OK;
}
