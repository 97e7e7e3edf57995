--[[
import_org.lua: import an organisation from a CSV export into an SQLite
store, then print the unit tree and each manager's reports.

  lua5.4 examples/lua/import_org.lua PATH.db [org.csv]

Without a CSV it reads examples/quickstart/org.csv (found next to this
script). The module must be on Lua's search path: installed
(`cmake --install`), or from a build tree:

  LUA_CPATH="build/bindings/lua/?.so" lua5.4 examples/lua/import_org.lua hr.db

Run it twice: the second import finds nothing to change. A failure prints
the library's message (which names the line and field of a bad CSV row)
and exits with status 1.
]]
local perfmgmt = require "perfmgmt"

local function usage()
  io.stderr:write("usage: lua5.4 import_org.lua PATH.db [org.csv]\n")
  os.exit(2, true)
end

local db_path, csv_path = arg[1], arg[2]
if not db_path or #arg > 2 then usage() end
if not csv_path then
  local here = arg[0]:match("^(.*)/[^/]*$") or "."
  csv_path = here .. "/../quickstart/org.csv"
end

-- Prints the units under parent (nil: the top), indented by depth, with
-- how many people belong to each today.
local function print_units(s, parent, depth)
  for unit in s:unit_children(parent) do
    local count = 0
    for _ in s:unit_members(unit.id) do count = count + 1 end
    print(string.format("  %s%s (%d %s)", string.rep("  ", depth), unit.name, count,
      count == 1 and "person" or "people"))
    print_units(s, unit.id, depth + 1)
  end
end

local function main()
  -- The store and session close when main returns or fails.
  local db <close> = perfmgmt.open("sqlite:" .. db_path)
  -- The system actor is the explicit identity of integrations like this one.
  local s <close> = db:system_session()

  local stats = s:import_csv_file(csv_path)
  print(string.format("Imported %s into %s: %d rows; %d people created, %d updated; %d units created.",
    csv_path, db_path, stats.rows, stats.people_created, stats.people_updated, stats.units_created))

  print("\nThe unit tree:")
  print_units(s, nil, 0)

  print("\nManagers and their reports:")
  for person in s:search_people("") do
    local reports = {}
    for report in s:reports(person.id) do
      reports[#reports + 1] = string.format("%s (%s)", report.name, report.external_id)
    end
    if #reports > 0 then
      print(string.format("  %s (%s):", person.name, person.external_id))
      for _, line in ipairs(reports) do print("    " .. line) end
    end
  end
end

local ok, err = pcall(main)
if not ok then
  -- perfmgmt errors are tables: code, status and message.
  if type(err) == "table" and err.status then
    io.stderr:write(string.format("import_org: %s: %s\n", err.status, err.message))
  else
    io.stderr:write("import_org: " .. tostring(err) .. "\n")
  end
  os.exit(1, true)
end
