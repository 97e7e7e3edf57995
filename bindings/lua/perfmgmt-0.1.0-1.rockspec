-- Builds the Lua module against an installed libperfmgmt (headers and
-- libperfmgmt.so from `cmake --install`). From a checkout:
--
--   cd bindings/lua && luarocks make perfmgmt-0.1.0-1.rockspec PERFMGMT_DIR=/usr/local
--
-- `luarocks build` fetches the source named below: a release archive made
-- with `git archive --prefix=perfmgmt-0.1.0/ -o perfmgmt-0.1.0.tar.gz HEAD`
-- and placed next to this file.
rockspec_format = "3.0"
package = "perfmgmt"
version = "0.1.0-1"
source = {
   url = "perfmgmt-0.1.0.tar.gz",
   dir = "perfmgmt-0.1.0/bindings/lua",
}
description = {
   summary = "Lua 5.4 binding of perfmgmt, a library for employee performance management",
   detailed = [[
perfmgmt is an embeddable C11 library for employee performance management
and development: people and organisation units with dated history, goals
with key results and progress history, check-ins, feedback in every
direction with requests and culture metrics, 360-degree rounds,
competencies with assessments and gaps, development plans and programmes,
wellbeing metrics, validated instruments and survey rounds with
suppressed aggregates, before-and-after evaluations with their
statistics, trends and pattern flags, access rules applied to every call, CSV import, in-memory and SQLite stores. This
module binds its public API with Lua handles, plain tables for records and
structured errors.
]],
   license = "MIT",
}
dependencies = {
   "lua >= 5.4, < 5.5",
}
external_dependencies = {
   PERFMGMT = {
      header = "perfmgmt.h",
      library = "perfmgmt",
   },
}
build = {
   type = "builtin",
   modules = {
      perfmgmt = {
         sources = {
            "perfmgmt_lua.c",
            "lua_db.c",
            "lua_args.c",
            "lua_iter.c",
            "lua_person.c",
            "lua_org.c",
            "lua_goal.c",
            "lua_checkin.c",
            "lua_feedback.c",
            "lua_request.c",
            "lua_review360.c",
            "lua_competency.c",
            "lua_gap.c",
            "lua_development.c",
            "lua_programme.c",
            "lua_wellbeing.c",
            "lua_survey.c",
            "lua_evaluation.c",
            "lua_retention.c",
            "lua_export.c",
            "lua_audit.c",
            "lua_erasure.c",
         },
         libraries = { "perfmgmt" },
         incdirs = { "$(PERFMGMT_INCDIR)" },
         libdirs = { "$(PERFMGMT_LIBDIR)" },
      },
   },
}
