-- Handles: metatables, close and finalizers, to-be-closed variables, the
-- order C requires (iterators, then sessions, then the store), and closed
-- handles raising clear errors.
local T = require "helper"
local perfmgmt = require "perfmgmt"
local S = perfmgmt.status

local function name_of(v)
  local mt = getmetatable(v)
  return mt and mt.__name
end

local function closed_error(fn, ...)
  return T.raises(S.MISUSE, "attempt to use a closed perfmgmt%.", fn, ...)
end

-- A store with two people, for the tests that need records.
local function small_store()
  local db, s = T.store()
  s:create_person { external_id = "E1", name = "Ada" }
  s:create_person { external_id = "E2", name = "Bob" }
  return db, s
end

T.test("handles carry named metatables", function()
  local db, s = small_store()
  T.eq(name_of(db), "perfmgmt.Db")
  T.eq(name_of(s), "perfmgmt.Session")
  T.eq(name_of(s:search_people("")), "perfmgmt.PersonIter")
  T.eq(name_of(s:unit_children()), "perfmgmt.UnitIter")
  T.ok(tostring(db):find("^perfmgmt%.Db %("), tostring(db))
  T.ok(tostring(s):find("^perfmgmt%.Session %(system"), tostring(s))
  local as_ada = db:session(1)
  T.ok(tostring(as_ada):find("^perfmgmt%.Session %(person 1,"), tostring(as_ada))
  T.eq(s:db(), db, "a session knows its store")
  db:close()
  T.eq(tostring(db), "perfmgmt.Db (closed)")
  T.eq(tostring(s), "perfmgmt.Session (closed)")
end)

T.test("a closed store raises MISUSE from every method; close is idempotent", function()
  local db = T.open()
  db:close()
  db:close()
  closed_error(db.session, db, 1)
  closed_error(db.system_session, db)
  closed_error(db.set_clock, db, nil)
  closed_error(db.now, db)
  local err = closed_error(db.now, db)
  T.eq(err.message, "attempt to use a closed perfmgmt.Db")
end)

T.test("closing the store closes its sessions and their iterators first", function()
  local db, s = small_store()
  local other = db:session(1)
  local it = s:search_people("")
  T.eq(it().name, "Ada")
  db:close()
  closed_error(s.get_person, s, 1)
  closed_error(other.actor, other)
  closed_error(it)
  local err = closed_error(s.get_person, s, 1)
  T.eq(err.message, "attempt to use a closed perfmgmt.Session")
  s:close() -- still idempotent
end)

T.test("closing a session closes its iterators and leaves the store open", function()
  local db, s = small_store()
  local it = s:search_people("")
  local units = s:unit_children()
  s:close()
  s:close()
  closed_error(it)
  closed_error(units)
  closed_error(s.search_people, s, "")
  T.eq(db:system_session():get_person(1).name, "Ada")
  db:close()
end)

T.test("an iterator ends with nil, keeps ending, and can be closed early", function()
  local db, s = small_store()
  local it = s:search_people("")
  T.eq(it().name, "Ada")
  T.eq(it().name, "Bob")
  T.eq(it(), nil)
  T.eq(it(), nil)
  it:close()
  closed_error(it)
  local early = s:search_people("")
  early:close()
  early:close()
  closed_error(early)
  db:close()
end)

T.test("breaking out of a for loop closes the iterator", function()
  local db, s = small_store()
  local f, state, control, closing = s:search_people("")
  T.eq(f, closing, "the iterator is its own closing value")
  T.eq(state, nil)
  T.eq(control, nil)
  for _ in f, state, control, closing do break end
  closed_error(f)
  -- An error inside the loop closes it too.
  local g, _, _, c = s:unit_children()
  pcall(function() for _ in g, nil, nil, c do error("stop") end end)
  closed_error(g)
  db:close()
end)

T.test("to-be-closed variables close stores and sessions", function()
  local db_ref, s_ref
  do
    local db <close> = T.open()
    local s <close> = db:system_session()
    s:create_person { external_id = "E1", name = "Ada" }
    db_ref, s_ref = db, s
  end
  T.eq(tostring(db_ref), "perfmgmt.Db (closed)")
  closed_error(s_ref.get_person, s_ref, 1)
  -- Closed in the other order (store first) by an error unwinding.
  local ok = pcall(function()
    local s <close> = (function()
      local db <close> = T.open()
      db_ref = db
      return db:system_session()
    end)()
    s_ref = s
    error("unwind")
  end)
  T.eq(ok, false)
  T.eq(tostring(db_ref), "perfmgmt.Db (closed)")
  T.eq(tostring(s_ref), "perfmgmt.Session (closed)")
end)

