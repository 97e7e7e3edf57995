-- Feedback: giving, reading, acknowledging, reacting, retracting and the
-- lists of feedback.h through a session; anonymity as every reader sees
-- it; the secret option of perfmgmt.open; a goal's source_feedback; and
-- the error rule with the errors C reports.
local T = require "helper"
local perfmgmt = require "perfmgmt"
local S = perfmgmt.status

local JAN1 = 1767225600 -- 2026-01-01T00:00:00Z
local DAY = 86400

-- Ada manages Bob and Dee (both in Eng, so peers); Cy is apart; Hal is an
-- HR admin. The store's clock reads p.clock.now, 10:00 on 2026-01-01.
local function people(db, s)
  local clock = { now = JAN1 + 10 * 3600 }
  db:set_clock(function() return clock.now end)
  local p = { clock = clock }
  p.eng = s:create_unit { name = "Eng" }
  p.ada = s:create_person { external_id = "A", name = "Ada", unit = p.eng, start = "2025-01-01" }
  p.bob = s:create_person { external_id = "B", name = "Bob", unit = p.eng, manager = p.ada,
                            start = "2025-01-01" }
  p.dee = s:create_person { external_id = "D", name = "Dee", unit = p.eng, manager = p.ada,
                            start = "2025-01-01" }
  p.cy = s:create_person { external_id = "C", name = "Cy", start = "2025-01-01" }
  p.hal = s:create_person { external_id = "H", name = "Hal", hr_admin = true,
                            start = "2025-01-01" }
  p.as = {}
  for _, who in ipairs { "ada", "bob", "dee", "cy", "hal" } do p.as[who] = db:session(p[who]) end
  return p
end

-- A store where anonymous feedback works on either backend: an SQLite file
-- needs a secret, an in-memory store makes its own.
local SECRET = "a test secret of more than sixteen bytes"
local function setup()
  local db = T.open { secret = SECRET }
  local s = db:system_session()
  return db, s, people(db, s)
end

T.test("give_feedback and get_feedback: every field, as giver and receiver see it", function()
  local db, _, p = setup()
  local id = p.as.bob:give_feedback { receiver = p.dee, kind = "constructive",
    text = "The demo ran long.", situation = "Friday's demo", behaviour = "Twenty slides",
    impact = "No time for questions", visibility = "managers" }
  T.eq(math.type(id), "integer")
  local expected = {
    id = id, giver = p.bob, is_mine = true, receiver = p.dee, kind = "constructive",
    direction = "peer", visibility = "managers", anonymous = false, text = "The demo ran long.",
    situation = "Friday's demo", behaviour = "Twenty slides", impact = "No time for questions",
    given_at = p.clock.now, reaction = "none",
  }
  T.same(p.as.bob:get_feedback(id), expected, "the giver's view")
  expected.is_mine = false
  T.same(p.as.dee:get_feedback(id), expected, "the receiver's view")
  T.same(p.as.ada:get_feedback(id), expected, "the receiver's manager's view")
  -- The optional parts are absent when not given, and visibility defaults
  -- to the receiver alone.
  local short = p.as.bob:give_feedback { receiver = p.dee, kind = "praise", text = "Thanks!" }
  local f = p.as.dee:get_feedback(short)
  T.eq(f.visibility, "receiver")
  T.eq(f.situation, nil)
  T.eq(f.behaviour, nil)
  T.eq(f.impact, nil)
  T.eq(f.goal, nil)
  T.eq(f.request, nil)
  T.eq(f.acknowledged_at, nil)
  db:close()
end)

