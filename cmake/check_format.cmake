# SPDX-License-Identifier: MIT
# Every C++ source formatted with the repository's .clang-format (docs/style.md#format):
#   cmake -DROOT=<repository root> -DCLANG_FORMAT=<clang-format or empty> -P cmake/check_format.cmake
# fails, listing each file and line clang-format would change. Skipped (ctest SKIP_REGULAR_EXPRESSION
# on "SKIPPED:") without clang-format 14: other versions lay out some constructs differently, so
# their verdict would not be the repository's.
cmake_minimum_required(VERSION 3.25)
if(NOT ROOT)
  message(FATAL_ERROR "check_format: pass -DROOT=<repository root>")
endif()
if(NOT CLANG_FORMAT OR NOT EXISTS "${CLANG_FORMAT}")
  message("SKIPPED: clang-format not found (Debian package clang-format; `make deps` installs it)")
  return()
endif()
execute_process(COMMAND "${CLANG_FORMAT}" --version OUTPUT_VARIABLE version OUTPUT_STRIP_TRAILING_WHITESPACE)
if(NOT version MATCHES "version 14\\.")
  message("SKIPPED: ${CLANG_FORMAT} is not clang-format 14 (${version}); the repository is formatted with 14")
  return()
endif()

set(folders app atomistic bench core coupling kmc lattice nucleation python tests tools)
set(sources "")
foreach(folder IN LISTS folders)
  file(GLOB_RECURSE found "${ROOT}/${folder}/*.hpp" "${ROOT}/${folder}/*.cpp" "${ROOT}/${folder}/*.hpp.in")
  list(APPEND sources ${found})
endforeach()
list(SORT sources)
list(LENGTH sources count)
execute_process(COMMAND "${CLANG_FORMAT}" --style=file --dry-run --Werror ${sources}
  WORKING_DIRECTORY "${ROOT}" RESULT_VARIABLE result ERROR_VARIABLE diagnostics)
if(NOT result EQUAL 0)
  message(FATAL_ERROR "${diagnostics}\nclang-format: files above differ from .clang-format; run\n"
    "  clang-format -i <file>   (clang-format 14)")
endif()
message("clang-format: ${count} files formatted as .clang-format says")
