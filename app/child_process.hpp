// SPDX-License-Identifier: MIT
// Running a helper program (gnuplot) without a shell: arguments go to it as they are.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace surfkmc::app {

/// Runs `argv[0]` (looked up in PATH) with the arguments `argv` through posix_spawn, never a
/// shell, so no argument is ever parsed as shell code; stdin, stdout and stderr are /dev/null.
/// With `cwd`, it runs in that folder (so it can be given plain file names, whatever characters
/// the folder's path holds). Waits for it and returns its exit code, or -1 if it could not be
/// started or was killed.
int runProgram(const std::vector<std::string>& argv, const std::filesystem::path& cwd = {});

}  // namespace surfkmc::app
