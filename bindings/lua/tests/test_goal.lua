-- Goals: every function of goal.h through a session, enums as strings, and
-- the error rule with the errors C reports.
local T = require "helper"
local perfmgmt = require "perfmgmt"
local S = perfmgmt.status

local JAN1 = 1767225600 -- 2026-01-01T00:00:00Z

-- Ada manages Bob (in Eng) from 2025; Cy is apart. The store's today is
-- 2026-01-01.
local function setup()
  local db, s = T.store()
  db:set_clock(function() return JAN1 end)
  local p = {}
  p.eng = s:create_unit { name = "Eng" }
  p.ada = s:create_person { external_id = "A", name = "Ada", unit = p.eng, start = "2025-01-01" }
  p.bob = s:create_person { external_id = "B", name = "Bob", unit = p.eng, manager = p.ada,
                            start = "2025-01-01" }
  p.cy = s:create_person { external_id = "C", name = "Cy", start = "2025-01-01" }
  return db, s, p
end

T.test("create_goal returns an id; get_goal returns the record with the defaults", function()
  local db, s, p = setup()
  local id = s:create_goal { owner = p.bob, title = "Ship the app", due = "2026-06-30" }
  T.eq(math.type(id), "integer")
  T.same(s:get_goal(id), {
    id = id, owner = p.bob, title = "Ship the app", kind = "performance", state = "draft",
    start = "2026-01-01", due = "2026-06-30", weight = 1, visibility = "private",
    created_at = JAN1, created_by = 0, updated_at = JAN1, updated_by = 0,
  }, "the record")
  db:close()
end)

T.test("create_goal takes every field; enums are strings", function()
  local db, s, p = setup()
  local parent = s:create_goal { owner = p.ada, unit = p.eng, title = "Team", due = "2026-12-31" }
  local id = s:create_goal {
    owner = p.bob, title = "Learn Lua", description = "Read PiL.", kind = "development",
    start = "2026-02-01", due = "2026-03-31", weight = 2.5, visibility = "unit", parent = parent,
  } -- source_checkin: in test_checkin.lua
  local g = s:get_goal(id)
  T.eq(g.description, "Read PiL.")
  T.eq(g.kind, "development")
  T.eq(g.start, "2026-02-01")
  T.eq(g.weight, 2.5)
  T.eq(g.visibility, "unit")
  T.eq(g.parent, parent)
  T.eq(g.unit, nil, "a person's goal has no unit")
  T.eq(s:get_goal(parent).unit, p.eng)
  T.eq(s:get_goal(s:create_goal { owner = p.bob, title = "Fix", kind = "corrective",
                                  visibility = "public", due = "2026-02-01" }).kind, "corrective")
  db:close()
end)

T.test("create_goal: errors from C", function()
  local db, s, p = setup()
  T.raises(S.INVAL, "before the start", s.create_goal, s,
    { owner = p.bob, title = "X", start = "2026-02-01", due = "2026-01-31" })
  T.raises(S.INVAL, s.create_goal, s, { owner = p.bob, due = "2026-02-01" })
  T.raises(S.INVAL, s.create_goal, s, { owner = p.bob, title = "X" })
  T.raises(S.INVAL, s.create_goal, s, { owner = p.bob, title = "X", due = "2026-02-01",
                                        weight = -1 })
  T.raises(S.NOTFOUND, s.create_goal, s, { owner = 999, title = "X", due = "2026-02-01" })
  T.raises(S.NOTFOUND, s.create_goal, s, { owner = p.bob, title = "X", due = "2026-02-01",
                                           parent = 999 })
  T.raises(S.UTF8, s.create_goal, s, { owner = p.bob, title = "X\0Y", due = "2026-02-01" })
  T.raises(S.RANGE, s.create_goal, s, { owner = p.bob, title = "X", due = "2026-02-30" })
  T.raises(S.INVAL, "not a date", s.create_goal, s, { owner = p.bob, title = "X", due = "soon" })
  db:close()
end)

