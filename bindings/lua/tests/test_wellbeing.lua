-- Metrics, measurements, instrument scoring and aggregates: the metric and
-- measurement functions of wellbeing.h through a session, the scoring
-- functions of the module, the aggregate with its suppression and
-- differencing rule, and the error rule with the errors C reports.
local T = require "helper"
local F = require "wellbeing_fixture"
local perfmgmt = require "perfmgmt"
local S = perfmgmt.status

T.test("create_metric, get_metric and metrics: the definition as given", function()
  local db, s, p = F.org()
  local hal = p.as.hal
  local energy = hal:create_metric { name = "Energy", min = 1, max = 5, unit = "points",
                                     direction = "higher_is_better", reliability = 0.8 }
  T.eq(math.type(energy), "integer")
  T.same(p.as.pl1:get_metric(energy), { id = energy, name = "Energy", unit = "points", min = 1.0,
                                        max = 5.0, direction = "higher_is_better",
                                        reliability = 0.8 })
  local load = s:create_metric { name = "Workload", min = 0, max = 10,
                                 direction = "lower_is_better" }
  T.same(hal:get_metric(load), { id = load, name = "Workload", min = 0.0, max = 10.0,
                                 direction = "lower_is_better" },
    "no unit, no reliability: absent")
  local balance = hal:create_metric { name = "Balance", min = 1, max = 5 }
  T.eq(hal:get_metric(balance).direction, "higher_is_better", "the default direction")
  T.same(T.collect("name", p.as.sa1:metrics()), { "Balance", "Energy", "Workload" }, "by name")
  T.eq(getmetatable(hal:metrics()).__name, "perfmgmt.MetricIter")

  local function create(fields) return hal.create_metric(hal, fields) end
  T.raises(S.INVAL, "metric%.name: must not be blank", create, { name = " ", min = 1, max = 5 })
  T.raises(S.INVAL, "metric%.max", create, { name = "X", min = 5, max = 5 })
  T.raises(S.INVAL, "metric%.max", create, { name = "X", min = 1, max = 1 / 0 })
  T.raises(S.INVAL, "metric%.min", create, { name = "X", min = 0 / 0, max = 5 })
  T.raises(S.INVAL, "metric%.reliability", create, { name = "X", min = 1, max = 5,
                                                      reliability = 1.5 })
  T.raises(S.CONFLICT, "metric%.name", create, { name = "energy", min = 1, max = 5 })
  T.raises(S.UTF8, create, { name = "\255", min = 1, max = 5 })
  T.raises(S.PERM, p.as.max.create_metric, p.as.max, { name = "X", min = 1, max = 5 })
  T.raises_arg("field 'direction': invalid value 'up' %(expected 'higher_is_better' or " ..
    "'lower_is_better'%)", create, { name = "X", min = 1, max = 5, direction = "up" })
  T.raises_arg("field 'min': number expected, got string", create,
    { name = "X", min = "one", max = 5 })
  T.raises_arg("unknown key 'scale'", create, { name = "X", scale = { 1, 5 } })
  T.raises_arg("table expected, got string", hal.create_metric, hal, "X")
  T.raises(S.NOTFOUND, hal.get_metric, hal, 999)
  T.raises_arg("number expected, got nil", hal.get_metric, hal, nil)
  T.same(T.collect("name", hal:metrics()), { "Balance", "Energy", "Workload" },
    "nothing else was written")
  db:close()
end)

