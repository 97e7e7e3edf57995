--[[
feedback.lua: feedback in real time, anonymously, and on request, on a
fixed clock.

  lua5.4 examples/lua/feedback.lua PATH.db [org.csv]

Without a CSV it reads examples/quickstart/org.csv (found next to this
script) and imports it into the SQLite file PATH.db (created when missing).
Then, in May 2025:

  - Sofia Häggström praises her peer Oskar Lundén right after an incident,
    as situation, behaviour and impact, shared with his managers; Oskar
    acknowledges it and says thanks, and their manager Märta Åsander reads it.
  - Oskar makes Märta an anonymous suggestion. Märta reads it without a
    giver, and so does Ingrid Sjöberg, an HR admin: the store does not know
    who gave it. Only Oskar's own session recognises it as his.
  - Sofia asks Märta and Oskar for feedback on her incident write-up; both
    answer, and the request shows who answered when.

Anonymous feedback needs the deployment's secret, passed when the store is
opened and never written to it. This example takes it from the environment
variable PERFMGMT_SECRET, or uses a fixed demonstration value; a real
application keeps it with its other secrets and passes the same one every
time.

The module must be on Lua's search path: installed (`cmake --install`), or
from a build tree:

  LUA_CPATH="build/bindings/lua/?.so" lua5.4 examples/lua/feedback.lua /tmp/feedback.db

Run it on a fresh file: on a file it has already run on, Sofia's feedback
from the earlier run is found as well, and the example stops. Any failure
prints the library's message and exits with status 1.
]]
local perfmgmt = require "perfmgmt"

local db_path, csv_path = arg[1], arg[2]
if not db_path or #arg > 2 then
  io.stderr:write("usage: lua5.4 feedback.lua PATH.db [org.csv]\n")
  os.exit(2, true)
end
if not csv_path then
  local here = arg[0]:match("^(.*)/[^/]*$") or "."
  csv_path = here .. "/../quickstart/org.csv"
end
local secret = os.getenv("PERFMGMT_SECRET") or "demonstration secret: not for production"

-- Stops the example (through the pcall below) when something is not as it should be.
local function expect(condition, what)
  if not condition then error("expected " .. what, 0) end
end

-- The store's clock reads `now`, in UTC seconds since 1970; `may(day, hour)`
-- sets it to a time in May 2025.
local APRIL_30_2025 = 1745971200 -- 2025-04-30T00:00:00Z
local now = APRIL_30_2025
local function may(day, hour, minute)
  now = APRIL_30_2025 + day * 86400 + (hour or 10) * 3600 + (minute or 0) * 60
end

-- How a reader sees an entry: who gave it (or that no one can tell), to whom, what.
local function describe(f, names)
  local from = f.giver and names[f.giver] or "someone (anonymous)"
  local line = string.format("%s, from %s to %s (%s): \"%s\"", f.kind, from, names[f.receiver],
    f.direction, f.text)
  if f.situation then
    line = line .. string.format("\n      situation: %s\n      behaviour: %s\n      impact: %s",
      f.situation, f.behaviour, f.impact)
  end
  return line
end