T.test("give_feedback derives the direction from the organisation", function()
  local db, _, p = setup()
  local function direction(from, to)
    return p.as[from]:get_feedback(p.as[from]:give_feedback {
      receiver = p[to], kind = "praise", text = "Good work" }).direction
  end
  T.eq(direction("ada", "bob"), "downward")
  T.eq(direction("bob", "ada"), "upward")
  T.eq(direction("bob", "dee"), "peer")
  T.eq(direction("cy", "bob"), "other")
  -- A direction given must match the derived one.
  T.raises(S.INVAL, "feedback.direction", p.as.cy.give_feedback, p.as.cy,
    { receiver = p.bob, kind = "praise", text = "x", direction = "downward" })
  p.as.ada:give_feedback { receiver = p.bob, kind = "praise", text = "x", direction = "downward" }
  db:close()
end)

T.test("give_feedback links a goal, a check-in and a time; refuses what C refuses", function()
  local db, s, p = setup()
  local goal = s:create_goal { owner = p.dee, title = "Ship it", due = "2026-06-30",
                               visibility = "public" }
  local series = s:create_checkin_series { manager = p.ada, report = p.dee, start = "2026-01-01" }
  local checkin = T.collect("id", s:checkins(series))[1]
  local at = p.clock.now - 3 * DAY
  local scale = s:create_scale("Proficiency", { "Novice", "Competent", "Expert" })
  local competency = s:create_competency { name = "Pairing", category = "Delivery", scale = scale }
  local id = p.as.ada:give_feedback { receiver = p.dee, kind = "suggestion", text = "Try pairing",
    goal = goal, checkin = checkin, competency = competency, at = at }
  local f = p.as.ada:get_feedback(id)
  T.eq(f.goal, goal)
  T.eq(f.checkin, checkin)
  T.eq(f.competency, competency)
  T.eq(f.given_at, at)

  local bob = p.as.bob
  local function give(fields) return bob.give_feedback(bob, fields) end
  T.raises(S.INVAL, "feedback.text", give, { receiver = p.dee, kind = "praise", text = "  " })
  T.raises(S.INVAL, "feedback.text", give, { receiver = p.dee, kind = "praise" })
  T.raises(S.INVAL, give, { receiver = p.dee, text = "no kind" })
  T.raises(S.INVAL, give, { kind = "praise", text = "no receiver" })
  T.raises(S.NOTFOUND, give, { receiver = 999, kind = "praise", text = "x" })
  T.raises(S.NOTFOUND, give, { receiver = p.dee, kind = "praise", text = "x", goal = 999 })
  T.raises(S.INVAL, "feedback.at", give,
    { receiver = p.dee, kind = "praise", text = "x", at = p.clock.now + DAY })
  T.raises(S.UTF8, give, { receiver = p.dee, kind = "praise", text = "bad \xff byte" })
  T.raises(S.UTF8, give, { receiver = p.dee, kind = "praise", text = "nul\0inside" })
  T.raises(S.RANGE, "feedback.text", give,
    { receiver = p.dee, kind = "praise", text = string.rep("x", 10001) })
  T.raises(S.PERM, s.give_feedback, s, { receiver = p.dee, kind = "praise", text = "system" })
  s:set_left(p.cy, "2026-01-01")
  T.raises(S.INVAL, give, { receiver = p.cy, kind = "praise", text = "to someone who left" })

  T.raises_arg("field 'kind': invalid value 'kudos' %(expected 'praise', 'constructive' or "
    .. "'suggestion'%)", give, { receiver = p.dee, kind = "kudos", text = "x" })
  T.raises_arg("field 'visibility': invalid value 'public' %(expected 'receiver', 'managers' or "
    .. "'organisation'%)", give, { receiver = p.dee, kind = "praise", text = "x",
                                    visibility = "public" })
  T.raises_arg("field 'direction': invalid value 'sideways'", give,
    { receiver = p.dee, kind = "praise", text = "x", direction = "sideways" })
  T.raises_arg("field 'anonymous': boolean expected, got string", give,
    { receiver = p.dee, kind = "praise", text = "x", anonymous = "yes" })
  T.raises_arg("field 'receiver': number expected, got string", give,
    { receiver = "dee", kind = "praise", text = "x" })
  T.raises_arg("field 'at': number has no integer representation", give,
    { receiver = p.dee, kind = "praise", text = "x", at = 1.5 })
  T.raises_arg("unknown key 'giver'", give, { receiver = p.dee, kind = "praise", text = "x",
                                              giver = p.ada })
  T.raises_arg("table expected, got nil", give)
  T.raises_arg("table expected, got string", give, "praise")
  T.same(T.collect("id", p.as.hal:feedback_given(p.bob)), {}, "nothing was given by the refusals")
  db:close()
end)