T.test("create_goal: wrong types and unknown names are argument errors", function()
  local db, s, p = setup()
  T.raises_arg("table expected", s.create_goal, s, "Ship")
  T.raises_arg("unknown key 'name'", s.create_goal, s, { owner = p.bob, name = "X" })
  T.raises_arg("field 'owner': number expected, got string", s.create_goal, s,
    { owner = "bob", title = "X" })
  T.raises_arg("field 'weight': number expected, got string", s.create_goal, s,
    { owner = p.bob, title = "X", weight = "2" })
  T.raises_arg("field 'kind': invalid value 'personal' %(expected 'performance', "
    .. "'development' or 'corrective'%)", s.create_goal, s,
    { owner = p.bob, title = "X", kind = "personal" })
  T.raises_arg("field 'visibility': string expected, got number", s.create_goal, s,
    { owner = p.bob, title = "X", visibility = 1 })
  T.raises_arg("field 'due': string expected, got number", s.create_goal, s,
    { owner = p.bob, title = "X", due = 20260101 })
  T.raises_arg("field 'parent': number expected, got boolean", s.create_goal, s,
    { owner = p.bob, title = "X", parent = true })
  db:close()
end)

T.test("update_goal changes the fields given, and only those", function()
  local db, s, p = setup()
  local t = JAN1
  db:set_clock(function() return t end)
  local top = s:create_goal { owner = p.ada, title = "Top", due = "2026-12-31" }
  local id = s:create_goal { owner = p.bob, title = "Ship", description = "v1",
                             start = "2026-01-10", due = "2026-06-30", parent = top }
  t = t + 60
  s:update_goal(id, { title = "Ship v2" })
  local g = s:get_goal(id)
  T.eq(g.title, "Ship v2")
  T.eq(g.description, "v1")
  T.eq(g.updated_at, t)
  s:update_goal(id, { due = "2026-09-30" })
  g = s:get_goal(id)
  T.eq(g.due, "2026-09-30")
  T.eq(g.start, "2026-01-10", "a due date alone keeps the start")
  s:update_goal(id, { start = "2026-02-01" })
  T.eq(s:get_goal(id).due, "2026-09-30", "a start alone keeps the due date")
  s:update_goal(id, { start = "2026-03-01", due = "2026-04-01", weight = 3, kind = "development",
                      visibility = "public", description = "" })
  g = s:get_goal(id)
  T.eq(g.start, "2026-03-01")
  T.eq(g.due, "2026-04-01")
  T.eq(g.weight, 3)
  T.eq(g.kind, "development")
  T.eq(g.visibility, "public")
  T.eq(g.description, nil, "an empty description removes it")
  T.eq(g.parent, top)
  s:update_goal(id, { parent = false })
  T.eq(s:get_goal(id).parent, nil, "parent = false detaches")
  s:update_goal(id, { parent = top })
  T.eq(s:get_goal(id).parent, top)
  s:update_goal(id, {})
  T.eq(s:get_goal(id).title, "Ship v2")
  db:close()
end)

T.test("update_goal: errors from C and from Lua", function()
  local db, s, p = setup()
  local top = s:create_goal { owner = p.ada, title = "Top", due = "2026-12-31" }
  local mid = s:create_goal { owner = p.bob, title = "Mid", due = "2026-06-30", parent = top }
  local low = s:create_goal { owner = p.bob, title = "Low", due = "2026-03-31", parent = mid }
  T.raises(S.CYCLE, "cycle is refused", s.update_goal, s, top, { parent = low })
  T.raises(S.CYCLE, s.update_goal, s, mid, { parent = mid })
  T.raises(S.INVAL, "before the start", s.update_goal, s, low, { due = "2025-12-01" })
  T.raises(S.NOTFOUND, s.update_goal, s, 999, { title = "X" })
  T.raises(S.NOTFOUND, s.update_goal, s, 999, { due = "2026-02-01" })
  T.raises(S.INVAL, s.update_goal, s, low, { title = "" })
  T.eq(s:get_goal(top).parent, nil, "nothing changed")
  T.raises_arg("unknown key 'owner'", s.update_goal, s, low, { owner = p.ada })
  T.raises_arg("unknown key 'unit'", s.update_goal, s, low, { unit = p.eng })
  T.raises_arg("table expected", s.update_goal, s, low, nil)
  T.raises_arg("number expected, got string", s.update_goal, s, "low", {})
  db:close()
end)

