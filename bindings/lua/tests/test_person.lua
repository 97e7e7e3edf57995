-- People: every function of person.h through a session, and the error rule
-- with the errors C reports.
local T = require "helper"
local perfmgmt = require "perfmgmt"
local S = perfmgmt.status

local function fixed_clock(db, t)
  db:set_clock(function() return t end)
end

T.test("create_person returns an id; get_person returns the record", function()
  local db, s = T.store()
  fixed_clock(db, 1767225600) -- 2026-01-01T00:00:00Z
  local id = s:create_person { external_id = "E1", name = "Ada Lovelace", email = "ada@example.org" }
  T.eq(math.type(id), "integer")
  T.ok(id > 0, "a positive id")
  T.same(s:get_person(id), {
    id = id, external_id = "E1", name = "Ada Lovelace", email = "ada@example.org",
    status = "active", hr_admin = false,
    created_at = 1767225600, created_by = 0, updated_at = 1767225600, updated_by = 0,
  }, "the record")
  db:close()
end)

T.test("a person without an email has no email field", function()
  local db, s = T.store()
  local id = s:create_person { external_id = "E1", name = "Ada" }
  T.eq(s:get_person(id).email, nil)
  db:close()
end)

T.test("create_person places the person in a unit under a manager from a date", function()
  local db, s = T.store()
  local unit = s:create_unit { name = "Lab" }
  local boss = s:create_person { external_id = "B", name = "Boss", hr_admin = true }
  local id = s:create_person {
    external_id = "E1", name = "Ada", unit = unit, manager = boss, start = "2025-03-01",
  }
  T.eq(s:get_person(boss).hr_admin, true)
  T.eq(s:unit_on(id, "2025-03-01"), unit)
  T.eq(s:unit_on(id, "2025-02-28"), nil)
  T.eq(s:manager_on(id, "2025-03-01"), boss)
  T.eq(s:manager_on(id, "2025-02-28"), nil)
  db:close()
end)

T.test("text reaches C as UTF-8, normalised to NFC", function()
  local db, s = T.store()
  local id = s:create_person { external_id = "E1", name = "A\u{30A}sa" } -- decomposed Å
  T.eq(s:get_person(id).name, "\u{C5}sa")
  db:close()
end)

T.test("lookup_person finds a person by external id", function()
  local db, s = T.store()
  local id = s:create_person { external_id = "HR-0042", name = "Ada" }
  T.eq(s:lookup_person("HR-0042").id, id)
  T.raises(S.NOTFOUND, "no person has 'HR%-0043'", s.lookup_person, s, "HR-0043")
  db:close()
end)

T.test("update_person changes only the fields given", function()
  local db, s = T.store()
  local t = 1767225600
  db:set_clock(function() return t end)
  local id = s:create_person { external_id = "E1", name = "Ada", email = "ada@example.org" }
  t = t + 60
  s:update_person(id, { name = "Ada King" })
  local p = s:get_person(id)
  T.eq(p.name, "Ada King")
  T.eq(p.email, "ada@example.org")
  T.eq(p.external_id, "E1")
  T.eq(p.updated_at, t)
  T.eq(p.created_at, t - 60)
  s:update_person(id, { external_id = "E9", email = "" })
  p = s:get_person(id)
  T.eq(p.external_id, "E9")
  T.eq(p.email, nil, "an empty email removes it")
  s:update_person(id, {})
  T.eq(s:get_person(id).name, "Ada King")
  db:close()
end)

T.test("set_hr_admin grants and removes the role", function()
  local db, s = T.store()
  local id = s:create_person { external_id = "E1", name = "Ada" }
  s:set_hr_admin(id, true)
  T.eq(s:get_person(id).hr_admin, true)
  s:set_hr_admin(id, false)
  T.eq(s:get_person(id).hr_admin, false)
  T.raises_arg("boolean expected, got number", s.set_hr_admin, s, id, 1)
  db:close()
end)

T.test("set_left records the day; search leaves them out unless asked", function()
  local db, s = T.store()
  local ada = s:create_person { external_id = "E1", name = "Ada" }
  local bob = s:create_person { external_id = "E2", name = "Bob" }
  s:set_left(bob, "2025-06-30")
  local p = s:get_person(bob)
  T.eq(p.status, "left")
  T.eq(p.left_on, "2025-06-30")
  T.eq(s:get_person(ada).left_on, nil)
  T.same(T.collect("name", s:search_people("")), { "Ada" })
  T.same(T.collect("name", s:search_people("", { include_left = true })), { "Ada", "Bob" })
  T.raises(S.CONFLICT, "already left", s.set_left, s, bob)
  T.raises(S.PERM, "has left", db.session, db, bob)
  db:close()
end)