T.test("visibility decides who reads an entry; HR admins read all", function()
  local db, _, p = setup()
  local private = p.as.bob:give_feedback { receiver = p.dee, kind = "praise", text = "private" }
  local managers = p.as.bob:give_feedback { receiver = p.dee, kind = "praise", text = "managers",
                                            visibility = "managers" }
  local public = p.as.bob:give_feedback { receiver = p.dee, kind = "praise", text = "public",
                                          visibility = "organisation" }
  T.eq(p.as.dee:get_feedback(private).text, "private")
  T.eq(p.as.hal:get_feedback(private).text, "private")
  T.raises(S.PERM, p.as.ada.get_feedback, p.as.ada, private)
  T.raises(S.PERM, p.as.cy.get_feedback, p.as.cy, private)
  T.eq(p.as.ada:get_feedback(managers).text, "managers")
  T.raises(S.PERM, p.as.cy.get_feedback, p.as.cy, managers)
  T.eq(p.as.cy:get_feedback(public).text, "public")
  T.raises(S.NOTFOUND, p.as.dee.get_feedback, p.as.dee, 999)
  T.raises_arg("number expected, got string", p.as.dee.get_feedback, p.as.dee, "one")
  T.raises_arg("number expected, got no value", p.as.dee.get_feedback, p.as.dee)
  db:close()
end)

T.test("acknowledge_feedback and react_to_feedback: the receiver's", function()
  local db, _, p = setup()
  local id = p.as.bob:give_feedback { receiver = p.dee, kind = "praise", text = "Great talk" }
  local first = p.clock.now + 3600
  p.clock.now = first
  p.as.dee:acknowledge_feedback(id)
  T.eq(p.as.dee:get_feedback(id).acknowledged_at, first)
  p.clock.now = first + 3600
  p.as.dee:acknowledge_feedback(id)
  T.eq(p.as.dee:get_feedback(id).acknowledged_at, first, "repeating it keeps the first time")
  p.as.dee:react_to_feedback(id, "thanks")
  T.eq(p.as.bob:get_feedback(id).reaction, "thanks", "the giver sees the reaction")
  for _, name in ipairs { "helpful", "discuss", "disagree", "none" } do
    p.as.dee:react_to_feedback(id, name)
    T.eq(p.as.dee:get_feedback(id).reaction, name)
  end
  T.raises(S.PERM, p.as.bob.acknowledge_feedback, p.as.bob, id)
  T.raises(S.PERM, p.as.bob.react_to_feedback, p.as.bob, id, "thanks")
  T.raises(S.PERM, p.as.hal.react_to_feedback, p.as.hal, id, "thanks")
  T.raises(S.NOTFOUND, p.as.dee.acknowledge_feedback, p.as.dee, 999)
  T.raises(S.NOTFOUND, p.as.dee.react_to_feedback, p.as.dee, 999, "thanks")
  T.raises_arg("invalid value 'love' %(expected 'none', 'thanks', 'helpful', 'discuss' or "
    .. "'disagree'%)", p.as.dee.react_to_feedback, p.as.dee, id, "love")
  T.raises_arg("string expected, got nil", p.as.dee.react_to_feedback, p.as.dee, id, nil)
  db:close()
end)