local function main()
  local db <close> = perfmgmt.open("sqlite:" .. db_path, { secret = secret })
  may(2, 9)
  db:set_clock(function() return now end)

  local system <close> = db:system_session()
  local stats = system:import_csv_file(csv_path)
  print(string.format("Imported %d people from %s into %s.", stats.rows, csv_path, db_path))
  local names = {}
  local function person(external_id)
    local p = system:lookup_person(external_id)
    names[p.id] = p.name
    return p
  end
  local marta, sofia, oskar = person("N005"), person("N007"), person("N008")
  local ingrid = person("N004")
  expect(ingrid.hr_admin, "Ingrid to be an HR admin")
  expect(system:manager_on(sofia.id) == marta.id and system:manager_on(oskar.id) == marta.id,
    "Sofia and Oskar to report to Märta")

  local as_marta <close> = db:session(marta.id)
  local as_sofia <close> = db:session(sofia.id)
  local as_oskar <close> = db:session(oskar.id)
  local as_ingrid <close> = db:session(ingrid.id)

  -- 1. Real-time praise between peers, shared with the managers.
  print("\nMonday 5 May, 11:20: an incident is resolved.")
  may(5, 11, 20)
  local praise = as_sofia:give_feedback {
    receiver = oskar.id, kind = "praise", visibility = "managers",
    text = "You kept the incident calm and everyone informed.",
    situation = "This morning's outage of the payment service",
    behaviour = "You posted an update in the channel every fifteen minutes",
    impact = "Support could answer customers without asking us",
  }
  print("  Sofia gives Oskar feedback:")
  print("    " .. describe(as_oskar:get_feedback(praise), names))
  may(5, 13)
  as_oskar:acknowledge_feedback(praise)
  as_oskar:react_to_feedback(praise, "thanks")
  local seen = as_marta:get_feedback(praise)
  print(string.format("  Oskar reads it and reacts with \"%s\"; Märta, their manager, sees it too.",
    seen.reaction))
  expect(seen.reaction == "thanks" and seen.acknowledged_at, "the acknowledgement and reaction")

  -- 2. An anonymous suggestion, upward.
  print("\nTuesday 6 May: an anonymous suggestion.")
  may(6, 16, 45)
  local suggestion = as_oskar:give_feedback {
    receiver = marta.id, kind = "suggestion", anonymous = true,
    text = "Could the team meeting have an agenda a day ahead?",
  }
  local for_marta = as_marta:get_feedback(suggestion)
  print("  Märta reads: " .. describe(for_marta, names))
  local for_hr = as_ingrid:get_feedback(suggestion)
  print("  Ingrid (HR) reads: " .. describe(for_hr, names))
  local for_oskar = as_oskar:get_feedback(suggestion)
  print(string.format("  Oskar's own session recognises it as his: is_mine = %s.",
    tostring(for_oskar.is_mine)))
  expect(for_marta.giver == nil and for_hr.giver == nil and for_oskar.giver == nil,
    "no giver for anyone")
  expect(for_oskar.is_mine and not for_marta.is_mine and not for_hr.is_mine,
    "only the giver to recognise it")
  print(string.format("  Its time is kept to the day only: %s.",
    os.date("!%Y-%m-%d %H:%M", for_marta.given_at)))

  -- 3. A request for feedback, answered by both.
  print("\nWednesday 7 May: Sofia asks for feedback.")
  may(7, 9)
  local request = as_sofia:request_feedback {
    topic = "My write-up of Monday's incident", addressees = { marta.id, oskar.id },
    due = "2025-05-14",
  }
  local r = as_sofia:get_request(request)
  print(string.format("  \"%s\", due %s, open until %s.", r.topic, r.due, r.expires))
  local open_for_oskar = 0
  for pending in as_oskar:requests(oskar.id, "addressed_to", { open = true }) do
    open_for_oskar = open_for_oskar + 1
    print(string.format("  Oskar has an open request from %s: \"%s\".",
      names[pending.requester], pending.topic))
  end
  expect(open_for_oskar == 1, "one open request for Oskar")
  may(7, 14, 30)
  as_oskar:respond_to_request(request, {
    kind = "praise", text = "The timeline made the root cause easy to follow.",
  })
  may(9, 10)
  as_marta:respond_to_request(request, {
    kind = "suggestion", visibility = "managers",
    text = "Add what we change so that it does not happen again.",
  })
  print("  Both answer. The request now shows:")
  for _, part in ipairs(as_sofia:get_request(request).parts) do
    print(string.format("    %s: %s on %s", names[part.addressee], part.state,
      os.date("!%Y-%m-%d %H:%M", part.answered_at)))
    expect(part.state == "submitted" and part.response, "an answer from " .. names[part.addressee])
  end

  -- What Sofia received, newest first.
  print("\nWhat Sofia has received:")
  local received = 0
  for f in as_sofia:feedback_received(sofia.id) do
    received = received + 1
    print("  - " .. describe(f, names))
  end
  expect(received == 2, "two answers for Sofia")

  may(12)
  local numbers = as_marta:feedback_stats_person(sofia.id,
    { from = "2025-05-01", to = "2025-05-11" })
  print(string.format("\nSofia's first eleven days of May: gave %d, received %d (%d praise, "
    .. "%d suggestion), %d anonymous.", numbers.given, numbers.received,
    numbers.received_by_kind.praise, numbers.received_by_kind.suggestion,
    numbers.anonymous_received))
  expect(numbers.given == 1 and numbers.received == 2, "Sofia's numbers")
end

local ok, err = pcall(main)
if not ok then
  -- perfmgmt errors are tables: code, status and message.
  if type(err) == "table" and err.status then
    io.stderr:write(string.format("feedback: %s: %s\n", err.status, err.message))
  else
    io.stderr:write("feedback: " .. tostring(err) .. "\n")
  end
  os.exit(1, true)
end
