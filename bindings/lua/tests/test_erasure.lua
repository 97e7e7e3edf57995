-- Erasure through a session: what goes (the identity, feedback received,
-- measurements, the comments on one's own goals), what stays (feedback
-- given, goals archived or reassigned), the report and the audit entry,
-- and refusals as perfmgmt.Error with the C status and message, after
-- which nothing has changed.
local T = require "helper"
local perfmgmt = require "perfmgmt"
local S = perfmgmt.status

local NOW = 1740992400 -- 2025-03-03T09:00:00Z, the store's clock
local TODAY = "2025-03-03"
local SECRET = "a test secret of more than sixteen bytes"
local ERASED_NAME = "Former employee" -- PM_PERSON_ERASED_NAME

-- Erasing Ada removes the three entries she received and her measurement,
-- and changes her person record, her goal and her comment on it.
local REMOVED, CHANGED = 4, 3

-- Bo manages Ada, Eve and Fay in Lab; Cy is in Ops; Hal is an HR admin.
-- Ada received feedback from Bo and Fay (named) and Eve (anonymous), gave
-- Eve some, has an active goal with her own commented progress and a
-- measurement, as Bo, Eve and Fay have one: four people measured in Lab.
local function setup()
  local db = T.open { secret = SECRET }
  db:set_clock(function() return NOW end)
  local s = db:system_session()
  local p = { db = db, sys = s }
  p.lab = s:create_unit { name = "Lab" }
  p.ops = s:create_unit { name = "Ops" }
  local function add(key, name, fields)
    fields.external_id, fields.name, fields.start = key, name, "2025-01-01"
    return s:create_person(fields)
  end
  p.bo = add("BO", "Bo", { unit = p.lab })
  p.ada = add("ADA", "Ada", { unit = p.lab, manager = p.bo, email = "ada@example.org" })
  p.eve = add("EVE", "Eve", { unit = p.lab, manager = p.bo })
  p.fay = add("FAY", "Fay", { unit = p.lab, manager = p.bo })
  p.cy = add("CY", "Cy", { unit = p.ops })
  p.hal = add("HAL", "Hal", { hr_admin = true })
  p.as = {}
  for _, who in ipairs { "ada", "bo", "eve", "fay", "hal" } do p.as[who] = db:session(p[who]) end

  p.named = {}
  for _, giver in ipairs { "bo", "fay" } do
    p.named[#p.named + 1] = p.as[giver]:give_feedback { receiver = p.ada, kind = "praise",
                                                        text = "Clear write-up" }
  end
  p.anonymous = p.as.eve:give_feedback { receiver = p.ada, kind = "suggestion",
                                         text = "Fewer slides", anonymous = true }
  p.given = p.as.ada:give_feedback { receiver = p.eve, kind = "praise",
                                     text = "Thanks for the review" }
  p.goal = s:create_goal { owner = p.ada, title = "Ship the engine", due = "2025-06-30" }
  s:set_goal_state(p.goal, "active")
  p.as.ada:add_progress(p.goal, { value = 0.4, comment = "Halfway; the tests are slow" })
  p.metric = s:create_metric { name = "Energy", min = 0, max = 10 }
  for _, who in ipairs { p.ada, p.bo, p.eve, p.fay } do
    s:add_measurement { person = who, metric = p.metric, value = 6, at = NOW - 3600,
                        source = "import" }
  end
  return p
end

local function measured_in_lab(p)
  return p.sys:wellbeing_aggregate(p.metric, { unit = p.lab, since = NOW - 9 * 3600,
                                               ["until"] = NOW, min_group = 3 })
end

