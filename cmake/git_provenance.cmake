# SPDX-License-Identifier: MIT
# Run at build time (cmake -P), not at configure time: writes the provenance header with the commit the
# sources are at, and "-dirty" when tracked files differ from that commit, so a binary built from edits
# that were not yet committed never carries the hash of the commit before them. configure_file rewrites
# the header only when its text changes, so an unchanged tree recompiles nothing.
#   -DSOURCE_DIR=<repository> -DINPUT=<version.hpp.in> -DOUTPUT=<version.hpp> -DPROJECT_VERSION=<x.y.z>
execute_process(COMMAND git rev-parse --short=12 HEAD WORKING_DIRECTORY ${SOURCE_DIR}
  OUTPUT_VARIABLE SURFKMC_GIT_HASH OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET RESULT_VARIABLE rev_failed)
if(rev_failed OR NOT SURFKMC_GIT_HASH)
  set(SURFKMC_GIT_HASH unknown)
else()
  execute_process(COMMAND git --no-optional-locks status --porcelain --untracked-files=no
    WORKING_DIRECTORY ${SOURCE_DIR} OUTPUT_VARIABLE changes ERROR_QUIET RESULT_VARIABLE status_failed)
  if(status_failed)
    set(SURFKMC_GIT_HASH "${SURFKMC_GIT_HASH}-unknown-state")
  elseif(changes)
    set(SURFKMC_GIT_HASH "${SURFKMC_GIT_HASH}-dirty")
  endif()
endif()
configure_file(${INPUT} ${OUTPUT} @ONLY)
