# SPDX-License-Identifier: MIT
# Test of cmake/git_provenance.cmake on a scratch repository: a clean checkout is stamped with its commit,
# an edited tracked file adds "-dirty", an untracked file does not, and a folder outside git is "unknown".
#   -DWORK=<scratch folder> -DSCRIPT=<git_provenance.cmake> -DINPUT=<version.hpp.in>
file(REMOVE_RECURSE ${WORK})
file(MAKE_DIRECTORY ${WORK}/repo ${WORK}/plain)
function(run_git)
  execute_process(COMMAND git -c user.name=t -c user.email=t@example.org ${ARGN} WORKING_DIRECTORY ${WORK}/repo
    RESULT_VARIABLE failed OUTPUT_QUIET ERROR_VARIABLE err)
  if(failed)
    message(FATAL_ERROR "git ${ARGN}: ${err}")
  endif()
endfunction()
function(stamp dir out)
  execute_process(COMMAND ${CMAKE_COMMAND} -DSOURCE_DIR=${dir} -DINPUT=${INPUT} -DOUTPUT=${WORK}/version.hpp
    -DPROJECT_VERSION=1.2.3 -P ${SCRIPT} RESULT_VARIABLE failed)
  if(failed)
    message(FATAL_ERROR "git_provenance.cmake failed in ${dir}")
  endif()
  file(STRINGS ${WORK}/version.hpp line REGEX "kGitHash")
  string(REGEX REPLACE ".*\"(.*)\".*" "\\1" hash "${line}")
  set(${out} "${hash}" PARENT_SCOPE)
endfunction()

run_git(init -q)
file(WRITE ${WORK}/repo/source.cpp "int main() { return 0; }\n")
run_git(add source.cpp)
run_git(commit -q -m first)
execute_process(COMMAND git rev-parse --short=12 HEAD WORKING_DIRECTORY ${WORK}/repo OUTPUT_VARIABLE head
  OUTPUT_STRIP_TRAILING_WHITESPACE)

stamp(${WORK}/repo clean)
file(WRITE ${WORK}/repo/notes.txt "untracked\n")
stamp(${WORK}/repo untracked)
file(APPEND ${WORK}/repo/source.cpp "// an edit not yet committed\n")
stamp(${WORK}/repo edited)
set(ENV{GIT_CEILING_DIRECTORIES} ${WORK})  # the scratch folder may lie inside a checkout
stamp(${WORK}/plain outside)

set(expected "${head}|${head}|${head}-dirty|unknown")
set(got "${clean}|${untracked}|${edited}|${outside}")
if(NOT got STREQUAL expected)
  message(FATAL_ERROR "stamps clean|untracked|edited|outside git: got ${got}, expected ${expected}")
endif()
message(STATUS "provenance stamps as expected: ${got}")