-- A value as text, tables with their keys sorted, to compare whole records.
local function dump(v)
  if type(v) ~= "table" then return string.format("%q", v) end
  local keys = {}
  for k in pairs(v) do keys[#keys + 1] = k end
  table.sort(keys, function(a, b) return tostring(a) < tostring(b) end)
  local parts = {}
  for _, k in ipairs(keys) do parts[#parts + 1] = tostring(k) .. "=" .. dump(v[k]) end
  return "{" .. table.concat(parts, ",") .. "}"
end

-- What the API shows of Ada and around her.
local function snapshot(p)
  local s = p.sys
  return dump {
    person = s:get_person(p.ada),
    received = T.collect("id", s:feedback_received(p.ada)),
    given = T.collect("id", s:feedback_given(p.ada)),
    goals = T.collect(nil, s:goals_of_person(p.ada, { include_closed = true })),
    progress = T.collect(nil, s:progress_history(p.goal)),
    measured = measured_in_lab(p),
    hold = s:legal_hold(p.ada) or false,
    audit = s:audit_page { limit = 1000 },
  }
end

-- fn raises code with exactly message, and the store shows what it showed before.
local function refused_unchanged(p, code, message, fn)
  local before = snapshot(p)
  local err = T.raises(code, fn)
  T.eq(err.message, message)
  T.eq(snapshot(p), before, "the store after the refusal")
end

T.test("erasure removes what is about the person and reports it", function()
  local p = setup()
  T.eq(measured_in_lab(p).people, 4)
  local report = p.as.hal:erase_person(p.ada)
  T.same(report, { removed = REMOVED, changed = CHANGED }, "report")

  local ada = p.sys:get_person(p.ada)
  T.eq(ada.name, ERASED_NAME)
  T.eq(ada.external_id, "erased-" .. p.ada)
  T.eq(ada.email, nil)
  T.eq(ada.status, "erased")
  T.eq(ada.left_on, TODAY)
  T.eq(ada.hr_admin, false)

  T.same(T.collect("id", p.sys:feedback_received(p.ada)), {}, "received")
  for _, id in ipairs { p.named[1], p.named[2], p.anonymous } do
    T.raises(S.NOTFOUND, function() return p.sys:get_feedback(id) end)
  end
  local after = measured_in_lab(p)
  T.eq(after.people, 3)
  T.eq(after.n, 3)
end)

T.test("what others hold stays, naming the former employee", function()
  local p = setup()
  p.sys:erase_person(p.ada, { goals = "archive" })
  T.same(T.collect("id", p.sys:feedback_given(p.ada)), { p.given }, "given")
  local kept = p.as.eve:get_feedback(p.given)
  T.eq(kept.giver, p.ada)
  T.eq(kept.text, "Thanks for the review")
  local goal = p.sys:get_goal(p.goal)
  T.eq(goal.owner, p.ada)
  T.eq(goal.state, "archived")
  local updates = T.collect(nil, p.sys:progress_history(p.goal))
  T.eq(#updates, 1)
  T.eq(updates[1].value, 0.4)
  T.eq(updates[1].by, p.ada)
  T.eq(updates[1].comment, nil)
end)

T.test("goals pass to a new owner in their state", function()
  local p = setup()
  local report = p.sys:erase_person(p.ada, { goals = "reassign", new_owner = p.bo })
  T.same(report, { removed = REMOVED, changed = CHANGED }, "report")
  local goal = p.sys:get_goal(p.goal)
  T.eq(goal.owner, p.bo)
  T.eq(goal.state, "active")
  T.same(T.collect("id", p.sys:goals_of_person(p.bo)), { p.goal }, "Bo's goals")
end)

T.test("the audit trail holds one entry with the count", function()
  local p = setup()
  p.as.hal:erase_person(p.ada)
  local page = p.sys:audit_page { op = "erase" }
  T.eq(#page.entries, 1)
  local e = page.entries[1]
  T.eq(e.actor, p.hal)
  T.eq(e.record_kind, "person")
  T.eq(e.record, p.ada)
  T.eq(e.records, REMOVED + CHANGED)
end)

T.test("a held person is refused until the hold is lifted", function()
  local p = setup()
  p.sys:place_legal_hold(p.ada, "Case 7")
  refused_unchanged(p, S.HELD, "person: " .. p.ada .. " is under a legal hold; lift it before erasing",
    function() return p.sys:erase_person(p.ada) end)
  p.sys:lift_legal_hold(p.ada)
  T.eq(p.sys:erase_person(p.ada).removed, REMOVED)
end)

T.test("refusals come back as errors and change nothing", function()
  local p = setup()
  p.sys:set_left(p.cy)
  local s, ada, bo, cy = p.sys, p.ada, p.bo, p.cy
  local function erase(...)
    local args = table.pack(...)
    return function() return s:erase_person(table.unpack(args, 1, args.n)) end
  end
  refused_unchanged(p, S.INVAL, "person: 0 is the system actor, which holds no personal data",
    erase(0))
  refused_unchanged(p, S.INVAL, "person: -3 is not a person id", erase(-3))
  refused_unchanged(p, S.NOTFOUND, "person: person 4242 does not exist", erase(4242))
  refused_unchanged(p, S.INVAL, "erase_opts.new_owner: required when goals are reassigned",
    erase(ada, { goals = "reassign" }))
  refused_unchanged(p, S.INVAL,
    "erase_opts.new_owner: must be 0 unless goals are reassigned, not " .. bo,
    erase(ada, { new_owner = bo }))
  refused_unchanged(p, S.INVAL, "erase_opts.new_owner: is the person being erased",
    erase(ada, { goals = "reassign", new_owner = ada }))
  refused_unchanged(p, S.NOTFOUND, "erase_opts.new_owner: person 4242 does not exist",
    erase(ada, { goals = "reassign", new_owner = 4242 }))
  refused_unchanged(p, S.CONFLICT, "erase_opts.new_owner: person " .. cy .. " has left",
    erase(ada, { goals = "reassign", new_owner = cy }))
  refused_unchanged(p, S.PERM, "permission denied: person " .. bo .. " may not erase a person's data",
    function() return p.as.bo:erase_person(ada) end)
  refused_unchanged(p, S.PERM, "permission denied: person " .. ada .. " may not erase a person's data",
    function() return p.as.ada:erase_person(ada) end)
end)

T.test("an erased person is not erased again", function()
  local p = setup()
  p.sys:erase_person(p.ada)
  refused_unchanged(p, S.CONFLICT, "person: " .. p.ada .. " is already erased",
    function() return p.sys:erase_person(p.ada) end)
end)

T.test("wrong Lua values are argument errors and change nothing", function()
  local p = setup()
  local s = p.sys
  local before = snapshot(p)
  T.raises_arg("invalid value 'delete' %(expected 'archive' or 'reassign'%)",
    function() return s:erase_person(p.ada, { goals = "delete" }) end)
  T.raises_arg("field 'goals': string expected, got number",
    function() return s:erase_person(p.ada, { goals = 2 }) end)
  T.raises_arg("unknown key 'owner'", function() return s:erase_person(p.ada, { owner = p.bo }) end)
  T.raises_arg("number expected, got nil", function() return s:erase_person(nil) end)
  T.raises_arg("table expected, got string", function() return s:erase_person(p.ada, "reassign") end)
  T.eq(snapshot(p), before, "the store after the refusals")
end)

T.finish()
