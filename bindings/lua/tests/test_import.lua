-- Import (import.h), and a round trip through examples/quickstart/org.csv
-- that checks the facts the C quickstart prints.
local T = require "helper"
local perfmgmt = require "perfmgmt"
local S = perfmgmt.status

local HEADER = "external_id,name,email,manager_external_id,unit_path,hr_admin\n"

local function read_file(path)
  local f = assert(io.open(path, "rb"))
  local data = f:read("a")
  f:close()
  return data
end

T.test("import_csv creates people and units and returns what it did", function()
  local db, s = T.store()
  local stats = s:import_csv(HEADER
    .. "E1,Ada,ada@example.org,,Co,yes\n"
    .. "E2,Bob,,E1,Co/Lab,no\n", { on = "2025-01-01" })
  T.same(stats, { rows = 2, people_created = 2, people_updated = 0, people_left = 0,
    units_created = 2 }, "stats")
  local bob = s:lookup_person("E2")
  local ada = s:lookup_person("E1")
  T.eq(ada.hr_admin, true)
  T.eq(s:manager_on(bob.id, "2025-01-01"), ada.id)
  T.eq(s:manager_on(bob.id, "2024-12-31"), nil)
  T.eq(s:unit_path(s:unit_on(bob.id, "2025-01-01")), "Co/Lab")
  db:close()
end)

T.test("importing the same file again changes nothing", function()
  local db, s = T.store()
  local csv = HEADER .. "E1,Ada,,,Co,no\nE2,Bob,,E1,Co,no\n"
  s:import_csv(csv, { on = "2025-01-01" })
  T.same(s:import_csv(csv, { on = "2025-02-01" }), { rows = 2, people_created = 0,
    people_updated = 0, people_left = 0, units_created = 0 })
  db:close()
end)

T.test("mark_missing_left marks people the file no longer has", function()
  local db, s = T.store()
  s:import_csv(HEADER .. "E1,Ada,,,,\nE2,Bob,,,,\n", { on = "2025-01-01" })
  local stats = s:import_csv(HEADER .. "E1,Ada,,,,\n",
    { on = "2025-03-01", mark_missing_left = true })
  T.eq(stats.people_left, 1)
  local bob = s:lookup_person("E2")
  T.eq(bob.status, "left")
  T.eq(bob.left_on, "2025-03-01")
  db:close()
end)

T.test("a refused import names the line and writes nothing", function()
  local db, s = T.store()
  local err = T.raises(S.NOTFOUND, "line 3: manager_external_id: 'E9'", s.import_csv, s,
    HEADER .. "E1,Ada,,,,\nE2,Bob,,E9,,\n")
  T.eq(err.status, "not found")
  T.raises(S.CONFLICT, s.import_csv, s, HEADER .. "E1,Ada,,,,\nE1,Bob,,,,\n")
  T.raises(S.CYCLE, s.import_csv, s, HEADER .. "E1,Ada,,E2,,\nE2,Bob,,E1,,\n")
  T.raises(S.INVAL, s.import_csv, s, "name\nAda\n")
  T.raises(S.UTF8, s.import_csv, s, HEADER .. "E1,Ad\xffa,,,,\n")
  T.raises(S.UTF8, s.import_csv, s, HEADER .. "E1,Ad\0a,,,,\n")
  T.same(T.collect("id", s:search_people("", { include_left = true })), {}, "nothing written")
  db:close()
end)

T.test("only HR may import", function()
  local db, s = T.store()
  local id = s:create_person { external_id = "E1", name = "Ada" }
  local as_ada = db:session(id)
  T.raises(S.PERM, as_ada.import_csv, as_ada, HEADER .. "E2,Bob,,,,\n")
  s:set_hr_admin(id, true)
  local as_hr = db:session(id)
  T.eq(as_hr:import_csv(HEADER .. "E2,Bob,,,,\n").people_created, 1)
  db:close()
end)

T.test("import_csv_file reads a file; a missing one is an I/O error", function()
  local db, s = T.store()
  local path = T.temp_path()
  local f = assert(io.open(path, "wb"))
  f:write(HEADER, "E1,Ada,,,,\n")
  f:close()
  T.eq(s:import_csv_file(path).people_created, 1)
  local err = T.raises(S.IO, s.import_csv_file, s, path .. ".missing")
  T.ok(err.message:find(path .. ".missing", 1, true), "the message names the file")
  T.raises(S.UTF8, "path: contains a NUL byte", s.import_csv_file, s, path .. "\0x")
  T.raises_arg("unknown key 'date'", s.import_csv_file, s, path, { date = "2025-01-01" })
  T.raises_arg("string expected, got no value", s.import_csv, s)
  db:close()
end)

-- The quickstart, from Lua: the same file, the same facts.
T.test("quickstart round trip: org.csv gives the same answers as the C quickstart", function()
  local db, sys = T.store()
  local stats = sys:import_csv(read_file(T.org_csv), { on = "2025-01-01" })
  T.same(stats, { rows = 12, people_created = 12, people_updated = 0, people_left = 0,
    units_created = 6 }, "import stats")
  T.same(sys:import_csv_file(T.org_csv, { on = "2025-01-01" }), { rows = 12,
    people_created = 0, people_updated = 0, people_left = 0, units_created = 0 }, "again")

  -- The unit tree with member counts.
  local lines = {}
  local function walk(parent, depth)
    for unit in sys:unit_children(parent) do
      local n = #T.collect("id", sys:unit_members(unit.id))
      lines[#lines + 1] = string.rep("  ", depth) .. unit.name .. " " .. n
      walk(unit.id, depth + 1)
    end
  end
  walk(nil, 0)
  T.same(lines, { "Nordlys 1", "  Engineering 1", "    Apps 2", "    Platform 3",
    "  People 2", "  Sales 3" }, "the unit tree")

  -- Björn's view of his reports, through his own session.
  local bjorn = sys:lookup_person("N002")
  T.eq(bjorn.name, "Björn Ekström")
  local as_bjorn <close> = db:session(bjorn.id)
  T.same(T.collect("external_id", as_bjorn:reports(bjorn.id)), { "N006", "N005" },
    "direct reports: Jörgen, Märta")
  T.same(T.collect("name", as_bjorn:reports(bjorn.id, { indirect = true })),
    { "Ella Öhman", "Jörgen Nyström", "Märta Åsander", "Oskar Lundén", "Sofia Häggström" },
    "direct and indirect reports")

  -- The reorganisation: Oskar moves to Jörgen on 2025-09-01.
  local oskar = sys:lookup_person("N008").id
  local jorgen = sys:lookup_person("N006").id
  sys:set_manager(oskar, jorgen, "2025-09-01")
  T.eq(sys:get_person(sys:manager_on(oskar, "2025-06-01")).name, "Märta Åsander")
  T.eq(sys:get_person(sys:manager_on(oskar, "2025-10-01")).name, "Jörgen Nyström")
  T.eq(sys:is_above(bjorn.id, oskar, "2025-10-01"), true)

  -- Search ignores case, even for Å.
  T.same(T.collect("name", as_bjorn:search_people("åsa")), { "Märta Åsander", "Åsa Öberg" })
  T.same(T.collect("name", as_bjorn:search_people("ÅSA")), { "Märta Åsander", "Åsa Öberg" })

  -- The refusal.
  local err = T.raises(S.PERM, "may not administer people", as_bjorn.create_person, as_bjorn,
    { external_id = "N999", name = "Someone New" })
  T.eq(err.code, -3)
  T.eq(err.status, "permission denied")
  db:close()
end)

T.finish()