T.test("builtin_metric: the instruments' metrics, defined once, scored as published", function()
  local db, s, p = F.org()
  local who5 = p.as.pl1:builtin_metric("who5")
  T.eq(math.type(who5), "integer")
  T.eq(s:builtin_metric("who5"), who5, "the same id every time")
  T.same(s:get_metric(who5), { id = who5, name = s:get_metric(who5).name, min = 0.0,
                               max = 100.0, direction = "higher_is_better", builtin = "who5",
                               unit = s:get_metric(who5).unit })
  local expected = {
    enps = { 0.0, 10.0, "higher_is_better" },
    cbi_personal = { 0.0, 100.0, "lower_is_better" },
    cbi_work = { 0.0, 100.0, "lower_is_better" },
    cbi_client = { 0.0, 100.0, "lower_is_better" },
    checkin_mood = { 1.0, 5.0, "higher_is_better" },
  }
  for which, e in pairs(expected) do
    local m = s:get_metric(s:builtin_metric(which))
    T.eq(m.builtin, which)
    T.eq(m.min, e[1], which .. " min")
    T.eq(m.max, e[2], which .. " max")
    T.eq(m.direction, e[3], which .. " direction")
  end
  T.eq(#T.collect("id", s:metrics()), 6)
  T.raises_arg("invalid value 'who6' %(expected 'who5', 'enps', 'cbi_personal', 'cbi_work', " ..
    "'cbi_client' or 'checkin_mood'%)", s.builtin_metric, s, "who6")
  T.raises_arg("string expected, got no value", s.builtin_metric, s)
  T.raises(S.CONFLICT, "metric%.name", p.as.hal.create_metric, p.as.hal,
    { name = s:get_metric(who5).name, min = 0, max = 100 })
  db:close()
end)

T.test("add_measurement and my_measurements: one's own, oldest first, by metric and period",
function()
  local db, s, p = F.org()
  local who5 = s:builtin_metric("who5")
  local energy = s:create_metric { name = "Energy", min = 1, max = 5 }
  local pl1 = p.as.pl1
  local a = s:add_measurement { person = p.pl1, metric = who5, value = 48, at = F.at(2),
                                source = "import" }
  local b = p.as.hal:add_measurement { person = p.pl1, metric = who5, value = 64, at = F.at(4),
                                       source = "import" }
  local c = pl1:add_measurement { person = p.pl1, metric = energy, value = 4.5 }
  local d = pl1:add_measurement { person = p.pl1, metric = who5, value = 72, at = F.at(3),
                                  source = "manual" }
  s:add_measurement { person = p.pl2, metric = who5, value = 20, at = F.at(3),
                      source = "import" }
  T.eq(math.type(a), "integer")
  local mine = T.collect(nil, pl1:my_measurements())
  T.eq(#mine, 4, "every metric; nobody else's")
  T.same(mine[1], { id = a, metric = who5, value = 48.0, at = F.at(2), source = "import",
                    unit = p.platform })
  T.same(mine[4], { id = c, metric = energy, value = 4.5, at = F.NOW, source = "manual",
                    unit = p.platform }, "now by the store's clock, the unit of the day")
  T.same(T.collect("id", pl1:my_measurements(who5)), { a, d, b }, "one metric, oldest first")
  T.same(T.collect("id", pl1:my_measurements(who5, F.at(3))), { d, b }, "since")
  T.same(T.collect("id", pl1:my_measurements(who5, F.at(2), F.at(3))), { a, d }, "until")
  T.same(T.collect("id", pl1:my_measurements(nil, F.at(4))), { b, c })
  T.same(T.collect("value", p.as.pl2:my_measurements()), { 20.0 })
  T.same(T.collect("id", p.as.max:my_measurements()), {}, "a manager sees no one's")
  T.eq(getmetatable(pl1:my_measurements()).__name, "perfmgmt.MeasurementIter")

  local function add(fields) return pl1.add_measurement(pl1, fields) end
  T.raises(S.INVAL, "measurement%.value", add, { person = p.pl1, metric = energy, value = 6 })
  T.raises(S.INVAL, "measurement%.value", add, { person = p.pl1, metric = energy, value = 0 / 0 })
  T.raises(S.INVAL, "measurement%.value", add, { person = p.pl1, metric = energy,
                                                 value = 1 / 0 })
  T.raises(S.INVAL, "measurement%.at: %d+ is in the future", add,
    { person = p.pl1, metric = energy, value = 3, at = F.NOW + 3600 })
  T.raises(S.INVAL, "measurement%.source: survey", add,
    { person = p.pl1, metric = energy, value = 3, source = "survey" })
  T.raises(S.INVAL, "measurement%.source: check%-in", add,
    { person = p.pl1, metric = energy, value = 3, source = "checkin" })
  T.raises(S.PERM, add, { person = p.pl2, metric = energy, value = 3 })
  T.raises(S.PERM, add, { person = p.pl1, metric = energy, value = 3, source = "import" })
  T.raises(S.PERM, p.as.max.add_measurement, p.as.max,
    { person = p.pl1, metric = energy, value = 3 })
  T.raises(S.NOTFOUND, "measurement%.metric", add, { person = p.pl1, metric = 999, value = 3 })
  T.raises(S.NOTFOUND, "measurement%.person", s.add_measurement, s,
    { person = 999, metric = energy, value = 3, source = "import" })
  T.raises_arg("field 'source': invalid value 'hr' %(expected 'survey', 'checkin', 'manual' " ..
    "or 'import'%)", add, { person = p.pl1, metric = energy, value = 3, source = "hr" })
  T.raises_arg("field 'value': number expected, got string", add,
    { person = p.pl1, metric = energy, value = "3" })
  T.raises_arg("field 'at': number has no integer representation", add,
    { person = p.pl1, metric = energy, value = 3, at = 1.5 })
  T.raises_arg("unknown key 'when'", add, { person = p.pl1, metric = energy, value = 3,
                                            when = 1 })
  T.raises(S.PERM, s.my_measurements, s)
  T.raises(S.NOTFOUND, pl1.my_measurements, pl1, 999)
  T.raises_arg("number expected, got string", pl1.my_measurements, pl1, who5, "2026-01-01")
  T.eq(#T.collect("id", pl1:my_measurements()), 4, "nothing else was written")
  db:close()
end)

T.test("who5_score, enps_score, cbi_score: the published scoring", function()
  T.same(perfmgmt.who5_score { 5, 5, 5, 5, 5 },
    { raw = 25, percent = 100, poor_wellbeing = false, depression_screen = false })
  T.same(perfmgmt.who5_score { 3, 2, 3, 2, 3 },
    { raw = 13, percent = 52, poor_wellbeing = false, depression_screen = false })
  T.same(perfmgmt.who5_score { 2, 3, 2, 3, 2 },
    { raw = 12, percent = 48, poor_wellbeing = true, depression_screen = false }, "<= 50")
  T.same(perfmgmt.who5_score { 1, 1, 1, 2, 2 },
    { raw = 7, percent = 28, poor_wellbeing = true, depression_screen = true }, "<= 28")
  T.same(perfmgmt.who5_score { 0, 0, 0, 0, 0 },
    { raw = 0, percent = 0, poor_wellbeing = true, depression_screen = true })
  T.same(perfmgmt.enps_score { 10, 9, 8, 7, 6, 0, 9, 10 },
    { n = 8, promoters = 4, passives = 2, detractors = 2, score = 25.0 })
  T.same(perfmgmt.enps_score { 3, 4 },
    { n = 2, promoters = 0, passives = 0, detractors = 2, score = -100.0 })
  T.same(perfmgmt.enps_score {}, { n = 0, promoters = 0, passives = 0, detractors = 0,
                                   score = 0.0 })
  T.eq(perfmgmt.cbi_score { 0, 25, 50, 75, 100 }, 50.0)
  T.eq(perfmgmt.cbi_score { 25, 50, 50, 75, 75, 100 }, 62.5)
  T.eq(perfmgmt.cbi_score { 100 }, 100.0)

  T.raises(S.INVAL, "who5%.items%[3%]: 6 is not between 0 and 5", perfmgmt.who5_score,
    { 5, 5, 6, 5, 5 })
  T.raises(S.INVAL, "who5%.items%[1%]: %-1", perfmgmt.who5_score, { -1, 5, 5, 5, 5 })
  T.raises(S.INVAL, "who5%.items: 5 answers expected, got 4", perfmgmt.who5_score,
    { 5, 5, 5, 5 })
  T.raises(S.INVAL, "5 answers expected, got 6", perfmgmt.who5_score, { 1, 1, 1, 1, 1, 1 })
  T.raises(S.RANGE, "who5%.items%[2%]", perfmgmt.who5_score, { 1, 1 << 40, 1, 1, 1 })
  T.raises(S.INVAL, "enps%.answers%[2%]: 11 is not between 0 and 10", perfmgmt.enps_score,
    { 10, 11 })
  T.raises(S.INVAL, "cbi%.items%[2%]: 30 is not 0, 25, 50, 75 or 100", perfmgmt.cbi_score,
    { 25, 30 })
  T.raises(S.INVAL, "cbi%.items: at least one", perfmgmt.cbi_score, {})
  T.raises_arg("element 2 is not an integer %(string%)", perfmgmt.who5_score,
    { 1, "2", 3, 4, 5 })
  T.raises_arg("element 1 is not an integer %(number%)", perfmgmt.enps_score, { 9.5 })
  T.raises_arg("table expected, got nil", perfmgmt.cbi_score, nil)
  T.raises_arg("table expected, got number", perfmgmt.enps_score, 9)
end)

-- Platform: 50, 60, 70, 80, 90 in March (mean 70, SD sqrt(250)); Eng's
-- two own people 40 and 60 in March; Sales 30 in March for all five, and
-- pl1 again in April with 100.
local function measured()
  local db, s, p = F.org()
  local who5 = s:builtin_metric("who5")
  F.import(s, p, who5, F.PLATFORM, { 50, 60, 70, 80, 90 }, F.at(3, 10))
  F.import(s, p, who5, F.ENG_DIRECT, { 40, 60 }, F.at(3, 20))
  F.import(s, p, who5, F.SALES, { 30, 30, 30, 30, 30 }, F.at(3, 5))
  s:add_measurement { person = p.pl1, metric = who5, value = 100, at = F.at(4, 2),
                      source = "import" }
  return db, s, p, who5
end

local MARCH = { since = F.at(3, 1) - 12 * 3600, ["until"] = F.at(3, 31) + 11 * 3600 }

local function period(extra)
  local t = { since = MARCH.since, ["until"] = MARCH["until"] }
  for k, v in pairs(extra or {}) do t[k] = v end
  return t
end

T.test("wellbeing_aggregate: mean and SD of a group, suppressed below the minimum", function()
  local db, s, p, who5 = measured()
  local hal = p.as.hal
  local agg = hal:wellbeing_aggregate(who5, period { unit = p.platform })
  T.eq(agg.suppressed, false)
  T.eq(agg.people, 5)
  T.eq(agg.n, 5)
  T.eq(agg.mean, 70.0)
  -- Tolerance 1e-12 relative: a sum of five squares.
  T.ok(math.abs(agg.sd - math.sqrt(250)) < 1e-12 * math.sqrt(250), "sd " .. agg.sd)
  T.same(p.as.max:wellbeing_aggregate(who5, period { unit = p.platform }), agg,
    "someone above everyone counted")
  local sales = s:wellbeing_aggregate(who5, period { unit = p.sales })
  T.same(sales, { suppressed = false, people = 5, n = 5, mean = 30.0, sd = 0.0 })
  T.same(s:wellbeing_aggregate(who5, period { unit = p.sales, min_group = 6 }),
    { suppressed = true }, "fewer people than min_group: the numbers are absent")
  local all = hal:wellbeing_aggregate(who5, period())
  T.eq(all.suppressed, false, "the organisation")
  T.eq(all.people, 12)
  T.eq(all.mean, (350 + 100 + 150) / 12)
  local spring = hal:wellbeing_aggregate(who5, { unit = p.platform, since = MARCH.since,
                                                 ["until"] = F.at(4, 30) })
  T.eq(spring.people, 5)
  T.eq(spring.n, 6, "measurements, not people")
  T.eq(spring.mean, 450 / 6)
  T.same(hal:wellbeing_aggregate(who5, { unit = p.platform, since = F.at(5, 1),
                                         ["until"] = F.at(5, 31) }),
    { suppressed = true }, "nobody measured")
  db:close()
end)

T.test("wellbeing_aggregate: the differencing rule hides a unit whose rest is small", function()
  local db, _, p, who5 = measured()
  local hal = p.as.hal
  -- Eng counts seven: Platform's five and two more. Showing both would
  -- give away the two by subtraction, so Eng is suppressed.
  T.eq(hal:wellbeing_aggregate(who5, period { unit = p.platform }).suppressed, false)
  T.same(hal:wellbeing_aggregate(who5, period { unit = p.eng }), { suppressed = true })
  -- In April only pl1 was measured: too few anywhere.
  T.same(hal:wellbeing_aggregate(who5, { unit = p.eng, since = F.at(4, 1),
                                         ["until"] = F.at(4, 30) }), { suppressed = true })
  -- With min_group 3 the rest (two) is still too few; with Eng's two in a
  -- group of their own that is the rule, not the size.
  T.same(hal:wellbeing_aggregate(who5, period { unit = p.eng, min_group = 3 }),
    { suppressed = true })
  db:close()
end)

T.test("wellbeing_aggregate refusals: period, min_group, access, types", function()
  local db, s, p, who5 = measured()
  local hal = p.as.hal
  local function agg(session, ...) return session.wellbeing_aggregate(session, ...) end
  T.raises(S.INVAL, agg, hal, who5, { unit = p.platform, since = F.at(3), ["until"] = F.at(2) })
  T.raises(S.INVAL, "min_group", agg, hal, who5, period { min_group = 2 })
  T.raises(S.INVAL, "min_group", agg, hal, who5, period { min_group = 11 })
  T.raises(S.RANGE, "min_group", agg, hal, who5, period { min_group = 1 << 40 })
  T.raises(S.PERM, agg, p.as.pl1, who5, period { unit = p.platform })
  T.raises(S.PERM, agg, p.as.max, who5, period { unit = p.sales })
  T.raises(S.NOTFOUND, agg, hal, 999, period())
  T.raises(S.NOTFOUND, agg, hal, who5, period { unit = 999 })
  T.raises_arg("unknown key 'to'", agg, hal, who5, { since = 1, to = 2 })
  T.raises_arg("field 'since': number expected, got string", agg, hal, who5,
    { since = "2026-03-01", ["until"] = "2026-03-31" })
  T.raises_arg("table expected, got number", agg, hal, who5, 5)
  T.raises_arg("number expected, got nil", agg, hal, nil, period())
  T.eq(s:wellbeing_aggregate(who5, period { unit = p.platform }).mean, 70.0)
  db:close()
end)

T.test("closed sessions and iterators raise MISUSE; leaving a loop early is safe", function()
  local db, s, p = F.org()
  local first = s:create_metric { name = "M1", min = 0, max = 1 }
  for i = 2, 3 do s:create_metric { name = "M" .. i, min = 0, max = 1 } end
  local n = 0
  for _ in s:metrics() do
    n = n + 1
    break
  end
  T.eq(n, 1)
  local it = s:metrics()
  it:close()
  T.raises(S.MISUSE, "closed perfmgmt%.MetricIter", it)
  local pl1 = p.as.pl1
  pl1:add_measurement { person = p.pl1, metric = s:builtin_metric("enps"), value = 9 }
  local mine = pl1:my_measurements()
  pl1:close()
  T.raises(S.MISUSE, "closed perfmgmt%.MeasurementIter", mine)
  for _, name in ipairs { "create_metric", "builtin_metric", "get_metric", "metrics",
                          "add_measurement", "my_measurements", "wellbeing_aggregate" } do
    T.raises(S.MISUSE, "closed perfmgmt%.Session", pl1[name], pl1, 1, 1, 1)
  end
  T.raises_arg("Session expected, got table", s.get_metric, {}, 1)
  T.raises_arg("Session expected, got nil", s.metrics, nil)
  T.eq(p.as.hal:get_metric(first).name, "M1", "other sessions go on")
  db:close()
  T.raises(S.MISUSE, s.metrics, s)
end)

T.finish()
