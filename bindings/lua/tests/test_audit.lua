-- The audit trail and legal holds: every function of audit.h through a
-- session, entries as records, pages and filters, anonymous writes counted
-- and never recorded, holds, and the error rule with the errors C reports.
local T = require "helper"
local perfmgmt = require "perfmgmt"
local S = perfmgmt.status

local JAN1 = 1767225600 -- 2026-01-01T00:00:00Z
local SECRET = "a test secret of more than sixteen bytes"

-- Ada and Bob; Hal is an HR admin. The clock reads p.clock.now.
local function setup()
  local db = T.open { secret = SECRET }
  local s = db:system_session()
  local clock = { now = JAN1 + 10 * 3600 }
  db:set_clock(function() return clock.now end)
  local p = { clock = clock, db = db, sys = s }
  p.ada = s:create_person { external_id = "A", name = "Ada" }
  p.bob = s:create_person { external_id = "B", name = "Bob" }
  p.hal = s:create_person { external_id = "H", name = "Hal", hr_admin = true }
  p.as = {}
  for _, who in ipairs { "ada", "bob", "hal" } do p.as[who] = db:session(p[who]) end
  return p
end

-- Every entry matching filters, page after page of two.
local function all_entries(s, filters)
  local q, out = {}, {}
  for k, v in pairs(filters or {}) do q[k] = v end
  q.limit = 2
  repeat
    local page = s:audit_page(q)
    for _, e in ipairs(page.entries) do out[#out + 1] = e end
    q.after = page.last
  until not page.more
  return out
end

T.test("each write is an entry with its actor, time and record", function()
  local p = setup()
  local id = p.as.ada:give_feedback { receiver = p.bob, kind = "praise", text = "Thanks" }
  p.clock.now = p.clock.now + 60
  p.as.bob:acknowledge_feedback(id)
  p.as.ada:retract_feedback(id)
  local e = all_entries(p.sys, { record_kind = "feedback", record = id })
  T.eq(#e, 3)
  T.same(e[1], { id = e[1].id, at = JAN1 + 10 * 3600, actor = p.ada, actor_kind = "person",
                 op = "create", record_kind = "feedback", record = id, records = 1 })
  T.eq(e[2].op, "update")
  T.eq(e[2].actor, p.bob)
  T.eq(e[2].at, p.clock.now)
  T.eq(e[3].op, "remove")
  T.ok(e[1].id < e[2].id and e[2].id < e[3].id, "ids grow")
  -- The system actor has no person id.
  local made = all_entries(p.as.hal, { record_kind = "person", record = p.ada })
  T.eq(#made, 1)
  T.eq(made[1].actor, nil)
  T.eq(made[1].actor_kind, "system")
end)

T.test("pages of two over five entries, and the filters", function()
  local p = setup()
  for i = 1, 5 do
    p.as.ada:give_feedback { receiver = p.bob, kind = "praise", text = "Thanks " .. i }
  end
  local q = { actor = p.ada, limit = 2 }
  local sizes = {}
  repeat
    local page = p.as.hal:audit_page(q)
    sizes[#sizes + 1] = #page.entries
    q.after = page.last
  until not page.more
  T.same(sizes, { 2, 2, 1 })
  T.eq(#all_entries(p.sys, { op = "update" }), 0)
  T.eq(#all_entries(p.sys, { since = p.clock.now, actor_kind = "person" }), 5)
  T.eq(#all_entries(p.sys, { ["until"] = p.clock.now - 1 }), 0)
  T.eq(#all_entries(p.sys, { actor_kind = "system", record_kind = "person" }), 3)
end)

T.test("anonymous feedback is counted, never recorded", function()
  local p = setup()
  local before = #all_entries(p.sys)
  local id = p.as.ada:give_feedback { receiver = p.bob, kind = "praise", text = "Calm",
                                      anonymous = true }
  T.eq(#all_entries(p.sys), before)
  T.eq(#all_entries(p.sys, { record_kind = "feedback", record = id }), 0)
  local counts = p.sys:audit_undisclosed("2026-01-01", "2026-01-02")
  T.eq(#counts, 1)
  T.same(counts[1], { day = "2026-01-01", record_kind = "feedback", op = "create", records = 1 })
end)

T.test("legal holds are placed, read and lifted", function()
  local p = setup()
  T.eq(p.as.hal:legal_hold(p.ada), nil)
  p.as.hal:place_legal_hold(p.ada, "Case A\u{30A}-12")
  T.same(p.as.hal:legal_hold(p.ada), { person = p.ada, reason = "Case \u{C5}-12" })
  p.sys:place_legal_hold(p.bob)
  T.same(p.sys:legal_hold(p.bob), { person = p.bob })
  T.raises(S.CONFLICT, "already under a legal hold", p.as.hal.place_legal_hold, p.as.hal, p.ada)
  p.as.hal:lift_legal_hold(p.ada)
  T.eq(p.as.hal:legal_hold(p.ada), nil)
  T.raises(S.NOTFOUND, "is not under a legal hold", p.as.hal.lift_legal_hold, p.as.hal, p.ada)
  local ops = {}
  for _, e in ipairs(all_entries(p.sys, { record_kind = "legal_hold" })) do ops[#ops + 1] = e.op end
  T.same(ops, { "create", "create", "remove" })
end)

T.test("refusals follow the error rule", function()
  local p = setup()
  local ada, s = p.as.ada, p.sys
  T.raises(S.PERM, "may not read the audit trail", ada.audit_page, ada)
  T.raises(S.PERM, "audit trail", ada.audit_undisclosed, ada, "2026-01-01", "2026-01-01")
  T.raises(S.PERM, "legal holds", ada.place_legal_hold, ada, p.bob)
  T.raises(S.PERM, "legal holds", ada.legal_hold, ada, p.bob)
  T.raises(S.PERM, "legal holds", ada.lift_legal_hold, ada, p.bob)
  T.raises(S.INVAL, "'goals' is not a record kind", s.audit_page, s, { record_kind = "goals" })
  T.raises(S.INVAL, "needs audit_query.record_kind", s.audit_page, s, { record = 3 })
  T.raises(S.INVAL, "audit_query.limit", s.audit_page, s, { limit = 1001 })
  T.raises(S.INVAL, "audit_query.to", s.audit_page, s, { since = 200, ["until"] = 100 })
  T.raises(S.RANGE, "limit: %-1 is negative", s.audit_page, s, { limit = -1 })
  T.raises(S.UTF8, "record_kind: contains a NUL byte", s.audit_page, s, { record_kind = "go\0al" })
  T.raises(S.INVAL, "to: 2025%-12%-31 is before from", s.audit_undisclosed, s, "2026-01-01",
           "2025-12-31")
  T.raises(S.NOTFOUND, "person: person 999 does not exist", s.place_legal_hold, s, 999)
  T.raises(S.UTF8, "legal_hold.reason", s.place_legal_hold, s, p.ada, "Nul\0inside")
  T.raises_arg("unknown key 'actors'", s.audit_page, s, { actors = 1 })
  T.raises_arg("field 'op'", s.audit_page, s, { op = "delete" })
  T.raises_arg("number expected", s.legal_hold, s, "ada")
end)

T.finish()
