# SPDX-License-Identifier: MIT
# The dependency rule (ARCHITECTURE.md) checked on every quoted include of every library folder:
#   cmake -DROOT=<tree> -P cmake/check_layering.cmake
# fails, naming file, line and include, when a folder includes one it may not use. The link graph
# alone does not catch a header-only use, since every target sees the repository root.
cmake_minimum_required(VERSION 3.25)
if(NOT ROOT)
  message(FATAL_ERROR "check_layering: pass -DROOT=<repository root>")
endif()

# Folder -> the folders its sources may include (itself always).
set(allowed_core       core)
set(allowed_lattice    core lattice)
set(allowed_atomistic  core lattice atomistic)
set(allowed_kmc        core lattice kmc)
set(allowed_nucleation core lattice nucleation)
set(allowed_coupling   core lattice kmc nucleation coupling)
set(allowed_app        core lattice atomistic kmc nucleation coupling app)
set(folders core lattice atomistic kmc nucleation coupling app)

set(violations "")
set(checked 0)
foreach(folder IN LISTS folders)
  file(GLOB_RECURSE sources "${ROOT}/${folder}/*.hpp" "${ROOT}/${folder}/*.cpp" "${ROOT}/${folder}/*.in")
  foreach(source IN LISTS sources)
    math(EXPR checked "${checked} + 1")
    file(STRINGS "${source}" lines REGEX "^[ \t]*#[ \t]*include[ \t]*\"")
    foreach(line IN LISTS lines)
      if(NOT line MATCHES "#[ \t]*include[ \t]*\"([^\"/]+)/")
        continue()  # a same-folder include without a path
      endif()
      set(target "${CMAKE_MATCH_1}")
      if(NOT target IN_LIST folders)
        continue()  # not a library folder (e.g. a generated header's own path)
      endif()
      if(NOT target IN_LIST allowed_${folder})
        file(RELATIVE_PATH rel "${ROOT}" "${source}")
        string(STRIP "${line}" line)
        list(JOIN allowed_${folder} ", " may_use)
        list(APPEND violations "${rel}: ${line} (${folder}/ may use ${may_use})")
      endif()
    endforeach()
  endforeach()
endforeach()

if(violations)
  list(JOIN violations "\n  " text)
  message(FATAL_ERROR "includes that break the dependency rule:\n  ${text}")
endif()
if(checked EQUAL 0)
  message(FATAL_ERROR "check_layering: no sources under ${ROOT}")
endif()
message(STATUS "layering: ${checked} files follow the dependency rule")
