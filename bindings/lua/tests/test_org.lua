-- The organisation: every function of org.h through a session.
local T = require "helper"
local perfmgmt = require "perfmgmt"
local S = perfmgmt.status

-- A small company: Top > Eng > {Apps, Platform}; Sales under Top.
local function company()
  local db, s = T.store()
  local u = {}
  u.top = s:create_unit { name = "Top" }
  u.eng = s:create_unit { name = "Eng", parent = u.top }
  u.apps = s:create_unit { name = "Apps", parent = u.eng }
  u.platform = s:create_unit { name = "Platform", parent = u.eng }
  u.sales = s:create_unit { name = "Sales", parent = u.top }
  return db, s, u
end

T.test("create_unit and get_unit", function()
  local db, s, u = company()
  T.same(s:get_unit(u.top), { id = u.top, name = "Top" }, "a top-level unit has no parent")
  T.same(s:get_unit(u.apps), { id = u.apps, name = "Apps", parent = u.eng })
  T.raises(S.NOTFOUND, s.get_unit, s, 999)
  T.raises(S.CONFLICT, s.create_unit, s, { name = "eng", parent = u.top })
  T.raises(S.INVAL, s.create_unit, s, { name = "" })
  T.raises(S.INVAL, s.create_unit, s, { name = "a/b" })
  T.raises(S.NOTFOUND, s.create_unit, s, { name = "X", parent = 999 })
  T.raises(S.UTF8, s.create_unit, s, { name = "X\0Y" })
  T.raises(S.UTF8, s.create_unit, s, { name = "\xc3" })
  T.raises_arg("unknown key 'parent_id'", s.create_unit, s, { name = "X", parent_id = 1 })
  T.raises_arg("table expected", s.create_unit, s, "X")
  db:close()
end)

T.test("find_unit and unit_path walk names from the top", function()
  local db, s, u = company()
  T.eq(s:find_unit("Top/Eng/Platform"), u.platform)
  T.eq(s:find_unit("top/ENG/platform"), u.platform, "ignoring case")
  T.eq(s:unit_path(u.platform), "Top/Eng/Platform")
  T.eq(s:unit_path(u.top), "Top")
  T.raises(S.NOTFOUND, s.find_unit, s, "Top/Nowhere")
  T.raises(S.UTF8, "path: contains a NUL byte", s.find_unit, s, "Top\0/Eng")
  T.raises(S.NOTFOUND, s.unit_path, s, 999)
  db:close()
end)

T.test("unit_children lists units in name order; nil is the top", function()
  local db, s, u = company()
  T.same(T.collect("name", s:unit_children()), { "Top" })
  T.same(T.collect("name", s:unit_children(nil)), { "Top" })
  T.same(T.collect("name", s:unit_children(u.top)), { "Eng", "Sales" })
  T.same(T.collect("name", s:unit_children(u.eng)), { "Apps", "Platform" })
  T.same(T.collect("name", s:unit_children(u.apps)), {})
  local first = T.collect(nil, s:unit_children(u.eng))[1]
  T.same(first, { id = u.apps, name = "Apps", parent = u.eng })
  T.raises(S.NOTFOUND, s.unit_children, s, 999)
  db:close()
end)

T.test("rename_unit and move_unit; a move into its own subtree is a cycle", function()
  local db, s, u = company()
  s:rename_unit(u.apps, "Applications")
  T.eq(s:unit_path(u.apps), "Top/Eng/Applications")
  s:move_unit(u.apps, u.sales)
  T.eq(s:unit_path(u.apps), "Top/Sales/Applications")
  s:move_unit(u.apps, nil)
  T.eq(s:get_unit(u.apps).parent, nil)
  T.same(T.collect("name", s:unit_children()), { "Applications", "Top" })
  local err = T.raises(S.CYCLE, s.move_unit, s, u.top, u.platform)
  T.eq(err.status, "cycle")
  T.raises(S.CYCLE, s.move_unit, s, u.eng, u.eng)
  T.raises(S.CONFLICT, s.rename_unit, s, u.sales, "eng")
  T.raises(S.UTF8, s.rename_unit, s, u.sales, "Sa\0les")
  T.raises(S.NOTFOUND, s.rename_unit, s, 999, "X")
  T.eq(s:unit_path(u.platform), "Top/Eng/Platform", "nothing moved")
  db:close()
end)