T.test("set_left without a date uses today by the store's clock", function()
  local db, s = T.store()
  fixed_clock(db, 1767225600 + 86400 * 31 + 3600) -- 2026-02-01T01:00:00Z
  local id = s:create_person { external_id = "E1", name = "Ada" }
  s:set_left(id)
  T.eq(s:get_person(id).left_on, "2026-02-01")
  db:close()
end)

T.test("search_people ignores case, also for Å, in folded-name order", function()
  local db, s = T.store()
  s:create_person { external_id = "1", name = "Åsa Öberg" }
  s:create_person { external_id = "2", name = "Märta Åsander" }
  s:create_person { external_id = "3", name = "Per Ärlig" }
  T.same(T.collect("name", s:search_people("åSA")), { "Märta Åsander", "Åsa Öberg" })
  T.same(T.collect("external_id", s:search_people("")), { "2", "3", "1" })
  T.same(T.collect("name", s:search_people("nobody")), {})
  db:close()
end)

T.test("the error rule: invalid UTF-8 in a name", function()
  local db, s = T.store()
  local err = T.raises(S.UTF8, "display_name", s.create_person, s,
    { external_id = "E1", name = "Ad\xffa" })
  T.eq(err.status, "invalid UTF-8")
  db:close()
end)

T.test("the error rule: a NUL byte inside text reaches C and is refused", function()
  local db, s = T.store()
  T.raises(S.UTF8, "person.display_name: contains a NUL byte", s.create_person, s,
    { external_id = "E1", name = "Ada\0Evil" })
  T.raises(S.UTF8, "person.external_id: contains a NUL byte", s.create_person, s,
    { external_id = "E1\0", name = "Ada" })
  local id = s:create_person { external_id = "E1", name = "Ada" }
  T.raises(S.UTF8, "person.email: contains a NUL byte", s.update_person, s, id,
    { email = "a@b\0c" })
  -- lookup and search take NUL-terminated text: the binding refuses it alike.
  T.raises(S.UTF8, "external_id: contains a NUL byte", s.lookup_person, s, "E1\0")
  T.raises(S.UTF8, "query: contains a NUL byte", s.search_people, s, "A\0")
  T.eq(s:get_person(id).name, "Ada", "nothing changed")
  db:close()
end)

T.test("the error rule: empty and missing required fields", function()
  local db, s = T.store()
  T.raises(S.INVAL, "person.display_name: must not be empty", s.create_person, s,
    { external_id = "E1", name = "" })
  T.raises(S.INVAL, "person.external_id: must not be empty", s.create_person, s,
    { name = "Ada" })
  T.raises(S.INVAL, "person.email", s.create_person, s,
    { external_id = "E1", name = "Ada", email = "no-at-sign" })
  T.raises(S.RANGE, "display_name", s.create_person, s,
    { external_id = "E1", name = string.rep("x", 201) })
  T.same(T.collect("id", s:search_people("")), {}, "nothing was written")
  db:close()
end)

T.test("the error rule: a duplicate external id", function()
  local db, s = T.store()
  local id = s:create_person { external_id = "E1", name = "Ada" }
  T.raises(S.CONFLICT, "'E1' is already used by person " .. id, s.create_person, s,
    { external_id = "E1", name = "Bob" })
  db:close()
end)

T.test("the error rule: unknown ids", function()
  local db, s = T.store()
  T.raises(S.NOTFOUND, "person: 42 does not exist", s.get_person, s, 42)
  T.raises(S.NOTFOUND, s.update_person, s, 42, { name = "X" })
  T.raises(S.NOTFOUND, s.set_hr_admin, s, 42, true)
  T.raises(S.NOTFOUND, s.set_left, s, 42)
  T.raises(S.NOTFOUND, "does not exist", db.session, db, 42)
  T.raises(S.NOTFOUND, s.create_person, s, { external_id = "E1", name = "Ada", manager = 42 })
  T.raises(S.NOTFOUND, s.create_person, s, { external_id = "E1", name = "Ada", unit = 42 })
  T.raises(S.INVAL, "not a person id", s.get_person, s, 0)
  T.raises(S.INVAL, s.get_person, s, -1)
  db:close()
end)