T.test("retract_feedback deletes the entry; only its giver may", function()
  local db, _, p = setup()
  local id = p.as.bob:give_feedback { receiver = p.dee, kind = "praise", text = "Oops" }
  T.raises(S.PERM, p.as.dee.retract_feedback, p.as.dee, id)
  T.raises(S.PERM, p.as.hal.retract_feedback, p.as.hal, id)
  p.as.bob:retract_feedback(id)
  T.raises(S.NOTFOUND, p.as.dee.get_feedback, p.as.dee, id)
  T.raises(S.NOTFOUND, p.as.bob.retract_feedback, p.as.bob, id)
  T.same(T.collect("id", p.as.dee:feedback_received(p.dee)), {})
  db:close()
end)

T.test("feedback_received, feedback_given and feedback_visible: newest first, with limits",
  function()
  local db, _, p = setup()
  local ids = {}
  for i = 1, 3 do
    p.clock.now = p.clock.now + 60
    ids[i] = p.as.bob:give_feedback { receiver = p.dee, kind = "praise", text = "n" .. i,
                                      visibility = "organisation" }
  end
  p.clock.now = p.clock.now + 60
  local to_ada = p.as.dee:give_feedback { receiver = p.ada, kind = "praise", text = "up" }
  T.same(T.collect("id", p.as.dee:feedback_received(p.dee)), { ids[3], ids[2], ids[1] })
  T.same(T.collect("id", p.as.dee:feedback_received(p.dee, 2)), { ids[3], ids[2] })
  T.same(T.collect("id", p.as.dee:feedback_received(p.dee, nil)), { ids[3], ids[2], ids[1] })
  T.same(T.collect("text", p.as.bob:feedback_given(p.bob)), { "n3", "n2", "n1" })
  T.same(T.collect("id", p.as.cy:feedback_received(p.ada)), {}, "Cy may not read it")
  T.same(T.collect("id", p.as.ada:feedback_received(p.ada)), { to_ada })
  T.same(T.collect("id", p.as.cy:feedback_visible()), { ids[3], ids[2], ids[1] })
  T.same(T.collect("id", p.as.cy:feedback_visible(1)), { ids[3] })
  T.same(T.collect("id", p.as.hal:feedback_visible()), { to_ada, ids[3], ids[2], ids[1] })
  T.eq(T.collect(nil, p.as.dee:feedback_received(p.dee))[1].receiver, p.dee, "records")

  -- Leaving a loop early closes the iterator; one closed by hand refuses use.
  for f in p.as.dee:feedback_received(p.dee) do
    T.eq(f.id, ids[3])
    break
  end
  do
    local it <close> = p.as.dee:feedback_received(p.dee)
    T.eq(it().id, ids[3])
    T.eq(tostring(it):match("^perfmgmt%.FeedbackIter"), "perfmgmt.FeedbackIter")
  end
  local it = p.as.dee:feedback_given(p.bob)
  it:close()
  T.raises(S.MISUSE, "closed perfmgmt.FeedbackIter", it)
  -- An iterator dies with its session.
  local s = db:session(p.dee)
  local open_it = s:feedback_visible()
  s:close()
  T.raises(S.MISUSE, "closed perfmgmt.FeedbackIter", open_it)

  T.raises(S.NOTFOUND, p.as.dee.feedback_received, p.as.dee, 999)
  T.raises(S.RANGE, "limit", p.as.dee.feedback_received, p.as.dee, p.dee, -1)
  T.raises(S.RANGE, "limit", p.as.dee.feedback_visible, p.as.dee, -1)
  T.raises_arg("number expected, got string", p.as.dee.feedback_given, p.as.dee, p.bob, "two")
  T.raises_arg("number expected, got nil", p.as.dee.feedback_given, p.as.dee, nil)
  db:close()
end)

