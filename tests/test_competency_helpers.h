/* Building a competency framework in tests, every call asserted to succeed:
 * scales, competencies, roles with requirements, and role assignments.
 * For any test program of the development area.
 *
 *   fw_framework_make() makes
 *     scale "Proficiency" 1 to 5 (Novice, Beginner, Competent, Proficient, Expert)
 *     competencies Core/Communication, Core/Delivery, Leadership/Coaching
 *     role "Engineer":  Communication 3, Delivery 4
 *     role "Team lead": Communication 4, Delivery 3, Coaching 3
 */
#ifndef PM_TEST_COMPETENCY_HELPERS_H
#define PM_TEST_COMPETENCY_HELPERS_H

#include "fixture.h"

#include <string.h>

#include "checks.h"

#ifndef D
#define D(iso) pm_fixture_date(iso)
#endif

/* The names and descriptions of fw_scale_1_5(). */
static const char *const fw_level_names[5] = { "Novice", "Beginner", "Competent", "Proficient",
                                               "Expert" };
static const char *const fw_level_descriptions[5] = {
    "Needs guidance", "Works with help", "Works alone", "Helps others", "Sets the standard"
};

/* A person with the HR-admin flag. */
static inline pm_id fw_hr_admin(pm_fixture *f, const char *external_id, const char *name)
{
    pm_person_opts o = PM_PERSON_OPTS_INIT;
    o.external_id = external_id;
    o.display_name = name;
    o.hr_admin = 1;
    pm_id id = 0;
    assert_ok(f->sys, pm_person_create(&id, f->sys, &o));
    return id;
}

static inline pm_scale_opts fw_scale_opts(const char *name, int min_level, int max_level,
                                          const char *const *names,
                                          const char *const *descriptions)
{
    pm_scale_opts o = PM_SCALE_OPTS_INIT;
    o.name = name;
    o.min_level = min_level;
    o.max_level = max_level;
    o.level_names = names;
    o.level_descriptions = descriptions;
    return o;
}

static inline pm_id fw_scale(pm_session *s, const char *name, int min_level, int max_level,
                             const char *const *names, const char *const *descriptions)
{
    pm_scale_opts o = fw_scale_opts(name, min_level, max_level, names, descriptions);
    pm_id id = 0;
    assert_ok(s, pm_scale_create(&id, s, &o));
    assert_true(id > 0);
    return id;
}

/* A 1 to 5 scale with fw_level_names and fw_level_descriptions. */
static inline pm_id fw_scale_1_5(pm_session *s, const char *name)
{
    return fw_scale(s, name, 1, 5, fw_level_names, fw_level_descriptions);
}

static inline pm_competency_opts fw_competency_opts(const char *category, const char *name,
                                                    pm_id scale)
{
    pm_competency_opts o = PM_COMPETENCY_OPTS_INIT;
    o.category = category;
    o.name = name;
    o.scale = scale;
    return o;
}

static inline pm_id fw_competency(pm_session *s, const char *category, const char *name,
                                  pm_id scale)
{
    pm_competency_opts o = fw_competency_opts(category, name, scale);
    pm_id id = 0;
    assert_ok(s, pm_competency_create(&id, s, &o));
    assert_true(id > 0);
    return id;
}

static inline pm_id fw_role(pm_session *s, const char *name)
{
    pm_id id = 0;
    assert_ok(s, pm_role_create(&id, s, name, 0, NULL, 0));
    assert_true(id > 0);
    return id;
}

static inline void fw_require(pm_session *s, pm_id role, pm_id competency, int level)
{
    assert_ok(s, pm_role_require(s, role, competency, level));
}

/* Assigns role (0: ends the current one) from iso, or today for NULL. */
static inline void fw_assign(pm_session *s, pm_id person, pm_id role, const char *iso)
{
    assert_ok(s, pm_role_assign(s, person, role, iso ? D(iso) : PM_DATE_NONE));
}

/* The role person held on iso (today for NULL). */
static inline pm_id fw_role_of(pm_session *s, pm_id person, const char *iso)
{
    pm_id role = -1;
    assert_ok(s, pm_role_of(&role, s, person, iso ? D(iso) : PM_DATE_NONE));
    return role;
}

typedef struct fw_framework {
    pm_id scale;
    pm_id communication, delivery, coaching;
    pm_id engineer, lead;
} fw_framework;

/* The framework of the comment at the top, made through s (HR or the system). */
static inline void fw_framework_make(fw_framework *fw, pm_session *s)
{
    memset(fw, 0, sizeof *fw);
    fw->scale = fw_scale_1_5(s, "Proficiency");
    fw->communication = fw_competency(s, "Core", "Communication", fw->scale);
    fw->delivery = fw_competency(s, "Core", "Delivery", fw->scale);
    fw->coaching = fw_competency(s, "Leadership", "Coaching", fw->scale);
    fw->engineer = fw_role(s, "Engineer");
    fw_require(s, fw->engineer, fw->communication, 3);
    fw_require(s, fw->engineer, fw->delivery, 4);
    fw->lead = fw_role(s, "Team lead");
    fw_require(s, fw->lead, fw->communication, 4);
    fw_require(s, fw->lead, fw->delivery, 3);
    fw_require(s, fw->lead, fw->coaching, 3);
}

#endif
