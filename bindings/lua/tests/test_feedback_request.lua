-- Feedback requests: asking, answering, declining, expiry, repeats and the
-- lists of feedback.h through a session, and the error rule with the
-- errors C reports.
local T = require "helper"
local perfmgmt = require "perfmgmt"
local S = perfmgmt.status

local JAN1 = 1767225600 -- 2026-01-01T00:00:00Z
local DAY = 86400

-- Ada manages Bob and Dee; Cy is apart; Hal is an HR admin. The store's
-- clock reads p.clock.now, 10:00 on 2026-01-01.
local function setup()
  local db, s = T.store()
  local clock = { now = JAN1 + 10 * 3600 }
  db:set_clock(function() return clock.now end)
  local p = { clock = clock }
  p.eng = s:create_unit { name = "Eng" }
  p.ada = s:create_person { external_id = "A", name = "Ada", unit = p.eng, start = "2025-01-01" }
  p.bob = s:create_person { external_id = "B", name = "Bob", unit = p.eng, manager = p.ada,
                            start = "2025-01-01" }
  p.dee = s:create_person { external_id = "D", name = "Dee", unit = p.eng, manager = p.ada,
                            start = "2025-01-01" }
  p.cy = s:create_person { external_id = "C", name = "Cy", start = "2025-01-01" }
  p.hal = s:create_person { external_id = "H", name = "Hal", hr_admin = true,
                            start = "2025-01-01" }
  p.as = {}
  for _, who in ipairs { "ada", "bob", "dee", "cy", "hal" } do p.as[who] = db:session(p[who]) end
  return db, s, p
end

-- Bob asks Ada and Dee about his demo.
local function ask(p, fields)
  local f = { topic = "My demo on Friday", addressees = { p.ada, p.dee } }
  for k, v in pairs(fields or {}) do f[k] = v end
  return p.as.bob:request_feedback(f)
end

