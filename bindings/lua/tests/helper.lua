-- A small harness for the Lua binding's test scripts.
--
--   local T = require "helper"          -- the backend comes from arg[1]
--   T.test("what it shows", function() T.eq(1 + 1, 2) end)
--   T.finish()                           -- prints "N passed, N failed", exits
--
-- T.open() opens a fresh store on the chosen backend: "memory:" or a new
-- SQLite file, removed at the end.
local perfmgmt = require "perfmgmt"

local T = {}

T.backend = arg and arg[1] or "memory"
if T.backend ~= "memory" and T.backend ~= "sqlite" then
  io.stderr:write("usage: lua5.4 test_x.lua memory|sqlite\n")
  os.exit(2)
end

-- The source tree, for the example data (ctest sets it; otherwise it is
-- found from this file's place, bindings/lua/tests/helper.lua).
T.source_dir = os.getenv("PERFMGMT_SOURCE_DIR")
if not T.source_dir then
  local here = debug.getinfo(1, "S").source:match("^@(.*)/[^/]*$") or "."
  T.source_dir = here .. "/../../.."
end
T.org_csv = T.source_dir .. "/examples/quickstart/org.csv"

local passed, failed = 0, 0
local temp_files = {}

local function describe(v)
  if type(v) == "string" then return string.format("%q", v) end
  return tostring(v)
end

-- Raises an assertion failure that names the caller's line.
local function fail(message, level)
  error(message, (level or 1) + 2)
end

function T.ok(value, what)
  if not value then fail((what or "expected a true value") .. ", got " .. describe(value)) end
  return value
end

function T.eq(actual, expected, what)
  if actual ~= expected then
    fail(string.format("%sexpected %s, got %s", what and (what .. ": ") or "",
      describe(expected), describe(actual)))
  end
end

-- Equal lists or records, compared one level deep.
function T.same(actual, expected, what)
  local prefix = what and (what .. ": ") or ""
  if type(actual) ~= "table" then fail(prefix .. "expected a table, got " .. describe(actual)) end
  for k, v in pairs(expected) do
    if actual[k] ~= v then
      fail(string.format("%s[%s]: expected %s, got %s", prefix, describe(k), describe(v),
        describe(actual[k])))
    end
  end
  for k, v in pairs(actual) do
    if expected[k] == nil then
      fail(string.format("%sunexpected [%s] = %s", prefix, describe(k), describe(v)))
    end
  end
end

-- Calls fn(...) and checks it raised a perfmgmt.Error with this code;
-- returns the error. A message pattern, when given, must match.
function T.raises(code, pattern, fn, ...)
  if type(pattern) == "function" then return T.raises(code, nil, pattern, fn, ...) end
  local ok, err = pcall(fn, ...)
  if ok then fail("expected an error with code " .. tostring(code) .. ", got none") end
  local mt = getmetatable(err)
  if type(err) ~= "table" or not mt or mt.__name ~= "perfmgmt.Error" then
    fail("expected a perfmgmt.Error, got " .. describe(err))
  end
  if err.code ~= code then
    fail(string.format("expected code %s (%s), got %s (%s): %s", tostring(code),
      perfmgmt.status_str(code), tostring(err.code), tostring(err.status), tostring(err.message)))
  end
  if err.status ~= perfmgmt.status_str(code) then
    fail("status " .. describe(err.status) .. " does not match the code")
  end
  if type(err.message) ~= "string" or err.message == "" then
    fail("the error has no message")
  end
  if pattern and not err.message:find(pattern) then
    fail(string.format("message %s does not match %s", describe(err.message), describe(pattern)))
  end
  return err
end

-- Calls fn(...) and checks it raised a standard argument error (a string)
-- matching pattern.
function T.raises_arg(pattern, fn, ...)
  local ok, err = pcall(fn, ...)
  if ok then fail("expected an argument error, got none") end
  if type(err) ~= "string" or not err:find("bad argument", 1, true) then
    fail("expected a 'bad argument' error, got " .. describe(err))
  end
  if not err:find(pattern) then
    fail(string.format("argument error %s does not match %s", describe(err), describe(pattern)))
  end
  return err
end

-- A file name for a new store; the file and SQLite's companions are
-- removed at the end.
function T.temp_path()
  local path = os.tmpname()
  os.remove(path)
  temp_files[#temp_files + 1] = path
  return path
end

-- The URI of a fresh store on this run's backend.
function T.uri()
  if T.backend == "memory" then return "memory:" end
  return "sqlite:" .. T.temp_path()
end

function T.open(opts)
  return perfmgmt.open(T.uri(), opts)
end

-- A store with a system session, for tests that need a few records.
function T.store()
  local db = T.open()
  return db, db:system_session()
end

-- The records a listing yields, or one field of each:
-- T.collect("name", s:reports(id)).
function T.collect(field, f, state, control, closing)
  local out = {}
  for record in f, state, control, closing do
    out[#out + 1] = field and record[field] or record
  end
  return out
end

-- Runs one test; a failure is reported and counted, and the run goes on.
function T.test(name, fn)
  local ok, err = xpcall(fn, function(e) return debug.traceback(tostring(e), 2) end)
  if ok then
    passed = passed + 1
  else
    failed = failed + 1
    io.stderr:write(string.format("FAIL %s [%s]\n%s\n", name, T.backend, err))
  end
end

function T.finish()
  collectgarbage()
  collectgarbage()
  for _, path in ipairs(temp_files) do
    os.remove(path)
    os.remove(path .. "-wal")
    os.remove(path .. "-shm")
    os.remove(path .. "-journal")
  end
  print(string.format("%d passed, %d failed", passed, failed))
  -- Closing the state runs the finalizers of whatever is left open.
  os.exit(failed == 0 and 0 or 1, true)
end

return T
