# Fails unless the rockspec ROCKSPEC names exactly the C files in SOURCES
# (the module's sources in the CMake build), in any order.
file(STRINGS "${ROCKSPEC}" lines REGEX "^ *\"[a-z_0-9]+\\.c\",?$")
set(listed "")
foreach(line IN LISTS lines)
  string(REGEX REPLACE "^ *\"([a-z_0-9]+\\.c)\",?$" "\\1" file "${line}")
  list(APPEND listed "${file}")
endforeach()
list(SORT listed)
set(built ${SOURCES})
list(SORT built)
if(NOT listed STREQUAL built)
  message(FATAL_ERROR "the rockspec lists\n  ${listed}\nbut the module is built from\n  ${built}")
endif()
