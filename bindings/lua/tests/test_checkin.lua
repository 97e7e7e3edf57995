-- Check-ins: every function of checkin.h through a session, enums as
-- strings, and the error rule with the errors C reports.
local T = require "helper"
local perfmgmt = require "perfmgmt"
local S = perfmgmt.status

local JAN1 = 1767225600 -- 2026-01-01T00:00:00Z, a Thursday
local DAY = 86400

-- Ada manages Bob (both in Eng) from 2025; Cy is apart; Hal is an HR admin.
-- The store's today is 2026-01-01 unless a test moves the clock.
local function setup()
  local db, s = T.store()
  local clock = { now = JAN1 }
  db:set_clock(function() return clock.now end)
  local p = { clock = clock }
  p.eng = s:create_unit { name = "Eng" }
  p.ada = s:create_person { external_id = "A", name = "Ada", unit = p.eng, start = "2025-01-01" }
  p.bob = s:create_person { external_id = "B", name = "Bob", unit = p.eng, manager = p.ada,
                            start = "2025-01-01" }
  p.cy = s:create_person { external_id = "C", name = "Cy", start = "2025-01-01" }
  p.hal = s:create_person { external_id = "H", name = "Hal", hr_admin = true }
  return db, s, p
end

-- A weekly series Ada-Bob from 2026-01-05 and its first check-in.
local function series(s, p)
  local id = s:create_checkin_series { manager = p.ada, report = p.bob, start = "2026-01-05" }
  return id, T.collect("id", s:checkins(id))[1]
end

T.test("create_checkin_series and get_checkin_series", function()
  local db, s, p = setup()
  local id = s:create_checkin_series { manager = p.ada, report = p.bob, start = "2026-01-05" }
  T.eq(math.type(id), "integer")
  T.same(s:get_checkin_series(id), {
    id = id, manager = p.ada, report = p.bob, cadence = "weekly", interval = 1,
    start = "2026-01-05", state = "active", next_due = "2026-01-05",
  }, "the record")
  s:end_checkin_series(id)
  local monthly = s:create_checkin_series { manager = p.ada, report = p.bob, cadence = "monthly",
                                            day = 15, start = "2026-01-15" }
  local m = s:get_checkin_series(monthly)
  T.eq(m.cadence, "monthly")
  T.eq(m.day, 15)
  T.eq(m.interval, nil, "a monthly series has a day, not an interval")
  db:close()
end)

T.test("create_checkin_series: errors from C and from Lua", function()
  local db, s, p = setup()
  T.raises(S.INVAL, "does not report to", s.create_checkin_series, s,
    { manager = p.cy, report = p.bob, start = "2026-01-05" })
  T.raises(S.INVAL, "does not report to", s.create_checkin_series, s,
    { manager = p.ada, report = p.bob, start = "2024-06-01" })
  T.raises(S.INVAL, s.create_checkin_series, s,
    { manager = p.ada, report = p.bob, interval = 13 })
  T.raises(S.INVAL, s.create_checkin_series, s,
    { manager = p.ada, report = p.bob, cadence = "monthly", day = 32 })
  T.raises(S.NOTFOUND, s.create_checkin_series, s, { manager = p.ada, report = 999 })
  T.raises(S.RANGE, "interval", s.create_checkin_series, s,
    { manager = p.ada, report = p.bob, interval = 1 << 33 })
  s:create_checkin_series { manager = p.ada, report = p.bob, interval = 2 }
  T.raises(S.CONFLICT, s.create_checkin_series, s, { manager = p.ada, report = p.bob })
  local as_cy = db:session(p.cy)
  T.raises(S.PERM, as_cy.create_checkin_series, as_cy, { manager = p.ada, report = p.bob })
  T.raises_arg("field 'cadence': invalid value 'daily' %(expected 'weekly' or 'monthly'%)",
    s.create_checkin_series, s, { manager = p.ada, report = p.bob, cadence = "daily" })
  T.raises_arg("unknown key 'every'", s.create_checkin_series, s,
    { manager = p.ada, report = p.bob, every = 2 })
  T.raises_arg("field 'report': number expected, got string", s.create_checkin_series, s,
    { manager = p.ada, report = "bob" })
  T.raises_arg("table expected", s.create_checkin_series, s)
  db:close()
end)

