--[[
checkin.lua: three weekly check-ins between a manager and her report, on a
fixed clock.

  lua5.4 examples/lua/checkin.lua PATH.db [org.csv]

Without a CSV it reads examples/quickstart/org.csv (found next to this
script) and imports it into the SQLite file PATH.db (created when missing).
Märta Åsander (N005) and Sofia Häggström (N007), who reports to her, then
meet weekly from Monday 7 April 2025. The store's clock is fixed with
db:set_clock, so every date printed is the same on each run. Along the way:
a talking point that is not discussed moves on to the next check-in,
Märta's private note does not appear in Sofia's list, an action item stays
on every check-in until it is done, a goal is discussed with a snapshot of
its progress, and Sofia gives her mood. At the end: the series' next due
date, the days since the last check-in and Märta's completion rate.

The module must be on Lua's search path: installed (`cmake --install`), or
from a build tree:

  LUA_CPATH="build/bindings/lua/?.so" lua5.4 examples/lua/checkin.lua /tmp/checkin.db

Run it on a fresh file: on a file it has already run on, the library refuses
a second series for the same pair (a conflict). Any failure prints the
library's message and exits with status 1.
]]
local perfmgmt = require "perfmgmt"

local db_path, csv_path = arg[1], arg[2]
if not db_path or #arg > 2 then
  io.stderr:write("usage: lua5.4 checkin.lua PATH.db [org.csv]\n")
  os.exit(2, true)
end
if not csv_path then
  local here = arg[0]:match("^(.*)/[^/]*$") or "."
  csv_path = here .. "/../quickstart/org.csv"
end

-- Stops the example (through the pcall below) when something is not as it should be.
local function expect(condition, what)
  if not condition then error("expected " .. what, 0) end
end

-- The store's clock reads `now`, in UTC seconds since 1970. Every date of the
-- example falls in April 2025, so `april(day, hour)` is all it takes
-- (april(0) is 31 March).
local MARCH_31_2025 = 1743379200 -- 2025-03-31T00:00:00Z
local now = MARCH_31_2025
local function april(day, hour)
  now = MARCH_31_2025 + day * 86400 + (hour or 10) * 3600
end

-- One line for an entry, as a person sees it on check-in `shown_on`.
local function describe(e, shown_on)
  local line
  if e.kind == "goal" then
    line = string.format("goal discussed: %.0f%% done, %s at the time",
      e.goal_progress * 100, (e.goal_health:gsub("_", " ")))
  else
    line = string.format('%s: "%s"', (e.kind:gsub("_", " ")), e.text)
  end
  if e.private then line = line .. " (private)" end
  if e.origin ~= shown_on then line = line .. " (from an earlier check-in)" end
  if e.kind == "action_item" then
    line = line .. ", due " .. e.due .. (e.done and ", done" or ", open")
  elseif e.kind == "talking_point" then
    line = line .. (e.done and ", discussed" or ", not discussed yet")
  end
  return line
end

