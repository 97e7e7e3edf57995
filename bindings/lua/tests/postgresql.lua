-- The module on the PostgreSQL backend: a store in a schema of its own,
-- people and feedback written and read back across two opens, a group
-- rolled back, and the library's message for a malformed URI.
--
-- It needs a server: PM_TEST_PG_URI holds its URI (scripts/test starts a
-- throwaway one with scripts/pg-server); without it the script exits 77,
-- which ctest counts as skipped. Run it with no argument.
local uri = os.getenv("PM_TEST_PG_URI")
if not uri or uri == "" then
  io.stdout:write("\n!!!! SKIPPED: PM_TEST_PG_URI is not set, so the PostgreSQL Lua test did not run.\n",
    "!!!! Start a server with scripts/pg-server start DIR and export its URI.\n\n")
  os.exit(77)
end

-- The helper's store functions are for memory and SQLite; its assertions
-- serve here too, and failures are reported under this backend's name.
local T = require "helper"
T.backend = "postgresql"
local perfmgmt = require "perfmgmt"
local S = perfmgmt.status

local NOW = 1740992400 -- 2025-03-03T09:00:00Z
local SECRET = "a test secret of more than sixteen bytes"

local function with_param(base, param)
  return base .. (base:find("?", 1, true) and "&" or "?") .. param
end

-- Each test gets a schema (a tenant) of its own, dropped at the end.
local schemas = {}
local function fresh_uri()
  local name = string.format("pm_lua_%x_%x", os.time(), math.random(0, 0x7fffffff))
  schemas[#schemas + 1] = name
  return with_param(uri, "schema=" .. name)
end

local function open(store_uri, opts)
  opts = opts or {}
  opts.secret = SECRET
  local db = perfmgmt.open(store_uri, opts)
  db:set_clock(function() return NOW end)
  return db
end

T.test("people and feedback are read back after reopening", function()
  local store_uri = fresh_uri()
  local db = open(store_uri)
  local hr = db:system_session()
  local lab = hr:create_unit { name = "Lab" }
  local bo = hr:create_person { external_id = "BO", name = "Bo Chen", email = "bo@example.org",
                                unit = lab, start = "2025-01-01" }
  local ada = hr:create_person { external_id = "ADA", name = "Ada Sørensen", unit = lab,
                                 manager = bo, start = "2025-01-01" }
  local text = "Your write-up of the incident was the clearest yet ✓"
  local as_bo = db:session(bo)
  local named = as_bo:give_feedback { receiver = ada, kind = "praise", text = text,
                                      situation = "Tuesday's review" }
  local hidden = as_bo:give_feedback { receiver = ada, kind = "suggestion", text = "Fewer slides",
                                       anonymous = true }
  local as_ada = db:session(ada)
  local f = as_ada:get_feedback(named)
  T.eq(f.giver, bo, "giver")
  T.eq(f.receiver, ada, "receiver")
  T.eq(f.kind, "praise", "kind")
  T.eq(f.direction, "downward", "direction")
  T.eq(f.text, text, "text")
  T.eq(f.situation, "Tuesday's review", "situation")
  T.eq(f.given_at, NOW, "given_at")
  local received = {}
  for entry in as_ada:feedback_received(ada) do received[entry.id] = true end
  T.same(received, { [named] = true, [hidden] = true }, "received")
  db:close()

  -- A second open finds the store as it was left, secret and all.
  local again = open(store_uri, { create = false })
  local s = again:system_session()
  T.eq(s:lookup_person("ADA").name, "Ada Sørensen")
  T.eq(s:get_person(bo).email, "bo@example.org")
  T.eq(s:manager_on(ada, "2025-01-01"), bo)
  T.eq(s:unit_path(lab), "Lab")
  T.eq(s:get_feedback(named).text, text)
  T.eq(s:get_feedback(hidden).giver, nil, "an anonymous giver")
  T.eq(again:session(bo):get_feedback(hidden).is_mine, true, "is_mine for its giver")
  again:close()
end)

T.test("a rolled back group leaves nothing", function()
  local db = open(fresh_uri())
  local s = db:system_session()
  s:begin()
  s:create_person { external_id = "E1", name = "Kept out" }
  s:rollback()
  T.raises(S.NOTFOUND, s.lookup_person, s, "E1")
  s:transaction(function() s:create_person { external_id = "E2", name = "Kept in" } end)
  T.eq(s:lookup_person("E2").name, "Kept in")
  db:close()
end)

T.test("a bad schema name is an invalid argument naming schema", function()
  T.raises(S.INVAL, "schema", perfmgmt.open, with_param(uri, "schema=Bad-Name"))
end)

T.test("no store with create = false is refused", function()
  T.raises(S.NOTFOUND, perfmgmt.open, fresh_uri(), { create = false })
end)

-- Drops the test schemas with psql when it is there; otherwise they stay
-- behind, which is harmless on a throwaway test server. A sanitizer
-- runtime preloaded for this interpreter has no business in psql.
local function quote(s) return "'" .. s:gsub("'", "'\\''") .. "'" end
if os.execute("command -v psql >/dev/null 2>&1") then
  for _, name in ipairs(schemas) do
    os.execute("env -u LD_PRELOAD -u ASAN_OPTIONS psql -X -q -c "
      .. quote("DROP SCHEMA IF EXISTS " .. name .. " CASCADE") .. " " .. quote(uri) .. " >/dev/null 2>&1")
  end
end

T.finish()
