/* Feedback a person gave and received, read through the public lists so
 * that the anonymity rules hold as they do everywhere else: an anonymous
 * entry names no giver to anyone, and the anonymous entries a person gave
 * are found only by their own session (by the keyed tag, as
 * pm_feedback_is_mine() does). An export made by someone else cannot find
 * them at all: the store cannot link them to anyone. */
#include "export_internal.h"

static const char *const kinds[] = { NULL, "praise", "constructive", "suggestion" };
static const pm_export_enum kind = PM_EXPORT_ENUM_OF(kinds);
static const char *const directions[] = { NULL, "downward", "upward", "peer", "self", "other",
                                          "undisclosed" };
static const pm_export_enum direction = PM_EXPORT_ENUM_OF(directions);
static const char *const visibilities[] = { NULL, "receiver", "managers", "organisation" };
static const pm_export_enum visibility = PM_EXPORT_ENUM_OF(visibilities);
static const char *const reactions[] = { "none", "thanks", "helpful", "discuss", "disagree" };
static const pm_export_enum reaction = PM_EXPORT_ENUM_OF(reactions);

/* The record of an entry. A giver appears only in what the person
 * received, and only when named: the key is absent otherwise, not null.
 * An anonymous entry the person received shows no goal or check-in either:
 * the check-in is one of the giver's and the goal one the giver may read,
 * so either could point at the giver. */
static pm_status add_entry(pm_export *x, const pm_feedback *f, pm_export_place place,
                           const char *key)
{
    int hidden = place == PM_EXPORT_RECORDED && pm_feedback_is_anonymous(f);
    json_t *r = json_object();
    if (r == NULL)
        return pm_export__out_of_memory(x);
    pm_status st = pm_export__set(x, r, "id", json_integer((json_int_t)pm_feedback_id(f)));
    if (st == PM_OK && place == PM_EXPORT_RECORDED && !pm_feedback_is_anonymous(f))
        st = pm_export__set(x, r, "giver",
                            pm_export__id(x, pm_feedback_giver(f), PM_EXPORT_REF_PERSON));
    if (st == PM_OK)
        st = pm_export__set(x, r, "receiver",
                            pm_export__id(x, pm_feedback_receiver(f), PM_EXPORT_REF_PERSON));
    if (st == PM_OK)
        st = pm_export__set(x, r, "kind",
                            pm_export__name(x, &kind, (int)pm_feedback_kind_get(f),
                                            "feedback.kind"));
    if (st == PM_OK)
        st = pm_export__set(x, r, "direction",
                            pm_export__name(x, &direction, (int)pm_feedback_direction(f),
                                            "feedback.direction"));
    if (st == PM_OK)
        st = pm_export__set(x, r, "visibility",
                            pm_export__name(x, &visibility, (int)pm_feedback_visibility_get(f),
                                            "feedback.visibility"));
    if (st == PM_OK)
        st = pm_export__set(x, r, "anonymous", json_boolean(pm_feedback_is_anonymous(f)));
    if (st == PM_OK)
        st = pm_export__set(x, r, "text", pm_export__text(x, pm_feedback_text(f)));
    if (st == PM_OK)
        st = pm_export__set(x, r, "situation", pm_export__text(x, pm_feedback_situation(f)));
    if (st == PM_OK)
        st = pm_export__set(x, r, "behaviour", pm_export__text(x, pm_feedback_behaviour(f)));
    if (st == PM_OK)
        st = pm_export__set(x, r, "impact", pm_export__text(x, pm_feedback_impact(f)));
    if (st == PM_OK)
        st = pm_export__set(x, r, "goal", pm_export__id(x, hidden ? 0 : pm_feedback_goal(f), 0));
    if (st == PM_OK)
        st = pm_export__set(x, r, "competency",
                            pm_export__id(x, pm_feedback_competency(f), PM_EXPORT_REF_COMPETENCY));
    if (st == PM_OK)
        st = pm_export__set(x, r, "checkin",
                            pm_export__id(x, hidden ? 0 : pm_feedback_checkin(f), 0));
    if (st == PM_OK)
        st = pm_export__set(x, r, "request", pm_export__id(x, pm_feedback_request_of(f), 0));
    if (st == PM_OK)
        st = pm_export__set(x, r, "given_at", pm_export__time(x, pm_feedback_given_at(f)));
    if (st == PM_OK)
        st = pm_export__set(x, r, "acknowledged_at",
                            pm_export__time(x, pm_feedback_acknowledged_at(f)));
    if (st == PM_OK)
        st = pm_export__set(x, r, "reaction",
                            pm_export__name(x, &reaction, (int)pm_feedback_reaction(f),
                                            "feedback.reaction"));
    if (st != PM_OK) {
        json_decref(r);
        return st;
    }
    return pm_export__append(x, place, key, r);
}

/* 1 for an entry the list gives that belongs elsewhere: feedback a person
 * gave themself by name is in what they gave. */
static int given_by_name(const pm_export *x, const pm_feedback *f)
{
    return !pm_feedback_is_anonymous(f) && pm_feedback_giver(f) == x->person;
}

static pm_status add_list(pm_export *x, pm_feedback_iter *it, pm_export_place place,
                          const char *key)
{
    pm_status st;
    pm_feedback *f = NULL;
    while ((st = pm_feedback_iter_next(&f, it)) == PM_OK) {
        if (place == PM_EXPORT_RECORDED && given_by_name(x, f))
            continue;
        st = add_entry(x, f, place, key);
        if (st != PM_OK)
            return st;
    }
    return st == PM_ITEROVER ? PM_OK : st;
}

pm_status pm_export__feedback(pm_export *x)
{
    pm_feedback_iter *it = NULL;
    pm_status st = pm_feedback_list_given(&it, x->s, x->person, 0);
    if (st == PM_OK)
        st = add_list(x, it, PM_EXPORT_PROVIDED, "feedback_given");
    pm_feedback_iter_free(it);
    it = NULL;
    if (st == PM_OK)
        st = pm_feedback_list_received(&it, x->s, x->person, 0);
    if (st == PM_OK)
        st = add_list(x, it, PM_EXPORT_RECORDED, "feedback_received");
    pm_feedback_iter_free(it);
    return st;
}
