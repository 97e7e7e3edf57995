-- Feedback-culture numbers: feedback_stats_person and feedback_stats_unit
-- through a session, the tables keyed by direction and kind names, the
-- suppression of small groups, and the error rule.
local T = require "helper"
local perfmgmt = require "perfmgmt"
local S = perfmgmt.status

local JAN1 = 1767225600 -- 2026-01-01T00:00:00Z
local DAY = 86400
local HOUR = 3600
local JANUARY = { from = "2026-01-01", to = "2026-01-31" }

-- Eng: Ada manages Bob, Dee, Eve and Fay (five people). Cy is apart; Hal is
-- an HR admin. In January: Ada praises Bob, Bob tells Ada something to
-- change, Bob praises Dee, Dee makes Bob an anonymous suggestion; Bob asks
-- Ada and Dee for feedback, Dee answers two hours later and Ada declines.
-- The clock then moves to February.
local function setup()
  local db = T.open { secret = "a test secret of more than sixteen bytes" }
  local s = db:system_session()
  local clock = { now = JAN1 + 10 * DAY + 9 * HOUR }
  db:set_clock(function() return clock.now end)
  local p = { clock = clock }
  p.eng = s:create_unit { name = "Eng" }
  local function person(key, name, manager, outside, hr_admin)
    return s:create_person { external_id = key, name = name, manager = manager,
                             unit = not outside and p.eng or nil, hr_admin = hr_admin,
                             start = "2025-01-01" }
  end
  p.ada = person("A", "Ada")
  p.bob = person("B", "Bob", p.ada)
  p.dee = person("D", "Dee", p.ada)
  p.eve = person("E", "Eve", p.ada)
  p.fay = person("F", "Fay", p.ada)
  p.cy = person("C", "Cy", nil, true)
  p.hal = person("H", "Hal", nil, true, true)
  p.as = {}
  for _, who in ipairs { "ada", "bob", "dee", "cy", "hal" } do p.as[who] = db:session(p[who]) end

  p.as.ada:give_feedback { receiver = p.bob, kind = "praise", text = "Great release" }
  p.as.bob:give_feedback { receiver = p.ada, kind = "constructive", text = "Agendas, please" }
  p.as.bob:give_feedback { receiver = p.dee, kind = "praise", text = "Thanks for the review" }
  p.as.dee:give_feedback { receiver = p.bob, kind = "suggestion", text = "Smaller PRs?",
                           anonymous = true }
  local request = p.as.bob:request_feedback { topic = "My first month",
                                              addressees = { p.ada, p.dee } }
  clock.now = clock.now + 2 * HOUR
  p.as.dee:respond_to_request(request, { kind = "praise", text = "Settled in fast" })
  p.as.ada:decline_request(request)
  clock.now = JAN1 + 40 * DAY
  return db, s, p
end

local function zeros(names)
  local t = {}
  for _, name in ipairs(names) do t[name] = 0 end
  return t
end
local DIRECTIONS = { "downward", "upward", "peer", "self", "other", "undisclosed" }
local KINDS = { "praise", "constructive", "suggestion" }

-- The by_* tables: every name present, the counts given, zeros elsewhere.
local function counts(names, given)
  local t = zeros(names)
  for k, v in pairs(given) do t[k] = v end
  return t
end

T.test("feedback_stats_person: a person's numbers, by direction and kind names", function()
  local db, _, p = setup()
  local bob = p.as.bob:feedback_stats_person(p.bob, JANUARY)
  T.eq(bob.suppressed, false)
  T.eq(bob.people, 1)
  T.eq(bob.given, 2)
  T.eq(bob.received, 3)
  T.eq(bob.anonymous_received, 1)
  T.same(bob.given_by_direction, counts(DIRECTIONS, { upward = 1, peer = 1 }))
  -- Dee's anonymous suggestion (peer) keeps its direction undisclosed.
  T.same(bob.received_by_direction, counts(DIRECTIONS, { downward = 1, peer = 1, undisclosed = 1 }))
  T.same(bob.given_by_kind, counts(KINDS, { praise = 1, constructive = 1 }))
  T.same(bob.received_by_kind, counts(KINDS, { praise = 2, suggestion = 1 }))
  T.eq(bob.requests_addressed, 0, "no one asked Bob")
  T.eq(bob.response_rate, 0.0)
  T.eq(math.type(bob.response_rate), "float")

  local dee = p.as.ada:feedback_stats_person(p.dee, JANUARY)
  T.eq(dee.given, 1, "the anonymous suggestion is not counted as Dee's")
  T.eq(dee.requests_addressed, 1)
  T.eq(dee.requests_answered, 1)
  T.eq(dee.requests_declined, 0)
  T.eq(dee.requests_expired, 0)
  T.eq(dee.response_rate, 1.0)
  T.eq(dee.median_response_hours, 2.0)

  local ada = p.as.hal:feedback_stats_person(p.ada, JANUARY)
  T.eq(ada.requests_addressed, 1)
  T.eq(ada.requests_declined, 1)
  T.eq(ada.response_rate, 0.0)

  -- Quiet days count up to `to`: Eve received nothing.
  local eve = p.as.hal:feedback_stats_person(p.eve, JANUARY)
  T.eq(eve.received, 0)
  T.eq(eve.without_feedback, 1)
  T.eq(eve.share_without_feedback, 1.0)
  T.eq(p.as.hal:feedback_stats_person(p.bob, JANUARY).without_feedback, 0)
  local quiet = p.as.hal:feedback_stats_person(p.bob, { from = "2026-01-01", to = "2026-01-31",
                                                        quiet_days = 5 })
  T.eq(quiet.without_feedback, 1, "nothing in the last five days of January")
  T.eq(p.as.hal:feedback_stats_person(p.bob, { from = "2026-02-01", to = "2026-02-09" }).received,
    0, "another period")
  db:close()
end)