T.test("request_feedback and get_request: the request and its parts", function()
  local db, _, p = setup()
  local id = ask(p, { due = "2026-01-15" })
  T.eq(math.type(id), "integer")
  local r = p.as.bob:get_request(id)
  local parts = r.parts
  r.parts = nil
  T.same(r, { id = id, requester = p.bob, subject = p.bob, topic = "My demo on Friday",
              due = "2026-01-15", expires = "2026-04-01", created_at = p.clock.now },
    "the request (expires 90 days on)")
  T.eq(#parts, 2)
  T.same(parts[1], { addressee = p.ada, state = "requested" })
  T.same(parts[2], { addressee = p.dee, state = "requested" })
  -- The subject, addressees, the subject's managers and HR read it; others not.
  for _, who in ipairs { "ada", "dee", "hal" } do
    T.eq(p.as[who]:get_request(id).id, id, who)
  end
  T.raises(S.PERM, p.as.cy.get_request, p.as.cy, id)
  T.raises(S.NOTFOUND, p.as.bob.get_request, p.as.bob, 999)
  T.raises_arg("number expected, got nil", p.as.bob.get_request, p.as.bob, nil)
  -- Options: a goal, an expiry, repeats.
  local goal = p.as.bob:create_goal { owner = p.bob, title = "Demo", due = "2026-03-31" }
  local other = ask(p, { goal = goal, expires_days = 10, repeat_days = 14 })
  r = p.as.bob:get_request(other)
  T.eq(r.goal, goal)
  T.eq(r.expires, "2026-01-11")
  T.eq(r.due, "2026-01-11", "due defaults to the expiry date")
  T.eq(r.repeat_days, 14)
  T.eq(r.previous, nil)
  db:close()
end)

T.test("a manager asks about a report; others may not", function()
  local db, _, p = setup()
  local id = p.as.ada:request_feedback { subject = p.bob, topic = "Bob's first quarter",
                                         addressees = { p.dee, p.cy } }
  local r = p.as.bob:get_request(id)
  T.eq(r.requester, p.ada)
  T.eq(r.subject, p.bob)
  T.raises(S.PERM, p.as.dee.request_feedback, p.as.dee,
    { subject = p.bob, topic = "x", addressees = { p.cy } })
  p.as.hal:request_feedback { subject = p.bob, topic = "HR asks", addressees = { p.cy } }
  local s = db:system_session()
  T.raises(S.PERM, s.request_feedback, s, { subject = p.bob, topic = "x", addressees = { p.cy } })
  db:close()
end)

T.test("request_feedback: errors from C and from Lua", function()
  local db, _, p = setup()
  local bob = p.as.bob
  local function req(fields) return bob.request_feedback(bob, fields) end
  T.raises(S.INVAL, "feedback_request.addressees", req, { topic = "x", addressees = {} })
  T.raises(S.INVAL, "feedback_request.addressees", req, { topic = "x" })
  T.raises(S.INVAL, "is the requester", req, { topic = "x", addressees = { p.bob } })
  T.raises(S.INVAL, "named twice", req, { topic = "x", addressees = { p.ada, p.ada } })
  T.raises(S.INVAL, "feedback_request.topic", req, { topic = " ", addressees = { p.ada } })
  T.raises(S.INVAL, "feedback_request.topic", req, { addressees = { p.ada } })
  T.raises(S.INVAL, "in the past", req, { topic = "x", addressees = { p.ada },
                                          due = "2025-12-31" })
  T.raises(S.INVAL, "feedback_request.expires_days", req,
    { topic = "x", addressees = { p.ada }, expires_days = 0 })
  T.raises(S.INVAL, "feedback_request.repeat_days", req,
    { topic = "x", addressees = { p.ada }, repeat_days = 3 })
  T.raises(S.NOTFOUND, req, { topic = "x", addressees = { 999 } })
  T.raises(S.UTF8, req, { topic = "a\0b", addressees = { p.ada } })
  T.raises(S.RANGE, "repeat_days", req, { topic = "x", addressees = { p.ada },
                                          repeat_days = 1 << 40 })
  T.raises(S.RANGE, "due", req, { topic = "x", addressees = { p.ada }, due = "2026-02-30" })
  T.raises_arg("field 'addressees': table expected, got number", req,
    { topic = "x", addressees = p.ada })
  T.raises_arg("field 'addressees': element 2 is not an id %(string%)", req,
    { topic = "x", addressees = { p.ada, "dee" } })
  T.raises_arg("field 'addressees': element 1 is not an id %(number%)", req,
    { topic = "x", addressees = { 1.5 } })
  T.raises_arg("unknown key 'to'", req, { topic = "x", to = { p.ada } })
  T.raises_arg("field 'topic': string expected, got table", req,
    { topic = {}, addressees = { p.ada } })
  T.raises_arg("table expected, got nil", req)
  T.same(T.collect("id", bob:requests(p.bob, "asked_by")), {}, "nothing was written")
  db:close()
end)

T.test("respond_to_request: feedback to the subject, linked to the request", function()
  local db, _, p = setup()
  local id = ask(p)
  p.clock.now = p.clock.now + 2 * 3600
  local fb = p.as.dee:respond_to_request(id, { kind = "praise", text = "Clear and short",
                                               visibility = "managers" })
  local f = p.as.bob:get_feedback(fb)
  T.eq(f.request, id)
  T.eq(f.receiver, p.bob)
  T.eq(f.giver, p.dee, "a response names its giver")
  T.eq(f.visibility, "managers")
  local part = p.as.bob:get_request(id).parts[2]
  T.same(part, { addressee = p.dee, state = "submitted", answered_at = p.clock.now,
                 response = fb })
  -- An explicit receiver must be the subject.
  local fb2 = p.as.ada:respond_to_request(id, { receiver = p.bob, kind = "suggestion",
                                                text = "Fewer slides" })
  T.eq(p.as.bob:get_request(id).parts[1].response, fb2)

  local again = ask(p)
  local function respond(who, fields) return p.as[who].respond_to_request(p.as[who], again, fields) end
  T.raises(S.INVAL, "feedback.anonymous", respond, "dee",
    { kind = "praise", text = "x", anonymous = true })
  T.raises(S.INVAL, "feedback.receiver", respond, "dee",
    { receiver = p.ada, kind = "praise", text = "x" })
  T.raises(S.INVAL, "feedback.text", respond, "dee", { kind = "praise", text = "" })
  T.raises(S.PERM, respond, "cy", { kind = "praise", text = "x" })
  T.raises(S.NOTFOUND, p.as.dee.respond_to_request, p.as.dee, 999, { kind = "praise", text = "x" })
  respond("dee", { kind = "praise", text = "x" })
  T.raises(S.INVAL, respond, "dee", { kind = "praise", text = "twice" })
  T.raises_arg("table expected, got nil", respond, "ada")
  T.raises_arg("unknown key 'request'", respond, "ada", { kind = "praise", text = "x",
                                                          request = again })
  T.raises_arg("field 'kind': invalid value 'nice'", respond, "ada", { kind = "nice", text = "x" })
  T.raises_arg("number expected, got string", p.as.ada.respond_to_request, p.as.ada, "one",
    { kind = "praise", text = "x" })
  db:close()
end)

T.test("decline_request, and retracting a response reopens the part", function()
  local db, _, p = setup()
  local id = ask(p)
  p.as.ada:decline_request(id)
  local parts = p.as.bob:get_request(id).parts
  T.eq(parts[1].state, "declined")
  T.eq(parts[1].answered_at, p.clock.now)
  T.eq(parts[1].response, nil)
  T.raises(S.INVAL, p.as.ada.decline_request, p.as.ada, id)
  T.raises(S.INVAL, p.as.ada.respond_to_request, p.as.ada, id, { kind = "praise", text = "x" })
  T.raises(S.PERM, p.as.cy.decline_request, p.as.cy, id)
  T.raises(S.PERM, p.as.bob.decline_request, p.as.bob, id)
  T.raises(S.NOTFOUND, p.as.ada.decline_request, p.as.ada, 999)
  T.raises_arg("number expected, got no value", p.as.ada.decline_request, p.as.ada)

  local fb = p.as.dee:respond_to_request(id, { kind = "praise", text = "x" })
  p.as.dee:retract_feedback(fb)
  T.same(p.as.bob:get_request(id).parts[2], { addressee = p.dee, state = "requested" })
  p.as.dee:decline_request(id)
  T.eq(p.as.bob:get_request(id).parts[2].state, "declined")
  db:close()
end)

T.test("a request expires; its open parts can no longer be answered", function()
  local db, _, p = setup()
  local id = ask(p, { expires_days = 5 })
  p.as.dee:respond_to_request(id, { kind = "praise", text = "in time" })
  p.clock.now = p.clock.now + 6 * DAY
  local parts = p.as.bob:get_request(id).parts
  T.eq(parts[1].state, "expired")
  T.eq(parts[2].state, "submitted", "an answered part stays answered")
  T.raises(S.INVAL, p.as.ada.respond_to_request, p.as.ada, id, { kind = "praise", text = "late" })
  T.raises(S.INVAL, p.as.ada.decline_request, p.as.ada, id)
  db:close()
end)

T.test("renew_requests creates the next occurrence of repeating requests, once", function()
  local db, s, p = setup()
  local id = ask(p, { repeat_days = 7 })
  local once = ask(p)
  T.eq(s:renew_requests(), 0, "nothing has come due")
  p.clock.now = p.clock.now + 7 * DAY
  T.eq(s:renew_requests(), 1)
  T.eq(s:renew_requests(), 0, "again the same day creates nothing")
  local list = T.collect(nil, p.as.bob:requests(p.bob, "asked_by"))
  T.eq(#list, 3)
  local next = list[1]
  T.eq(next.previous, id)
  T.eq(next.topic, "My demo on Friday")
  T.eq(next.repeat_days, 7)
  T.eq(#next.parts, 2)
  T.ok(next.id ~= once and next.id ~= id, "a new request")
  -- With a date; HR may renew, others not.
  T.eq(p.as.hal:renew_requests("2026-01-15"), 1)
  T.eq(p.as.hal:renew_requests("2026-01-15"), 0)
  T.raises(S.PERM, p.as.bob.renew_requests, p.as.bob)
  T.raises(S.INVAL, "not a date", s.renew_requests, s, "soon")
  T.raises_arg("string expected, got number", s.renew_requests, s, 20260115)
  db:close()
end)

T.test("requests: by role, with filters", function()
  local db, _, p = setup()
  local answered = ask(p)
  p.clock.now = p.clock.now + 60
  local open = ask(p)
  p.clock.now = p.clock.now + 60
  local expiring = ask(p, { expires_days = 1 })
  p.as.dee:respond_to_request(answered, { kind = "praise", text = "x" })
  p.clock.now = p.clock.now + 2 * DAY
  local about_dee = p.as.ada:request_feedback { subject = p.dee, topic = "Dee",
                                                addressees = { p.bob } }

  T.same(T.collect("id", p.as.bob:requests(p.bob, "asked_by")), { expiring, open, answered },
    "newest first")
  T.same(T.collect("id", p.as.bob:requests(p.bob, "about")), { expiring, open, answered })
  T.same(T.collect("id", p.as.bob:requests(p.bob, "addressed_to")), { about_dee })
  T.same(T.collect("id", p.as.ada:requests(p.ada, "asked_by")), { about_dee })
  T.same(T.collect("id", p.as.dee:requests(p.dee, "about")), { about_dee })
  T.same(T.collect("id", p.as.bob:requests(p.bob, "asked_by", { answered = true })), { answered })
  T.same(T.collect("id", p.as.bob:requests(p.bob, "asked_by", { expired = true })), { expiring })
  T.same(T.collect("id", p.as.bob:requests(p.bob, "asked_by", { open = true })),
    { open, answered }, "a request with a part still requested is open")
  T.same(T.collect("id", p.as.bob:requests(p.bob, "asked_by",
    { open = true, expired = true, answered = false })), { expiring, open, answered })
  -- For addressed_to the filters look at the person's own part.
  T.same(T.collect("id", p.as.dee:requests(p.dee, "addressed_to", { answered = true })),
    { answered })
  T.same(T.collect("id", p.as.dee:requests(p.dee, "addressed_to", { open = true })), { open })
  local r = T.collect(nil, p.as.bob:requests(p.bob, "asked_by", { answered = true }))[1]
  T.eq(r.parts[2].state, "submitted", "records with their parts")

  T.raises(S.PERM, p.as.cy.requests, p.as.cy, p.bob, "asked_by")
  T.raises(S.NOTFOUND, p.as.hal.requests, p.as.hal, 999, "asked_by")
  T.raises_arg("invalid value 'owner' %(expected 'asked_by', 'addressed_to' or 'about'%)",
    p.as.bob.requests, p.as.bob, p.bob, "owner")
  T.raises_arg("string expected, got no value", p.as.bob.requests, p.as.bob, p.bob)
  T.raises_arg("unknown key 'closed'", p.as.bob.requests, p.as.bob, p.bob, "about",
    { closed = true })
  T.raises_arg("field 'open': boolean expected, got number", p.as.bob.requests, p.as.bob, p.bob,
    "about", { open = 1 })
  for q in p.as.bob:requests(p.bob, "asked_by") do
    T.eq(q.requester, p.bob)
    break
  end
  local it = p.as.bob:requests(p.bob, "asked_by")
  T.eq(tostring(it):match("^perfmgmt%.FeedbackRequestIter"), "perfmgmt.FeedbackRequestIter")
  p.as.bob:close()
  T.raises(S.MISUSE, "closed", it)
  T.raises(S.MISUSE, p.as.bob.request_feedback, p.as.bob, { topic = "x", addressees = { p.ada } })
  db:close()
end)

T.finish()
