-- 360-degree rounds: every function of review360.h through a session,
-- what the results show and hide, and the error rule with the errors C
-- reports.
local T = require "helper"
local perfmgmt = require "perfmgmt"
local S = perfmgmt.status

local JAN1 = 1767225600 -- 2026-01-01T00:00:00Z
local DAY = 86400

-- Max manages Ada, who manages Bob, Dee and Eve; Cy and Gus are elsewhere
-- (peers of Ada for a round); Hal is an HR admin. Today is 2026-01-01.
local function setup()
  local db, s = T.store()
  local clock = { now = JAN1 + 10 * 3600 }
  db:set_clock(function() return clock.now end)
  local p = { clock = clock }
  local function person(key, name, manager, extra)
    local fields = { external_id = key, name = name, manager = manager, start = "2025-01-01" }
    for k, v in pairs(extra or {}) do fields[k] = v end
    return s:create_person(fields)
  end
  p.max = person("M", "Max")
  p.ada = person("A", "Ada", p.max)
  p.bob = person("B", "Bob", p.ada)
  p.dee = person("D", "Dee", p.ada)
  p.eve = person("E", "Eve", p.ada)
  p.cy = person("C", "Cy")
  p.gus = person("G", "Gus")
  p.hal = person("H", "Hal", nil, { hr_admin = true })
  p.as = {}
  for _, who in ipairs { "max", "ada", "bob", "dee", "eve", "cy", "gus", "hal" } do
    p.as[who] = db:session(p[who])
  end
  return db, s, p
end

-- A round about Ada with a rating and an open question, and raters in
-- every group: herself, Max, her three reports, and two peers (fewer than
-- the threshold of 3).
local function round(p, fields)
  local f = { subject = p.ada, title = "Ada, winter 2026", closes = "2026-01-31" }
  for k, v in pairs(fields or {}) do f[k] = v end
  local max = p.as.max
  local id = max:create_review360(f)
  local rating = max:add_review360_question(id, "Explains decisions", 1, 5)
  local text = max:add_review360_question(id, "What should Ada keep doing?")
  max:add_review360_rater(id, p.ada, "self")
  max:add_review360_rater(id, p.max, "manager")
  for _, who in ipairs { "bob", "dee", "eve" } do max:add_review360_rater(id, p[who], "report") end
  for _, who in ipairs { "cy", "gus" } do max:add_review360_rater(id, p[who], "peer") end
  return id, rating, text
end

T.test("create_review360 and get_review360", function()
  local db, _, p = setup()
  local id = p.as.max:create_review360 { subject = p.ada, title = "Ada, winter 2026",
                                         closes = "2026-01-31" }
  T.eq(math.type(id), "integer")
  T.same(p.as.max:get_review360(id), {
    id = id, subject = p.ada, title = "Ada, winter 2026", state = "draft", opens = "2026-01-01",
    closes = "2026-01-31", threshold = 3, raters = 0, submitted = 0,
  }, "the record")
  local other = p.as.hal:create_review360 { subject = p.bob, title = "Bob", opens = "2026-02-01",
                                            closes = "2026-02-14", threshold = 4 }
  local r = p.as.ada:get_review360(other)
  T.eq(r.opens, "2026-02-01")
  T.eq(r.threshold, 4)
  T.eq(p.as.ada:get_review360(id).title, "Ada, winter 2026", "the subject reads it")
  T.raises(S.PERM, p.as.cy.get_review360, p.as.cy, id)
  T.raises(S.NOTFOUND, p.as.max.get_review360, p.as.max, 999)

  local max = p.as.max
  local function create(fields) return max.create_review360(max, fields) end
  T.raises(S.INVAL, "title", create, { subject = p.ada, title = " ", closes = "2026-01-31" })
  T.raises(S.INVAL, "closes", create, { subject = p.ada, title = "x" })
  T.raises(S.INVAL, create, { subject = p.ada, title = "x", opens = "2026-02-01",
                              closes = "2026-01-31" })
  T.raises(S.INVAL, "threshold", create, { subject = p.ada, title = "x", closes = "2026-01-31",
                                           threshold = 2 })
  T.raises(S.INVAL, "threshold", create, { subject = p.ada, title = "x", closes = "2026-01-31",
                                           threshold = 11 })
  T.raises(S.NOTFOUND, create, { subject = 999, title = "x", closes = "2026-01-31" })
  T.raises(S.PERM, p.as.cy.create_review360, p.as.cy,
    { subject = p.ada, title = "x", closes = "2026-01-31" })
  T.raises(S.PERM, p.as.ada.create_review360, p.as.ada,
    { subject = p.ada, title = "x", closes = "2026-01-31" })
  T.raises(S.RANGE, "threshold", create, { subject = p.ada, title = "x", closes = "2026-01-31",
                                           threshold = 1 << 40 })
  T.raises(S.UTF8, create, { subject = p.ada, title = "a\0b", closes = "2026-01-31" })
  T.raises(S.INVAL, "not a date", create, { subject = p.ada, title = "x", closes = "end" })
  T.raises_arg("unknown key 'rater'", create, { subject = p.ada, title = "x",
                                                closes = "2026-01-31", rater = p.bob })
  T.raises_arg("field 'subject': number expected, got string", create,
    { subject = "ada", title = "x", closes = "2026-01-31" })
  T.raises_arg("table expected, got nil", create)
  T.same(T.collect("id", p.as.hal:review360s(p.ada)), { id }, "nothing else was written")
  db:close()
end)

