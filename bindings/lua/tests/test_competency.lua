-- Competencies, scales, roles, assessments and gaps: every function of
-- competency.h through a session, the records they give, and the error
-- rule with the errors C reports.
local T = require "helper"
local perfmgmt = require "perfmgmt"
local S = perfmgmt.status

local JAN1 = 1767225600 -- 2026-01-01T00:00:00Z

-- Max manages Ada, who manages Bob and Dee; Cy is elsewhere; Hal is an HR
-- admin. Today is 2026-01-01 by the store's clock.
local function setup()
  local db, s = T.store()
  db:set_clock(function() return JAN1 + 10 * 3600 end)
  local p = { s = s }
  local function person(key, name, manager, extra)
    local fields = { external_id = key, name = name, manager = manager, start = "2025-01-01" }
    for k, v in pairs(extra or {}) do fields[k] = v end
    return s:create_person(fields)
  end
  p.max = person("M", "Max")
  p.ada = person("A", "Ada", p.max)
  p.bob = person("B", "Bob", p.ada)
  p.dee = person("D", "Dee", p.ada)
  p.cy = person("C", "Cy")
  p.hal = person("H", "Hal", nil, { hr_admin = true })
  p.as = {}
  for _, who in ipairs { "max", "ada", "bob", "dee", "cy", "hal" } do p.as[who] = db:session(p[who]) end
  return db, s, p
end

-- A five-level scale, two competencies and a role requiring 4 and 3.
local function framework(p)
  local hal = p.as.hal
  local f = {}
  f.scale = hal:create_scale("Five", { "Novice", "Basic", "Skilled", "Advanced", "Expert" })
  f.coaching = hal:create_competency { name = "Coaching", category = "Leadership", scale = f.scale }
  f.sql = hal:create_competency { name = "SQL", category = "Technical", scale = f.scale }
  f.lead = hal:create_role("Team lead")
  hal:require(f.lead, f.coaching, 4)
  hal:require(f.lead, f.sql, 3)
  return f
end