-- Prints what check-in `id` shows to the person acting in session `s`; returns the entries.
local function show(s, id, who)
  local entries = {}
  print(string.format("  What %s sees:", who))
  for e in s:checkin_entries(id) do
    entries[#entries + 1] = e
    print("    - " .. describe(e, id))
  end
  return entries
end

local function main()
  local db <close> = perfmgmt.open("sqlite:" .. db_path)
  april(0, 12)
  -- "Today" and every time stamp come from `now` from here on.
  db:set_clock(function() return now end)

  local system <close> = db:system_session()
  local stats = system:import_csv_file(csv_path)
  print(string.format("Imported %d people from %s into %s.", stats.rows, csv_path, db_path))
  local marta = system:lookup_person("N005")
  local sofia = system:lookup_person("N007")
  expect(system:manager_on(sofia.id) == marta.id, "Sofia to report to Märta")
  print(string.format("%s manages %s.", marta.name, sofia.name))

  local manager <close> = db:session(marta.id)
  local report <close> = db:session(sofia.id)

  -- A goal of Sofia's, with some progress, to bring to a check-in.
  local goal = report:create_goal { owner = sofia.id, title = "Every service has a runbook",
                                    start = "2025-04-01", due = "2025-06-30", visibility = "unit" }
  local runbooks = report:add_key_result(goal, { title = "Runbooks published", target = 14,
                                                 unit = "runbooks" })
  report:set_goal_state(goal, "active")
  april(4)
  report:add_progress(goal, { value = 5, key_result = runbooks, comment = "The first five." })
  print(string.format('%s has a goal, "Every service has a runbook": 5 of 14 so far.', sofia.name))

  local series = manager:create_checkin_series { manager = marta.id, report = sofia.id,
                                                 start = "2025-04-07" }
  local first
  for c in manager:checkins(series) do first = c break end
  print(string.format("%s starts weekly check-ins with %s on %s.",
    marta.name, sofia.name, first.date))

  -- Week 1: points, a private note, an action item, a goal, a mood.
  april(7)
  print(string.format("\nCheck-in 1, %s.", first.date))
  local rota = report:add_checkin_entry(first.id,
    { kind = "talking_point", text = "The on-call rota" })
  report:add_checkin_entry(first.id, { kind = "talking_point", text = "A conference in June" })
  local note = manager:add_checkin_entry(first.id, { kind = "note", private = true,
    text = "Sofia sounds stretched; ask about her workload." })
  manager:add_checkin_entry(first.id, { kind = "action_item", text = "Draft the runbook template",
                                        owner = sofia.id, due = "2025-04-18" })
  report:add_checkin_entry(first.id, { kind = "goal", goal = goal })
  report:set_checkin_entry_done(rota, true)
  print("They discuss the on-call rota; the conference has to wait.")
  local seen_by_marta = show(manager, first.id, "Märta")
  local seen_by_sofia = show(report, first.id, "Sofia")
  local marta_sees_note = false
  for _, e in ipairs(seen_by_marta) do marta_sees_note = marta_sees_note or e.id == note end
  expect(marta_sees_note, "Märta to see her private note")
  for _, e in ipairs(seen_by_sofia) do
    expect(e.id ~= note, "the private note to be absent from Sofia's list")
  end
  print(string.format(
    "  Märta's private note is not in Sofia's list (%d entries against Märta's %d).",
    #seen_by_sofia, #seen_by_marta))
  local second = manager:hold_checkin(first.id, 4)
  print("  Held. Sofia's mood: 4 of 5.")

  -- Week 2: the conference point and the open action item come along.
  local date = manager:get_checkin(second).date
  april(14)
  print(string.format("\nCheck-in 2, %s.", date))
  local carried, open_action
  for _, e in ipairs(show(report, second, "Sofia")) do
    if e.kind == "talking_point" then carried = e end
    if e.kind == "action_item" and not e.done then open_action = e end
  end
  expect(carried and carried.origin == first.id, "the undiscussed point to carry over")
  expect(open_action, "the open action item to stay")
  report:set_checkin_entry_done(carried.id, true)
  print("  They discuss the conference; the template is not drafted yet.")
  local third = manager:hold_checkin(second, 3)
  print("  Held. Sofia's mood: 3 of 5.")

  -- Week 3: the action item is done, so it stops following the series.
  date = manager:get_checkin(third).date
  april(21)
  print(string.format("\nCheck-in 3, %s.", date))
  report:set_checkin_entry_done(open_action.id, true)
  print("  Sofia has drafted the runbook template and marks it done.")
  show(report, third, "Sofia")
  local fourth = manager:hold_checkin(third, 5)
  print("  Held. Sofia's mood: 5 of 5.")
  for _ in report:checkin_entries(fourth) do
    expect(false, "nothing left over for the fourth check-in")
  end
  print("  Nothing is left over for the next one.")

  -- Where things stand on Thursday 24 April.
  local today = "2025-04-24"
  april(24, 17)
  print(string.format("\nOn %s:", today))
  local info = manager:get_checkin_series(series)
  print(string.format("  The next check-in is due on %s; the last was held on %s.",
    info.next_due, info.last_held))
  local days = manager:checkin_days_since(sofia.id)
  print(string.format("  %d days have passed since %s's last check-in.", days, sofia.name))
  local rate = manager:checkin_rate_manager(marta.id, "2025-04-01", today)
  print(string.format("  %s held %d of the %d check-ins due in April so far: %.0f%%.",
    marta.name, rate.held, rate.due, rate.rate * 100))
  local moods = {}
  for c in manager:checkins(series) do
    if c.state == "held" then moods[#moods + 1] = c.mood end
  end
  print(string.format("  %s's moods, check-in by check-in: %s (of 5).", sofia.name,
    table.concat(moods, ", ")))
  expect(info.next_due == "2025-04-28", "the next check-in on 28 April")
  expect(days == 3, "three days since the last check-in")
  expect(rate.held == 3 and rate.due == 3, "three of three held")
  expect(table.concat(moods, ",") == "4,3,5", "the moods recorded")
end

local ok, err = pcall(main)
if not ok then
  -- perfmgmt errors are tables: code, status and message.
  if type(err) == "table" and err.status then
    io.stderr:write(string.format("checkin: %s: %s\n", err.status, err.message))
  else
    io.stderr:write("checkin: " .. tostring(err) .. "\n")
  end
  os.exit(1, true)
end
