-- The module itself: version, status codes, the error value, opening stores.
local T = require "helper"
local perfmgmt = require "perfmgmt"
local S = perfmgmt.status

T.test("version gives the release and its parts", function()
  local text, major, minor, patch = perfmgmt.version()
  T.ok(text:match("^%d+%.%d+%.%d+$"), "version text")
  T.eq(text, string.format("%d.%d.%d", major, minor, patch))
  T.eq(perfmgmt._VERSION, text, "compile-time and run-time versions")
end)

T.test("status holds every code by name", function()
  local expected = {
    OK = 0, INVAL = -1, NOTFOUND = -2, PERM = -3, CONFLICT = -4, STORAGE = -5, NOMEM = -6,
    UTF8 = -7, RANGE = -8, BUSY = -9, VERSION = -10, CYCLE = -11, CORRUPT = -12,
    READONLY = -13, MISUSE = -14, UNSUPPORTED = -15, IO = -16, ITEROVER = -17, HELD = -18,
  }
  T.same(S, expected, "perfmgmt.status")
end)

T.test("status_str describes codes, unknown ones too", function()
  T.eq(perfmgmt.status_str(S.NOTFOUND), "not found")
  T.eq(perfmgmt.status_str(S.OK), "ok")
  T.eq(perfmgmt.status_str(S.PERM), "permission denied")
  T.eq(perfmgmt.status_str(S.HELD), "under a legal hold")
  T.eq(perfmgmt.status_str(12345), "unknown status")
  T.eq(perfmgmt.status_str(math.mininteger), "unknown status")
  T.raises_arg("number expected", perfmgmt.status_str, "x")
  T.raises_arg("number has no integer representation", perfmgmt.status_str, 1.5)
end)

T.test("errors are perfmgmt.Error tables with code, status and message", function()
  local ok, err = pcall(perfmgmt.open, "nowhere:")
  T.eq(ok, false)
  T.eq(type(err), "table")
  T.eq(getmetatable(err).__name, "perfmgmt.Error")
  T.eq(err.code, S.INVAL)
  T.eq(err.status, "invalid argument")
  T.ok(err.message:find("nowhere:", 1, true), "the message names the URI")
  T.eq(tostring(err), "perfmgmt: invalid argument: " .. err.message)
end)

T.test("an uncaught error prints its message through __tostring", function()
  local ok, text = pcall(function()
    local _, err = pcall(perfmgmt.open, "nowhere:")
    return string.format("%s", err)
  end)
  T.ok(ok)
  T.ok(text:find("^perfmgmt: invalid argument: "), "formatted " .. text)
end)

T.test("open refuses a URI with no known scheme or no file name", function()
  T.raises(S.INVAL, "names no known store", perfmgmt.open, "mysql://x")
  T.raises(S.INVAL, "needs a file name", perfmgmt.open, "sqlite:")
  T.raises(S.INVAL, perfmgmt.open, "")
end)

T.test("open refuses a NUL byte inside the URI", function()
  T.raises(S.UTF8, "uri: contains a NUL byte", perfmgmt.open, "memory:\0x")
end)

T.test("open checks its argument types and option names", function()
  T.raises_arg("string expected, got no value", perfmgmt.open)
  T.raises_arg("string expected, got nil", perfmgmt.open, nil)
  T.raises_arg("string expected, got table", perfmgmt.open, {})
  T.raises_arg("table expected, got string", perfmgmt.open, "memory:", "readonly")
  T.raises_arg("unknown key 'read_only'", perfmgmt.open, "memory:", { read_only = true })
  T.raises_arg("field 'readonly': boolean expected, got string", perfmgmt.open, "memory:",
    { readonly = "yes" })
  T.raises_arg("keys are names", perfmgmt.open, "memory:", { true })
end)

T.test("a memory store cannot be opened with create = false", function()
  T.raises(S.NOTFOUND, perfmgmt.open, "memory:", { create = false })
  local db = perfmgmt.open("memory:", { create = true, readonly = false })
  db:close()
end)

T.test("create = false refuses a missing SQLite file", function()
  local path = T.temp_path()
  local err = T.raises(S.IO, perfmgmt.open, "sqlite:" .. path, { create = false })
  T.ok(err.message:find(path, 1, true), "the message names the file")
  T.eq(io.open(path, "rb"), nil, "no file was made")
end)

T.test("a garbage file is refused as corrupt", function()
  local path = T.temp_path()
  local f = assert(io.open(path, "wb"))
  f:write(string.rep("this is not a database\0\255\1", 400))
  f:close()
  local err = T.raises(S.CORRUPT, perfmgmt.open, "sqlite:" .. path)
  T.ok(err.message:find(path, 1, true), "the message names the file")
end)

T.test("a read-only store refuses writes and still reads", function()
  local path = T.temp_path()
  local db = perfmgmt.open("sqlite:" .. path)
  local id = db:system_session():create_person { external_id = "E1", name = "Ada" }
  db:close()
  local ro <close> = perfmgmt.open("sqlite:" .. path, { readonly = true })
  local s = ro:system_session()
  T.eq(s:get_person(id).name, "Ada")
  T.raises(S.READONLY, s.create_person, s, { external_id = "E2", name = "Bob" })
end)

T.finish()