T.test("questions and raters of a draft", function()
  local db, _, p = setup()
  local id, rating, text = round(p)
  T.same(T.collect(nil, p.as.max:review360_questions(id))[1],
    { id = rating, text = "Explains decisions", scale_min = 1, scale_max = 5 })
  T.same(T.collect(nil, p.as.max:review360_questions(id))[2],
    { id = text, text = "What should Ada keep doing?" }, "an open question has no scale")
  T.eq(p.as.max:get_review360(id).raters, 7)

  local max = p.as.max
  T.raises(S.INVAL, max.add_review360_question, max, id, "x", 5, 1)
  T.raises(S.INVAL, max.add_review360_question, max, id, "x", 0, 101)
  T.raises(S.INVAL, max.add_review360_question, max, id, "  ", 1, 5)
  T.raises(S.NOTFOUND, max.add_review360_question, max, 999, "x", 1, 5)
  T.raises(S.PERM, p.as.bob.add_review360_question, p.as.bob, id, "x", 1, 5)
  T.raises(S.RANGE, "scale_max", max.add_review360_question, max, id, "x", 1, 1 << 40)
  T.raises_arg("string expected, got nil", max.add_review360_question, max, id, nil)
  T.raises_arg("number expected, got string", max.add_review360_question, max, id, "x", "one")

  T.raises(S.CONFLICT, max.add_review360_rater, max, id, p.bob, "report")
  T.raises(S.INVAL, max.add_review360_rater, max, id, p.hal, "report")
  T.raises(S.INVAL, max.add_review360_rater, max, id, p.hal, "self")
  T.raises(S.INVAL, max.add_review360_rater, max, id, p.hal, "manager")
  T.raises(S.NOTFOUND, max.add_review360_rater, max, id, 999, "peer")
  T.raises(S.PERM, p.as.cy.add_review360_rater, p.as.cy, id, p.hal, "peer")
  T.raises_arg("invalid value 'boss' %(expected 'self', 'manager', 'peer' or 'report'%)",
    max.add_review360_rater, max, id, p.hal, "boss")
  T.raises_arg("number expected, got nil", max.add_review360_rater, max, id, nil, "peer")
  db:close()
end)