T.test("pause, resume, end and move a series", function()
  local db, s, p = setup()
  local id, first = series(s, p)
  s:pause_checkin_series(id)
  local paused = s:get_checkin_series(id)
  T.eq(paused.state, "paused")
  T.eq(paused.next_due, nil, "nothing is due while paused")
  T.eq(s:get_checkin(first).state, "cancelled", "the scheduled one after the pause")
  T.raises(S.INVAL, s.pause_checkin_series, s, id)
  s:resume_checkin_series(id, "2026-01-08")
  T.eq(s:get_checkin_series(id).next_due, "2026-01-08")
  T.raises(S.INVAL, s.resume_checkin_series, s, id)
  -- Bob moves to Cy; the series moves with him.
  s:set_manager(p.bob, p.cy, "2026-01-01")
  T.raises(S.INVAL, s.move_checkin_series, s, id, p.ada)
  s:move_checkin_series(id, p.cy)
  T.eq(s:get_checkin_series(id).manager, p.cy)
  s:end_checkin_series(id)
  T.eq(s:get_checkin_series(id).state, "ended")
  T.raises(S.INVAL, s.end_checkin_series, s, id)
  T.raises(S.NOTFOUND, s.pause_checkin_series, s, 999)
  T.raises(S.NOTFOUND, s.get_checkin_series, s, 999)
  T.raises(S.RANGE, s.pause_checkin_series, s, id, "2026-02-30")
  T.raises_arg("number expected, got nil", s.move_checkin_series, s, id, nil)
  T.raises_arg("string expected, got number", s.end_checkin_series, s, id, 20260101)
  db:close()
end)

T.test("checkin_series_of lists a person's series; overdue ones on request", function()
  local db, s, p = setup()
  local id = series(s, p)
  T.same(T.collect("id", s:checkin_series_of(p.bob)), { id })
  T.same(T.collect("id", s:checkin_series_of(p.ada)), { id })
  T.same(T.collect("id", s:checkin_series_of(p.cy)), {})
  T.same(T.collect("id", s:checkin_series_of(p.bob, { overdue = true })), {})
  p.clock.now = JAN1 + 10 * DAY
  T.same(T.collect("id", s:checkin_series_of(p.bob, { overdue = true })), { id })
  T.eq(T.collect(nil, s:checkin_series_of(p.bob))[1].report, p.bob, "records")
  T.raises(S.PERM, db:session(p.cy).checkin_series_of, db:session(p.cy), p.bob)
  T.raises_arg("unknown key 'late'", s.checkin_series_of, s, p.bob, { late = true })
  T.raises_arg("field 'overdue': boolean expected", s.checkin_series_of, s, p.bob,
    { overdue = "yes" })
  db:close()
end)

T.test("check-ins: schedule, hold with a mood, and the next by the cadence", function()
  local db, s, p = setup()
  local id, first = series(s, p)
  T.same(s:get_checkin(first), { id = first, series = id, date = "2026-01-05",
                                 state = "scheduled" }, "no mood yet")
  local as_bob = db:session(p.bob)
  local next_id = as_bob:hold_checkin(first, 4)
  T.eq(math.type(next_id), "integer")
  T.same(s:get_checkin(first), { id = first, series = id, date = "2026-01-05", state = "held",
                                 mood = 4 })
  T.eq(s:get_checkin(next_id).date, "2026-01-12")
  T.eq(s:get_checkin_series(id).last_held, "2026-01-05")
  local as_ada = db:session(p.ada)
  local extra = as_ada:schedule_checkin(id, "2026-01-09")
  T.eq(s:get_checkin(extra).state, "scheduled")
  T.eq(as_ada:hold_checkin(extra), next_id, "the one already scheduled is next")
  T.eq(s:get_checkin(extra).mood, nil, "no mood given")
  as_ada:set_checkin_state(next_id, "missed")
  T.eq(s:get_checkin(next_id).state, "missed")
  T.same(T.collect("date", s:checkins(id)), { "2026-01-05", "2026-01-09", "2026-01-12" })
  T.raises(S.INVAL, as_ada.hold_checkin, as_ada, next_id)
  T.raises(S.INVAL, as_ada.set_checkin_state, as_ada, first, "held")
  local later = as_ada:schedule_checkin(id, "2026-01-20")
  T.raises(S.INVAL, as_ada.hold_checkin, as_ada, later, 6)
  T.raises(S.RANGE, "mood", as_ada.hold_checkin, as_ada, later, 1 << 40)
  T.raises(S.PERM, s.hold_checkin, s, later, 3)
  T.raises(S.PERM, db:session(p.cy).hold_checkin, db:session(p.cy), later)
  T.raises(S.NOTFOUND, s.get_checkin, s, 999)
  T.raises(S.NOTFOUND, s.checkins, s, 999)
  T.raises(S.NOTFOUND, as_ada.schedule_checkin, as_ada, 999)
  T.raises_arg("invalid value 'skipped'", as_ada.set_checkin_state, as_ada, later, "skipped")
  T.raises_arg("number has no integer representation", as_ada.hold_checkin, as_ada, later, 4.5)
  db:close()
end)