T.test("the error rule: permission denied", function()
  local db, s = T.store()
  local ada = s:create_person { external_id = "E1", name = "Ada" }
  local bob = s:create_person { external_id = "E2", name = "Bob" }
  local as_ada = db:session(ada)
  T.eq(as_ada:actor(), ada)
  T.eq(as_ada:get_person(bob).name, "Bob", "the directory is readable")
  local err = T.raises(S.PERM, "person " .. ada .. " may not", as_ada.create_person, as_ada,
    { external_id = "E3", name = "Eve" })
  T.eq(err.status, "permission denied")
  T.raises(S.PERM, as_ada.update_person, as_ada, bob, { name = "Robert" })
  T.raises(S.PERM, as_ada.set_hr_admin, as_ada, ada, true)
  T.raises(S.PERM, as_ada.set_left, as_ada, bob)
  as_ada:update_person(ada, { name = "Ada L." })
  T.eq(s:get_person(ada).name, "Ada L.", "a person edits their own name")
  T.eq(s:get_person(ada).updated_by, ada)
  db:close()
end)

T.test("dates: malformed and impossible ones are refused", function()
  local db, s = T.store()
  local id = s:create_person { external_id = "E1", name = "Ada" }
  T.raises(S.INVAL, "date: '2025%-1%-1' is not a date", s.set_left, s, id, "2025-1-1")
  T.raises(S.RANGE, "date: '2025%-02%-30' is not a date", s.set_left, s, id, "2025-02-30")
  T.raises(S.UTF8, "date: contains a NUL byte", s.set_left, s, id, "2025-01-01\0")
  T.raises(S.INVAL, "start", s.create_person, s,
    { external_id = "E2", name = "Bob", start = "yesterday" })
  T.raises_arg("string expected, got number", s.set_left, s, id, 20250101)
  T.eq(s:get_person(id).status, "active")
  db:close()
end)

T.test("wrong Lua types raise argument errors", function()
  local db, s = T.store()
  T.raises_arg("number expected, got nil", s.get_person, s, nil)
  -- Called as a method, the message names it and counts after self.
  T.raises_arg("^[^\n]*bad argument #1 to 'get_person' %(number expected, got nil%)",
    function() return s:get_person(nil) end)
  T.raises_arg("number expected, got string", s.get_person, s, "1x")
  T.raises_arg("number has no integer representation", s.get_person, s, 1.5)
  T.raises_arg("perfmgmt.Session expected, got perfmgmt.Db", s.get_person, db, 1)
  T.raises_arg("perfmgmt.Session expected, got no value", s.get_person)
  T.raises_arg("table expected, got string", s.create_person, s, "Ada")
  T.raises_arg("unknown key 'display_name'", s.create_person, s,
    { external_id = "E1", display_name = "Ada" })
  T.raises_arg("field 'name': string expected, got table", s.create_person, s,
    { external_id = "E1", name = {} })
  T.raises_arg("field 'hr_admin': boolean expected, got number", s.create_person, s,
    { external_id = "E1", name = "Ada", hr_admin = 1 })
  T.raises_arg("field 'unit': number expected, got string", s.create_person, s,
    { external_id = "E1", name = "Ada", unit = "Lab" })
  T.raises_arg("field 'manager': number has no integer representation", s.create_person, s,
    { external_id = "E1", name = "Ada", manager = 0.5 })
  T.raises_arg("field 'start': string expected, got number", s.create_person, s,
    { external_id = "E1", name = "Ada", start = 1 })
  T.raises_arg("table expected, got no value", s.update_person, s, 1)
  T.raises_arg("unknown key 'hr_admin'", s.update_person, s, 1, { hr_admin = true })
  T.raises_arg("string expected, got no value", s.lookup_person, s)
  T.raises_arg("unknown key 'left'", s.search_people, s, "", { left = true })
  T.raises_arg("boolean expected, got no value", s.set_hr_admin, s, 1)
  db:close()
end)

T.test("a number given as text is taken as its digits", function()
  local db, s = T.store()
  local id = s:create_person { external_id = 1001, name = "Ada" }
  T.eq(s:get_person(id).external_id, "1001")
  T.eq(s:lookup_person(1001).id, id)
  db:close()
end)

T.finish()