T.test("open, role, submit, close: the round's course", function()
  local db, _, p = setup()
  local id, rating, text = round(p)
  T.raises(S.INVAL, p.as.bob.submit_review360, p.as.bob, id, { [rating] = 4 })
  T.raises(S.INVAL, p.as.max.close_review360, p.as.max, id)
  local empty = p.as.max:create_review360 { subject = p.bob, title = "empty",
                                            closes = "2026-01-31" }
  T.raises(S.INVAL, p.as.max.open_review360, p.as.max, empty)
  T.raises(S.PERM, p.as.bob.open_review360, p.as.bob, id)
  p.as.max:open_review360(id)
  T.eq(p.as.max:get_review360(id).state, "open")
  T.raises(S.INVAL, p.as.max.open_review360, p.as.max, id)
  T.raises(S.INVAL, p.as.max.add_review360_question, p.as.max, id, "late", 1, 5)
  T.raises(S.INVAL, p.as.max.add_review360_rater, p.as.max, id, p.hal, "peer")

  T.same(p.as.bob:review360_role(id), { group = "report", identified = false, submitted = false })
  T.same(p.as.max:review360_role(id), { group = "manager", identified = true, submitted = false })
  T.same(p.as.ada:review360_role(id), { group = "self", identified = true, submitted = false })
  T.raises(S.NOTFOUND, p.as.hal.review360_role, p.as.hal, id)

  local bob = p.as.bob
  local function submit(answers) return bob.submit_review360(bob, id, answers) end
  T.raises(S.INVAL, submit, { [rating] = 6 })
  T.raises(S.INVAL, submit, { [rating] = "words for a rating" })
  T.raises(S.INVAL, submit, { [text] = 3 })
  T.raises(S.INVAL, submit, { [999] = 3 })
  T.raises(S.INVAL, submit, {})
  T.raises(S.UTF8, submit, { [text] = "bad \xff" })
  T.raises(S.RANGE, submit, { [rating] = 1 << 40 })
  T.raises_arg("keys are question ids, got string", submit, { ["rating"] = 3 })
  T.raises_arg("question %d+: number or string expected, got boolean", submit, { [rating] = true })
  T.raises_arg("question %d+: a rating must be an integer", submit, { [rating] = 3.5 })
  T.raises_arg("table expected, got nil", submit)
  T.eq(p.as.max:get_review360(id).submitted, 0, "the refusals submitted nothing")
  T.raises(S.PERM, p.as.hal.submit_review360, p.as.hal, id, { [rating] = 3 })

  submit { [rating] = 4, [text] = "Clear priorities" }
  T.eq(bob:review360_role(id).submitted, true)
  T.raises(S.INVAL, submit, { [rating] = 5 })
  p.as.dee:submit_review360(id, { [rating] = 5, [text] = "Listens" })
  p.as.eve:submit_review360(id, { [rating] = 3.0, [text] = "" }) -- blank text is skipped
  p.as.ada:submit_review360(id, { [rating] = 3, [text] = "Own judgement" })
  p.as.max:submit_review360(id, { [rating] = 4 })
  p.as.cy:submit_review360(id, { [rating] = 1, [text] = "Peer comment" })
  T.eq(p.as.max:get_review360(id).submitted, 6)
  T.raises(S.INVAL, p.as.max.review360_results, p.as.max, id)

  p.as.max:close_review360(id)
  T.eq(p.as.ada:get_review360(id).state, "closed")
  T.raises(S.INVAL, p.as.gus.submit_review360, p.as.gus, id, { [rating] = 2 })
  T.raises(S.INVAL, p.as.max.close_review360, p.as.max, id)
  T.raises(S.NOTFOUND, p.as.max.close_review360, p.as.max, 999)
  T.raises_arg("number expected, got nil", p.as.max.open_review360, p.as.max, nil)
  db:close()
end)