T.test("entries: talking points, notes, action items, goals", function()
  local db, s, p = setup()
  local _, first = series(s, p)
  local as_ada, as_bob = db:session(p.ada), db:session(p.bob)
  local goal = s:create_goal { owner = p.bob, title = "Grow", start = "2026-01-01",
                               due = "2026-12-31" }
  s:set_goal_state(goal, "active")
  s:add_progress(goal, { value = 0.25 })
  local point = as_ada:add_checkin_entry(first, { kind = "talking_point", text = "Roadmap" })
  local note = as_bob:add_checkin_entry(first, { kind = "note", text = "Shared note" })
  local item = as_ada:add_checkin_entry(first, { kind = "action_item", text = "Write doc",
                                                 owner = p.bob, due = "2026-01-20" })
  local discussed = as_ada:add_checkin_entry(first, { kind = "goal", goal = goal })
  local entries = T.collect(nil, as_bob:checkin_entries(first))
  T.same(T.collect("id", as_bob:checkin_entries(first)), { point, note, item, discussed })
  T.same(entries[1], { id = point, kind = "talking_point", checkin = first, origin = first,
                       author = p.ada, text = "Roadmap", private = false, done = false,
                       created_at = JAN1 })
  T.eq(entries[3].owner, p.bob)
  T.eq(entries[3].due, "2026-01-20")
  T.eq(entries[4].goal, goal)
  T.eq(entries[4].goal_progress, 0.25)
  T.eq(entries[4].goal_health, "on_track")
  T.eq(entries[4].text, nil, "a goal entry has no text")
  T.eq(entries[1].goal, nil, "only goal entries have a goal")
  p.clock.now = JAN1 + DAY
  as_bob:set_checkin_entry_done(item, true)
  local done = T.collect(nil, as_bob:checkin_entries(first))[3]
  T.eq(done.done, true)
  T.eq(done.done_at, JAN1 + DAY)
  as_bob:set_checkin_entry_done(item, false)
  T.eq(T.collect(nil, as_bob:checkin_entries(first))[3].done_at, nil)
  T.raises(S.INVAL, as_bob.set_checkin_entry_done, as_bob, note, true)
  T.raises(S.NOTFOUND, as_bob.set_checkin_entry_done, as_bob, 999, true)
  T.raises_arg("boolean expected, got number", as_bob.set_checkin_entry_done, as_bob, item, 1)
  db:close()
end)

T.test("undiscussed talking points and open action items move on", function()
  local db, s, p = setup()
  local _, first = series(s, p)
  local as_ada = db:session(p.ada)
  local open = as_ada:add_checkin_entry(first, { kind = "talking_point", text = "Open" })
  local talked = as_ada:add_checkin_entry(first, { kind = "talking_point", text = "Talked" })
  local item = as_ada:add_checkin_entry(first, { kind = "action_item", text = "Do it" })
  as_ada:set_checkin_entry_done(talked, true)
  local next_id = as_ada:hold_checkin(first, 3)
  local moved = T.collect(nil, as_ada:checkin_entries(next_id))
  T.same(T.collect("id", as_ada:checkin_entries(next_id)), { open, item })
  T.eq(moved[1].checkin, next_id)
  T.eq(moved[1].origin, first, "it remembers where it came from")
  T.eq(moved[2].owner, p.ada, "an action item's owner defaults to its author")
  db:close()
end)

