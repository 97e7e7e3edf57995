-- Retention periods and purges through a session: no class has a period
-- until one is set, a purge removes what is past its period on the
-- store's clock or a given instant, batches resume call after call, and
-- refusals come back as perfmgmt.Error with the C status and message.
local T = require "helper"
local perfmgmt = require "perfmgmt"
local S = perfmgmt.status

local JAN1 = 1767225600 -- 2026-01-01T00:00:00Z
local DAY = 86400
local CLASSES = { "feedback", "feedback_requests", "checkin_notes", "wellbeing", "audit" }

-- Ada and Bob, Hal an HR admin; the clock reads clock.now.
local function setup()
  local db = T.open()
  local clock = { now = JAN1 + 10 * 3600 }
  db:set_clock(function() return clock.now end)
  local s = db:system_session()
  local p = { clock = clock }
  p.ada = s:create_person { external_id = "A", name = "Ada", start = "2025-01-01" }
  p.bob = s:create_person { external_id = "B", name = "Bob", start = "2025-01-01" }
  p.hal = s:create_person { external_id = "H", name = "Hal", hr_admin = true, start = "2025-01-01" }
  p.as = { ada = db:session(p.ada), hal = db:session(p.hal) }
  return db, s, p
end

local function give(p, n)
  local ids = {}
  for i = 1, n do
    ids[i] = p.as.ada:give_feedback { receiver = p.bob, kind = "praise", text = "Thanks " .. i }
  end
  return ids
end

local function zeros()
  local t = {}
  for _, c in ipairs(CLASSES) do t[c] = 0 end
  return t
end

T.test("no class has a period, and a purge removes nothing", function()
  local _, s, p = setup()
  give(p, 2)
  p.clock.now = p.clock.now + 400 * DAY
  for _, c in ipairs(CLASSES) do T.eq(s:get_retention(c), nil, c) end
  local r = s:purge_retention()
  T.eq(r.done, true)
  T.eq(r.batches, 0)
  T.same(r.removed, zeros(), "removed")
  T.same(r.kept, zeros(), "kept")
end)

T.test("periods are set, read and cleared", function()
  local _, s, p = setup()
  s:set_retention("feedback", 30)
  T.eq(s:get_retention("feedback"), 30)
  p.as.hal:set_retention("audit", 36500)
  T.eq(p.as.hal:get_retention("audit"), 36500)
  p.as.hal:set_retention("audit", 0)
  T.eq(p.as.hal:get_retention("audit"), nil)
  p.as.hal:clear_retention("feedback")
  p.as.hal:clear_retention("feedback")
  T.eq(s:get_retention("feedback"), nil)
end)

T.test("a purge removes what is past its period", function()
  local _, s, p = setup()
  local old = give(p, 2)
  p.clock.now = p.clock.now + 110 * DAY
  local recent = give(p, 1)
  p.clock.now = p.clock.now + 10 * DAY
  s:set_retention("feedback", 30)
  local r = s:purge_retention()
  T.eq(r.done, true)
  T.eq(r.batches, 1)
  T.eq(r.removed.feedback, 2)
  for _, id in ipairs(old) do
    T.raises(S.NOTFOUND, function() return s:get_feedback(id) end)
  end
  T.eq(s:get_feedback(recent[1]).id, recent[1])
  -- A given instant: a year on, the recent one too.
  r = s:purge_retention { now = p.clock.now + 365 * DAY }
  T.eq(r.removed.feedback, 1)
end)

T.test("batches resume call after call", function()
  local _, s, p = setup()
  give(p, 5)
  p.clock.now = p.clock.now + 120 * DAY
  s:set_retention("feedback", 30)
  local removed, calls = 0, 0
  repeat
    local r = s:purge_retention { batch_size = 2, max_batches = 1 }
    calls = calls + 1
    T.ok(r.batches <= 1, "one batch a call")
    removed = removed + r.removed.feedback
  until r.done or calls > 10
  T.eq(removed, 5)
  T.eq(calls, 3)
end)

T.test("refusals come back as errors", function()
  local _, s, p = setup()
  local denied = "may not set retention periods or purge"
  T.raises(S.PERM, denied, function() p.as.ada:set_retention("feedback", 30) end)
  T.raises(S.PERM, denied, function() p.as.ada:clear_retention("feedback") end)
  T.raises(S.PERM, denied, function() return p.as.ada:get_retention("feedback") end)
  T.raises(S.PERM, denied, function() return p.as.ada:purge_retention() end)
  T.raises(S.INVAL, "retention.days: must be 0 %(no period%) or 1 to 36500, not 36501",
    function() s:set_retention("audit", 36501) end)
  T.raises(S.INVAL, "batch_size: must be 1 to 10000, not 0",
    function() return s:purge_retention { batch_size = 0 } end)
  T.raises(S.RANGE, "batch_size: %-1 is negative",
    function() return s:purge_retention { batch_size = -1 } end)
  T.raises(S.INVAL, "now: must be 0",
    function() return s:purge_retention { now = -5 } end)
  T.raises_arg("invalid value 'hamster'", function() return s:set_retention("hamster", 3) end)
  T.raises_arg("batches", function() return s:purge_retention { batches = 3 } end)
  for _, c in ipairs(CLASSES) do T.eq(s:get_retention(c), nil, c) end
end)

T.finish()