T.test("anonymous feedback names no giver to anyone; is_mine tells the giver", function()
  local db, s, p = setup()
  local id = p.as.bob:give_feedback { receiver = p.dee, kind = "suggestion", anonymous = true,
                                      text = "Maybe shorter meetings?", visibility = "managers" }
  for _, who in ipairs { "bob", "dee", "ada", "hal" } do
    local f = p.as[who]:get_feedback(id)
    T.eq(f.giver, nil, who .. " sees no giver")
    T.eq(f.anonymous, true)
    T.eq(f.is_mine, who == "bob", who .. ": is_mine")
    T.eq(f.text, "Maybe shorter meetings?")
    T.eq(f.given_at, JAN1, who .. ": the time is kept to the day")
  end
  T.eq(s:get_feedback(id).giver, nil, "the system sees no giver either")
  T.eq(s:get_feedback(id).is_mine, false)
  for f in p.as.hal:feedback_visible() do T.eq(f.giver, nil, "in a list too") end
  T.same(T.collect("id", p.as.bob:feedback_given(p.bob)), { id }, "the giver lists it")
  T.same(T.collect("id", p.as.hal:feedback_given(p.bob)), {}, "HR cannot find it by giver")
  T.same(T.collect("id", p.as.dee:feedback_given(p.bob)), {}, "nor can the receiver")
  T.raises(S.PERM, p.as.dee.retract_feedback, p.as.dee, id)
  T.raises(S.PERM, p.as.hal.retract_feedback, p.as.hal, id)
  p.as.bob:retract_feedback(id)
  T.raises(S.NOTFOUND, p.as.dee.get_feedback, p.as.dee, id)
  db:close()
end)

T.test("open: a secret is an option; too short or of the wrong type is refused", function()
  local db = T.open { secret = "0123456789abcdef" } -- sixteen bytes, the least
  db:close()
  T.raises(S.INVAL, "secret", perfmgmt.open, T.uri(), { secret = "short" })
  T.raises_arg("field 'secret': string expected, got boolean", perfmgmt.open, "memory:",
    { secret = true })
  T.raises_arg("unknown key 'key'", perfmgmt.open, "memory:", { key = SECRET })
  -- Bytes, not text: a NUL inside is part of the secret.
  db = T.open { secret = string.rep("\0", 8) .. string.rep("\255", 8) }
  local p = people(db, db:system_session())
  p.as.bob:give_feedback { receiver = p.dee, kind = "praise", text = "x", anonymous = true }
  db:close()
end)

if T.backend == "memory" then
  T.test("an in-memory store without a secret still takes anonymous feedback", function()
    local db = perfmgmt.open("memory:")
    local p = people(db, db:system_session())
    local id = p.as.bob:give_feedback { receiver = p.dee, kind = "praise", text = "x",
                                        anonymous = true }
    T.eq(p.as.bob:get_feedback(id).is_mine, true)
    db:close()
  end)
else
  T.test("an SQLite store without a secret refuses anonymous feedback", function()
    local db = perfmgmt.open("sqlite:" .. T.temp_path())
    local p = people(db, db:system_session())
    T.raises(S.UNSUPPORTED, "feedback.anonymous", p.as.bob.give_feedback, p.as.bob,
      { receiver = p.dee, kind = "praise", text = "x", anonymous = true })
    T.same(T.collect("id", p.as.hal:feedback_visible()), {}, "nothing written")
    -- Named feedback needs no secret.
    p.as.bob:give_feedback { receiver = p.dee, kind = "praise", text = "named" }
    db:close()
  end)

  T.test("the secret recognises the giver across opens; another one does not", function()
    local path = T.temp_path()
    local db = perfmgmt.open("sqlite:" .. path, { secret = SECRET })
    local p = people(db, db:system_session())
    local id = p.as.bob:give_feedback { receiver = p.dee, kind = "praise", text = "x",
                                        anonymous = true, visibility = "organisation" }
    local private = p.as.bob:give_feedback { receiver = p.dee, kind = "praise", text = "y",
                                             anonymous = true }
    db:close()

    db = perfmgmt.open("sqlite:" .. path, { secret = SECRET })
    local bob = db:session(p.bob)
    T.eq(bob:get_feedback(id).is_mine, true, "the same secret")
    db:close()

    db = perfmgmt.open("sqlite:" .. path, { secret = "another secret, sixteen bytes+" })
    bob = db:session(p.bob)
    local f = bob:get_feedback(id)
    T.eq(f.is_mine, false, "another secret")
    T.eq(f.giver, nil)
    T.raises(S.PERM, bob.retract_feedback, bob, id)
    -- Unrecognised, Bob reads only what anyone may: not an entry for Dee alone.
    T.raises(S.PERM, bob.get_feedback, bob, private)
    db:close()

    db = perfmgmt.open("sqlite:" .. path)
    bob = db:session(p.bob)
    T.eq(bob:get_feedback(id).is_mine, false, "no secret")
    db:close()

    db = perfmgmt.open("sqlite:" .. path, { secret = SECRET })
    bob = db:session(p.bob)
    T.eq(bob:get_feedback(private).is_mine, true, "the same secret again")
    bob:retract_feedback(id)
    db:close()
  end)
