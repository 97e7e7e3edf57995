-- Survey rounds: every survey function of wellbeing.h through a session,
-- the records they give (rounds, response rates, one's own answers), the
-- measurements answers become, and the error rule with the errors C
-- reports. C's messages count answers from 0, as C arrays do; the
-- binding's own argument errors count them from 1, as Lua lists do.
local T = require "helper"
local F = require "wellbeing_fixture"
local perfmgmt = require "perfmgmt"
local S = perfmgmt.status

-- The organisation of the fixture on 2026-07-01, a custom pulse metric,
-- and a draft round for July asking WHO-5, eNPS and the pulse item, sent
-- to Eng (with Platform) and to sa1.
local function setup()
  local db, s, p = F.org()
  local f = {}
  f.workload = s:create_metric { name = "Workload", min = 1, max = 5,
                                 direction = "lower_is_better" }
  local hal = p.as.hal
  f.survey = hal:create_survey { title = "July pulse", closes = "2026-07-14" }
  hal:add_survey_instrument(f.survey, "who5")
  hal:add_survey_instrument(f.survey, "enps")
  hal:add_survey_instrument(f.survey, "pulse", { metric = f.workload,
                                                 text = "How heavy is your workload?" })
  hal:add_survey_audience(f.survey, { unit = p.eng })
  hal:add_survey_audience(f.survey, { person = p.sa1 })
  return db, s, p, f
end

-- A full answer: WHO-5 items all `who5`, eNPS `enps`, workload `load`.
local function answers(f, who5, enps, load)
  local list = {}
  for item = 1, 5 do list[#list + 1] = { instrument = "who5", item = item, value = who5 } end
  list[#list + 1] = { instrument = "enps", item = 1, value = enps }
  list[#list + 1] = { instrument = "pulse", metric = f.workload, item = 1, value = load }
  return list
end

T.test("create_survey and get_survey: the round as given, defaults filled in", function()
  local db, s, p = F.org()
  local hal = p.as.hal
  local id = hal:create_survey { title = "Q3 wellbeing", opens = "2026-07-06",
                                 closes = "2026-07-20", threshold = 7, repeat_days = 91 }
  T.eq(math.type(id), "integer")
  T.same(p.as.pl1:get_survey(id), { id = id, title = "Q3 wellbeing", state = "draft",
                                    opens = "2026-07-06", closes = "2026-07-20", threshold = 7,
                                    repeat_days = 91, invited = 0, responded = 0,
                                    answered_by_me = false })
  local once = s:create_survey { title = "Once", closes = "2026-07-31" }
  T.same(s:get_survey(once), { id = once, title = "Once", state = "draft", opens = "2026-07-01",
                               closes = "2026-07-31", threshold = 5, invited = 0,
                               responded = 0, answered_by_me = false },
    "opens today, threshold 5; no repeat, no previous: absent")

  local function create(fields) return hal.create_survey(hal, fields) end
  T.raises(S.INVAL, "survey%.closes: 2026%-07%-01 is before it opens on 2026%-07%-02", create,
    { title = "X", opens = "2026-07-02", closes = "2026-07-01" })
  T.raises(S.INVAL, "survey%.closes: must be given", create, { title = "X" })
  T.raises(S.INVAL, "survey%.threshold: must be 3 to 10, not 2", create,
    { title = "X", closes = "2026-07-31", threshold = 2 })
  T.raises(S.INVAL, "survey%.threshold", create, { title = "X", closes = "2026-07-31",
                                                   threshold = 11 })
  T.raises(S.INVAL, "survey%.repeat_days", create, { title = "X", closes = "2026-07-31",
                                                     repeat_days = 3 })
  T.raises(S.INVAL, "survey%.title", create, { title = "", closes = "2026-07-31" })
  T.raises(S.UTF8, create, { title = "\255", closes = "2026-07-31" })
  T.raises(S.RANGE, "threshold", create, { title = "X", closes = "2026-07-31",
                                           threshold = 1 << 40 })
  T.raises(S.PERM, p.as.max.create_survey, p.as.max, { title = "X", closes = "2026-07-31" })
  T.raises(S.INVAL, "closes: 'soon' is not a date", create, { title = "X", closes = "soon" })
  T.raises(S.RANGE, create, { title = "X", closes = "2026-02-30" })
  T.raises_arg("unknown key 'audience'", create, { title = "X", closes = "2026-07-31",
                                                    audience = {} })
  T.raises_arg("field 'threshold': number expected, got string", create,
    { title = "X", closes = "2026-07-31", threshold = "five" })
  T.raises_arg("table expected, got no value", hal.create_survey, hal)
  T.raises(S.NOTFOUND, hal.get_survey, hal, 999)
  T.raises_arg("number expected, got string", hal.get_survey, hal, "one")
  db:close()
end)

T.test("add_survey_instrument and add_survey_audience: a draft's questions and people",
function()
  local db, s, p, f = setup()
  local hal = p.as.hal
  local function add(...) return hal.add_survey_instrument(hal, f.survey, ...) end
  T.raises(S.CONFLICT, "survey_instrument%.instrument: survey %d+ asks", add, "who5")
  T.raises(S.CONFLICT, "survey_instrument%.metric", add, "pulse",
    { metric = f.workload, text = "Again?" })
  T.raises(S.INVAL, "survey_instrument%.metric: metric %d+ is built in", add, "pulse",
    { metric = s:builtin_metric("who5"), text = "Mood?" })
  T.raises(S.INVAL, "survey_instrument%.metric: must be 0", add, "cbi_work",
    { metric = f.workload })
  T.raises(S.INVAL, "survey_instrument%.text", add, "cbi_work", { text = "Burnout?" })
  T.raises(S.NOTFOUND, add, "pulse", { metric = 999, text = "?" })
  T.raises(S.NOTFOUND, hal.add_survey_instrument, hal, 999, "who5")
  T.raises(S.PERM, p.as.max.add_survey_instrument, p.as.max, f.survey, "cbi_work")
  T.raises(S.UTF8, add, "pulse", { metric = s:create_metric { name = "Energy", min = 1,
                                                              max = 5 }, text = "\255" })
  T.raises_arg("invalid value 'uwes' %(expected 'who5', 'enps', 'cbi_personal', 'cbi_work', " ..
    "'cbi_client' or 'pulse'%)", add, "uwes")
  T.raises_arg("unknown key 'question'", add, "pulse", { question = "?" })
  T.raises_arg("field 'metric': number expected, got string", add, "pulse", { metric = "x" })
  add("cbi_work")

  local function audience(t) return hal.add_survey_audience(hal, f.survey, t) end
  T.raises(S.CONFLICT, "survey_audience%.unit", audience, { unit = p.eng })
  T.raises(S.CONFLICT, "survey_audience%.person", audience, { person = p.sa1 })
  T.raises(S.INVAL, audience, { unit = p.sales, person = p.sa2 })
  T.raises(S.INVAL, audience, {})
  T.raises(S.NOTFOUND, audience, { unit = 999 })
  T.raises(S.NOTFOUND, audience, { person = 999 })
  T.raises(S.PERM, p.as.max.add_survey_audience, p.as.max, f.survey, { unit = p.sales })
  T.raises_arg("unknown key 'people'", audience, { people = { p.sa2 } })
  T.raises_arg("table expected, got number", hal.add_survey_audience, hal, f.survey, p.sa2)
  T.eq(hal:get_survey(f.survey).state, "draft", "nothing else was written")
  db:close()
end)

T.test("open_survey, respond_to_survey, close_survey: one answer per person, scored", function()
  local db, s, p, f = setup()
  local hal = p.as.hal
  -- Nobody is asked before the audience is frozen at opening.
  T.raises(S.PERM, "not asked", p.as.pl1.respond_to_survey, p.as.pl1, f.survey,
    answers(f, 3, 9, 4))
  T.raises(S.INVAL, "draft", hal.close_survey, hal, f.survey)
  T.raises(S.PERM, p.as.max.open_survey, p.as.max, f.survey)
  hal:open_survey(f.survey)
  local round = hal:get_survey(f.survey)
  T.eq(round.state, "open")
  T.eq(round.invited, 9, "Eng with Platform (8) and sa1")
  T.eq(round.responded, 0)
  T.raises(S.INVAL, "draft", hal.open_survey, hal, f.survey)
  T.raises(S.INVAL, "draft", hal.add_survey_instrument, hal, f.survey, "cbi_work")
  T.raises(S.INVAL, "draft", hal.add_survey_audience, hal, f.survey, { unit = p.sales })

  local pl1 = p.as.pl1
  pl1:respond_to_survey(f.survey, answers(f, 3, 9, 4))
  T.eq(pl1:get_survey(f.survey).answered_by_me, true)
  T.eq(p.as.pl2:get_survey(f.survey).answered_by_me, false)
  T.eq(hal:get_survey(f.survey).responded, 1)
  -- Instruments left out are skipped: pl2 answers eNPS only.
  p.as.pl2:respond_to_survey(f.survey, { { instrument = "enps", item = 1, value = 3 } })
  T.eq(hal:get_survey(f.survey).responded, 2)

  -- Each instrument's score is a measurement of its metric, source survey.
  local who5, enps = s:builtin_metric("who5"), s:builtin_metric("enps")
  local got = {}
  for m in pl1:my_measurements() do got[m.metric] = m end
  T.eq(got[who5].value, 60.0, "WHO-5 raw 15, percentage 60")
  T.eq(got[who5].source, "survey")
  T.eq(got[who5].unit, p.platform)
  T.eq(got[enps].value, 9.0)
  T.eq(got[f.workload].value, 4.0)
  T.same(T.collect("metric", p.as.pl2:my_measurements()), { enps })

  local function respond(session, list)
    return session.respond_to_survey(session, f.survey, list)
  end
  local pl3 = p.as.pl3
  T.raises(S.INVAL, "answered survey %d+ already", respond, pl1, answers(f, 3, 9, 4))
  T.raises(S.PERM, respond, hal, answers(f, 3, 9, 4))
  T.raises(S.PERM, respond, p.as.sa2, answers(f, 3, 9, 4))
  T.raises(S.INVAL, "answers%[0%]%.value: WHO%-5 items take 0 to 5, not 6", respond, pl3,
    answers(f, 6, 9, 4))
  T.raises(S.INVAL, "answers%[5%]%.value", respond, pl3, answers(f, 3, 11, 4))
  T.raises(S.INVAL, "answers%[6%]%.value: metric %d+ takes 1 to 5, not 0", respond, pl3,
    answers(f, 3, 9, 0))
  T.raises(S.INVAL, "answers%[0%]%.instrument: survey %d+ does not ask", respond, pl3,
    { { instrument = "cbi_work", item = 1, value = 50 } })
  T.raises(S.INVAL, "in full", respond, pl3, { { instrument = "who5", item = 1, value = 3 } })
  T.raises(S.INVAL, "answers%[1%]%.item", respond, pl3,
    { { instrument = "enps", item = 1, value = 3 }, { instrument = "enps", item = 1, value = 3 } })
  T.raises(S.INVAL, "answers%[0%]%.item: eNPS has one item", respond, pl3,
    { { instrument = "enps", item = 2, value = 3 } })
  T.raises(S.INVAL, "answers%[0%]%.metric: must be 0", respond, pl3,
    { { instrument = "enps", metric = f.workload, item = 1, value = 3 } })
  T.raises(S.INVAL, "answers: must hold at least one answer", respond, pl3, {})
  T.raises(S.NOTFOUND, pl3.respond_to_survey, pl3, 999, answers(f, 3, 9, 4))
  T.raises_arg("answers%[2%]: table expected, got number", respond, pl3,
    { { instrument = "enps", item = 1, value = 3 }, 7 })
  T.raises_arg("answers%[1%]: unknown key 'answer'", respond, pl3,
    { { instrument = "enps", item = 1, answer = 3 } })
  T.raises_arg("answers%[1%]: field 'value': number expected, got nil", respond, pl3,
    { { instrument = "enps", item = 1 } })
  T.raises_arg("answers%[1%]: field 'item': number has no integer representation", respond,
    pl3, { { instrument = "enps", item = 1.5, value = 3 } })
  T.raises_arg("answers%[1%]: field 'instrument': invalid value 'nps'", respond, pl3,
    { { instrument = "nps", item = 1, value = 3 } })
  T.raises_arg("answers%[1%]: field 'instrument': string expected, got nil", respond, pl3,
    { { item = 1, value = 3 } })
  T.raises(S.RANGE, "answers%[1%]%.value", respond, pl3,
    { { instrument = "enps", item = 1, value = 1 << 40 } })
  T.raises_arg("table expected, got string", pl3.respond_to_survey, pl3, f.survey, "9")
  T.eq(hal:get_survey(f.survey).responded, 2, "nothing else was written")
  T.same(T.collect("id", pl3:my_measurements()), {})

  T.raises(S.PERM, p.as.max.close_survey, p.as.max, f.survey)
  hal:close_survey(f.survey)
  T.eq(hal:get_survey(f.survey).state, "closed")
  T.raises(S.INVAL, "not open", respond, pl3, answers(f, 3, 9, 4))
  T.raises(S.INVAL, hal.close_survey, hal, f.survey)
  T.raises(S.NOTFOUND, hal.close_survey, hal, 999)
  T.raises(S.NOTFOUND, hal.open_survey, hal, 999)
  db:close()
end)

T.test("open_survey refuses a round without instruments or without anyone", function()
  local db, _, p = F.org()
  local hal = p.as.hal
  local empty = hal:create_survey { title = "Empty", closes = "2026-07-31" }
  hal:add_survey_audience(empty, { unit = p.sales })
  T.raises(S.INVAL, "no instrument", hal.open_survey, hal, empty)
  local nobody = hal:create_survey { title = "Nobody", closes = "2026-07-31" }
  hal:add_survey_instrument(nobody, "enps")
  T.raises(S.INVAL, "no audience", hal.open_survey, hal, nobody)
  hal:add_survey_audience(nobody, { unit = hal:create_unit { name = "Empty" } })
  T.raises(S.INVAL, "nobody active", hal.open_survey, hal, nobody)
  T.eq(hal:get_survey(empty).state, "draft")
  T.eq(hal:get_survey(nobody).state, "draft")
  db:close()
end)

T.test("my_survey_answers: one's own answers, in instrument then item order", function()
  local db, s, p, f = setup()
  local hal = p.as.hal
  hal:open_survey(f.survey)
  local list = answers(f, 4, 10, 2)
  -- Given out of order; read back in order.
  list[1], list[7] = list[7], list[1]
  p.as.pl1:respond_to_survey(f.survey, list)
  local mine = p.as.pl1:my_survey_answers(f.survey)
  T.eq(#mine, 7)
  for item = 1, 5 do
    T.same(mine[item], { instrument = "who5", item = item, value = 4 }, "WHO-5 item " .. item)
  end
  T.same(mine[6], { instrument = "enps", item = 1, value = 10 })
  T.same(mine[7], { instrument = "pulse", metric = f.workload, item = 1, value = 2 })
  T.same(p.as.pl2:my_survey_answers(f.survey), {}, "nobody else's: none of one's own")
  T.same(hal:my_survey_answers(f.survey), {}, "not HR's either")
  T.same(p.as.max:my_survey_answers(f.survey), {}, "nor the manager's")
  T.raises(S.PERM, s.my_survey_answers, s, f.survey)
  T.raises(S.NOTFOUND, p.as.pl1.my_survey_answers, p.as.pl1, 999)
  T.raises_arg("number expected, got nil", p.as.pl1.my_survey_answers, p.as.pl1, nil)
  db:close()
end)

T.test("response_rates: per unit as frozen at opening, small units suppressed", function()
  local db, s, p = F.org()
  local hal = p.as.hal
  -- Threshold 3: Sales (sa1 alone) is below it; Eng's own three would
  -- then give sa1's numbers away by subtraction, so Eng is hidden too.
  local id = hal:create_survey { title = "Rates", closes = "2026-07-31", threshold = 3 }
  hal:add_survey_instrument(id, "enps")
  hal:add_survey_audience(id, { unit = p.eng })
  hal:add_survey_audience(id, { person = p.sa1 })
  T.raises(S.INVAL, "draft", hal.response_rates, hal, id)
  hal:open_survey(id)
  for _, key in ipairs { "pl1", "pl2", "en1" } do
    p.as[key]:respond_to_survey(id, { { instrument = "enps", item = 1, value = 8 } })
  end
  local rows = T.collect(nil, hal:response_rates(id))
  T.eq(#rows, 3, "Eng, Platform, Sales")
  T.same(rows[1], { unit = p.eng, suppressed = true }, "hidden with Sales: the numbers absent")
  T.same(rows[2], { unit = p.platform, suppressed = false, invited = 5, responded = 2,
                    rate = 0.4 })
  T.same(rows[3], { unit = p.sales, suppressed = true }, "one invited, below the threshold")
  T.eq(getmetatable(hal:response_rates(id)).__name, "perfmgmt.ResponseRateIter")
  T.same(T.collect("unit", s:response_rates(id)), { p.eng, p.platform, p.sales })
  -- Moving someone after opening changes nothing: the units are frozen.
  s:set_unit(p.pl3, p.sales)
  T.same(T.collect(nil, hal:response_rates(id))[2], rows[2])
  T.raises(S.PERM, p.as.pl1.response_rates, p.as.pl1, id)
  T.raises(S.PERM, p.as.max.response_rates, p.as.max, id)
  T.raises(S.NOTFOUND, hal.response_rates, hal, 999)
  db:close()
end)

T.test("renew_surveys: the next round of a pulse, once per period", function()
  local db, s, p = F.org()
  local hal = p.as.hal
  local first = hal:create_survey { title = "Weekly", closes = "2026-07-05", repeat_days = 7 }
  hal:add_survey_instrument(first, "enps")
  hal:add_survey_audience(first, { unit = p.platform })
  hal:open_survey(first)
  T.eq(hal:renew_surveys(), 0, "its period has not come")
  T.eq(hal:renew_surveys("2026-07-08"), 1)
  T.eq(s:renew_surveys("2026-07-08"), 0, "again the same day: none")
  T.eq(hal:get_survey(first).state, "closed", "the round it follows is closed")
  -- The new round's id is not returned: find it by its previous round.
  local second
  for id = first + 1, first + 200 do
    local ok, round = pcall(hal.get_survey, hal, id)
    if ok and round.previous == first then
      second = round
      break
    end
  end
  T.ok(second, "a round after the first")
  T.same(second, { id = second.id, title = "Weekly", state = "open", opens = "2026-07-08",
                   closes = "2026-07-12", threshold = 5, repeat_days = 7, previous = first,
                   invited = 5, responded = 0, answered_by_me = false })
  T.raises(S.PERM, p.as.pl1.renew_surveys, p.as.pl1)
  T.raises(S.INVAL, "on: 'weekly' is not a date", hal.renew_surveys, hal, "weekly")
  T.raises_arg("string expected, got number", hal.renew_surveys, hal, 20260708)
  db:close()
end)

T.test("closed sessions and iterators raise MISUSE; leaving a loop early is safe", function()
  local db, s, p, f = setup()
  s:open_survey(f.survey)
  local n = 0
  for _ in s:response_rates(f.survey) do
    n = n + 1
    break
  end
  T.eq(n, 1)
  local rates = s:response_rates(f.survey)
  rates:close()
  T.raises(S.MISUSE, "closed perfmgmt%.ResponseRateIter", rates)
  rates = s:response_rates(f.survey)
  local hal = p.as.hal
  s:close()
  T.raises(S.MISUSE, "closed perfmgmt%.ResponseRateIter", rates)
  for _, name in ipairs { "create_survey", "add_survey_instrument", "add_survey_audience",
                          "open_survey", "close_survey", "respond_to_survey", "renew_surveys",
                          "get_survey", "response_rates", "my_survey_answers" } do
    T.raises(S.MISUSE, "closed perfmgmt%.Session", s[name], s, 1, 1, 1)
  end
  T.raises_arg("Session expected, got table", hal.get_survey, {}, f.survey)
  T.raises_arg("Session expected, got nil", hal.renew_surveys, nil)
  T.eq(hal:get_survey(f.survey).state, "open", "other sessions go on")
  db:close()
  T.raises(S.MISUSE, hal.get_survey, hal, f.survey)
end)

T.finish()
