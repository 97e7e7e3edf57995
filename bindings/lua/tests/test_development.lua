-- Development plans, their items and progress, and programmes with
-- enrolments: every function of development.h through a session, the
-- records they give, and the error rule with the errors C reports.
local T = require "helper"
local perfmgmt = require "perfmgmt"
local S = perfmgmt.status

local JAN1 = 1767225600 -- 2026-01-01T00:00:00Z

-- Max manages Ada, who manages Bob and Dee; Cy is elsewhere; Hal is an HR
-- admin. Today is 2026-01-01 by the store's clock. A five-level scale, two
-- competencies and a role requiring 4 and 3.
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
  local f = {}
  f.scale = s:create_scale("Five", { "Novice", "Basic", "Skilled", "Advanced", "Expert" })
  f.coaching = s:create_competency { name = "Coaching", category = "Leadership", scale = f.scale }
  f.sql = s:create_competency { name = "SQL", category = "Technical", scale = f.scale }
  f.lead = s:create_role("Team lead")
  s:require(f.lead, f.coaching, 4)
  s:require(f.lead, f.sql, 3)
  return db, s, p, f
end

-- Bob's plan for the first half of 2026.
local function bob_plan(p)
  return p.as.bob:create_plan { person = p.bob, start = "2026-01-01", ["end"] = "2026-06-30" }
end

