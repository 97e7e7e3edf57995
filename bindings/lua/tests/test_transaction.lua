-- Transactions (begin, commit, rollback, transaction) and the store's clock.
local T = require "helper"
local perfmgmt = require "perfmgmt"
local S = perfmgmt.status

local function names(s)
  return T.collect("name", s:search_people(""))
end

T.test("begin and commit keep a group of writes", function()
  local db, s = T.store()
  s:begin()
  s:create_person { external_id = "E1", name = "Ada" }
  s:create_person { external_id = "E2", name = "Bob" }
  s:commit()
  T.same(names(s), { "Ada", "Bob" })
  db:close()
end)

T.test("rollback discards the group", function()
  local db, s = T.store()
  s:create_person { external_id = "E1", name = "Ada" }
  s:begin()
  s:create_person { external_id = "E2", name = "Bob" }
  s:rollback()
  T.same(names(s), { "Ada" })
  db:close()
end)

T.test("a failed call inside a group fails alone", function()
  local db, s = T.store()
  s:begin()
  s:create_person { external_id = "E1", name = "Ada" }
  T.raises(S.CONFLICT, s.create_person, s, { external_id = "E1", name = "Again" })
  s:create_person { external_id = "E2", name = "Bob" }
  s:commit()
  T.same(names(s), { "Ada", "Bob" })
  db:close()
end)

T.test("begin, commit and rollback out of order are MISUSE", function()
  local db, s = T.store()
  T.raises(S.MISUSE, "none is open", s.commit, s)
  T.raises(S.MISUSE, "none is open", s.rollback, s)
  s:begin()
  T.raises(S.MISUSE, "already open", s.begin, s)
  s:rollback()
  db:close()
end)

T.test("transaction commits and returns what the function returns", function()
  local db, s = T.store()
  local a, b, c = s:transaction(function(tx, x, y)
    T.eq(tx, s, "the function gets the session")
    local id = tx:create_person { external_id = "E1", name = "Ada" }
    return id, x + y, nil
  end, 2, 3)
  T.eq(a, 1)
  T.eq(b, 5)
  T.eq(c, nil)
  T.same(names(s), { "Ada" })
  T.eq(s:transaction(function() end), nil)
  db:close()
end)

T.test("transaction rolls back and rethrows the same error", function()
  local db, s = T.store()
  local marker = setmetatable({}, { __tostring = function() return "marker" end })
  local ok, err = pcall(s.transaction, s, function(tx)
    tx:create_person { external_id = "E1", name = "Ada" }
    error(marker)
  end)
  T.eq(ok, false)
  T.eq(err, marker, "the very error value")
  ok, err = pcall(s.transaction, s, function(tx)
    tx:create_person { external_id = "E1", name = "Ada" }
    error("plain text", 0)
  end)
  T.eq(err, "plain text")
  T.same(names(s), {}, "rolled back")
  -- A perfmgmt.Error from inside passes through as it is.
  local perr = T.raises(S.CONFLICT, s.transaction, s, function(tx)
    tx:create_person { external_id = "E1", name = "Ada" }
    tx:create_person { external_id = "E1", name = "Ada again" }
  end)
  T.ok(perr.message:find("already used"), perr.message)
  T.same(names(s), {}, "rolled back")
  -- The session is usable afterwards.
  s:transaction(function(tx) tx:create_person { external_id = "E1", name = "Ada" } end)
  T.same(names(s), { "Ada" })
  db:close()
end)

T.test("transaction inside a transaction is MISUSE and leaves the outer one open", function()
  local db, s = T.store()
  T.raises(S.MISUSE, s.transaction, s, function(tx)
    tx:create_person { external_id = "E1", name = "Ada" }
    tx:transaction(function() end)
  end)
  T.same(names(s), {}, "the outer one rolled back on the error")
  s:begin()
  T.raises(S.MISUSE, s.transaction, s, function() end)
  s:rollback()
  db:close()
end)

T.test("closing the session inside a transaction is reported", function()
  local db, s = T.store()
  T.raises(S.MISUSE, "closed inside the transaction", s.transaction, s, function(tx)
    tx:create_person { external_id = "E1", name = "Ada" }
    tx:close()
  end)
  local other = db:system_session()
  T.same(names(other), {}, "rolled back")
  T.raises(S.MISUSE, "closed inside the transaction", other.transaction, other, function(tx)
    tx:create_person { external_id = "E1", name = "Ada" }
    db:close()
  end)
  local ok, err = pcall(db.system_session, db)
  T.eq(ok, false)
  T.eq(err.code, S.MISUSE, "the store is closed")
end)

