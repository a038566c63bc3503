// SPDX-License-Identifier: MIT
// The `surfkmc` command line: subcommands, --help, --version.
#pragma once

#include <iosfwd>

namespace surfkmc::app {

/// Parses the command line and runs the chosen subcommand. Returns 0 on success and for
/// --help/--version, 2 for command-line errors (CLI11's message on `err`). Errors of the
/// commands themselves (InputError, RuntimeError) propagate to main().
int runCommandLine(int argc, const char* const* argv, std::ostream& out, std::ostream& err);

}  // namespace surfkmc::app
