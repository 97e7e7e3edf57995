-- Evaluations, trends and pattern flags: every function of evaluation.h
-- through a session, the statistics they give checked against independent
-- computations written here (closed forms of Student's t with 4 degrees
-- of freedom, the exact signed-rank distribution by enumeration, the
-- Jacobson-Truax index), and the error rule with the errors C reports.
local T = require "helper"
local F = require "wellbeing_fixture"
local perfmgmt = require "perfmgmt"
local S = perfmgmt.status

local HOUR = 3600

-- |a - b| within rel relative to b (or rel absolute when b is 0).
local function near(a, b, rel, what)
  T.ok(type(a) == "number", (what or "value") .. " is a number")
  local scale = math.abs(b) > 0 and math.abs(b) or 1
  if math.abs(a - b) > rel * scale then
    error(string.format("%s: expected %.17g, got %.17g (tolerance %g relative)", what or "value",
      b, a, rel), 2)
  end
end

-- ---- independent computations ----

local function mean_sd(x)
  local sum = 0
  for _, v in ipairs(x) do sum = sum + v end
  local m = sum / #x
  local ss = 0
  for _, v in ipairs(x) do ss = ss + (v - m) ^ 2 end
  return m, math.sqrt(ss / (#x - 1))
end

-- Two-sided p of Student's t with 4 df, in closed form (Abramowitz and
-- Stegun 26.7.3: P(|T| < t) = x (1 + (1 - x^2) / 2), x = t / sqrt(t^2 + 4)).
local function t4_p(t)
  local x = math.abs(t) / math.sqrt(t * t + 4)
  return 1 - x * (1 + (1 - x * x) / 2)
end

-- The 0.975 quantile of t with 4 df, in closed form (for 4 df:
-- t = 2 sqrt(q - 1), q = cos(acos(sqrt(a)) / 3) / sqrt(a), a = 4p(1 - p)).
local function t4_q975()
  local a = 4 * 0.975 * 0.025
  local q = math.cos(math.acos(math.sqrt(a)) / 3) / math.sqrt(a)
  return 2 * math.sqrt(q - 1)
end

-- The exact two-sided p of the signed-rank W+ of distinct non-zero
-- |changes|, by enumerating all 2^n sign patterns.
local function wilcoxon_exact(d)
  local n = #d
  local abs = {}
  for i, v in ipairs(d) do abs[i] = { math.abs(v), v > 0 } end
  table.sort(abs, function(a, b) return a[1] < b[1] end)
  local w = 0
  for rank, e in ipairs(abs) do if e[2] then w = w + rank end end
  local total, mean = 1 << n, n * (n + 1) / 4
  local extreme = 0
  for mask = 0, total - 1 do
    local s = 0
    for rank = 1, n do if mask & (1 << (rank - 1)) ~= 0 then s = s + rank end end
    if math.abs(s - mean) >= math.abs(w - mean) - 1e-9 then extreme = extreme + 1 end
  end
  return w, extreme / total
end

-- ---- the data ----

-- Energy, 0 to 100, reliability 0.8. Platform's five before and after;
-- the comparison group (en1, en2, sa1, sa2, sa3) before and after.
local PRE = { 50, 40, 60, 55, 45 }
local POST = { 60, 52, 64, 70, 54 }
local CMP = { "en1", "en2", "sa1", "sa2", "sa3" }
local CMP_PRE = { 50, 50, 50, 50, 50 }
local CMP_POST = { 51, 48, 53, 50, 52 }

local function setup()
  local db, s, p = F.org()
  local f = {}
  f.energy = s:create_metric { name = "Energy", min = 0, max = 100, reliability = 0.8 }
  f.participants = {}
  for i, key in ipairs(F.PLATFORM) do f.participants[i] = p[key] end
  f.comparison = {}
  for i, key in ipairs(CMP) do f.comparison[i] = p[key] end
  return db, s, p, f
end

-- An evaluation with explicit values for everyone (f.comparison nil: no
-- comparison group).
local function explicit(p, f)
  local hal = p.as.hal
  local fields = { title = "Energy course", metric = f.energy, participants = f.participants,
                   comparison = f.comparison }
  local id = hal:create_evaluation(fields)
  for i, person in ipairs(f.participants) do
    hal:set_evaluation_values(id, person, PRE[i], POST[i])
  end
  for i, person in ipairs(fields.comparison or {}) do
    hal:set_evaluation_values(id, person, CMP_PRE[i], CMP_POST[i])
  end
  return id
end

T.test("evaluation_result: the paired analysis, against independent computations", function()
  local db, _, p, f = setup()
  local id = explicit(p, f)
  T.eq(math.type(id), "integer")
  local r = p.as.hal:evaluation_result(id)
  local change = {}
  for i = 1, 5 do change[i] = POST[i] - PRE[i] end
  local pre_mean, pre_sd = mean_sd(PRE)
  local post_mean, post_sd = mean_sd(POST)
  local m, sd = mean_sd(change)
  local t = m / (sd / math.sqrt(5))
  T.eq(r.suppressed, false)
  T.eq(r.participants, 5)
  T.eq(r.n, 5)
  T.eq(r.missing_pre, 0)
  T.eq(r.missing_post, 0)
  -- Means and SDs of five small integers: 1e-12 relative.
  near(r.pre_mean, pre_mean, 1e-12, "pre_mean")
  near(r.post_mean, post_mean, 1e-12, "post_mean")
  near(r.pre_sd, pre_sd, 1e-12, "pre_sd")
  near(r.post_sd, post_sd, 1e-12, "post_sd")
  near(r.mean_change, 10, 1e-12, "mean_change")
  near(r.sd_change, math.sqrt(16.5), 1e-12, "sd_change")
  near(r.t, t, 1e-12, "t")
  T.eq(r.df, 4)
  -- p and the CI against the closed forms for 4 df: 1e-6 relative (the
  -- issue's tolerance for t and p).
  near(r.p, t4_p(t), 1e-6, "p")
  near(r.p, 0.005311314801787925, 1e-6, "p (numerical integration of the t density)")
  local half = t4_q975() * sd / math.sqrt(5)
  near(r.ci_low, m - half, 1e-6, "ci_low")
  near(r.ci_high, m + half, 1e-6, "ci_high")
  near(r.d_z, m / sd, 1e-12, "d_z")
  -- Hedges' g_av (Lakens 2013): d_av x (1 - 3 / (4 df - 1)), df = n - 1.
  near(r.g_av, m / ((pre_sd + post_sd) / 2) * (1 - 3 / (4 * 4 - 1)), 1e-12, "g_av")
  local w, wp = wilcoxon_exact(change)
  T.eq(r.wilcoxon_w, w + 0.0)
  T.eq(r.wilcoxon_n, 5)
  T.eq(r.wilcoxon_exact, true, "five distinct changes: exact")
  near(r.wilcoxon_p, wp, 1e-12, "wilcoxon_p")
  near(r.wilcoxon_p, 0.0625, 1e-12, "wilcoxon_p = 2/32")
  db:close()
end)

T.test("evaluation_result: difference in differences and reliable change", function()
  local db, _, p, f = setup()
  local r = p.as.hal:evaluation_result(explicit(p, f))
  T.eq(r.has_comparison, true)
  T.eq(r.comparison_n, 5)
  local cmp = {}
  for i = 1, 5 do cmp[i] = CMP_POST[i] - CMP_PRE[i] end
  local cm, csd = mean_sd(cmp)
  near(r.comparison_change, cm, 1e-12, "comparison_change")
  near(r.did, 10 - cm, 1e-12, "did")
  -- Welch: the CI is centred on the difference, and its half-width over
  -- the standard error is the t quantile at Welch's df, 5.708 here: between
  -- the quantiles of 6 and 5 df (2.4469 and 2.5706).
  near((r.did_ci_low + r.did_ci_high) / 2, r.did, 1e-12, "did CI centre")
  local se = math.sqrt(16.5 / 5 + csd ^ 2 / 5)
  local q = (r.did_ci_high - r.did) / se
  T.ok(q > 2.4469 and q < 2.5706, "Welch quantile " .. q)
  -- Jacobson-Truax with the SD of the pre values (sqrt(62.5)) and r = 0.8:
  -- S_diff = sqrt(2) x sqrt(62.5) x sqrt(0.2) = 5, so the changes 10, 12,
  -- 4, 15, 9 give RCIs 2, 2.4, 0.8, 3, 1.8: three reliable, all better.
  T.eq(r.has_rci, true)
  T.eq(r.reliable_improved, 3)
  T.eq(r.reliable_worsened, 0)
  near(r.reliable_share, 0.6, 1e-12, "reliable_share")

  local plain = p.as.hal:create_metric { name = "Plain", min = 0, max = 100 }
  local q2 = explicit(p, { energy = plain, participants = f.participants })
  local r2 = p.as.hal:evaluation_result(q2)
  T.eq(r2.has_comparison, false)
  T.eq(r2.comparison_n, 0)
  T.eq(r2.did, nil, "no comparison group: absent")
  T.eq(r2.has_rci, false)
  T.eq(r2.reliable_share, nil, "no reliability: absent")
  db:close()
end)

T.test("evaluation_result: suppressed below min_group, refused below two pairs", function()
  local db, _, p, f = setup()
  local hal = p.as.hal
  local id = hal:create_evaluation { title = "Small", metric = f.energy,
                                     participants = f.participants }
  for i = 1, 3 do hal:set_evaluation_values(id, f.participants[i], PRE[i], POST[i]) end
  T.same(hal:evaluation_result(id), { suppressed = true, participants = 5, n = 3,
                                      missing_pre = 2, missing_post = 2, has_comparison = false,
                                      has_rci = false, comparison_n = 0 },
    "only the counts; the unpaired are reported")
  local three = hal:create_evaluation { title = "Three", metric = f.energy, min_group = 3,
                                        participants = f.participants }
  for i = 1, 3 do hal:set_evaluation_values(three, f.participants[i], PRE[i], POST[i]) end
  local r = hal:evaluation_result(three)
  T.eq(r.suppressed, false)
  T.eq(r.n, 3)
  T.eq(r.missing_pre, 2)
  T.eq(r.df, 2)
  local one = hal:create_evaluation { title = "One", metric = f.energy, min_group = 3,
                                      participants = f.participants }
  hal:set_evaluation_values(one, f.participants[1], 50, 60)
  T.raises(S.INVAL, "at least 2 are needed", hal.evaluation_result, hal, one)
  T.raises(S.PERM, p.as.max.evaluation_result, p.as.max, three)
  T.raises(S.NOTFOUND, hal.evaluation_result, hal, 999)
  T.raises_arg("number expected, got no value", hal.evaluation_result, hal)
  db:close()
end)

-- The pre window is March, the post window June (instants).
local PRE_WINDOW = { F.at(3, 1) - 12 * HOUR, F.at(3, 31) + 11 * HOUR }
local POST_WINDOW = { F.at(6, 1) - 12 * HOUR, F.at(6, 30) + 11 * HOUR }

T.test("create_evaluation with windows: each person's mean measurement in each", function()
  local db, s, p, f = setup()
  -- Two measurements each in March (mean PRE[i]), one in June, and one
  -- outside both windows that must not count.
  for i, key in ipairs(F.PLATFORM) do
    F.import(s, p, f.energy, { key, key }, { PRE[i] - 2, PRE[i] + 2 }, F.at(3, 10))
    F.import(s, p, f.energy, { key }, { POST[i] }, F.at(6, 10))
    F.import(s, p, f.energy, { key }, { 100 }, F.at(4, 10))
  end
  F.import(s, p, f.energy, { "en1" }, { 70 }, F.at(3, 12))
  local participants = { table.unpack(f.participants) }
  participants[#participants + 1] = p.en1
  participants[#participants + 1] = p.en2
  local hal = p.as.hal
  local id = hal:create_evaluation { title = "Energy course", metric = f.energy,
                                     participants = participants, pre = PRE_WINDOW,
                                     post = POST_WINDOW }
  local r = hal:evaluation_result(id)
  T.eq(r.participants, 7)
  T.eq(r.n, 5)
  T.eq(r.missing_pre, 1, "en2")
  T.eq(r.missing_post, 2, "en1 and en2")
  near(r.pre_mean, 50, 1e-12, "pre_mean")
  near(r.post_mean, 60, 1e-12, "post_mean")
  near(r.mean_change, 10, 1e-12, "mean_change")
  T.raises(S.INVAL, "windows", hal.set_evaluation_values, hal, id, p.pl1, 50, 60)
  db:close()
end)

T.test("create_evaluation of a programme: those who completed it are the participants",
function()
  local db, s, p, f = setup()
  local scale = s:create_scale("Three", { "Low", "Mid", "High" })
  local comp = s:create_competency { name = "Focus", category = "Self", scale = scale }
  local prog = s:create_programme { name = "Energy course", competencies = { comp } }
  local hal = p.as.hal
  T.raises(S.INVAL, "no one has completed", hal.create_evaluation, hal,
    { title = "Course", metric = f.energy, programme = prog })
  for i, key in ipairs(F.PLATFORM) do
    s:create_plan { person = p[key], ["end"] = "2026-12-31" }
    s:enrol(prog, p[key])
    if i <= 4 then s:complete_enrolment(prog, p[key], "passed") end
  end
  local id = hal:create_evaluation { title = "Course", metric = f.energy, programme = prog,
                                     min_group = 3 }
  for i = 1, 5 do
    if i <= 4 then hal:set_evaluation_values(id, p[F.PLATFORM[i]], PRE[i], POST[i]) end
  end
  T.raises(S.NOTFOUND, "in neither group", hal.set_evaluation_values, hal, id, p.pl5, 1, 2)
  T.eq(hal:evaluation_result(id).participants, 4, "pl5 did not complete it")
  T.raises(S.NOTFOUND, "evaluation%.programme", hal.create_evaluation, hal,
    { title = "X", metric = f.energy, programme = 999 })
  db:close()
end)

T.test("create_evaluation and set_evaluation_values refusals", function()
  local db, s, p, f = setup()
  local hal = p.as.hal
  local function create(fields)
    local t = { title = "X", metric = f.energy, participants = f.participants }
    for k, v in pairs(fields) do t[k] = v end
    return hal.create_evaluation(hal, t)
  end
  T.raises(S.INVAL, "evaluation%.title", create, { title = " " })
  T.raises(S.UTF8, create, { title = "\255" })
  T.raises(S.INVAL, "evaluation%.participants: must not be empty", create, { participants = {} })
  T.raises(S.INVAL, "evaluation%.participants: must be given", hal.create_evaluation, hal,
    { title = "X", metric = f.energy })
  T.raises(S.INVAL, "listed twice", create, { participants = { p.pl1, p.pl2, p.pl1 } })
  T.raises(S.INVAL, "also a participant", create, { comparison = { p.pl1 } })
  T.raises(S.INVAL, "evaluation%.pre_to: ends before it starts", create,
    { pre = { PRE_WINDOW[2], PRE_WINDOW[1] }, post = POST_WINDOW })
  T.raises(S.INVAL, "evaluation%.post_from: overlaps the pre window", create,
    { pre = PRE_WINDOW, post = { PRE_WINDOW[2] - HOUR, POST_WINDOW[2] } })
  T.raises(S.INVAL, "must be given with the other windows", create, { pre = PRE_WINDOW })
  T.raises(S.INVAL, "evaluation%.min_group: 2 is outside 3 to 10", create, { min_group = 2 })
  T.raises(S.RANGE, "min_group", create, { min_group = 1 << 40 })
  T.raises(S.NOTFOUND, create, { metric = 999 })
  T.raises(S.NOTFOUND, create, { participants = { p.pl1, 999 } })
  T.raises(S.PERM, p.as.max.create_evaluation, p.as.max,
    { title = "X", metric = f.energy, participants = f.participants })
  T.raises_arg("field 'pre': { from, to } expected %(two instants%)", create,
    { pre = { PRE_WINDOW[1] }, post = POST_WINDOW })
  T.raises_arg("field 'pre': { from, to } expected", create,
    { pre = { from = PRE_WINDOW[1], to = PRE_WINDOW[2] }, post = POST_WINDOW })
  T.raises_arg("field 'pre': { from, to } expected", create,
    { pre = { "2026-03-01", "2026-03-31" }, post = POST_WINDOW })
  T.raises_arg("field 'post': table expected, got number", create, { post = 5 })
  T.raises_arg("field 'participants': element 2 is not an id %(string%)", create,
    { participants = { p.pl1, "pl2" } })
  T.raises_arg("unknown key 'windows'", create, { windows = {} })
  T.raises_arg("table expected, got no value", hal.create_evaluation, hal)

  local id = explicit(p, f)
  local function set(...) return hal.set_evaluation_values(hal, id, ...) end
  T.raises(S.INVAL, "outside the metric's scale", set, p.pl1, 50, 101)
  T.raises(S.INVAL, "finite", set, p.pl1, 0 / 0, 50)
  T.raises(S.INVAL, "finite", set, p.pl1, 50, -1 / 0)
  T.raises(S.NOTFOUND, "in neither group", set, p.sa5, 50, 60)
  T.raises(S.NOTFOUND, hal.set_evaluation_values, hal, 999, p.pl1, 50, 60)
  T.raises(S.PERM, p.as.pl1.set_evaluation_values, p.as.pl1, id, p.pl1, 50, 60)
  T.raises_arg("number expected, got string", set, p.pl1, "fifty", 60)
  T.raises_arg("number expected, got no value", set, p.pl1, 50)
  near(hal:evaluation_result(id).mean_change, 10, 1e-12, "nothing else was written")
  T.eq(s:evaluation_result(id).n, 5, "the system reads it too")
  db:close()
end)

-- WHO-5 for Platform: in each of January to April five people measured,
-- around a mean of 48 + 2 m (month m); in May two people; none in June.
-- Sales: sa1 in May.
local function trend_data()
  local db, s, p = F.org()
  local who5 = s:builtin_metric("who5")
  for m = 1, 4 do
    local mean = 48 + 2 * m
    F.import(s, p, who5, F.PLATFORM, { mean - 2, mean - 1, mean, mean + 1, mean + 2 }, F.at(m))
  end
  F.import(s, p, who5, { "pl1", "pl2" }, { 90, 90 }, F.at(5))
  F.import(s, p, who5, { "sa1" }, { 70 }, F.at(5))
  return db, s, p, who5
end

T.test("trend: per month, small periods suppressed, OLS and Mann-Kendall over the rest",
function()
  local db, s, p, who5 = trend_data()
  local t = p.as.hal:trend { metric = who5, unit = p.platform, since = "2026-01-01",
                             ["until"] = "2026-06-30", period = "month" }
  T.eq(#t.periods, 6)
  for m = 1, 4 do
    T.same(t.periods[m], { start = string.format("2026-%02d-01", m), suppressed = false,
                           people = 5, n = 5, mean = 48.0 + 2 * m }, "month " .. m)
  end
  T.same(t.periods[5], { start = "2026-05-01", suppressed = true }, "two people: hidden")
  T.same(t.periods[6], { start = "2026-06-01", suppressed = true })
  T.eq(t.points, 4)
  -- A straight line: slope 2 a period, no residual. 1e-9 absolute.
  near(t.slope, 2, 1e-9, "slope")
  near(t.slope_ci_low, 2, 1e-9, "slope_ci_low")
  near(t.slope_ci_high, 2, 1e-9, "slope_ci_high")
  near(t.theil_sen, 2, 1e-12, "theil_sen")
  T.eq(t.mk_s, 6)
  -- Z = (S - 1) / sqrt(n (n - 1) (2n + 5) / 18); p by Python's math.erfc.
  near(t.mk_z, 5 / math.sqrt(4 * 3 * 13 / 18), 1e-12, "mk_z")
  near(t.mk_p, 0.08942935902899359, 1e-6, "mk_p")

  local q = s:trend { metric = who5, unit = p.platform, since = "2026-01-01",
                      ["until"] = "2026-06-30", period = "quarter" }
  T.eq(#q.periods, 2)
  T.same(q.periods[1], { start = "2026-01-01", suppressed = false, people = 5, n = 15,
                         mean = 52.0 })
  T.eq(q.periods[2].start, "2026-04-01")
  T.eq(q.periods[2].people, 5)
  T.eq(q.periods[2].n, 7)
  T.eq(q.points, 2)
  local w = s:trend { metric = who5, since = "2026-01-05", ["until"] = "2026-02-01",
                      period = "week", min_group = 3 }
  T.eq(#w.periods, 4, "ISO weeks from Monday 5 January")
  T.eq(w.periods[1].start, "2026-01-05")
  T.eq(w.periods[2].start, "2026-01-12")
  T.eq(w.periods[2].people, 5, "the whole organisation; the 15th is in the week of the 12th")
  local m = p.as.max:trend { metric = who5, unit = p.platform, since = "2026-01-01",
                             ["until"] = "2026-03-31" }
  T.eq(#m.periods, 3, "monthly by default; someone above everyone counted")
  db:close()
end)

T.test("trend refusals", function()
  local db, s, p, who5 = trend_data()
  local hal = p.as.hal
  local function trend(fields)
    local t = { metric = who5, since = "2026-01-01", ["until"] = "2026-06-30" }
    for k, v in pairs(fields) do t[k] = v end
    return hal.trend(hal, t)
  end
  T.raises(S.INVAL, "trend%.from: must be given", hal.trend, hal,
    { metric = who5, ["until"] = "2026-06-30" })
  T.raises(S.INVAL, trend, { since = "2026-07-01", ["until"] = "2026-01-01" })
  T.raises(S.INVAL, "trend%.min_group", trend, { min_group = 2 })
  T.raises(S.NOTFOUND, trend, { metric = 999 })
  T.raises(S.NOTFOUND, trend, { unit = 999 })
  T.raises(S.PERM, p.as.pl1.trend, p.as.pl1, { metric = who5, unit = p.platform,
                                               since = "2026-01-01", ["until"] = "2026-06-30" })
  T.raises(S.PERM, p.as.max.trend, p.as.max, { metric = who5, since = "2026-01-01",
                                               ["until"] = "2026-06-30" })
  T.raises(S.INVAL, "since: 'January' is not a date", trend, { since = "January" })
  T.raises_arg("field 'period': invalid value 'year' %(expected 'week', 'month' or " ..
    "'quarter'%)", trend, { period = "year" })
  T.raises_arg("field 'until': string expected, got number", trend, { ["until"] = 20260630 })
  T.raises_arg("unknown key 'to'", trend, { to = "2026-06-30" })
  T.raises_arg("table expected, got number", hal.trend, hal, who5)
  T.eq(#s:trend { metric = who5, since = "2026-01-01", ["until"] = "2026-01-31" }.periods, 1)
  db:close()
end)

T.test("pattern_flags: declining wellbeing flagged with what it is based on", function()
  local db, s, p = F.org()
  local who5 = s:builtin_metric("who5")
  local enps = s:builtin_metric("enps")
  -- WHO-5 falls by 4 a month for six months in Platform; eNPS rises.
  for m = 1, 6 do
    local mean = 74 - 4 * m
    F.import(s, p, who5, F.PLATFORM, { mean - 2, mean - 1, mean, mean + 1, mean + 2 }, F.at(m))
    F.import(s, p, enps, F.PLATFORM, { m, m, m, m, m }, F.at(m))
  end
  local flags = T.collect(nil, p.as.hal:pattern_flags("2026-01-01", "2026-06-30", p.platform))
  local declining
  for _, flag in ipairs(flags) do
    T.ok(type(flag.kind) == "string" and type(flag.basis) == "string" and flag.basis ~= "",
      "every flag says what it is and what it is based on")
    if flag.kind == "wellbeing_declining" then
      T.ok(flag.subject ~= enps, "eNPS rises: no flag")
      if flag.subject == who5 then declining = flag end
    end
  end
  T.ok(declining, "WHO-5 is flagged")
  T.eq(declining.before, 70.0, "the first month's mean")
  T.eq(declining.after, 50.0, "the last month's mean")
  T.eq(getmetatable(p.as.hal:pattern_flags("2026-01-01", "2026-06-30")).__name,
    "perfmgmt.FlagIter")
  T.same(T.collect("kind", p.as.max:pattern_flags("2026-01-01", "2026-06-30", p.platform)),
    T.collect("kind", s:pattern_flags("2026-01-01", "2026-06-30", p.platform)),
    "someone above everyone counted sees the same")
  local sales = T.collect("kind", s:pattern_flags("2026-01-01", "2026-06-30", p.sales))
  for _, kind in ipairs(sales) do
    T.ok(kind ~= "wellbeing_declining", "Sales: no wellbeing flag")
  end

  local hal = p.as.hal
  T.raises(S.INVAL, hal.pattern_flags, hal, "2026-06-01", "2026-06-10")
  T.raises(S.PERM, p.as.pl1.pattern_flags, p.as.pl1, "2026-01-01", "2026-06-30", p.platform)
  T.raises(S.NOTFOUND, hal.pattern_flags, hal, "2026-01-01", "2026-06-30", 999)
  T.raises(S.INVAL, "until: 'now' is not a date", hal.pattern_flags, hal, "2026-01-01", "now")
  T.raises_arg("string expected, got no value", hal.pattern_flags, hal, "2026-01-01")
  T.raises_arg("number expected, got string", hal.pattern_flags, hal, "2026-01-01",
    "2026-06-30", "Platform")
  db:close()
end)

T.test("closed sessions and iterators raise MISUSE; leaving a loop early is safe", function()
  local db, s, p = F.org()
  local who5 = s:builtin_metric("who5")
  for m = 1, 6 do
    F.import(s, p, who5, F.PLATFORM, { 80 - 5 * m, 81 - 5 * m, 82 - 5 * m, 83 - 5 * m,
                                       84 - 5 * m }, F.at(m))
  end
  for _ in s:pattern_flags("2026-01-01", "2026-06-30") do break end
  local flags = s:pattern_flags("2026-01-01", "2026-06-30")
  flags:close()
  T.raises(S.MISUSE, "closed perfmgmt%.FlagIter", flags)
  flags = s:pattern_flags("2026-01-01", "2026-06-30")
  local hal = p.as.hal
  s:close()
  T.raises(S.MISUSE, "closed perfmgmt%.FlagIter", flags)
  for _, name in ipairs { "create_evaluation", "set_evaluation_values", "evaluation_result",
                          "trend", "pattern_flags" } do
    T.raises(S.MISUSE, "closed perfmgmt%.Session", s[name], s, 1, 1, 1)
  end
  T.raises_arg("Session expected, got table", hal.trend, {}, { metric = who5 })
  T.raises_arg("Session expected, got nil", hal.evaluation_result, nil, 1)
  T.eq(#hal:trend { metric = who5, since = "2026-01-01", ["until"] = "2026-06-30" }.periods, 6,
    "other sessions go on")
  db:close()
  T.raises(S.MISUSE, hal.trend, hal, { metric = who5 })
end)

T.finish()