T.test("set_unit and unit_on keep dated history", function()
  local db, s, u = company()
  local ada = s:create_person { external_id = "A", name = "Ada" }
  T.eq(s:unit_on(ada), nil)
  s:set_unit(ada, u.apps, "2025-01-01")
  s:set_unit(ada, u.platform, "2025-06-01")
  T.eq(s:unit_on(ada, "2024-12-31"), nil)
  T.eq(s:unit_on(ada, "2025-01-01"), u.apps)
  T.eq(s:unit_on(ada, "2025-05-31"), u.apps)
  T.eq(s:unit_on(ada, "2025-06-01"), u.platform)
  T.raises(S.CONFLICT, s.set_unit, s, ada, u.sales, "2025-03-01")
  s:set_unit(ada, nil, "2025-09-01")
  T.eq(s:unit_on(ada, "2025-09-01"), nil)
  T.raises(S.NOTFOUND, s.set_unit, s, ada, 999, "2025-10-01")
  T.raises(S.NOTFOUND, s.unit_on, s, 999)
  T.raises(S.RANGE, s.unit_on, s, ada, "2025-13-01")
  db:close()
end)

T.test("unit_members: on a day, and deep", function()
  local db, s, u = company()
  local ada = s:create_person { external_id = "A", name = "Ada", unit = u.apps, start = "2025-01-01" }
  local bob = s:create_person { external_id = "B", name = "Bob", unit = u.eng, start = "2025-01-01" }
  s:create_person { external_id = "C", name = "Cy", unit = u.sales, start = "2025-01-01" }
  s:set_unit(ada, u.platform, "2025-06-01")
  T.same(T.collect("id", s:unit_members(u.apps, { on = "2025-02-01" })), { ada })
  T.same(T.collect("id", s:unit_members(u.apps, { on = "2025-07-01" })), {})
  T.same(T.collect("id", s:unit_members(u.platform, { on = "2025-07-01" })), { ada })
  T.same(T.collect("id", s:unit_members(u.eng, { on = "2025-07-01" })), { bob })
  T.same(T.collect("name", s:unit_members(u.eng, { on = "2025-07-01", deep = true })),
    { "Ada", "Bob" })
  T.same(T.collect("name", s:unit_members(u.top, { deep = true })), { "Ada", "Bob", "Cy" })
  T.raises(S.NOTFOUND, s.unit_members, s, 999)
  T.raises_arg("unknown key 'date'", s.unit_members, s, u.top, { date = "2025-01-01" })
  T.raises_arg("field 'deep': boolean expected", s.unit_members, s, u.top, { deep = "yes" })
  db:close()
end)

-- Ada > Bob > {Cy, Di}; Eve apart.
local function people(s)
  local p = {}
  p.ada = s:create_person { external_id = "A", name = "Ada" }
  p.bob = s:create_person { external_id = "B", name = "Bob" }
  p.cy = s:create_person { external_id = "C", name = "Cy" }
  p.di = s:create_person { external_id = "D", name = "Di" }
  p.eve = s:create_person { external_id = "E", name = "Eve" }
  s:set_manager(p.bob, p.ada, "2025-01-01")
  s:set_manager(p.cy, p.bob, "2025-01-01")
  s:set_manager(p.di, p.bob, "2025-01-01")
  return p
end

