-- The organisation the wellbeing, survey and evaluation tests share.
--
--   local F = require "wellbeing_fixture"
--   local db, s, p = F.org()      -- s: a system session; p: ids and sessions
--
-- Units: Eng, with Platform below it, and Sales. Max heads Eng (unit Eng);
-- five people in Platform (pl1..pl5) and two directly in Eng (en1, en2)
-- report to him; five people in Sales (sa1..sa5) report to Sam; Hal is an
-- HR admin outside the units. Everyone started on 2025-01-01. The store's
-- clock reads F.NOW (2026-07-01T10:00:00Z) until p.clock.now is changed.
local T = require "helper"

local F = {}

F.DAY = 86400
F.JAN1 = 1767225600 -- 2026-01-01T00:00:00Z
F.NOW = F.JAN1 + 181 * F.DAY + 10 * 3600 -- 2026-07-01T10:00:00Z

-- The days before the first of each month of 2026.
local MONTH_START = { 0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334 }

-- An instant in 2026: month m, day d (default 15), at noon UTC.
function F.at(m, d)
  return F.JAN1 + (MONTH_START[m] + (d or 15) - 1) * F.DAY + 12 * 3600
end

F.PLATFORM = { "pl1", "pl2", "pl3", "pl4", "pl5" }
F.ENG_DIRECT = { "en1", "en2" }
F.SALES = { "sa1", "sa2", "sa3", "sa4", "sa5" }

function F.org()
  local db, s = T.store()
  local clock = { now = F.NOW }
  db:set_clock(function() return clock.now end)
  local p = { clock = clock, as = {} }
  p.eng = s:create_unit { name = "Eng" }
  p.platform = s:create_unit { name = "Platform", parent = p.eng }
  p.sales = s:create_unit { name = "Sales" }
  local function person(key, unit, manager, hr_admin)
    p[key] = s:create_person { external_id = key, name = key:upper(), unit = unit,
                               manager = manager, hr_admin = hr_admin, start = "2025-01-01" }
    p.as[key] = db:session(p[key])
  end
  person("hal", nil, nil, true)
  person("max", p.eng)
  person("sam", p.sales)
  for _, key in ipairs(F.PLATFORM) do person(key, p.platform, p.max) end
  for _, key in ipairs(F.ENG_DIRECT) do person(key, p.eng, p.max) end
  for _, key in ipairs(F.SALES) do person(key, p.sales, p.sam) end
  return db, s, p
end

-- Imports one measurement per person: values[i] for keys[i], at `at`.
function F.import(s, p, metric, keys, values, at)
  for i, key in ipairs(keys) do
    s:add_measurement { person = p[key], metric = metric, value = values[i], at = at,
                        source = "import" }
  end
end

return F