T.test("results and comments: groups under the threshold are not shown", function()
  local db, _, p = setup()
  local id, rating, text = round(p)
  p.as.max:open_review360(id)
  p.as.ada:submit_review360(id, { [rating] = 3, [text] = "Own judgement" })
  p.as.max:submit_review360(id, { [rating] = 4, [text] = "Reliable" })
  p.as.bob:submit_review360(id, { [rating] = 4, [text] = "Clear priorities" })
  p.as.dee:submit_review360(id, { [rating] = 5, [text] = "Always listens" })
  p.as.eve:submit_review360(id, { [rating] = 3 })
  p.as.cy:submit_review360(id, { [rating] = 1, [text] = "A peer's words" })
  p.as.gus:submit_review360(id, { [rating] = 2 })
  p.as.max:close_review360(id)

  local results = T.collect(nil, p.as.ada:review360_results(id))
  local by_group = {}
  for _, r in ipairs(results) do
    T.eq(r.question, rating, "only rating questions have results")
    by_group[r.group] = r
  end
  T.same(by_group.self, { question = rating, group = "self", shown = true, count = 1, mean = 3.0 })
  T.same(by_group.manager, { question = rating, group = "manager", shown = true, count = 1,
                             mean = 4.0 })
  local report = by_group.report
  T.eq(report.shown, true)
  T.eq(report.count, 3)
  T.eq(report.mean, 4.0)
  T.eq(report.sd, 1.0)
  T.same(by_group.peer, { question = rating, group = "peer", shown = false },
    "two peers: under the threshold, nothing but the fact")
  T.eq(#results, 4)

  local comments = T.collect(nil, p.as.ada:review360_comments(id))
  T.same(T.collect("text", p.as.ada:review360_comments(id)),
    { "Own judgement", "Reliable", "Always listens", "Clear priorities" },
    "by group (self, manager, report), then text; no peer comment")
  for _, c in ipairs(comments) do
    T.eq(c.question, text)
    T.ok(c.group ~= "peer", "no comment of a hidden group")
    T.same(c, { question = text, group = c.group, text = c.text }, "no author")
  end

  -- Who reads results: the subject, above them, HR; not the raters.
  T.eq(#T.collect(nil, p.as.hal:review360_results(id)), 4)
  T.eq(#T.collect(nil, p.as.max:review360_comments(id)), 4)
  T.raises(S.PERM, p.as.bob.review360_results, p.as.bob, id)
  T.raises(S.PERM, p.as.cy.review360_comments, p.as.cy, id)
  T.raises(S.NOTFOUND, p.as.ada.review360_results, p.as.ada, 999)
  T.eq(#T.collect(nil, p.as.bob:review360_questions(id)), 2, "raters read the questions")
  T.eq(#T.collect(nil, p.as.hal:review360_questions(id)), 2, "so does HR")
  local about_bob = p.as.max:create_review360 { subject = p.bob, title = "Bob",
                                                closes = "2026-01-31" }
  T.raises(S.PERM, p.as.cy.review360_questions, p.as.cy, about_bob)
  db:close()
end)

T.test("review360s: about a person, or where they rate", function()
  local db, _, p = setup()
  local first = round(p, { opens = "2026-01-01", closes = "2026-01-31" })
  local second = round(p, { title = "Ada, spring 2026", opens = "2026-03-01",
                            closes = "2026-03-31" })
  T.same(T.collect("id", p.as.ada:review360s(p.ada)), { second, first }, "newest window first")
  T.same(T.collect("id", p.as.max:review360s(p.ada, false)), { second, first })
  T.same(T.collect("id", p.as.bob:review360s(p.bob, true)), { second, first })
  T.same(T.collect("id", p.as.bob:review360s(p.bob)), {})
  T.same(T.collect("id", p.as.hal:review360s(p.hal, true)), {})
  T.eq(T.collect(nil, p.as.ada:review360s(p.ada))[1].title, "Ada, spring 2026", "records")
  T.raises(S.PERM, p.as.cy.review360s, p.as.cy, p.ada)
  T.raises(S.NOTFOUND, p.as.hal.review360s, p.as.hal, 999)
  T.raises_arg("boolean expected, got number", p.as.ada.review360s, p.as.ada, p.ada, 1)
  T.raises_arg("number expected, got no value", p.as.ada.review360s, p.as.ada)

  local it = p.as.ada:review360s(p.ada)
  T.eq(tostring(it):match("^perfmgmt%.Review360Iter"), "perfmgmt.Review360Iter")
  local q = p.as.ada:review360_questions(first)
  T.eq(tostring(q):match("^perfmgmt%.Review360QuestionIter"), "perfmgmt.Review360QuestionIter")
  for _ in p.as.ada:review360_questions(first) do break end
  p.as.ada:close()
  T.raises(S.MISUSE, "closed", it)
  T.raises(S.MISUSE, "closed", q)
  T.raises(S.MISUSE, p.as.ada.get_review360, p.as.ada, first)
  T.raises(S.MISUSE, p.as.ada.submit_review360, p.as.ada, first, { [1] = 1 })
  db:close()
end)

T.finish()