end

T.test("a corrective goal names the feedback that led to it (source_feedback)", function()
  local db, _, p = setup()
  local fb = p.as.ada:give_feedback { receiver = p.bob, kind = "constructive",
                                      text = "Reviews are late", visibility = "managers" }
  local goal = p.as.ada:create_goal { owner = p.bob, title = "Review within a day",
    due = "2026-03-31", kind = "corrective", source_feedback = fb }
  local g = p.as.ada:get_goal(goal)
  T.eq(g.source_feedback, fb)
  T.eq(g.source_checkin, nil)
  local plain = p.as.ada:create_goal { owner = p.bob, title = "Other", due = "2026-03-31" }
  T.eq(p.as.ada:get_goal(plain).source_feedback, nil, "absent when none")
  -- Feedback the session may not read cannot be linked.
  local private = p.as.dee:give_feedback { receiver = p.bob, kind = "praise", text = "private" }
  T.raises(S.PERM, "goal.source_feedback", p.as.ada.create_goal, p.as.ada,
    { owner = p.bob, title = "x", due = "2026-03-31", source_feedback = private })
  T.raises(S.NOTFOUND, "goal.source_feedback", p.as.ada.create_goal, p.as.ada,
    { owner = p.bob, title = "x", due = "2026-03-31", source_feedback = 999 })
  T.raises_arg("field 'source_feedback': number expected, got string", p.as.ada.create_goal,
    p.as.ada, { owner = p.bob, title = "x", due = "2026-03-31", source_feedback = "fb" })
  -- Like the source check-in, it is not something an update changes.
  T.raises_arg("unknown key 'source_feedback'", p.as.ada.update_goal, p.as.ada, goal,
    { source_feedback = fb })
  db:close()
end)

T.test("closed handles and transactions", function()
  local db, _, p = setup()
  local bob = db:session(p.bob)
  -- A refused write inside a transaction rolls back the ones before it.
  local ok = pcall(bob.transaction, bob, function(s)
    s:give_feedback { receiver = p.dee, kind = "praise", text = "kept?" }
    s:give_feedback { receiver = p.dee, kind = "praise", text = "" }
  end)
  T.eq(ok, false)
  T.same(T.collect("id", p.as.hal:feedback_given(p.bob)), {}, "rolled back")
  local id = bob:transaction(function(s)
    return s:give_feedback { receiver = p.dee, kind = "praise", text = "kept" }
  end)
  T.eq(p.as.dee:get_feedback(id).text, "kept")
  bob:close()
  T.raises(S.MISUSE, "closed perfmgmt.Session", bob.give_feedback, bob,
    { receiver = p.dee, kind = "praise", text = "x" })
  T.raises(S.MISUSE, bob.get_feedback, bob, id)
  T.raises(S.MISUSE, bob.feedback_visible, bob)
  T.raises(S.MISUSE, bob.retract_feedback, bob, id)
  T.raises_arg("perfmgmt.Session expected", p.as.bob.get_feedback, db, id)
  T.raises_arg("perfmgmt.Session expected, got no value", p.as.bob.feedback_visible)
  db:close()
  T.raises(S.MISUSE, p.as.dee.get_feedback, p.as.dee, id)
end)

T.finish()
