--[[
evaluate_programme.lua: did a coaching programme help? A before-and-after
evaluation with a comparison group, on a fixed clock.

  lua5.4 examples/lua/evaluate_programme.lua PATH.db

In the SQLite file PATH.db (created when missing), in 2025:

  - A small organisation: Support (eight people), Operations (eight
    people) and Ingrid, an HR admin.
  - In April Ingrid runs "Resilience coaching" for Support: each person
    gets a development plan and is enrolled; in May seven complete it and
    one drops out.
  - On 1 July the system actor imports WHO-5 well-being scores from the
    survey tool used until then, with the times they were taken: March
    (before) and June (after), for Support and for Operations, which did
    not take part. One participant missed the June survey.
  - Ingrid evaluates the programme: the participants are those who
    completed it, the windows are March and June, Operations is the
    comparison group. The report gives the paired analysis (n, means,
    change, t, p, 95% CI, d_z, g_av), the Wilcoxon signed-rank test, the
    difference in differences, and who is missing.
  - A second evaluation takes explicit values: a stress score from a paper
    questionnaire, with a known reliability, so that reliable change
    (Jacobson-Truax) can be told.

The module must be on Lua's search path: installed (`cmake --install`), or
from a build tree:

  LUA_CPATH="build/bindings/lua/?.so" lua5.4 examples/lua/evaluate_programme.lua /tmp/eval.db

Run it on a fresh file: on a file it has already run on, the people exist
already and the example stops. Any failure prints the library's message
and exits with status 1.
]]
local perfmgmt = require "perfmgmt"

local db_path = arg[1]
if not db_path or #arg > 1 then
  io.stderr:write("usage: lua5.4 evaluate_programme.lua PATH.db\n")
  os.exit(2, true)
end

-- Stops the example (through the pcall below) when something is not as it should be.
local function expect(condition, what)
  if not condition then error("expected " .. what, 0) end
end

-- The store's clock reads `now`, in UTC seconds since 1970. `day(m, d)` is
-- noon UTC on that day of 2025.
local JAN1_2025 = 1735689600 -- 2025-01-01T00:00:00Z
local MONTH_START = { 0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334 }
local function day(m, d)
  return JAN1_2025 + (MONTH_START[m] + d - 1) * 86400 + 12 * 3600
end
local now = day(1, 2)

-- The people: name, WHO-5 percentage in March and in June (nil: missed it).
local SUPPORT = {
  { "Alva Berg", 48, 64 }, { "Hugo Lind", 56, 60 }, { "Maja Ek", 40, 56 },
  { "Elias Falk", 60, 68 }, { "Wilma Holm", 44, 52 }, { "Nils Dahl", 52, 72 },
  { "Saga Lund", 36, nil }, { "Leo Sand", 64, 60 },
}
local DROPS_OUT = "Leo Sand"
local OPERATIONS = {
  { "Ebba Nord", 52, 56 }, { "Axel Strand", 48, 44 }, { "Ella Vik", 60, 60 },
  { "Liam Borg", 44, 48 }, { "Alice Sjö", 56, 52 }, { "Oscar Ås", 40, 44 },
  { "Stina Mark", 64, 68 }, { "Erik Hed", 52, 52 },
}
-- A stress score (0 to 40, lower is better) before and after, for the
-- people who completed the programme, from a paper questionnaire.
local STRESS = {
  ["Alva Berg"] = { 24, 14 }, ["Hugo Lind"] = { 18, 17 }, ["Maja Ek"] = { 28, 16 },
  ["Elias Falk"] = { 20, 19 }, ["Wilma Holm"] = { 26, 21 }, ["Nils Dahl"] = { 22, 12 },
  ["Saga Lund"] = { 30, 27 },
}

local function signed(x, digits)
  return string.format("%+." .. (digits or 1) .. "f", x)
end

local function p_value(p)
  return p < 0.001 and "< 0.001" or string.format("= %.3f", p)
end

-- The report of one evaluation result.
local function report(r)
  print(string.format("  participants %d: %d paired, %d without a value before, %d without one "
    .. "after", r.participants, r.n, r.missing_pre, r.missing_post))
  if r.suppressed then
    print("  (fewer pairs than the minimum group: only the counts are shown)")
    return
  end
  print(string.format("  before: mean %.1f (SD %.1f)   after: mean %.1f (SD %.1f)",
    r.pre_mean, r.pre_sd, r.post_mean, r.post_sd))
  print(string.format("  change: mean %s (SD %.1f), 95%% CI %s to %s",
    signed(r.mean_change), r.sd_change, signed(r.ci_low), signed(r.ci_high)))
  print(string.format("  paired t(%d) = %.2f, two-sided p %s", r.df, r.t, p_value(r.p)))
  print(string.format("  effect size: d_z = %.2f, Hedges' g_av = %.2f", r.d_z, r.g_av))
  print(string.format("  Wilcoxon signed-rank: W+ = %g over %d non-zero changes, p %s (%s)",
    r.wilcoxon_w, r.wilcoxon_n, p_value(r.wilcoxon_p),
    r.wilcoxon_exact and "exact" or "normal approximation"))
  if r.has_comparison then
    print(string.format("  comparison group: %d paired, mean change %s", r.comparison_n,
      signed(r.comparison_change)))
    print(string.format("  difference in differences: %s, 95%% CI %s to %s (Welch)",
      signed(r.did), signed(r.did_ci_low), signed(r.did_ci_high)))
  elseif r.comparison_n > 0 then
    print(string.format("  comparison group: %d paired, too few to compare", r.comparison_n))
  end
  if r.has_rci then
    print(string.format("  reliable change (Jacobson-Truax): %d better, %d worse: %.0f%% of the "
      .. "pairs",
      r.reliable_improved, r.reliable_worsened, 100 * r.reliable_share))
  end