T.test("create_plan and get_plan: the period's last day is [\"end\"]", function()
  local db, _, p, f = setup()
  local id = p.as.ada:create_plan { person = p.bob, start = "2026-01-01", ["end"] = "2026-06-30",
                                    strengths = "Patient", ambitions = "Lead a team",
                                    target_role = f.lead }
  T.eq(math.type(id), "integer")
  local plan = p.as.bob:get_plan(id)
  T.same(plan, { id = id, person = p.bob, start = "2026-01-01", ["end"] = "2026-06-30",
                 strengths = "Patient", ambitions = "Lead a team", target_role = f.lead,
                 areas = plan.areas })
  T.eq(#plan.areas, 0)
  local later = p.as.hal:create_plan { person = p.bob, start = "2026-07-01",
                                       ["end"] = "2026-12-31" }
  local l = p.as.max:get_plan(later)
  T.same(l, { id = later, person = p.bob, start = "2026-07-01", ["end"] = "2026-12-31",
              areas = l.areas }, "no strengths, ambitions, target role: absent")
  local today = p.as.dee:create_plan { person = p.dee, ["end"] = "2026-03-31" }
  T.eq(p.as.dee:get_plan(today).start, "2026-01-01", "start defaults to today")

  local function create(session, fields) return session.create_plan(session, fields) end
  local hal = p.as.hal
  T.raises(S.CONFLICT, "overlaps plan", create, hal,
    { person = p.bob, start = "2026-03-01", ["end"] = "2026-09-30" })
  T.raises(S.INVAL, "plan%.end: 2027%-01%-31 is before the start", create, hal,
    { person = p.bob, start = "2027-03-01", ["end"] = "2027-01-31" })
  T.raises(S.INVAL, "plan%.end", create, hal, { person = p.bob, start = "2027-01-01" })
  T.raises(S.PERM, "development plan", create, p.as.cy,
    { person = p.bob, start = "2027-01-01", ["end"] = "2027-12-31" })
  T.raises(S.PERM, create, p.as.bob,
    { person = p.dee, start = "2027-01-01", ["end"] = "2027-12-31" })
  T.raises(S.NOTFOUND, "person 99", create, hal,
    { person = 99, start = "2027-01-01", ["end"] = "2027-12-31" })
  T.raises(S.NOTFOUND, "plan%.target_role", create, hal,
    { person = p.bob, start = "2027-01-01", ["end"] = "2027-12-31", target_role = 99 })
  T.raises(S.UTF8, create, hal,
    { person = p.bob, start = "2027-01-01", ["end"] = "2027-12-31", strengths = "\255" })
  T.raises(S.INVAL, "end: 'soon' is not a date", create, hal,
    { person = p.bob, ["end"] = "soon" })
  T.raises(S.RANGE, create, hal, { person = p.bob, ["end"] = "2027-02-30" })
  T.raises_arg("unknown key 'finish'", create, hal, { person = p.bob, finish = "2027-12-31" })
  T.raises_arg("field 'end': string expected, got number", create, hal,
    { person = p.bob, ["end"] = 20271231 })
  T.raises_arg("table expected, got number", create, hal, p.bob)
  T.raises(S.NOTFOUND, p.as.hal.get_plan, p.as.hal, 99)
  T.raises(S.PERM, p.as.cy.get_plan, p.as.cy, id)
  T.same(T.collect("id", hal:plans(p.bob)), { id, later }, "nothing else was written")
  db:close()
end)

T.test("update_plan changes the keys given; one end of the period keeps the other", function()
  local db, _, p, f = setup()
  local id = bob_plan(p)
  local ada = p.as.ada
  ada:update_plan(id, { ["end"] = "2026-07-31", strengths = "Patient", target_role = f.lead })
  local plan = ada:get_plan(id)
  T.eq(plan.start, "2026-01-01", "start kept")
  T.eq(plan["end"], "2026-07-31")
  T.eq(plan.strengths, "Patient")
  T.eq(plan.target_role, f.lead)
  ada:update_plan(id, { start = "2025-12-01", ambitions = "Architect" })
  plan = ada:get_plan(id)
  T.eq(plan.start, "2025-12-01")
  T.eq(plan["end"], "2026-07-31", "end kept")
  T.eq(plan.ambitions, "Architect")
  ada:update_plan(id, { target_role = false, strengths = "" })
  plan = ada:get_plan(id)
  T.eq(plan.target_role, nil, "false clears the target role")
  T.eq(plan.strengths, nil, "\"\" clears the text")
  T.eq(plan.ambitions, "Architect", "keys not given stay")
  ada:update_plan(id, {})

  local item = p.as.bob:add_plan_item(id, { kind = "training", title = "Course",
                                            due = "2026-01-15" })
  T.eq(math.type(item), "integer")
  T.raises(S.INVAL, ada.update_plan, ada, id, { start = "2026-02-01" })
  T.raises(S.INVAL, "before the start", ada.update_plan, ada, id, { ["end"] = "2025-11-01" })
  T.raises(S.PERM, p.as.cy.update_plan, p.as.cy, id, { strengths = "x" })
  T.raises(S.NOTFOUND, ada.update_plan, ada, 99, { strengths = "x" })
  T.raises(S.NOTFOUND, ada.update_plan, ada, 99, { ["end"] = "2026-12-31" })
  T.raises(S.NOTFOUND, "role 99", ada.update_plan, ada, id, { target_role = 99 })
  T.raises_arg("unknown key 'person'", ada.update_plan, ada, id, { person = p.dee })
  T.raises_arg("field 'target_role': number expected, got boolean", ada.update_plan, ada, id,
    { target_role = true })
  T.raises_arg("table expected, got no value", ada.update_plan, ada, id)
  T.eq(ada:get_plan(id).start, "2025-12-01", "nothing else was written")
  db:close()
end)

T.test("add_plan_area: areas in the order added, a note changed in place", function()
  local db, _, p, f = setup()
  local id = bob_plan(p)
  local bob = p.as.bob
  bob:add_plan_area(id, f.sql, "Window functions")
  bob:add_plan_area(id, f.coaching)
  local areas = bob:get_plan(id).areas
  T.eq(#areas, 2)
  T.same(areas[1], { competency = f.sql, note = "Window functions" })
  T.same(areas[2], { competency = f.coaching }, "no note: absent")
  p.as.ada:add_plan_area(id, f.sql, "Query plans")
  areas = bob:get_plan(id).areas
  T.eq(#areas, 2, "the same competency again changes its note")
  T.same(areas[1], { competency = f.sql, note = "Query plans" })

  T.raises(S.NOTFOUND, "competency 99", bob.add_plan_area, bob, id, 99)
  T.raises(S.NOTFOUND, bob.add_plan_area, bob, 99, f.sql)
  T.raises(S.PERM, p.as.cy.add_plan_area, p.as.cy, id, f.sql)
  T.raises(S.UTF8, bob.add_plan_area, bob, id, f.sql, "\255")
  T.raises_arg("string expected, got table", bob.add_plan_area, bob, id, f.sql, {})
  T.raises_arg("number expected, got nil", bob.add_plan_area, bob, id, nil)
  T.eq(#bob:get_plan(id).areas, 2, "nothing else was written")
  db:close()
end)

T.test("plans, current_plan and copy_plan_forward", function()
  local db, _, p, f = setup()
  local first = bob_plan(p)
  local bob = p.as.bob
  bob:update_plan(first, { strengths = "Patient", target_role = f.lead })
  bob:add_plan_area(first, f.sql, "Joins")
  local done = bob:add_plan_item(first, { kind = "self_study", title = "Book" })
  bob:set_plan_item_state(done, "in_progress")
  bob:set_plan_item_state(done, "done")
  local open = bob:add_plan_item(first, { kind = "training", title = "Course",
                                          due = "2026-03-01" })
  T.eq(bob:current_plan(p.bob), first, "today")
  T.eq(bob:current_plan(p.bob, "2026-06-30"), first)
  T.eq(bob:current_plan(p.bob, "2026-07-01"), nil, "none covers the day")

  local second = p.as.ada:copy_plan_forward(first, "2026-07-01", "2026-12-31")
  local plan = bob:get_plan(second)
  T.same(plan, { id = second, person = p.bob, start = "2026-07-01", ["end"] = "2026-12-31",
                 strengths = "Patient", target_role = f.lead, previous = first,
                 areas = plan.areas })
  T.same(plan.areas[1], { competency = f.sql, note = "Joins" })
  local copied = T.collect(nil, bob:plan_items(second))
  T.eq(#copied, 1, "only the open item")
  T.eq(copied[1].title, "Course")
  T.eq(copied[1].due, "2026-07-01", "moved into the new period")
  T.ok(copied[1].id ~= open)
  T.same(T.collect("id", p.as.max:plans(p.bob)), { first, second }, "by start")
  T.eq(getmetatable(bob:plans(p.bob)).__name, "perfmgmt.PlanIter")
  T.eq(bob:current_plan(p.bob, "2026-07-01"), second)

  local ada = p.as.ada
  T.raises(S.INVAL, "not after", ada.copy_plan_forward, ada, first, "2026-06-01", "2026-12-31")
  T.raises(S.NOTFOUND, ada.copy_plan_forward, ada, 99, "2027-01-01", "2027-12-31")
  T.raises(S.PERM, p.as.cy.copy_plan_forward, p.as.cy, first, "2027-01-01", "2027-12-31")
  T.raises(S.CONFLICT, ada.copy_plan_forward, ada, first, "2026-12-01", "2027-06-30")
  T.raises_arg("string expected, got no value", ada.copy_plan_forward, ada, first, "2027-01-01")
  T.raises(S.INVAL, "start: 'next' is not a date", ada.copy_plan_forward, ada, first, "next",
    "2027-12-31")
  T.raises(S.PERM, p.as.cy.plans, p.as.cy, p.bob)
  T.raises(S.PERM, p.as.cy.current_plan, p.as.cy, p.bob)
  T.raises(S.NOTFOUND, ada.plans, ada, 99)
  T.raises(S.NOTFOUND, ada.current_plan, ada, 99)
  T.raises(S.INVAL, "on: 'today' is not a date", ada.current_plan, ada, p.bob, "today")
  T.same(T.collect("id", ada:plans(p.bob)), { first, second }, "nothing else was written")
  db:close()
end)

T.test("add_plan_item, set_plan_item_state, plan_items and mentored_items", function()
  local db, s, p, f = setup()
  local id = bob_plan(p)
  local bob = p.as.bob
  local goal = bob:create_goal { owner = p.bob, title = "Ship reports", due = "2026-06-30" }
  local course = bob:add_plan_item(id, { kind = "training", title = "SQL course",
                                         notes = "Two days", start = "2026-02-01",
                                         due = "2026-02-28", weight = 2,
                                         competencies = { f.sql, f.coaching }, goal = goal })
  local mentoring = bob:add_plan_item(id, { kind = "mentoring", title = "Meet Ada",
                                            mentor = p.ada, due = "2026-01-31" })
  local who5 = p.as.ada:builtin_metric("who5")
  local walk = bob:add_plan_item(id, { kind = "wellbeing", title = "Walk", metric = who5,
                                       metric_target = 8.5 })
  local items = T.collect(nil, p.as.ada:plan_items(id))
  T.same(T.collect("id", p.as.ada:plan_items(id)), { mentoring, course, walk },
    "by due day, none last")
  T.same(items[2], { id = course, plan = id, kind = "training", title = "SQL course",
                     notes = "Two days", state = "planned", start = "2026-02-01",
                     due = "2026-02-28", weight = 2.0, competencies = items[2].competencies,
                     goal = goal })
  T.same(items[2].competencies, { f.sql, f.coaching })
  T.same(items[1], { id = mentoring, plan = id, kind = "mentoring", title = "Meet Ada",
                     state = "planned", due = "2026-01-31", weight = 1.0, mentor = p.ada,
                     competencies = items[1].competencies })
  T.eq(#items[1].competencies, 0)
  T.eq(items[3].metric, who5)
  T.eq(items[3].metric_target, 8.5)
  T.eq(getmetatable(bob:plan_items(id)).__name, "perfmgmt.PlanItemIter")

  bob:set_plan_item_state(course, "in_progress")
  bob:set_plan_item_state(course, "done", "2025-12-31")
  local c = T.collect(nil, bob:plan_items(id))[2]
  T.eq(c.state, "done")
  T.eq(c.done_on, "2025-12-31")
  p.as.ada:set_plan_item_state(course, "in_progress")
  T.eq(T.collect("state", bob:plan_items(id))[2], "in_progress", "reopened")
  bob:set_plan_item_state(walk, "cancelled")

  T.same(T.collect("id", p.as.ada:mentored_items(p.ada)), { mentoring }, "the mentor's own")
  T.same(T.collect("id", p.as.max:mentored_items(p.ada)), { mentoring }, "above the mentor")
  T.same(T.collect("id", s:mentored_items(p.dee)), {})

  local function add(fields) return bob.add_plan_item(bob, id, fields) end
  T.raises(S.INVAL, "cannot move from planned to done", bob.set_plan_item_state, bob,
    mentoring, "done")
  T.raises(S.NOTFOUND, bob.set_plan_item_state, bob, 99, "done")
  T.raises(S.PERM, p.as.cy.set_plan_item_state, p.as.cy, mentoring, "in_progress")
  T.raises(S.INVAL, "not a date", bob.set_plan_item_state, bob, mentoring, "in_progress", "now")
  T.raises_arg("invalid value 'started' %(expected 'planned', 'in_progress', 'done' or " ..
    "'cancelled'%)", bob.set_plan_item_state, bob, mentoring, "started")
  T.raises(S.INVAL, "plan_item%.title", add, { kind = "training", title = " " })
  T.raises(S.INVAL, "plan_item%.kind", add, { title = "x" })
  T.raises(S.INVAL, "mentor themself", add, { kind = "mentoring", title = "x", mentor = p.bob })
  T.raises(S.INVAL, "weight", add, { kind = "training", title = "x", weight = 0 })
  T.raises(S.INVAL, "wellbeing", add, { kind = "training", title = "x", metric = 1 })
  T.raises(S.INVAL, "named twice", add, { kind = "training", title = "x",
                                          competencies = { f.sql, f.sql } })
  T.raises(S.INVAL, "before the plan starts", add, { kind = "training", title = "x",
                                                     due = "2025-12-01" })
  T.raises(S.NOTFOUND, "goal 99", add, { kind = "training", title = "x", goal = 99 })
  T.raises(S.NOTFOUND, add, { kind = "training", title = "x", competencies = { 99 } })
  T.raises(S.NOTFOUND, add, { kind = "coaching", title = "x", mentor = 99 })
  T.raises(S.NOTFOUND, bob.add_plan_item, bob, 99, { kind = "training", title = "x" })
  T.raises(S.PERM, p.as.cy.add_plan_item, p.as.cy, id, { kind = "training", title = "x" })
  T.raises_arg("field 'kind': invalid value 'course'", add, { kind = "course", title = "x" })
  T.raises_arg("field 'competencies': table expected, got number", add,
    { kind = "training", title = "x", competencies = f.sql })
  T.raises_arg("field 'competencies': element 2 is not an id %(string%)", add,
    { kind = "training", title = "x", competencies = { f.sql, "SQL" } })
  T.raises_arg("field 'weight': number expected, got string", add,
    { kind = "training", title = "x", weight = "heavy" })
  T.raises_arg("unknown key 'state'", add, { kind = "training", title = "x", state = "done" })
  T.raises(S.PERM, p.as.cy.plan_items, p.as.cy, id)
  T.raises(S.NOTFOUND, bob.plan_items, bob, 99)
  T.raises(S.PERM, p.as.cy.mentored_items, p.as.cy, p.ada)
  T.raises(S.NOTFOUND, s.mentored_items, s, 99)
  T.same(T.collect("id", bob:plan_items(id)), { mentoring, course, walk },
    "nothing else was written")
  db:close()
end)

T.test("plan_progress: the weighted share done, cancelled items left out", function()
  local db, _, p = setup()
  local id = bob_plan(p)
  local bob = p.as.bob
  T.same(bob:plan_progress(id), { items = 0, done = 0, overdue = 0, share_done = 0.0 })
  local a = bob:add_plan_item(id, { kind = "training", title = "A", weight = 3,
                                    due = "2026-03-01" })
  bob:add_plan_item(id, { kind = "training", title = "B", due = "2026-02-01" })
  local c = bob:add_plan_item(id, { kind = "training", title = "C", weight = 4 })
  bob:set_plan_item_state(a, "in_progress")
  bob:set_plan_item_state(a, "done")
  bob:set_plan_item_state(c, "cancelled")
  T.same(bob:plan_progress(id), { items = 2, done = 1, overdue = 0, share_done = 0.75 })
  T.same(p.as.max:plan_progress(id, "2026-02-15"),
    { items = 2, done = 1, overdue = 1, share_done = 0.75 }, "B overdue on that day")
  T.raises(S.PERM, p.as.cy.plan_progress, p.as.cy, id)
  T.raises(S.NOTFOUND, bob.plan_progress, bob, 99)
  T.raises(S.INVAL, "on: 'x' is not a date", bob.plan_progress, bob, id, "x")
  T.raises_arg("number expected, got string", bob.plan_progress, bob, "plan")
  db:close()
end)

T.test("create_programme, add_programme_session, get_programme and programmes", function()
  local db, _, p, f = setup()
  local hal = p.as.hal
  local id = hal:create_programme { name = "Leading people", kind = "coaching",
                                    description = "Six sessions", capacity = 10,
                                    competencies = { f.coaching, f.sql } }
  hal:add_programme_session(id, "2026-03-01", "Second")
  hal:add_programme_session(id, "2026-02-01")
  local prog = p.as.bob:get_programme(id)
  T.same(prog, { id = id, name = "Leading people", kind = "coaching",
                 description = "Six sessions", capacity = 10, seats_taken = 0,
                 competencies = prog.competencies, sessions = prog.sessions })
  T.same(prog.competencies, { f.coaching, f.sql })
  T.eq(#prog.sessions, 2)
  T.same(prog.sessions[1], { on = "2026-02-01" }, "by date; no title: absent")
  T.same(prog.sessions[2], { on = "2026-03-01", title = "Second" })
  local sql = hal:create_programme { name = "A SQL course", competencies = { f.sql } }
  local basic = hal:get_programme(sql)
  T.same(basic, { id = sql, name = "A SQL course", kind = "training", seats_taken = 0,
                  competencies = basic.competencies, sessions = basic.sessions },
    "training by default; no limit: no capacity")
  T.same(T.collect("id", p.as.cy:programmes()), { sql, id }, "by name")
  T.eq(getmetatable(hal:programmes()).__name, "perfmgmt.ProgrammeIter")

  local function create(fields) return hal.create_programme(hal, fields) end
  T.raises(S.CONFLICT, "programme%.name", create, { name = "Leading people",
                                                    competencies = { f.sql } })
  T.raises(S.INVAL, "at least one competency", create, { name = "X", competencies = {} })
  T.raises(S.INVAL, "programme%.competencies", create, { name = "X" })
  T.raises(S.NOTFOUND, "competency 99", create, { name = "X", competencies = { 99 } })
  T.raises(S.INVAL, "capacity", create, { name = "X", competencies = { f.sql }, capacity = -1 })
  T.raises(S.RANGE, "capacity", create, { name = "X", competencies = { f.sql },
                                          capacity = 1 << 40 })
  T.raises(S.INVAL, "programme%.name", create, { name = "", competencies = { f.sql } })
  T.raises(S.PERM, "run programmes", p.as.ada.create_programme, p.as.ada,
    { name = "X", competencies = { f.sql } })
  T.raises_arg("field 'kind': invalid value 'course' %(expected 'training' or 'coaching'%)",
    create, { name = "X", kind = "course", competencies = { f.sql } })
  T.raises_arg("unknown key 'sessions'", create, { name = "X", competencies = { f.sql },
                                                   sessions = {} })
  T.raises(S.PERM, p.as.ada.add_programme_session, p.as.ada, id, "2026-04-01")
  T.raises(S.NOTFOUND, hal.add_programme_session, hal, 99, "2026-04-01")
  T.raises(S.UTF8, hal.add_programme_session, hal, id, "2026-04-01", "\255")
  T.raises_arg("string expected, got no value", hal.add_programme_session, hal, id)
  T.raises(S.INVAL, "on: 'April' is not a date", hal.add_programme_session, hal, id, "April")
  T.raises(S.NOTFOUND, hal.get_programme, hal, 99)
  T.same(T.collect("id", hal:programmes()), { sql, id }, "nothing else was written")
  T.eq(#hal:get_programme(id).sessions, 2)
  db:close()
end)

T.test("invite, enrol, complete_enrolment, drop_enrolment, participants, programme_stats",
function()
  local db, s, p, f = setup()
  local hal = p.as.hal
  local prog = hal:create_programme { name = "Leading people", kind = "coaching", capacity = 2,
                                      competencies = { f.coaching } }
  local plan = bob_plan(p)
  p.as.dee:create_plan { person = p.dee, ["end"] = "2026-12-31" }
  p.as.ada:create_plan { person = p.ada, ["end"] = "2026-12-31" }
  hal:invite(prog, p.bob)
  local item = p.as.bob:enrol(prog, p.bob)
  T.eq(math.type(item), "integer")
  local it = T.collect(nil, p.as.bob:plan_items(plan))[1]
  T.eq(it.id, item)
  T.eq(it.kind, "coaching", "the programme's kind")
  T.eq(it.programme, prog)
  T.raises(S.INVAL, "programme", p.as.bob.set_plan_item_state, p.as.bob, item, "cancelled")
  local dee_item = p.as.ada:enrol(prog, p.dee)
  T.eq(hal:get_programme(prog).seats_taken, 2)
  T.raises(S.INVAL, s.enrol, s, prog, p.ada)
  hal:invite(prog, p.cy)

  T.raises(S.INVAL, "before the enrolment", hal.complete_enrolment, hal, prog, p.bob, "passed",
    "2025-12-31")
  hal:complete_enrolment(prog, p.bob, "passed")
  p.as.dee:drop_enrolment(prog, p.dee)
  local rows = T.collect(nil, hal:participants(prog))
  T.eq(#rows, 3, "every state, by person")
  T.same(rows[1], { person = p.bob, programme = prog, state = "completed", result = "passed",
                    invited_on = "2026-01-01", enrolled_on = "2026-01-01",
                    ended_on = "2026-01-01", item = item })
  T.same(rows[2], { person = p.dee, programme = prog, state = "dropped", result = "pending",
                    enrolled_on = "2026-01-01", ended_on = "2026-01-01", item = dee_item })
  T.same(rows[3], { person = p.cy, programme = prog, state = "invited", result = "pending",
                    invited_on = "2026-01-01" })
  T.eq(getmetatable(hal:participants(prog)).__name, "perfmgmt.EnrolmentIter")
  T.eq(T.collect("state", p.as.bob:plan_items(plan))[1], "done", "completing marks it done")
  T.same(hal:programme_stats(prog), { invited = 1, enrolled = 0, completed = 1, dropped = 1,
                                      passed = 1, completion_rate = 0.5 })

  T.raises(S.CONFLICT, "invited", hal.invite, hal, prog, p.cy)
  T.raises(S.PERM, "run programmes", p.as.ada.invite, p.as.ada, prog, p.bob)
  T.raises(S.NOTFOUND, hal.invite, hal, 99, p.bob)
  T.raises(S.NOTFOUND, hal.invite, hal, prog, 99)
  T.raises(S.INVAL, "no development plan", hal.enrol, hal, prog, p.cy)
  T.raises(S.CONFLICT, hal.enrol, hal, prog, p.bob)
  T.raises(S.PERM, p.as.cy.enrol, p.as.cy, prog, p.dee)
  T.raises(S.PERM, "only when invited", p.as.max.enrol, p.as.max, prog, p.max)
  T.raises(S.INVAL, "final result", hal.complete_enrolment, hal, prog, p.dee, "pending")
  T.raises(S.INVAL, hal.complete_enrolment, hal, prog, p.cy, "passed")
  T.raises(S.PERM, p.as.ada.complete_enrolment, p.as.ada, prog, p.bob, "failed")
  T.raises(S.INVAL, "not a date", hal.complete_enrolment, hal, prog, p.bob, "passed", "x")
  T.raises_arg("invalid value 'ok' %(expected 'pending', 'passed', 'failed' or 'absent'%)",
    hal.complete_enrolment, hal, prog, p.bob, "ok")
  T.raises(S.INVAL, "completed", hal.drop_enrolment, hal, prog, p.bob)
  T.raises(S.PERM, p.as.bob.drop_enrolment, p.as.bob, prog, p.cy)
  T.raises(S.NOTFOUND, hal.drop_enrolment, hal, 99, p.bob)
  T.raises(S.PERM, p.as.ada.participants, p.as.ada, prog)
  T.raises(S.NOTFOUND, hal.participants, hal, 99)
  T.raises(S.PERM, p.as.ada.programme_stats, p.as.ada, prog)
  T.raises(S.NOTFOUND, hal.programme_stats, hal, 99)
  T.raises_arg("number expected, got nil", hal.enrol, hal, prog, nil)
  T.same(hal:programme_stats(prog), { invited = 1, enrolled = 0, completed = 1, dropped = 1,
                                      passed = 1, completion_rate = 0.5 },
    "nothing else was written")
  db:close()
end)

T.test("programme_candidates: the largest gap first, by rule", function()
  local db, s, p, f = setup()
  local hal = p.as.hal
  local prog = hal:create_programme { name = "Leading people", competencies = { f.coaching } }
  for _, who in ipairs { "bob", "dee", "cy" } do hal:assign_role(p[who], f.lead, "2025-06-01") end
  s:add_assessment { person = p.dee, competency = f.coaching, level = 3, source = "review360" }
  p.as.cy:add_assessment { person = p.cy, competency = f.coaching, level = 2, source = "self" }
  local rows = T.collect(nil, hal:programme_candidates(prog, 1))
  T.eq(#rows, 3)
  T.same(rows[1], { person = p.bob, competency = f.coaching, gap = 4.0 }, "not assessed")
  T.same(rows[2], { person = p.cy, competency = f.coaching, gap = 2.0 })
  T.same(rows[3], { person = p.dee, competency = f.coaching, gap = 1.0 })
  T.same(T.collect("person", hal:programme_candidates(prog, 2)), { p.bob, p.cy })
  T.same(T.collect("person", s:programme_candidates(prog, 1.5, "2025-12-31")),
    { p.bob, p.dee, p.cy }, "before the assessments: all 4 short, by person")
  T.same(T.collect("gap", hal:programme_candidates(prog, 1, nil,
    { kind = "weighted", self_weight = 1 })), { 4.0, 2.0, 1.0 })
  T.eq(getmetatable(hal:programme_candidates(prog, 1)).__name, "perfmgmt.CandidateIter")
  bob_plan(p)
  hal:enrol(prog, p.bob)
  T.same(T.collect("person", hal:programme_candidates(prog, 1)), { p.cy, p.dee },
    "the enrolled are left out")

  T.raises(S.INVAL, "min_gap", hal.programme_candidates, hal, prog, 0)
  T.raises(S.PERM, p.as.ada.programme_candidates, p.as.ada, prog, 1)
  T.raises(S.NOTFOUND, hal.programme_candidates, hal, 99, 1)
  T.raises(S.INVAL, "weights", hal.programme_candidates, hal, prog, 1, nil,
    { kind = "weighted", self_weight = 0, manager_weight = 0, review360_weight = 0 })
  T.raises_arg("number expected, got no value", hal.programme_candidates, hal, prog)
  T.raises_arg("unknown key 'min'", hal.programme_candidates, hal, prog, 1, nil, { min = 1 })
  db:close()
end)

T.test("closed sessions and iterators raise MISUSE; leaving a loop early is safe", function()
  local db, s, p, f = setup()
  local plan = bob_plan(p)
  for _ = 1, 3 do s:add_plan_item(plan, { kind = "training", title = "x" }) end
  local prog = s:create_programme { name = "P", competencies = { f.sql } }
  local n = 0
  for _ in s:plan_items(plan) do
    n = n + 1
    break
  end
  T.eq(n, 1)
  local items = s:plan_items(plan)
  items:close()
  T.raises(S.MISUSE, "closed perfmgmt%.PlanItemIter", items)
  local plans, progs = s:plans(p.bob), s:programmes()
  s:close()
  T.raises(S.MISUSE, "closed perfmgmt%.PlanIter", plans)
  T.raises(S.MISUSE, "closed perfmgmt%.ProgrammeIter", progs)
  for _, name in ipairs { "create_plan", "update_plan", "copy_plan_forward", "add_plan_area",
                          "get_plan", "plans", "current_plan", "add_plan_item",
                          "set_plan_item_state", "plan_items", "mentored_items",
                          "plan_progress", "create_programme", "add_programme_session",
                          "get_programme", "programmes", "invite", "enrol",
                          "complete_enrolment", "drop_enrolment", "participants",
                          "programme_stats", "programme_candidates" } do
    T.raises(S.MISUSE, "closed perfmgmt%.Session", s[name], s, 1, 1, 1)
  end
  T.raises_arg("Session expected, got table", p.as.hal.get_plan, {}, plan)
  T.raises_arg("Session expected, got nil", p.as.hal.programmes, nil)
  T.eq(p.as.hal:get_programme(prog).name, "P", "other sessions go on")
  db:close()
  T.raises(S.MISUSE, p.as.hal.get_plan, p.as.hal, plan)
end)

T.finish()