T.test("a session keeps its store alive", function()
  local s = (function()
    local db = T.open()
    local sys = db:system_session()
    sys:create_person { external_id = "E1", name = "Ada" }
    return sys
  end)()
  collectgarbage()
  collectgarbage()
  T.eq(s:get_person(1).name, "Ada", "the store is still open")
  local db = s:db()
  T.eq(name_of(db), "perfmgmt.Db")
  db:close()
end)

T.test("unreachable handles are collected, clock closures included", function()
  local weak = setmetatable({}, { __mode = "v" })
  do
    local db = T.open()
    local s = db:system_session()
    s:create_person { external_id = "E1", name = "Ada" }
    -- A clock that refers to its own store must not keep it alive.
    db:set_clock(function() return db and 1767225600 or 0 end)
    weak.db, weak.s = db, s
    weak.it = s:search_people("")
    weak.units = s:unit_children()
    weak.other = db:session(1)
  end
  collectgarbage()
  collectgarbage()
  T.eq(next(weak), nil, "everything was collected")
end)

T.test("finalizers run in any order without touching freed memory", function()
  -- Many stores, sessions and half-used iterators dropped at once.
  for _ = 1, 20 do
    local db = T.open()
    local s = db:system_session()
    s:create_person { external_id = "E1", name = "Ada" }
    local it = s:search_people("")
    it()
    db:session(1):reports(1)
  end
  collectgarbage()
  collectgarbage()
  T.ok(true)
end)

if T.backend == "sqlite" then
  T.test("a collected store rolls back the transaction a session left open", function()
    local uri = T.uri()
    do
      local db = perfmgmt.open(uri)
      local s = db:system_session()
      s:create_person { external_id = "E1", name = "Ada" }
      s:begin()
      s:create_person { external_id = "E2", name = "Bob" }
    end
    collectgarbage()
    collectgarbage()
    local db <close> = perfmgmt.open(uri)
    local s = db:system_session()
    T.same(T.collect("name", s:search_people("")), { "Ada" })
  end)
end

T.test("methods check the handle type of self", function()
  local db, s = small_store()
  T.raises_arg("perfmgmt%.Session expected, got perfmgmt%.Db", s.get_person, db, 1)
  T.raises_arg("perfmgmt%.Db expected, got perfmgmt%.Session", db.session, s, 1)
  T.raises_arg("perfmgmt%.Db expected, got table", db.close, {})
  local it = s:search_people("")
  T.raises_arg("perfmgmt%.PersonIter expected, got perfmgmt%.Session", it.close, s)
  local units = s:unit_children()
  T.raises_arg("perfmgmt%.UnitIter expected, got perfmgmt%.PersonIter", units.close, it)
  T.raises_arg("number expected, got nil", db.session, db, nil)
  db:close()
end)

T.test("the clock may not use or close the store it serves", function()
  local db, s = small_store()
  db:set_clock(function()
    s:get_person(1)
    return 0
  end)
  T.raises(S.MISUSE, "clock function cannot use", s.set_left, s, 2)
  -- The call itself went ahead with the system time (documented).
  T.eq(s:get_person(2).status, "left")
  db:set_clock(function()
    db:close()
    return 0
  end)
  T.raises(S.MISUSE, "clock function cannot use", s.create_person, s,
    { external_id = "E3", name = "Cy" })
  db:set_clock(function()
    s:close()
    return 0
  end)
  T.raises(S.MISUSE, s.update_person, s, 1, { name = "Ada L." })
  db:set_clock(nil)
  T.eq(s:get_person(1).name, "Ada L.", "the store and session are still open")
  db:close()
end)

T.test("a finalizer inside the clock leaves the session free until the call ends", function()
  local db, s = small_store()
  local dropped = 0
  local made = {}
  for i = 1, 5 do made[i] = db:session(1) end
  db:set_clock(function()
    -- The sessions become garbage and are collected here, in the middle
    -- of a C call on their store.
    made = nil
    collectgarbage()
    collectgarbage()
    dropped = dropped + 1
    return 1767225600
  end)
  s:create_person { external_id = "E3", name = "Cy" }
  T.ok(dropped >= 1, "the clock ran")
  T.eq(s:lookup_person("E3").created_at, 1767225600)
  db:set_clock(nil)
  collectgarbage()
  db:close()
end)

-- Left open on purpose: closing the Lua state at the end finalizes them.
LEFT_OPEN = {}
do
  local db, s = small_store()
  local it = s:search_people("")
  it()
  s:begin()
  s:create_person { external_id = "E9", name = "Zed" }
  LEFT_OPEN = { db, db:session(1), s, it, s:unit_children() }
end

T.finish()