T.test("feedback_stats_unit: a unit's numbers, suppressed under the minimum group", function()
  local db, s, p = setup()
  local eng = p.as.hal:feedback_stats_unit(p.eng, JANUARY)
  T.eq(eng.suppressed, false)
  T.eq(eng.people, 5)
  T.eq(eng.given, 4, "named feedback only")
  T.eq(eng.received, 5)
  T.eq(eng.anonymous_received, 1)
  T.eq(eng.without_feedback, 2, "Eve and Fay")
  T.eq(eng.share_without_feedback, 0.4)
  T.eq(eng.requests_addressed, 2)
  T.eq(eng.requests_answered, 1)
  T.eq(eng.requests_declined, 1)
  T.eq(eng.response_rate, 0.5)
  T.same(eng.received_by_kind, counts(KINDS, { praise = 3, constructive = 1, suggestion = 1 }))

  local small = s:feedback_stats_unit(p.eng, { from = "2026-01-01", to = "2026-01-31",
                                               min_group = 6 })
  T.eq(small.suppressed, true)
  T.eq(small.given, 0)
  T.eq(small.received, 0)
  T.same(small.given_by_direction, zeros(DIRECTIONS), "every count is 0")
  T.same(small.received_by_kind, zeros(KINDS))

  local org = s:feedback_stats_unit(nil, JANUARY)
  T.eq(org.people, 7, "nil: every active person")
  T.eq(org.received, 5)
  db:close()
end)

T.test("feedback stats: access and errors", function()
  local db, s, p = setup()
  T.raises(S.PERM, p.as.cy.feedback_stats_person, p.as.cy, p.bob, JANUARY)
  T.raises(S.PERM, p.as.dee.feedback_stats_person, p.as.dee, p.bob, JANUARY)
  T.raises(S.PERM, p.as.bob.feedback_stats_unit, p.as.bob, p.eng, JANUARY)
  T.raises(S.PERM, p.as.cy.feedback_stats_unit, p.as.cy, nil, JANUARY)
  T.raises(S.NOTFOUND, s.feedback_stats_person, s, 999, JANUARY)
  T.raises(S.NOTFOUND, s.feedback_stats_unit, s, 999, JANUARY)

  local function person(opts) return s.feedback_stats_person(s, p.bob, opts) end
  T.raises(S.INVAL, "from", person, { to = "2026-01-31" })
  T.raises(S.INVAL, "to", person, { from = "2026-01-01" })
  T.raises(S.INVAL, person, { from = "2026-02-01", to = "2026-01-31" })
  T.raises(S.INVAL, "quiet_days", person, { from = "2026-01-01", to = "2026-01-31",
                                            quiet_days = 0 })
  T.raises(S.INVAL, "min_group", s.feedback_stats_unit, s, p.eng,
    { from = "2026-01-01", to = "2026-01-31", min_group = 2 })
  T.raises(S.INVAL, "min_group", s.feedback_stats_unit, s, p.eng,
    { from = "2026-01-01", to = "2026-01-31", min_group = 11 })
  T.raises(S.RANGE, "quiet_days", person, { from = "2026-01-01", to = "2026-01-31",
                                            quiet_days = 1 << 40 })
  T.raises(S.INVAL, "from: 'January' is not a date", person, { from = "January",
                                                                to = "2026-01-31" })
  T.raises(S.RANGE, person, { from = "2026-02-30", to = "2026-03-31" })
  T.raises_arg("unknown key 'until'", person, { from = "2026-01-01", ["until"] = "2026-01-31" })
  T.raises_arg("field 'from': string expected, got number", person, { from = 20260101 })
  T.raises_arg("table expected, got nil", person)
  T.raises_arg("number expected, got nil", s.feedback_stats_person, s, nil, JANUARY)
  T.raises_arg("number expected, got string", s.feedback_stats_unit, s, "Eng", JANUARY)
  s:close()
  T.raises(S.MISUSE, s.feedback_stats_person, s, p.bob, JANUARY)
  T.raises(S.MISUSE, s.feedback_stats_unit, s, p.eng, JANUARY)
  db:close()
end)

T.finish()