T.test("set_manager and manager_on keep dated history", function()
  local db, s = T.store()
  local p = people(s)
  T.eq(s:manager_on(p.cy, "2025-01-01"), p.bob)
  T.eq(s:manager_on(p.cy, "2024-12-31"), nil)
  T.eq(s:manager_on(p.ada), nil)
  s:set_manager(p.cy, p.eve, "2025-09-01")
  T.eq(s:manager_on(p.cy, "2025-08-31"), p.bob)
  T.eq(s:manager_on(p.cy, "2025-09-01"), p.eve)
  s:set_manager(p.cy, nil, "2025-10-01")
  T.eq(s:manager_on(p.cy, "2025-10-01"), nil)
  T.raises(S.CONFLICT, s.set_manager, s, p.cy, p.ada, "2025-02-01")
  T.raises(S.INVAL, s.set_manager, s, p.eve, p.eve, "2025-02-01")
  T.raises(S.NOTFOUND, s.set_manager, s, p.eve, 999, "2025-02-01")
  T.raises(S.NOTFOUND, s.manager_on, s, 999)
  db:close()
end)

T.test("a manager cycle is refused", function()
  local db, s = T.store()
  local p = people(s)
  local err = T.raises(S.CYCLE, s.set_manager, s, p.ada, p.cy, "2025-02-01")
  T.eq(err.code, perfmgmt.status.CYCLE)
  T.eq(s:manager_on(p.ada, "2025-03-01"), nil, "nothing changed")
  db:close()
end)

T.test("reports: direct, indirect, on a day", function()
  local db, s = T.store()
  local p = people(s)
  T.same(T.collect("name", s:reports(p.ada)), { "Bob" })
  T.same(T.collect("name", s:reports(p.ada, { indirect = true })), { "Bob", "Cy", "Di" })
  T.same(T.collect("name", s:reports(p.bob, { on = "2025-01-01" })), { "Cy", "Di" })
  T.same(T.collect("name", s:reports(p.bob, { on = "2024-12-31" })), {})
  T.same(T.collect("name", s:reports(p.eve)), {})
  T.raises(S.NOTFOUND, s.reports, s, 999)
  T.raises(S.INVAL, "not a date", s.reports, s, p.ada, { on = "soon" })
  db:close()
end)

T.test("is_above follows the chain on a day", function()
  local db, s = T.store()
  local p = people(s)
  T.eq(s:is_above(p.ada, p.cy), true)
  T.eq(s:is_above(p.bob, p.cy), true)
  T.eq(s:is_above(p.cy, p.ada), false)
  T.eq(s:is_above(p.eve, p.cy), false)
  T.eq(s:is_above(p.ada, p.cy, "2024-12-31"), false)
  T.raises(S.NOTFOUND, s.is_above, s, 999, p.cy)
  T.raises_arg("number expected, got nil", s.is_above, s, p.ada, nil)
  db:close()
end)

T.test("a person's session reads the structure but may not change it", function()
  local db, s, u = company()
  local p = people(s)
  local as_bob = db:session(p.bob)
  T.same(T.collect("name", as_bob:reports(p.bob)), { "Cy", "Di" })
  T.eq(as_bob:find_unit("Top/Eng"), u.eng)
  T.raises(S.PERM, as_bob.create_unit, as_bob, { name = "Mine" })
  T.raises(S.PERM, as_bob.rename_unit, as_bob, u.eng, "Mine")
  T.raises(S.PERM, as_bob.move_unit, as_bob, u.eng, nil)
  T.raises(S.PERM, as_bob.set_unit, as_bob, p.cy, u.eng)
  T.raises(S.PERM, as_bob.set_manager, as_bob, p.cy, p.eve)
  db:close()
end)

T.test("listing options and ids check their types", function()
  local db, s, u = company()
  T.raises_arg("number expected, got string", s.set_unit, s, 1, "Eng")
  T.raises_arg("string expected, got number", s.set_unit, s, 1, u.eng, 20250101)
  T.raises_arg("table expected, got string", s.reports, s, 1, "indirect")
  T.raises_arg("field 'on': string expected, got boolean", s.reports, s, 1, { on = true })
  T.raises_arg("number expected, got table", s.unit_children, s, {})
  T.raises_arg("number expected, got string", s.move_unit, s, u.eng, "Top")
  db:close()
end)

T.finish()