T.test("private entries are their author's alone", function()
  local db, s, p = setup()
  local _, first = series(s, p)
  local as_ada, as_bob, as_hal = db:session(p.ada), db:session(p.bob), db:session(p.hal)
  local secret = as_ada:add_checkin_entry(first, { kind = "note", text = "Secret",
                                                   private = true })
  local shared = as_ada:add_checkin_entry(first, { kind = "talking_point", text = "Shared" })
  local mine = as_bob:add_checkin_entry(first, { kind = "talking_point", text = "Bob's",
                                                 private = true })
  T.same(T.collect("id", as_ada:checkin_entries(first)), { secret, shared })
  T.eq(T.collect(nil, as_ada:checkin_entries(first))[1].private, true)
  T.same(T.collect("id", as_bob:checkin_entries(first)), { shared, mine })
  T.same(T.collect("id", as_hal:checkin_entries(first)), { shared }, "not HR")
  T.same(T.collect("id", s:checkin_entries(first)), { shared }, "not the system")
  -- To anyone else a private entry does not exist.
  T.raises(S.NOTFOUND, as_bob.set_checkin_entry_done, as_bob, secret, true)
  T.raises(S.INVAL, as_ada.add_checkin_entry, as_ada, first,
    { kind = "action_item", text = "X", private = true })
  db:close()
end)

T.test("add_checkin_entry: errors from C and from Lua", function()
  local db, s, p = setup()
  local _, first = series(s, p)
  local as_ada, as_cy = db:session(p.ada), db:session(p.cy)
  T.raises(S.INVAL, as_ada.add_checkin_entry, as_ada, first, { kind = "note" })
  T.raises(S.INVAL, as_ada.add_checkin_entry, as_ada, first, { text = "No kind" })
  T.raises(S.INVAL, as_ada.add_checkin_entry, as_ada, first,
    { kind = "action_item", text = "X", owner = p.cy })
  T.raises(S.PERM, as_cy.add_checkin_entry, as_cy, first, { kind = "note", text = "X" })
  T.raises(S.NOTFOUND, as_ada.add_checkin_entry, as_ada, 999, { kind = "note", text = "X" })
  T.raises(S.UTF8, as_ada.add_checkin_entry, as_ada, first, { kind = "note", text = "\xff" })
  T.raises(S.PERM, s.add_checkin_entry, s, first, { kind = "note", text = "X" })
  as_ada:set_checkin_state(first, "cancelled")
  T.raises(S.INVAL, as_ada.add_checkin_entry, as_ada, first, { kind = "note", text = "X" })
  T.raises_arg("field 'kind': invalid value 'todo' %(expected 'talking_point', 'note', "
    .. "'action_item' or 'goal'%)", as_ada.add_checkin_entry, as_ada, first, { kind = "todo" })
  T.raises_arg("field 'private': boolean expected, got number", as_ada.add_checkin_entry, as_ada,
    first, { kind = "note", text = "X", private = 1 })
  T.raises_arg("unknown key 'is_private'", as_ada.add_checkin_entry, as_ada, first,
    { kind = "note", text = "X", is_private = true })
  T.raises_arg("table expected", as_ada.add_checkin_entry, as_ada, first, "note")
  db:close()
end)

T.test("a corrective goal remembers the check-in that led to it", function()
  local db, s, p = setup()
  local _, first = series(s, p)
  local goal = s:create_goal { owner = p.bob, title = "Fix", kind = "corrective",
                               due = "2026-03-31", source_checkin = first }
  T.eq(s:get_goal(goal).source_checkin, first)
  T.raises(S.NOTFOUND, s.create_goal, s, { owner = p.bob, title = "Fix", due = "2026-03-31",
                                           source_checkin = 999 })
  db:close()
end)

T.test("checkin_days_since: nil before any, then days", function()
  local db, s, p = setup()
  local _, first = series(s, p)
  T.eq(s:checkin_days_since(p.bob), nil)
  db:session(p.bob):hold_checkin(first)
  T.eq(s:checkin_days_since(p.bob, "2026-01-15"), 10)
  T.eq(s:checkin_days_since(p.ada, "2026-01-05"), 0)
  T.eq(s:checkin_days_since(p.cy, "2026-01-15"), nil)
  T.raises(S.PERM, db:session(p.cy).checkin_days_since, db:session(p.cy), p.bob)
  T.raises(S.NOTFOUND, s.checkin_days_since, s, 999)
  T.raises(S.INVAL, "not a date", s.checkin_days_since, s, p.bob, "15/01/2026")
  db:close()
end)

