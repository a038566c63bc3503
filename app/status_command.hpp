// SPDX-License-Identifier: MIT
// `surfkmc status DIR`: what a running, stopped, killed or finished run or sweep has done.
#pragma once

#include <filesystem>
#include <iosfwd>

namespace surfkmc::app {

/// Reads the results folder `dir` of a `run` or `sweep` (run.json or sweep.json, progress.json,
/// summary.json, checkpoints/, the streamed files) without writing or locking anything, and prints
/// whether it is running (its lock is held: the PID), complete, or stopped (with what to resume),
/// the last progress and the streamed files. InputError for a folder that is not a results folder.
void statusCommand(const std::filesystem::path& dir, std::ostream& out);

}  // namespace surfkmc::app
