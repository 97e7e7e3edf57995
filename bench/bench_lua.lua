--[[
bench_lua.lua: what one look-up costs from Lua, to compare with the same
look-up from C (bench/bench_org, "look-ups by id").

  LUA_CPATH="build-bench/bindings/lua/?.so" lua5.4 bench/bench_lua.lua [N]

Builds a store of N people (default 20000) on each backend, memory and a
temporary SQLite file, then times:

  get_person     session:get_person(id), ids in random order: the C call
                 pm_person_get() plus the binding (argument and handle
                 checks, a table of eleven fields for the record)
  lookup_person  session:lookup_person(external_id), random order
  actor          session:actor(), which reaches no store: the cost of a
                 method call through the binding alone

Each is run three times and the fastest pass counts. Times are CPU time
(os.clock), in nanoseconds per call. Use an optimised build (scripts/bench
makes one in build-bench/) for numbers worth comparing.
]]
local perfmgmt = require "perfmgmt"

local N = tonumber(arg[1] or "20000")
if not N or N < 1 or N ~= math.floor(N) then
  io.stderr:write("usage: lua5.4 bench_lua.lua [N]\n")
  os.exit(2)
end
local PASSES = 3

-- A fixed permutation of 1..n, the same for every run.
local function shuffled(n)
  local order = {}
  for i = 1, n do order[i] = i end
  local state = 12345
  for i = n, 2, -1 do
    state = (state * 1103515245 + 12345) % 2147483648
    local j = state % i + 1
    order[i], order[j] = order[j], order[i]
  end
  return order
end

-- The fastest of PASSES runs of fn(), in ns per operation.
local function best_ns(ops, fn)
  local best = math.huge
  for _ = 1, PASSES do
    collectgarbage()
    local t0 = os.clock()
    fn()
    local t = os.clock() - t0
    if t < best then best = t end
  end
  return best / ops * 1e9
end

local function run(label, uri)
  local db <close> = perfmgmt.open(uri)
  local s = db:system_session()
  local ids = {}
  local t0 = os.clock()
  s:transaction(function(tx)
    for i = 1, N do
      ids[i] = tx:create_person {
        external_id = string.format("E%07d", i),
        name = string.format("Person %d Example", i),
        email = string.format("person%d@example.org", i),
      }
    end
  end)
  local insert_s = os.clock() - t0

  local order = shuffled(N)
  local get_ns = best_ns(N, function()
    local get = s.get_person
    for i = 1, N do get(s, ids[order[i]]) end
  end)
  local keys = {}
  for i = 1, N do keys[i] = string.format("E%07d", order[i]) end
  local lookup_ns = best_ns(N, function()
    local lookup = s.lookup_person
    for i = 1, N do lookup(s, keys[i]) end
  end)
  local actor_ns = best_ns(N * 10, function()
    local actor = s.actor
    for _ = 1, N * 10 do actor(s) end
  end)
  print(string.format("%-7s %9.1f %14.0f %14.0f %10.0f", label, insert_s, get_ns, lookup_ns,
    actor_ns))
end

print(string.format("perfmgmt %s, %s, %d people, best of %d passes", perfmgmt.version(),
  _VERSION, N, PASSES))
print(string.format("%-7s %9s %14s %14s %10s", "store", "insert s", "get_person ns",
  "lookup ns", "actor ns"))
run("memory", "memory:")
local path = os.tmpname()
local ok, err = pcall(run, "sqlite", "sqlite:" .. path)
for _, suffix in ipairs { "", "-wal", "-shm" } do os.remove(path .. suffix) end
if not ok then error(err, 0) end