T.test("set_goal_state follows the allowed moves", function()
  local db, s, p = setup()
  local id = s:create_goal { owner = p.bob, title = "Ship", due = "2026-06-30" }
  s:set_goal_state(id, "active")
  T.eq(s:get_goal(id).state, "active")
  T.raises(S.INVAL, s.set_goal_state, s, id, "draft")
  s:set_goal_state(id, "completed")
  s:set_goal_state(id, "active")
  s:set_goal_state(id, "cancelled")
  s:set_goal_state(id, "archived")
  T.eq(s:get_goal(id).state, "archived")
  T.raises(S.NOTFOUND, s.set_goal_state, s, 999, "active")
  T.raises_arg("invalid value 'done'", s.set_goal_state, s, id, "done")
  T.raises_arg("string expected, got no value", s.set_goal_state, s, id)
  db:close()
end)

T.test("key results: add, list, remove", function()
  local db, s, p = setup()
  local g = s:create_goal { owner = p.bob, title = "Grow", due = "2026-06-30" }
  local users = s:add_key_result(g, { title = "Users", baseline = 100, target = 200,
                                      unit = "users", weight = 2, commit = 150, stretch = 250 })
  local launch = s:add_key_result(g, { title = "Launch", kind = "milestone", target = 1 })
  local down = s:add_key_result(g, { title = "Bugs", baseline = 50, target = 10 })
  local list = T.collect(nil, s:key_results(g))
  T.eq(#list, 3)
  T.same(list[1], {
    id = users, goal = g, title = "Users", kind = "numeric", baseline = 100, target = 200,
    current = 100, unit = "users", weight = 2, commit = 150, stretch = 250, progress = 0,
    zone = "fail",
  }, "a numeric key result")
  T.eq(list[2].kind, "milestone")
  T.eq(list[2].commit, nil, "no commit level")
  T.eq(list[2].zone, "none")
  T.eq(list[2].unit, nil, "no unit")
  T.eq(list[3].id, down)
  s:remove_key_result(down)
  T.same(T.collect("id", s:key_results(g)), { users, launch })
  T.raises(S.NOTFOUND, s.remove_key_result, s, down)
  T.raises(S.NOTFOUND, s.key_results, s, 999)
  db:close()
end)

T.test("add_key_result: errors from C and from Lua", function()
  local db, s, p = setup()
  local g = s:create_goal { owner = p.bob, title = "Grow", due = "2026-06-30" }
  T.raises(S.INVAL, "must differ from the baseline", s.add_key_result, s, g,
    { title = "Flat", baseline = 5, target = 5 })
  T.raises(S.INVAL, s.add_key_result, s, g,
    { title = "Commit", baseline = 0, target = 10, commit = 20 })
  T.raises(S.INVAL, s.add_key_result, s, g,
    { title = "Stretch", baseline = 0, target = 10, stretch = 5 })
  T.raises(S.INVAL, s.add_key_result, s, g, { title = "NaN", baseline = 0, target = 0 / 0 })
  T.raises(S.INVAL, s.add_key_result, s, g, { title = "Inf", baseline = 0, target = math.huge })
  T.raises(S.INVAL, s.add_key_result, s, g, { baseline = 0, target = 1 })
  T.raises(S.NOTFOUND, s.add_key_result, s, 999, { title = "X", target = 1 })
  T.raises_arg("unknown key 'goal'", s.add_key_result, s, g, { goal = g, title = "X" })
  T.raises_arg("field 'target': number expected, got string", s.add_key_result, s, g,
    { title = "X", target = "10" })
  T.raises_arg("field 'kind': invalid value 'binary'", s.add_key_result, s, g,
    { title = "X", kind = "binary" })
  T.eq(#T.collect(nil, s:key_results(g)), 0, "nothing was added")
  db:close()
end)

T.test("progress: updates are history; a key result's current value follows", function()
  local db, s, p = setup()
  local t = JAN1
  db:set_clock(function() return t end)
  local g = s:create_goal { owner = p.bob, title = "Grow", due = "2026-06-30" }
  T.raises(S.INVAL, "active", s.add_progress, s, g, { value = 0.5 })
  s:set_goal_state(g, "active")
  local kr = s:add_key_result(g, { title = "Users", baseline = 0, target = 100 })
  local first = s:add_progress(g, { key_result = kr, value = 30, confidence = 7, comment = "ok" })
  t = t + 86400
  local as_bob = db:session(p.bob)
  as_bob:add_progress(g, { key_result = kr, value = 60 })
  local history = T.collect(nil, s:progress_history(g))
  T.eq(#history, 2)
  T.same(history[1], { id = first, goal = g, key_result = kr, value = 30, confidence = 7,
                       comment = "ok", at = JAN1, by = 0 })
  T.same(history[2], { id = history[2].id, goal = g, key_result = kr, value = 60,
                       at = JAN1 + 86400, by = p.bob }, "no confidence or comment given")
  local k = T.collect(nil, s:key_results(g))[1]
  T.eq(k.current, 60)
  T.eq(k.progress, 0.6)
  db:close()
end)

T.test("add_progress: errors from C and from Lua", function()
  local db, s, p = setup()
  local g = s:create_goal { owner = p.bob, title = "Grow", due = "2026-06-30" }
  s:set_goal_state(g, "active")
  local other = s:create_goal { owner = p.bob, title = "Other", due = "2026-06-30" }
  s:set_goal_state(other, "active")
  local kr = s:add_key_result(other, { title = "Users", baseline = 0, target = 100 })
  T.raises(S.INVAL, s.add_progress, s, g, { value = 1.5 })
  T.raises(S.INVAL, s.add_progress, s, g, { value = 0.5, confidence = 11 })
  T.raises(S.INVAL, s.add_progress, s, g, { value = 0.5, key_result = kr })
  T.raises(S.INVAL, s.add_progress, s, other, { value = 0.5 })
  T.raises(S.NOTFOUND, s.add_progress, s, 999, { value = 0.5 })
  T.raises(S.RANGE, "confidence", s.add_progress, s, g, { value = 0.5, confidence = 1 << 40 })
  T.raises_arg("field 'value': number expected, got nil", s.add_progress, s, g, {})
  T.raises_arg("field 'value': number expected, got string", s.add_progress, s, g,
    { value = "0.5" })
  T.raises_arg("field 'confidence': number has no integer representation", s.add_progress, s, g,
    { value = 0.5, confidence = 7.5 })
  T.raises_arg("unknown key 'note'", s.add_progress, s, g, { value = 0.5, note = "x" })
  s:add_progress(g, { value = 0.25 })
  T.same(T.collect("value", s:progress_history(g)), { 0.25 }, "only the valid one")
  T.eq(T.collect(nil, s:progress_history(g))[1].key_result, nil, "manual progress")
  db:close()
end)

T.test("evaluate_goal: progress, expected, health, staleness, on a date", function()
  local db, s, p = setup()
  local g = s:create_goal { owner = p.bob, title = "Grow", start = "2026-01-01",
                            due = "2026-12-31" }
  T.same(s:evaluate_goal(g), { progress = 0, expected = s:evaluate_goal(g).expected,
                               health = "none", stale = false, overdue = false },
    "a draft is not tracked")
  s:set_goal_state(g, "active")
  s:add_progress(g, { value = 0.1 })
  local now = s:evaluate_goal(g)
  T.eq(now.health, "on_track")
  T.eq(now.progress, 0.1)
  T.eq(now.last_update, "2026-01-01")
  local july = s:evaluate_goal(g, { on = "2026-07-01" })
  T.eq(july.health, "off_track")
  T.eq(july.stale, true)
  T.ok(july.expected > 0.45 and july.expected < 0.55, "half the year went by")
  local lenient = s:evaluate_goal(g, { on = "2026-07-01", on_track = 0.5, at_risk = 0.6,
                                               stale_days = 365 })
  T.eq(lenient.health, "on_track")
  T.eq(lenient.stale, false)
  T.eq(s:evaluate_goal(g, { on = "2026-07-01", at_risk = 0.45 }).health, "at_risk")
  T.eq(s:evaluate_goal(g, { on = "2027-01-02" }).overdue, true)
  T.eq(s:evaluate_goal(g, { on = "2025-12-01" }).last_update, nil, "before any update")
  T.raises(S.INVAL, s.evaluate_goal, s, g, { on_track = 0.5, at_risk = 0.2 })
  T.raises(S.INVAL, s.evaluate_goal, s, g, { stale_days = 0 })
  T.raises(S.NOTFOUND, s.evaluate_goal, s, 999)
  T.raises_arg("unknown key 'date'", s.evaluate_goal, s, g, { date = "2026-07-01" })
  T.raises_arg("field 'stale_days': number expected, got string", s.evaluate_goal, s, g,
    { stale_days = "14" })
  db:close()
end)

T.test("goals_of_person and goals_of_unit list by due date; closed ones on request", function()
  local db, s, p = setup()
  local late = s:create_goal { owner = p.bob, title = "Late", due = "2026-09-30" }
  local early = s:create_goal { owner = p.bob, title = "Early", due = "2026-03-31" }
  local gone = s:create_goal { owner = p.bob, title = "Gone", due = "2026-01-31" }
  s:set_goal_state(gone, "cancelled")
  local team = s:create_goal { owner = p.ada, unit = p.eng, title = "Team", due = "2026-12-31" }
  T.same(T.collect("id", s:goals_of_person(p.bob)), { early, late })
  T.same(T.collect("id", s:goals_of_person(p.bob, { include_closed = true })),
    { gone, early, late })
  T.same(T.collect("id", s:goals_of_person(p.ada)), {}, "unit goals are not listed")
  T.same(T.collect("id", s:goals_of_unit(p.eng)), { team })
  T.eq(T.collect(nil, s:goals_of_person(p.bob))[1].title, "Early", "records")
  T.raises(S.NOTFOUND, s.goals_of_person, s, 999)
  T.raises(S.NOTFOUND, s.goals_of_unit, s, 999)
  T.raises_arg("unknown key 'closed'", s.goals_of_person, s, p.bob, { closed = true })
  T.raises_arg("field 'include_closed': boolean expected", s.goals_of_unit, s, p.eng,
    { include_closed = 1 })
  db:close()
end)

T.test("goal_tree yields each goal with its depth", function()
  local db, s, p = setup()
  local top = s:create_goal { owner = p.ada, unit = p.eng, title = "Top", due = "2026-12-31" }
  local a = s:create_goal { owner = p.bob, title = "A", due = "2026-06-30", parent = top }
  local a1 = s:create_goal { owner = p.bob, title = "A1", due = "2026-03-31", parent = a }
  local b = s:create_goal { owner = p.ada, title = "B", due = "2026-05-31", parent = top }
  local seen = {}
  for goal, depth in s:goal_tree(top) do
    seen[#seen + 1] = goal.title .. ":" .. depth
  end
  T.same(seen, { "B:1", "A:1", "A1:2" })
  s:set_goal_state(b, "cancelled")
  T.same(T.collect("id", s:goal_tree(top)), { a, a1 })
  T.same(T.collect("id", s:goal_tree(top, { include_closed = true })), { b, a, a1 })
  T.same(T.collect("id", s:goal_tree(a1)), {})
  -- The other lists yield goals alone.
  local f = s:goals_of_person(p.bob)
  local first, second = f()
  T.eq(first.id, a1)
  T.eq(second, nil)
  f:close()
  T.raises(S.NOTFOUND, s.goal_tree, s, 999)
  db:close()
end)

T.test("goals_needing_attention: the active goals of a manager's people at risk", function()
  local db, s, p = setup()
  local behind = s:create_goal { owner = p.bob, title = "Behind", start = "2026-01-01",
                                 due = "2026-12-31" }
  local fine = s:create_goal { owner = p.bob, title = "Fine", start = "2026-01-01",
                               due = "2026-12-31" }
  local other = s:create_goal { owner = p.cy, title = "Not Ada's", start = "2026-01-01",
                                due = "2026-12-31" }
  for _, g in ipairs { behind, fine, other } do s:set_goal_state(g, "active") end
  s:add_progress(fine, { value = 0.6 })
  T.same(T.collect("id", s:goals_needing_attention(p.ada, { on = "2026-07-01" })), { behind })
  T.same(T.collect("id", s:goals_needing_attention(p.ada, { on = "2026-01-02" })), {})
  T.same(T.collect("id", s:goals_needing_attention(p.ada, { on = "2026-07-01", at_risk = 0.6,
                                                               on_track = 0.5 })), {})
  T.same(T.collect("id", s:goals_needing_attention(p.ada)), {}, "today nothing is behind")
  local as_ada = db:session(p.ada)
  T.same(T.collect("id", as_ada:goals_needing_attention(p.ada, { on = "2026-07-01" })), { behind })
  T.raises(S.PERM, db:session(p.cy).goals_needing_attention, db:session(p.cy), p.ada)
  T.raises(S.NOTFOUND, s.goals_needing_attention, s, 999)
  db:close()
end)

T.test("access: private goals are their owner's line's; visibility opens them", function()
  local db, s, p = setup()
  local private = s:create_goal { owner = p.bob, title = "Private", due = "2026-06-30" }
  local public = s:create_goal { owner = p.bob, title = "Public", due = "2026-06-30",
                                 visibility = "public" }
  local as_ada, as_bob, as_cy = db:session(p.ada), db:session(p.bob), db:session(p.cy)
  T.eq(as_bob:get_goal(private).title, "Private")
  T.eq(as_ada:get_goal(private).title, "Private", "the manager reads it")
  T.raises(S.PERM, as_cy.get_goal, as_cy, private)
  T.raises(S.PERM, as_cy.update_goal, as_cy, public, { title = "Mine" })
  T.raises(S.PERM, as_cy.create_goal, as_cy, { owner = p.bob, title = "X", due = "2026-06-30" })
  T.eq(as_cy:get_goal(public).title, "Public")
  T.same(T.collect("id", as_cy:goals_of_person(p.bob)), { public }, "unreadable goals left out")
  local own = as_bob:create_goal { owner = p.bob, title = "Own", due = "2026-06-30" }
  T.eq(s:get_goal(own).created_by, p.bob)
  db:close()
end)

T.test("goal iterators: named metatables, closed with their session", function()
  local db, s, p = setup()
  local g = s:create_goal { owner = p.bob, title = "Grow", due = "2026-06-30" }
  s:set_goal_state(g, "active")
  s:add_key_result(g, { title = "Users", baseline = 0, target = 10 })
  local function name_of(v) return getmetatable(v).__name end
  T.eq(name_of(s:goals_of_person(p.bob)), "perfmgmt.GoalIter")
  T.eq(name_of(s:key_results(g)), "perfmgmt.KeyResultIter")
  T.eq(name_of(s:progress_history(g)), "perfmgmt.ProgressIter")
  local goals, krs, history = s:goals_of_person(p.bob), s:key_results(g), s:progress_history(g)
  T.ok(tostring(krs):find("^perfmgmt%.KeyResultIter %("), tostring(krs))
  T.eq(goals().id, g)
  T.raises_arg("perfmgmt%.GoalIter expected, got perfmgmt%.KeyResultIter", goals.close, krs)
  s:close()
  T.raises(S.MISUSE, "closed perfmgmt%.GoalIter", goals)
  T.raises(S.MISUSE, "closed perfmgmt%.KeyResultIter", krs)
  T.raises(S.MISUSE, "closed perfmgmt%.ProgressIter", history)
  T.eq(tostring(krs), "perfmgmt.KeyResultIter (closed)")
  db:close()
end)

T.test("a closed session raises MISUSE from every goal method", function()
  local db, s, p = setup()
  local g = s:create_goal { owner = p.bob, title = "Grow", due = "2026-06-30" }
  s:close()
  local calls = {
    { "create_goal", { owner = p.bob, title = "X", due = "2026-06-30" } },
    { "update_goal", g, {} }, { "set_goal_state", g, "active" }, { "get_goal", g },
    { "add_key_result", g, { title = "X", target = 1 } }, { "remove_key_result", 1 },
    { "key_results", g }, { "add_progress", g, { value = 0.5 } }, { "progress_history", g },
    { "evaluate_goal", g }, { "goals_of_person", p.bob }, { "goals_of_unit", p.eng },
    { "goal_tree", g }, { "goals_needing_attention", p.ada },
  }
  for _, call in ipairs(calls) do
    T.raises(S.MISUSE, "attempt to use a closed perfmgmt%.Session", s[call[1]], s,
      table.unpack(call, 2))
  end
  db:close()
  T.raises(S.MISUSE, s.get_goal, s, g)
end)

T.test("transactions group goal writes", function()
  local db, s, p = setup()
  local ok = pcall(s.transaction, s, function(tx)
    local g = tx:create_goal { owner = p.bob, title = "Grow", due = "2026-06-30" }
    tx:add_key_result(g, { title = "Flat", baseline = 1, target = 1 })
  end)
  T.eq(ok, false)
  T.same(T.collect("id", s:goals_of_person(p.bob)), {}, "rolled back")
  db:close()
end)

T.finish()