T.test("a transaction may yield inside a coroutine", function()
  local db, s = T.store()
  local co = coroutine.wrap(function()
    return s:transaction(function(tx)
      tx:create_person { external_id = "E1", name = "Ada" }
      coroutine.yield("paused")
      tx:create_person { external_id = "E2", name = "Bob" }
      return "done"
    end)
  end)
  T.eq(co(), "paused")
  T.eq(co(), "done")
  T.same(names(s), { "Ada", "Bob" })
  local failing = coroutine.wrap(function()
    return s:transaction(function(tx)
      tx:create_person { external_id = "E3", name = "Cy" }
      coroutine.yield()
      error("late", 0)
    end)
  end)
  failing()
  local ok, err = pcall(failing)
  T.eq(ok, false)
  T.eq(err, "late")
  T.same(names(s), { "Ada", "Bob" })
  db:close()
end)

T.test("transaction checks its arguments", function()
  local db, s = T.store()
  T.raises_arg("function expected, got nil", s.transaction, s, nil)
  T.raises_arg("function expected, got no value", s.transaction, s)
  T.raises(S.MISUSE, "none is open", s.commit, s) -- nothing was begun
  db:close()
end)

-- ---- the clock ----

T.test("set_clock fixes now, write stamps and today", function()
  local db, s = T.store()
  local t = 1767225600 -- 2026-01-01T00:00:00Z
  db:set_clock(function() return t end)
  T.eq(db:now(), t)
  local id = s:create_person { external_id = "E1", name = "Ada" }
  local u = s:create_unit { name = "Lab" }
  t = t + 86400 * 40 -- 2026-02-10
  s:set_unit(id, u)
  T.eq(s:unit_on(id, "2026-02-09"), nil)
  T.eq(s:unit_on(id, "2026-02-10"), u)
  T.eq(s:unit_on(id), u, "today by the clock")
  local p = s:get_person(id)
  T.eq(p.created_at, 1767225600)
  s:set_left(id)
  T.eq(s:get_person(id).left_on, "2026-02-10")
  T.eq(s:get_person(id).updated_at, t)
  db:close()
end)

T.test("set_clock(nil) restores the system clock", function()
  local db = T.open()
  db:set_clock(function() return 0 end)
  T.eq(db:now(), 0)
  db:set_clock(nil)
  T.ok(math.abs(db:now() - os.time()) < 5, "about now")
  db:set_clock(function() return 7 end)
  db:set_clock()
  T.ok(db:now() > 7, "no argument also restores it")
  db:close()
end)

T.test("the clock serves every session of its store, in coroutines too", function()
  local db, s = T.store()
  db:set_clock(function() return 1767225600 end)
  local id = s:create_person { external_id = "E1", name = "Ada", hr_admin = true }
  local as_ada = db:session(id)
  local other_id = coroutine.wrap(function()
    return as_ada:create_person { external_id = "E2", name = "Bob" }
  end)()
  T.eq(s:get_person(other_id).created_at, 1767225600)
  T.eq(s:get_person(other_id).created_by, id)
  db:close()
end)

T.test("a clock that fails raises its error after the call", function()
  local db, s = T.store()
  local marker = {}
  db:set_clock(function() error(marker) end)
  local ok, err = pcall(db.now, db)
  T.eq(ok, false)
  T.eq(err, marker, "the clock's own error value")
  ok, err = pcall(s.create_person, s, { external_id = "E1", name = "Ada" })
  T.eq(err, marker)
  db:set_clock(function() return "soon" end)
  T.raises(S.INVAL, "must return an integer", db.now, db)
  db:set_clock(function() return 1.5 end)
  T.raises(S.INVAL, "got number", db.now, db)
  db:set_clock(function() return nil end)
  T.raises(S.INVAL, "got nil", db.now, db)
  db:set_clock(function() return 12.0 end)
  T.eq(db:now(), 12, "a float with an integer value will do")
  db:set_clock(function() coroutine.yield() end)
  local co = coroutine.wrap(function() return pcall(db.now, db) end)
  local yielded_ok = co()
  T.eq(yielded_ok, false, "a clock cannot yield")
  db:close()
end)

T.test("set_clock checks its argument", function()
  local db = T.open()
  T.raises_arg("function expected, got number", db.set_clock, db, 1767225600)
  T.raises_arg("function expected, got table", db.set_clock, db, {})
  db:close()
end)

T.finish()
