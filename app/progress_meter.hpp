// SPDX-License-Identifier: MIT
// Live progress of `run` and `sweep`: a thermo-style row on stderr and progress.json in the results folder.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <map>
#include <mutex>
#include <optional>
#include <string>

namespace surfkmc::app {

/// Where one running task (a KMC-only run, a replica) is.
struct TaskProgress {
  double time_s = 0.0;                         ///< simulated time [s]
  std::optional<double> strain;                ///< applied strain (loaded runs)
  std::optional<double> stress_GPa;            ///< axial stress (loaded runs) [GPa]
  std::optional<double> diffusivity_m2_per_s;  ///< surface self-diffusivity measured so far [m²/s]
  std::int64_t events = 0;                     ///< KMC events so far
  /// Share of the task's horizon done, 0..1: t / duration, events / max_events, or strain /
  /// max_strain, whichever is furthest (a loaded replica that nucleates ends sooner).
  double fraction = 0.0;
};

struct ProgressOptions {
  /// stderr, or a pseudo-terminal or file in tests.
  std::FILE* stream = stderr;
  /// Print nothing (`--quiet`); progress.json is still written.
  bool quiet = false;
  /// progress.json to keep up to date (none if empty): what `surfkmc status DIR` reads.
  std::filesystem::path status_file;
  /// What runs, for progress.json ("kmc", "coupled", "sweep").
  std::string mode;
};

/// Thread-safe. Prints a header and then a row (wall time, tasks done, simulated time, strain,
/// stress, D_s, events, events/s, time left) at the first update and then after 1, 2, 4, ... s of
/// wall time, at most every 10 s on a terminal and every 60 s on anything else (a log file stays
/// short). The time left extrapolates the rate at which the tasks' fractions grew since the meter
/// started; for loaded runs it is an upper bound (nucleation ends a replica early).
class ProgressMeter {
 public:
  /// `total` tasks of which `already_done` finished before (a resumed run): they do not count
  /// towards the rate that estimates the time left.
  ProgressMeter(std::size_t total, std::size_t already_done, ProgressOptions options = {});
  ProgressMeter(const ProgressMeter&) = delete;
  ProgressMeter& operator=(const ProgressMeter&) = delete;

  /// Task `task` (a key unique among the running tasks) is at `now`.
  void update(std::size_t task, const TaskProgress& now);
  /// Task `task` finished after simulating `simulated_s` [s] with `events` events in all (−1: as
  /// many as its last update said).
  void taskDone(std::size_t task, double simulated_s, std::int64_t events = -1);
  /// A task without live updates finished after simulating `simulated_s` [s].
  void taskDone(double simulated_s) { taskDone(kNoTask, simulated_s, 0); }
  /// Prints a last row (if rows were printed) and writes progress.json with `state`
  /// ("finished", "stopped").
  void finish(const std::string& state = "finished");

 private:
  static constexpr std::size_t kNoTask = static_cast<std::size_t>(-1);
  struct Live {
    TaskProgress now;
    std::int64_t events_at_start = 0;  ///< events it had when first seen (a resumed task's earlier ones)
  };
  struct Totals {
    double fraction = 0.0;  ///< tasks done plus the live ones' fractions
    std::int64_t events_here = 0;
    const TaskProgress* slowest = nullptr;
  };
  Totals totals() const;
  double elapsed() const;
  void maybeReport();
  void printRow(const Totals& t, double elapsed_s);
  void writeStatus(const Totals& t, double elapsed_s, const std::string& state);

  ProgressOptions options_;
  bool terminal_;
  std::size_t total_;
  std::size_t done_;
  double start_fraction_;
  std::int64_t events_done_here_ = 0;
  double simulated_s_ = 0.0;
  std::map<std::size_t, Live> live_;
  std::optional<TaskProgress> last_finished_;
  std::chrono::steady_clock::time_point start_;
  bool header_printed_ = false;
  double next_row_s_ = 0.0;
  double row_interval_s_ = 1.0;
  double next_status_s_ = 0.0;
  mutable std::mutex mutex_;
};

/// "m:ss" or "h:mm:ss".
std::string clockText(double seconds);

}  // namespace surfkmc::app