end

local function main()
  local db <close> = perfmgmt.open("sqlite:" .. db_path)
  db:set_clock(function() return now end)
  local system <close> = db:system_session()

  -- The organisation.
  local support = system:create_unit { name = "Support" }
  local operations = system:create_unit { name = "Operations" }
  local ingrid = system:create_person { external_id = "HR1", name = "Ingrid Sjöberg",
                                        hr_admin = true, start = "2024-06-01" }
  local ids = {}
  local function people(list, unit, prefix)
    for i, row in ipairs(list) do
      ids[row[1]] = system:create_person { external_id = string.format("%s%02d", prefix, i),
                                           name = row[1], unit = unit, start = "2024-06-01" }
    end
  end
  people(SUPPORT, support, "S")
  people(OPERATIONS, operations, "O")
  print(string.format("Support and Operations, %d people each, and Ingrid (HR), in %s.",
    #SUPPORT, db_path))
  local hr <close> = db:session(ingrid)

  -- April: the programme, plans, enrolment. May: completion.
  now = day(4, 1)
  local scale = hr:create_scale("Proficiency", { "Aware", "Practising", "Fluent" })
  local resilience = hr:create_competency { name = "Resilience", category = "Personal",
                                            scale = scale }
  local programme = hr:create_programme { name = "Resilience coaching", kind = "coaching",
                                          competencies = { resilience } }
  hr:add_programme_session(programme, "2025-04-08", "Stress and recovery")
  hr:add_programme_session(programme, "2025-05-06", "Boundaries")
  for _, row in ipairs(SUPPORT) do
    hr:create_plan { person = ids[row[1]], ["end"] = "2025-12-31" }
    hr:enrol(programme, ids[row[1]])
  end
  now = day(5, 31)
  for _, row in ipairs(SUPPORT) do
    if row[1] == DROPS_OUT then
      hr:drop_enrolment(programme, ids[row[1]])
    else
      hr:complete_enrolment(programme, ids[row[1]], "passed")
    end
  end
  local stats = hr:programme_stats(programme)
  print(string.format("\n\"Resilience coaching\", April and May: %d completed, %d dropped out.",
    stats.completed, stats.dropped))
  expect(stats.completed == #SUPPORT - 1 and stats.dropped == 1, "seven completions and a drop-out")

  -- 1 July: the system imports the WHO-5 scores of March and June, with the
  -- times they were taken.
  now = day(7, 1)
  local who5 = system:builtin_metric("who5")
  local imported = 0
  for _, list in ipairs { SUPPORT, OPERATIONS } do
    for i, row in ipairs(list) do
      local name, march, june = row[1], row[2], row[3]
      system:add_measurement { person = ids[name], metric = who5, value = march,
                               at = day(3, 10 + i), source = "import" }
      imported = imported + 1
      if june then
        system:add_measurement { person = ids[name], metric = who5, value = june,
                                 at = day(6, 10 + i), source = "import" }
        imported = imported + 1
      end
    end
  end
  print(string.format("1 July: the system imports %d WHO-5 scores taken in March and June.",
    imported))

  -- The evaluation: those who completed it, March against June, with
  -- Operations for comparison.
  local comparison = {}
  for _, row in ipairs(OPERATIONS) do comparison[#comparison + 1] = ids[row[1]] end
  local evaluation = hr:create_evaluation {
    title = "Resilience coaching, spring 2025", metric = who5, programme = programme,
    comparison = comparison,
    pre = { day(3, 1) - 12 * 3600, day(3, 31) + 12 * 3600 - 1 },
    post = { day(6, 1) - 12 * 3600, day(6, 30) + 12 * 3600 - 1 },
  }
  local metric = hr:get_metric(who5)
  print(string.format("\n%s: %s (%g to %g, %s)", "Resilience coaching, spring 2025",
    metric.name, metric.min, metric.max, (metric.direction:gsub("_", " "))))
  local r = hr:evaluation_result(evaluation)
  report(r)
  expect(r.participants == 7 and r.n == 6 and r.missing_post == 1,
    "seven participants, six paired, one without a June score")
  expect(r.has_comparison and r.comparison_n == 8, "the comparison group analysed")
  expect(r.mean_change > 0 and r.did > 0, "an improvement beyond the comparison group's")

  -- The same participants, explicit values of a stress score with a known
  -- reliability: reliable change can be told.
  local stress = hr:create_metric { name = "Stress score", min = 0, max = 40, unit = "points",
                                    direction = "lower_is_better", reliability = 0.85 }
  local participants = {}
  for _, row in ipairs(SUPPORT) do
    if row[1] ~= DROPS_OUT then participants[#participants + 1] = ids[row[1]] end
  end
  local paper = hr:create_evaluation { title = "Resilience coaching: stress",
                                       metric = stress, participants = participants }
  for name, values in pairs(STRESS) do
    hr:set_evaluation_values(paper, ids[name], values[1], values[2])
  end
  print("\nResilience coaching: stress score (0 to 40, lower is better, reliability 0.85), "
    .. "explicit values")
  local s = hr:evaluation_result(paper)
  report(s)
  expect(s.n == 7 and s.mean_change < 0, "less stress for the seven")
  expect(s.has_rci and s.reliable_improved > 0 and s.reliable_worsened == 0,
    "reliable improvements, none for the worse")
end

local ok, err = pcall(main)
if not ok then
  -- perfmgmt errors are tables: code, status and message.
  if type(err) == "table" and err.status then
    io.stderr:write(string.format("evaluate_programme: %s: %s\n", err.status, err.message))
  else
    io.stderr:write("evaluate_programme: " .. tostring(err) .. "\n")
  end
  os.exit(1, true)
end
