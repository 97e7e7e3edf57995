-- The personal-data export: export_person returns the JSON text (not
-- parsed here: that is the host's JSON library's job) and
-- export_person_to_file writes the same text; refusals come back as
-- perfmgmt.Error with the C status and message.
local T = require "helper"
local perfmgmt = require "perfmgmt"
local S = perfmgmt.status

local JAN1 = 1767225600 -- 2026-01-01T00:00:00Z
local SECRET = "a test secret of more than sixteen bytes"

-- Ada manages Bob; Cy gives Bob anonymous feedback; Hal is an HR admin.
local function setup()
  local db = T.open { secret = SECRET }
  db:set_clock(function() return JAN1 + 10 * 3600 end)
  local s = db:system_session()
  local p = {}
  p.ada = s:create_person { external_id = "A", name = "Ada", start = "2025-01-01" }
  p.bob = s:create_person { external_id = "B", name = "Bob", manager = p.ada, start = "2025-01-01" }
  p.cy = s:create_person { external_id = "CY-HIDDEN", name = "Cy Hidden", start = "2025-01-01" }
  p.hal = s:create_person { external_id = "H", name = "Hal", hr_admin = true, start = "2025-01-01" }
  p.as = {}
  for _, who in ipairs { "ada", "bob", "cy", "hal" } do p.as[who] = db:session(p[who]) end
  p.as.cy:give_feedback { receiver = p.bob, kind = "praise", text = "Well done, from no one",
                          anonymous = true }
  p.as.ada:give_feedback { receiver = p.bob, kind = "praise", text = "Well done, from Ada" }
  return db, s, p
end

T.test("export_person returns the document's text", function()
  local db, _, p = setup()
  local text = p.as.bob:export_person(p.bob)
  T.eq(type(text), "string")
  T.ok(text:find('"format": "perfmgmt.person-export"', 1, true), "the format marker")
  T.ok(text:find('"version": 1', 1, true), "the version")
  T.ok(text:find('"exported_at": "2026-01-01T10:00:00Z"', 1, true), "the store's clock")
  T.ok(text:find("Well done, from no one", 1, true), "the anonymous entry")
  T.ok(text:find("Well done, from Ada", 1, true), "the named entry")
  T.ok(not text:find("CY-HIDDEN", 1, true), "the anonymous giver's external id is nowhere")
  T.ok(not text:find("Cy Hidden", 1, true), "nor their name")
  T.eq(text:sub(-1), "\n")
  T.eq(p.as.hal:export_person(p.bob), db:system_session():export_person(p.bob))
  db:close()
end)

T.test("export_person_to_file writes the same text", function()
  local db, _, p = setup()
  local path = T.temp_path()
  T.eq(p.as.bob:export_person_to_file(p.bob, path), nil)
  local f = assert(io.open(path, "rb"))
  local written = f:read("a")
  f:close()
  T.eq(written, p.as.bob:export_person(p.bob))
  db:close()
end)

T.test("refusals come back as errors", function()
  local db, s, p = setup()
  T.raises(S.PERM, "export another person's data", p.as.ada.export_person, p.as.ada, p.bob)
  T.raises(S.NOTFOUND, "9999", s.export_person, s, 9999)
  T.raises(S.INVAL, "person", s.export_person, s, 0)
  local missing = T.temp_path() .. "/no/such/dir/bob.json"
  local err = T.raises(S.IO, nil, s.export_person_to_file, s, p.bob, missing)
  T.ok(err.message:find(missing, 1, true), "the message names the path")
  T.raises(S.INVAL, "must not be empty", s.export_person_to_file, s, p.bob, "")
  T.raises_arg("number expected", s.export_person, s, "B")
  T.raises_arg("string expected", s.export_person_to_file, s, p.bob)
  db:close()
end)

T.finish()
