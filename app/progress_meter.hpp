// SPDX-License-Identifier: MIT
// Progress of a long run on stderr: tasks done / total, simulated time, estimated time left.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdio>
#include <mutex>

namespace surfkmc::app {

/// Thread-safe; prints only when stderr is a terminal, so logs and pipes stay clean. One line,
/// rewritten in place (carriage return); finish() ends it.
class ProgressMeter {
 public:
  /// `total` tasks of which `already_done` finished before (a resumed run): they do not count
  /// towards the rate that estimates the time left. Prints to `stream` (stderr; tests pass a
  /// pseudo-terminal or a file) if and only if it is a terminal.
  ProgressMeter(std::size_t total, std::size_t already_done, std::FILE* stream = stderr);
  ProgressMeter(const ProgressMeter&) = delete;
  ProgressMeter& operator=(const ProgressMeter&) = delete;

  /// One task finished after simulating `simulated_s` [s].
  void taskDone(double simulated_s);
  /// Ends the line (if anything was printed).
  void finish();

 private:
  std::FILE* stream_;
  bool enabled_;
  std::size_t total_;
  std::size_t done_;
  std::size_t done_here_ = 0;
  double simulated_s_ = 0.0;
  bool printed_ = false;
  std::chrono::steady_clock::time_point start_;
  std::mutex mutex_;
};

}  // namespace surfkmc::app