T.test("create_scale and get_scale: the levels as a list, lowest first", function()
  local db, _, p = setup()
  local hal = p.as.hal
  local id = hal:create_scale("Three", { "Low", "Mid", "High" })
  T.eq(math.type(id), "integer")
  local sc = hal:get_scale(id)
  T.same(sc, { id = id, name = "Three", min_level = 1, max_level = 3, levels = sc.levels })
  T.eq(#sc.levels, 3)
  T.same(sc.levels[1], { level = 1, name = "Low" }, "no description: absent")
  T.same(sc.levels[3], { level = 3, name = "High" })

  local zero = hal:create_scale("From zero", { "None", "Some", "Much" },
    { min_level = 0, descriptions = { "nothing yet", false, "a lot" } })
  local z = p.as.bob:get_scale(zero)
  T.eq(z.min_level, 0, "anyone reads a scale")
  T.eq(z.max_level, 2)
  T.same(z.levels[1], { level = 0, name = "None", description = "nothing yet" })
  T.same(z.levels[2], { level = 1, name = "Some" }, "false is no description")
  T.same(z.levels[3], { level = 2, name = "Much", description = "a lot" })
  local short = hal:create_scale("Short list", { "a", "b", "c" }, { descriptions = { "first" } })
  T.eq(hal:get_scale(short).levels[2].description, nil, "missing descriptions are none")

  local function create(...) return hal.create_scale(hal, ...) end
  T.raises(S.CONFLICT, "scale%.name", create, "Three", { "a", "b" })
  T.raises(S.INVAL, "scale%.name: must not be blank", create, " ", { "a", "b" })
  T.raises(S.INVAL, "level_names%[1%]: must not be blank", create, "X", { "a", " " })
  T.raises(S.INVAL, "repeats", create, "X", { "a", "a" })
  T.raises(S.INVAL, "max_level", create, "X", { "a" })
  T.raises(S.INVAL, "max_level", create, "X", {})
  local many = {}
  for i = 1, 21 do many[i] = "level " .. i end
  T.raises(S.INVAL, "at most 20", create, "X", many)
  T.raises(S.INVAL, "min_level", create, "X", { "a", "b" }, { min_level = -1 })
  T.raises(S.RANGE, "min_level", create, "X", { "a", "b" }, { min_level = 1 << 40 })
  T.raises(S.UTF8, "scale%.name", create, "X\255", { "a", "b" })
  T.raises(S.UTF8, "levels%[2%]: contains a NUL byte", create, "X", { "a", "b\0c" })
  T.raises(S.UTF8, "descriptions%[1%]", create, "X", { "a", "b" }, { descriptions = { "\0" } })
  T.raises(S.PERM, "competency framework", p.as.ada.create_scale, p.as.ada, "X", { "a", "b" })
  T.raises_arg("table expected, got no value", create, "X")
  T.raises_arg("string expected, got no value", create)
  T.raises_arg("levels%[2%]: string expected, got number", create, "X", { "a", 2 })
  T.raises_arg("unknown key 'max_level'", create, "X", { "a", "b" }, { max_level = 2 })
  T.raises_arg("more entries than levels", create, "X", { "a", "b" },
    { descriptions = { "1", "2", "3" } })
  T.raises_arg("field 'descriptions': table expected, got string", create, "X", { "a", "b" },
    { descriptions = "one" })
  T.raises_arg("descriptions%[1%]: string expected, got number", create, "X", { "a", "b" },
    { descriptions = { 1 } })
  T.raises_arg("field 'min_level': number expected, got string", create, "X", { "a", "b" },
    { min_level = "one" })
  T.raises(S.NOTFOUND, "scale 999 does not exist", hal.get_scale, hal, 999)
  T.raises_arg("number expected, got string", hal.get_scale, hal, "Three")
  db:close()
end)

T.test("create_competency, get_competency and competencies by category", function()
  local db, _, p = setup()
  local f = framework(p)
  local hal = p.as.hal
  local listen = hal:create_competency { name = "Listening", category = "Leadership",
                                         scale = f.scale, description = "Hears people out" }
  T.same(p.as.bob:get_competency(listen), { id = listen, name = "Listening",
    category = "Leadership", description = "Hears people out", scale = f.scale })
  T.same(hal:get_competency(f.sql), { id = f.sql, name = "SQL", category = "Technical",
    scale = f.scale }, "no description: absent")
  T.same(T.collect("id", p.as.bob:competencies()), { f.coaching, listen, f.sql },
    "by category, then name")
  T.same(T.collect("name", hal:competencies("Leadership")), { "Coaching", "Listening" })
  T.same(T.collect("id", hal:competencies("Nothing")), {})
  T.eq(getmetatable(hal:competencies()).__name, "perfmgmt.CompetencyIter")

  local function create(fields) return hal.create_competency(hal, fields) end
  T.raises(S.CONFLICT, "Leadership", create, { name = "Coaching", category = "Leadership",
                                               scale = f.scale })
  T.raises(S.NOTFOUND, "competency%.scale: scale 99", create, { name = "X", category = "K",
                                                                 scale = 99 })
  T.raises(S.INVAL, "competency%.name", create, { name = " ", category = "K", scale = f.scale })
  T.raises(S.INVAL, "competency%.category", create, { name = "X", scale = f.scale })
  T.raises(S.UTF8, create, { name = "X\255", category = "K", scale = f.scale })
  T.raises(S.PERM, p.as.ada.create_competency, p.as.ada,
    { name = "X", category = "K", scale = f.scale })
  T.raises_arg("unknown key 'level'", create, { name = "X", category = "K", scale = f.scale,
                                                level = 3 })
  T.raises_arg("field 'scale': number expected, got string", create,
    { name = "X", category = "K", scale = "Five" })
  T.raises_arg("table expected, got string", create, "X")
  T.raises(S.UTF8, "category: contains a NUL byte", hal.competencies, hal, "Lead\0ership")
  T.raises_arg("string expected, got table", hal.competencies, hal, {})
  T.raises(S.NOTFOUND, "competency 99", hal.get_competency, hal, 99)
  T.same(T.collect("id", hal:competencies()), { f.coaching, listen, f.sql },
    "nothing else was written")
  db:close()
end)

T.test("create_role, require, get_role and roles: the profile by competency", function()
  local db, _, p = setup()
  local f = framework(p)
  local hal = p.as.hal
  local role = p.as.bob:get_role(f.lead)
  T.same(role, { id = f.lead, name = "Team lead", requirements = role.requirements },
    "no description: absent")
  local req = role.requirements
  T.eq(#req, 2)
  T.same(req[1], { competency = f.coaching, level = 4 })
  T.same(req[2], { competency = f.sql, level = 3 })
  hal:require(f.lead, f.sql, 5)
  T.same(hal:get_role(f.lead).requirements[2], { competency = f.sql, level = 5 }, "replaced")
  hal:require(f.lead, f.sql, 0)
  T.eq(#hal:get_role(f.lead).requirements, 1, "level 0 removes it")
  local arch = hal:create_role("Architect", "Designs systems")
  local a = hal:get_role(arch)
  T.same(a, { id = arch, name = "Architect", description = "Designs systems",
              requirements = a.requirements })
  T.eq(#a.requirements, 0, "an empty profile")
  T.same(T.collect("name", p.as.bob:roles()), { "Architect", "Team lead" }, "by name")
  T.eq(getmetatable(hal:roles()).__name, "perfmgmt.RoleIter")

  T.raises(S.CONFLICT, "role%.name", hal.create_role, hal, "Team lead")
  T.raises(S.INVAL, "role%.name", hal.create_role, hal, "")
  T.raises(S.PERM, p.as.ada.create_role, p.as.ada, "X")
  T.raises_arg("string expected, got table", hal.create_role, hal, "X", {})
  T.raises(S.INVAL, "6 is outside the scale 1 to 5", hal.require, hal, f.lead, f.coaching, 6)
  T.raises(S.NOTFOUND, "does not require", hal.require, hal, f.lead, f.sql, 0)
  T.raises(S.NOTFOUND, "competency 99", hal.require, hal, f.lead, 99, 3)
  T.raises(S.NOTFOUND, "role 99", hal.require, hal, 99, f.sql, 3)
  T.raises(S.PERM, p.as.ada.require, p.as.ada, f.lead, f.sql, 3)
  T.raises(S.RANGE, "level", hal.require, hal, f.lead, f.sql, 1 << 40)
  T.raises_arg("number expected, got no value", hal.require, hal, f.lead, f.sql)
  T.raises(S.NOTFOUND, "role 99", hal.get_role, hal, 99)
  T.same(T.collect("name", hal:roles()), { "Architect", "Team lead" }, "nothing else was written")
  db:close()
end)

T.test("assign_role and role_of: the role held on each day", function()
  local db, _, p = setup()
  local f = framework(p)
  local hal = p.as.hal
  local arch = hal:create_role("Architect")
  T.eq(p.as.cy:role_of(p.bob), nil, "none yet; anyone may ask")
  hal:assign_role(p.bob, f.lead, "2025-06-01")
  hal:assign_role(p.bob, arch)
  T.eq(hal:role_of(p.bob, "2025-05-31"), nil)
  T.eq(hal:role_of(p.bob, "2025-12-31"), f.lead)
  T.eq(hal:role_of(p.bob), arch, "today")
  hal:assign_role(p.dee, f.lead, "2025-06-01")
  hal:assign_role(p.dee, nil)
  T.eq(hal:role_of(p.dee), nil, "nil ends the role")
  T.eq(hal:role_of(p.dee, "2025-07-01"), f.lead)

  T.raises(S.INVAL, hal.assign_role, hal, p.bob, f.lead, "2025-01-01")
  T.raises(S.PERM, p.as.ada.assign_role, p.as.ada, p.bob, f.lead)
  T.raises(S.NOTFOUND, "person 99", hal.assign_role, hal, 99, f.lead)
  T.raises(S.NOTFOUND, "role 99", hal.assign_role, hal, p.bob, 99)
  T.raises(S.INVAL, "not a date", hal.assign_role, hal, p.bob, f.lead, "June")
  T.raises_arg("number expected, got no value", hal.assign_role, hal, p.bob)
  T.raises_arg("number expected, got string", hal.assign_role, hal, p.bob, "lead")
  T.raises(S.NOTFOUND, "person 99", hal.role_of, hal, 99)
  T.eq(hal:role_of(p.bob), arch, "nothing else was written")
  db:close()
end)

T.test("add_assessment and assessments: sources, assessors and history", function()
  local db, s, p = setup()
  local f = framework(p)
  local bob, ada, hal = p.as.bob, p.as.ada, p.as.hal
  local a1 = bob:add_assessment { person = p.bob, competency = f.sql, level = 2, source = "self",
                                  on = "2025-12-01", note = "Joins only" }
  local a2 = ada:add_assessment { person = p.bob, competency = f.sql, level = 3,
                                  source = "manager" }
  local a3 = s:add_assessment { person = p.bob, competency = f.coaching, level = 4,
                                source = "review360", on = "2025-11-01" }
  local list = T.collect(nil, ada:assessments(p.bob))
  T.eq(#list, 3)
  T.same(list[1], { id = a3, person = p.bob, competency = f.coaching, level = 4,
                    source = "review360", assessor = 0, on = "2025-11-01", released = true },
    "oldest first; the system is assessor 0; no note: absent")
  T.same(list[2], { id = a1, person = p.bob, competency = f.sql, level = 2, source = "self",
                    assessor = p.bob, on = "2025-12-01", released = true, note = "Joins only" })
  T.same(list[3], { id = a2, person = p.bob, competency = f.sql, level = 3, source = "manager",
                    assessor = p.ada, on = "2026-01-01", released = true })
  T.same(T.collect("id", p.as.max:assessments(p.bob, f.sql)), { a1, a2 }, "one competency")
  T.same(T.collect("id", hal:assessments(p.bob, nil)), { a3, a1, a2 })
  T.eq(getmetatable(bob:assessments(p.bob)).__name, "perfmgmt.AssessmentIter")

  local function add(session, fields) return session.add_assessment(session, fields) end
  local base = { person = p.bob, competency = f.sql, level = 3, source = "manager" }
  local function with(changes)
    local t = {}
    for k, v in pairs(base) do t[k] = v end
    for k, v in pairs(changes) do t[k] = v end
    return t
  end
  T.raises(S.INVAL, "assessment%.level: 9 is outside the scale", add, ada, with { level = 9 })
  T.raises(S.INVAL, "in the future", add, ada, with { on = "2026-02-01" })
  T.raises(S.PERM, "as themself", add, ada, with { source = "self" })
  T.raises(S.PERM, "as the manager", add, bob, with { person = p.dee })
  T.raises(S.PERM, "360", add, ada, with { source = "review360" })
  T.raises(S.PERM, add, p.as.cy, with {})
  T.raises(S.NOTFOUND, add, ada, with { competency = 99 })
  T.raises(S.INVAL, "assessment%.source", add, ada,
    { person = p.bob, competency = f.sql, level = 3 })
  T.raises(S.UTF8, add, ada, with { note = "\255" })
  T.raises(S.RANGE, "level", add, ada, with { level = 1 << 40 })
  T.raises_arg("field 'level': number expected, got nil", add, ada,
    { person = p.bob, competency = f.sql, source = "manager" })
  T.raises_arg("field 'source': invalid value '360' %(expected 'self', 'manager' or 'review360'%)",
    add, ada, with { source = "360" })
  T.raises_arg("unknown key 'assessor'", add, ada, with { assessor = p.ada })
  T.raises_arg("field 'person': number expected, got string", add, ada, with { person = "Bob" })

  T.raises(S.PERM, "assessments", bob.assessments, bob, p.ada)
  T.raises(S.PERM, p.as.cy.assessments, p.as.cy, p.bob)
  T.raises(S.NOTFOUND, "person 99", hal.assessments, hal, 99)
  T.raises_arg("number expected, got nil", hal.assessments, hal, nil)
  T.same(T.collect("id", hal:assessments(p.bob)), { a3, a1, a2 }, "nothing else was written")
  db:close()
end)

T.test("an assessment round is blind until both sides submit", function()
  local db, _, p = setup()
  local f = framework(p)
  local bob, ada = p.as.bob, p.as.ada
  local round = ada:open_assessment_round(p.bob)
  T.eq(math.type(round), "integer")
  T.same(ada:assessment_round_state(round), { self_submitted = false, manager_submitted = false })
  local mine = bob:add_assessment { person = p.bob, competency = f.sql, level = 2,
                                    source = "self", round = round }
  local theirs = ada:add_assessment { person = p.bob, competency = f.sql, level = 4,
                                      source = "manager", round = round }
  local seen = T.collect(nil, bob:assessments(p.bob))
  T.eq(#seen, 1, "Bob sees his own only")
  T.same(seen[1], { id = mine, person = p.bob, competency = f.sql, level = 2, source = "self",
                    assessor = p.bob, on = "2026-01-01", round = round, released = false })
  T.same(T.collect("id", ada:assessments(p.bob)), { theirs }, "Ada sees hers only")
  T.eq(ada:competency_level(p.bob, f.sql), nil, "unreleased assessments do not count")

  T.eq(bob:submit_assessment_round(round), false, "one side: not released")
  T.same(bob:assessment_round_state(round), { self_submitted = true, manager_submitted = false })
  T.raises(S.INVAL, "already submitted", bob.submit_assessment_round, bob, round)
  T.raises(S.INVAL, bob.add_assessment, bob, { person = p.bob, competency = f.sql, level = 3,
                                               source = "self", round = round })
  T.eq(ada:submit_assessment_round(round), true, "the second side releases it")
  local state = bob:assessment_round_state(round)
  T.same(state, { self_submitted = true, manager_submitted = true,
                  released_at = JAN1 + 10 * 3600 })
  T.same(T.collect("id", bob:assessments(p.bob)), { mine, theirs }, "released together")
  T.eq(T.collect("released", bob:assessments(p.bob))[2], true)
  T.eq(ada:competency_level(p.bob, f.sql), 4.0, "the manager's counts first")

  T.raises(S.PERM, bob.open_assessment_round, bob, p.bob)
  T.raises(S.INVAL, "no manager", p.as.hal.open_assessment_round, p.as.hal, p.max)
  T.raises(S.NOTFOUND, p.as.hal.open_assessment_round, p.as.hal, 99)
  local again = ada:open_assessment_round(p.bob, "2025-12-15")
  T.raises(S.CONFLICT, "not yet released", ada.open_assessment_round, ada, p.bob)
  T.raises(S.PERM, p.as.dee.submit_assessment_round, p.as.dee, again)
  T.raises(S.PERM, p.as.cy.assessment_round_state, p.as.cy, again)
  T.raises(S.NOTFOUND, "assessment round 99", ada.submit_assessment_round, ada, 99)
  T.raises(S.NOTFOUND, "assessment round 99", ada.assessment_round_state, ada, 99)
  T.raises(S.INVAL, "not a date", ada.open_assessment_round, ada, p.dee, "soon")
  T.raises_arg("number expected, got nil", ada.submit_assessment_round, ada, nil)
  db:close()
end)

T.test("competency_level by rule: manager first, or weighted", function()
  local db, s, p = setup()
  local f = framework(p)
  p.as.bob:add_assessment { person = p.bob, competency = f.sql, level = 2, source = "self" }
  p.as.ada:add_assessment { person = p.bob, competency = f.sql, level = 4, source = "manager",
                            on = "2025-12-01" }
  s:add_assessment { person = p.bob, competency = f.sql, level = 5, source = "review360" }
  local ada = p.as.ada
  T.eq(ada:competency_level(p.bob, f.sql), 4.0)
  T.eq(math.type(ada:competency_level(p.bob, f.sql)), "float")
  T.eq(ada:competency_level(p.bob, f.sql, nil, { kind = "manager_first" }), 4.0)
  T.eq(ada:competency_level(p.bob, f.sql, "2025-12-15"), 4.0, "on an earlier day")
  T.eq(ada:competency_level(p.bob, f.sql, "2025-11-30"), nil, "before any assessment")
  T.eq(ada:competency_level(p.bob, f.coaching), nil, "never assessed: nil, not 0")
  -- (2 x 1 + 4 x 2 + 5 x 1) / 4
  T.eq(ada:competency_level(p.bob, f.sql, nil, { kind = "weighted" }), 15 / 4)
  T.eq(ada:competency_level(p.bob, f.sql, nil, { kind = "weighted", self_weight = 0,
                                                  manager_weight = 1, review360_weight = 1 }),
    4.5)
  T.eq(p.as.bob:competency_level(p.bob, f.sql), 4.0, "the person reads their own")

  local function level(...) return ada.competency_level(ada, ...) end
  T.raises(S.INVAL, "weights must not all be 0", level, p.bob, f.sql, nil,
    { kind = "weighted", self_weight = 0, manager_weight = 0, review360_weight = 0 })
  T.raises(S.INVAL, "rule%.self_weight", level, p.bob, f.sql, nil,
    { kind = "weighted", self_weight = -1 })
  T.raises(S.PERM, p.as.cy.competency_level, p.as.cy, p.bob, f.sql)
  T.raises(S.PERM, p.as.bob.competency_level, p.as.bob, p.dee, f.sql)
  T.raises(S.NOTFOUND, level, p.bob, 99)
  T.raises_arg("field 'kind': invalid value 'mean' %(expected 'manager_first' or 'weighted'%)",
    level, p.bob, f.sql, nil, { kind = "mean" })
  T.raises_arg("unknown key 'weight'", level, p.bob, f.sql, nil, { weight = 2 })
  T.raises_arg("field 'self_weight': number expected, got string", level, p.bob, f.sql, nil,
    { kind = "weighted", self_weight = "1" })
  T.raises_arg("table expected, got string", level, p.bob, f.sql, nil, "weighted")
  T.raises_arg("number expected, got no value", level, p.bob)
  db:close()
end)

T.test("gaps and role_match: against the role held or a target role", function()
  local db, s, p = setup()
  local f = framework(p)
  local hal = p.as.hal
  hal:assign_role(p.bob, f.lead, "2025-06-01")
  s:add_assessment { person = p.bob, competency = f.coaching, level = 5, source = "review360" }
  local gaps = T.collect(nil, p.as.ada:gaps(p.bob))
  T.eq(#gaps, 2)
  T.same(gaps[1], { competency = f.coaching, required = 4, assessed = true, current = 5.0,
                    gap = -1.0 }, "above the requirement: negative")
  T.same(gaps[2], { competency = f.sql, required = 3, assessed = false, gap = 3.0 },
    "not assessed: no current level, the whole requirement")
  T.eq(getmetatable(p.as.ada:gaps(p.bob)).__name, "perfmgmt.GapIter")
  -- (min(8, 5) / 4 + 0 / 3) / 2
  T.eq(p.as.bob:role_match(p.bob), 5 / 8)
  T.eq(math.type(p.as.bob:role_match(p.bob)), "float")

  local arch = hal:create_role("Architect")
  hal:require(arch, f.sql, 2)
  p.as.bob:add_assessment { person = p.bob, competency = f.sql, level = 1, source = "self" }
  T.same(T.collect(nil, hal:gaps(p.bob, arch))[1],
    { competency = f.sql, required = 2, assessed = true, current = 1.0, gap = 1.0 },
    "a target role")
  T.eq(hal:role_match(p.bob, arch), 0.5)
  T.eq(hal:role_match(p.bob, arch, nil, { kind = "weighted", self_weight = 1 }), 0.5)
  T.same(T.collect("gap", hal:gaps(p.bob, nil, "2025-12-31")), { 4.0, 3.0 },
    "on an earlier day: nothing assessed yet")
  T.eq(hal:role_match(p.bob, hal:create_role("Empty")), 0.0, "no requirements: 0")

  T.raises(S.INVAL, "holds no role", hal.gaps, hal, p.dee)
  T.raises(S.INVAL, "holds no role", hal.role_match, hal, p.dee)
  T.raises(S.PERM, p.as.cy.gaps, p.as.cy, p.bob)
  T.raises(S.PERM, p.as.dee.role_match, p.as.dee, p.bob)
  T.raises(S.NOTFOUND, hal.gaps, hal, p.bob, 99)
  T.raises(S.NOTFOUND, hal.role_match, hal, 99, arch)
  T.raises(S.INVAL, "weights", hal.gaps, hal, p.bob, nil, nil,
    { kind = "weighted", self_weight = 0, manager_weight = 0, review360_weight = 0 })
  T.raises_arg("unknown key 'kinds'", hal.gaps, hal, p.bob, nil, nil, { kinds = "weighted" })
  T.raises_arg("number expected, got string", hal.role_match, hal, p.bob, "Architect")
  db:close()
end)

T.test("gap_summary: per competency, and on a compare day", function()
  local db, s, p = setup()
  local f = framework(p)
  local hal = p.as.hal
  for _, who in ipairs { "ada", "bob", "dee" } do hal:assign_role(p[who], f.lead, "2025-06-01") end
  hal:assign_role(p.cy, f.lead, "2025-12-15")
  s:add_assessment { person = p.bob, competency = f.coaching, level = 2, source = "review360",
                     on = "2025-07-01" }
  s:add_assessment { person = p.dee, competency = f.coaching, level = 5, source = "review360" }
  local rows = T.collect(nil, hal:gap_summary())
  T.eq(#rows, 2)
  -- Ada, Bob, Dee and Cy need coaching at 4: Bob is 2 short, Dee is above.
  T.same(rows[1], { competency = f.coaching, people = 4, assessed = 2, below = 1,
                    mean_gap = 1.0 }, "no compare day: no before figures")
  T.same(rows[2], { competency = f.sql, people = 4, assessed = 0, below = 0, mean_gap = 0.0 })
  T.eq(getmetatable(hal:gap_summary()).__name, "perfmgmt.GapSummaryIter")

  local compared = T.collect(nil, hal:gap_summary(nil, { on = "2026-01-01",
                                                         compare = "2025-12-01" }))
  T.same(compared[1], { competency = f.coaching, people = 4, assessed = 2, below = 1,
                        mean_gap = 1.0, people_before = 3, assessed_before = 1,
                        below_before = 1, mean_gap_before = 2.0 })
  T.eq(compared[2].people_before, 3)
  local weighted = T.collect(nil, hal:gap_summary(nil, { rule = { kind = "weighted" } }))
  T.eq(weighted[1].mean_gap, 1.0)
  local team = s:create_unit { name = "Team" }
  for _, who in ipairs { "max", "ada", "bob", "dee" } do s:set_unit(p[who], team, "2025-01-01") end
  T.same(T.collect("people", p.as.max:gap_summary(team)), { 3, 3 },
    "Max's unit: Ada, Bob and Dee hold the role")

  local function summary(...) return hal.gap_summary(hal, ...) end
  T.raises(S.INVAL, "compare", summary, nil, { on = "2026-01-01", compare = "2026-01-01" })
  T.raises(S.PERM, "whole organisation", p.as.bob.gap_summary, p.as.bob)
  T.raises(S.NOTFOUND, "unit 99", summary, 99)
  T.raises(S.INVAL, "rule", summary, nil,
    { rule = { kind = "weighted", self_weight = 0, manager_weight = 0, review360_weight = 0 } })
  T.raises(S.INVAL, "not a date", summary, nil, { compare = "last year" })
  T.raises_arg("unknown key 'from'", summary, nil, { from = "2025-01-01" })
  T.raises_arg("field 'rule': table expected, got string", summary, nil, { rule = "weighted" })
  T.raises_arg("unknown key 'rule%.weight'", summary, nil, { rule = { weight = 1 } })
  T.raises_arg("field 'rule%.kind': invalid value 'x'", summary, nil, { rule = { kind = "x" } })
  T.raises_arg("field 'rule%.manager_weight': number expected, got boolean", summary, nil,
    { rule = { manager_weight = true } })
  T.raises_arg("table expected, got string", summary, nil, "2026-01-01")
  db:close()
end)

T.test("closed sessions and iterators raise MISUSE; leaving a loop early is safe", function()
  local db, s, p = setup()
  local f = framework(p)
  local it = s:competencies()
  T.eq(it().id, f.coaching)
  it:close()
  T.raises(S.MISUSE, "closed perfmgmt%.CompetencyIter", it)
  for c in s:competencies() do
    T.eq(c.id, f.coaching)
    break
  end
  local roles = s:roles()
  local gaps = s:gap_summary()
  s:close()
  T.raises(S.MISUSE, "closed perfmgmt%.RoleIter", roles)
  T.raises(S.MISUSE, "closed perfmgmt%.GapSummaryIter", gaps)
  for _, name in ipairs { "create_scale", "get_scale", "create_competency", "get_competency",
                          "competencies", "create_role", "require", "get_role", "roles",
                          "assign_role", "role_of", "add_assessment", "assessments",
                          "open_assessment_round", "submit_assessment_round",
                          "assessment_round_state", "competency_level", "gaps", "role_match",
                          "gap_summary" } do
    T.raises(S.MISUSE, "closed perfmgmt%.Session", s[name], s, 1, 1, 1)
  end
  T.raises_arg("Session expected, got number", p.as.hal.get_scale, 1, 1)
  T.raises_arg("Session expected, got no value", p.as.hal.roles)
  db:close()
  T.raises(S.MISUSE, p.as.hal.get_role, p.as.hal, f.lead)
end)

T.finish()