T.test("checkin_rate_manager and checkin_rate_unit", function()
  local db, s, p = setup()
  local id, first = series(s, p)
  local as_ada = db:session(p.ada)
  local second = as_ada:hold_checkin(first, 5)
  as_ada:set_checkin_state(second, "missed")
  local third = as_ada:schedule_checkin(id, "2026-01-19")
  as_ada:set_checkin_state(third, "cancelled")
  T.same(s:checkin_rate_manager(p.ada, "2026-01-01", "2026-01-31"),
    { due = 2, held = 1, rate = 0.5 })
  T.same(s:checkin_rate_unit(p.eng, "2026-01-01", "2026-01-31"),
    { due = 2, held = 1, rate = 0.5 })
  T.same(s:checkin_rate_manager(p.ada, "2025-01-01", "2025-12-31"),
    { due = 0, held = 0, rate = 0 }, "nothing due")
  T.raises(S.INVAL, s.checkin_rate_manager, s, p.ada, "2026-01-31", "2026-01-01")
  T.raises(S.NOTFOUND, s.checkin_rate_unit, s, 999, "2026-01-01", "2026-01-31")
  T.raises(S.PERM, as_ada.checkin_rate_unit, as_ada, p.eng, "2026-01-01", "2026-01-31")
  T.raises_arg("string expected, got nil", s.checkin_rate_manager, s, p.ada, nil, "2026-01-31")
  T.raises_arg("string expected, got no value", s.checkin_rate_unit, s, p.eng, "2026-01-01")
  db:close()
end)

T.test("check-in iterators: named metatables, closed with their session", function()
  local db, s, p = setup()
  local id, first = series(s, p)
  db:session(p.ada):add_checkin_entry(first, { kind = "note", text = "X" })
  local function name_of(v) return getmetatable(v).__name end
  T.eq(name_of(s:checkin_series_of(p.bob)), "perfmgmt.CheckinSeriesIter")
  T.eq(name_of(s:checkins(id)), "perfmgmt.CheckinIter")
  T.eq(name_of(s:checkin_entries(first)), "perfmgmt.CheckinEntryIter")
  local all, meetings, entries = s:checkin_series_of(p.bob), s:checkins(id),
    s:checkin_entries(first)
  T.eq(meetings().id, first)
  for _ in s:checkin_entries(first) do break end
  db:close()
  T.raises(S.MISUSE, "closed perfmgmt%.CheckinSeriesIter", all)
  T.raises(S.MISUSE, "closed perfmgmt%.CheckinIter", meetings)
  T.raises(S.MISUSE, "closed perfmgmt%.CheckinEntryIter", entries)
end)

T.test("a closed session raises MISUSE from every check-in method", function()
  local db, s, p = setup()
  local id, first = series(s, p)
  s:close()
  local calls = {
    { "create_checkin_series", { manager = p.ada, report = p.bob } },
    { "pause_checkin_series", id }, { "resume_checkin_series", id },
    { "end_checkin_series", id }, { "move_checkin_series", id, p.ada },
    { "get_checkin_series", id }, { "checkin_series_of", p.bob },
    { "schedule_checkin", id }, { "hold_checkin", first }, { "set_checkin_state", first, "missed" },
    { "get_checkin", first }, { "checkins", id },
    { "add_checkin_entry", first, { kind = "note", text = "X" } },
    { "set_checkin_entry_done", 1, true }, { "checkin_entries", first },
    { "checkin_days_since", p.bob },
    { "checkin_rate_manager", p.ada, "2026-01-01", "2026-01-31" },
    { "checkin_rate_unit", p.eng, "2026-01-01", "2026-01-31" },
  }
  for _, call in ipairs(calls) do
    T.raises(S.MISUSE, "attempt to use a closed perfmgmt%.Session", s[call[1]], s,
      table.unpack(call, 2))
  end
  db:close()
end)

T.finish()
