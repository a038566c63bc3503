// SPDX-License-Identifier: MIT
// Live progress of `run` and `sweep`.
#include "app/progress_meter.hpp"

#include <unistd.h>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <ctime>
#include <nlohmann/json.hpp>

#include "app/atomic_file.hpp"

namespace surfkmc::app {
namespace {

/// Row intervals grow from 1 s to these caps [s]: a terminal is watched, a log file is read later.
constexpr double kTerminalCap_s = 10.0;
constexpr double kLogCap_s = 60.0;
/// progress.json is rewritten at most this often [s] (each write is an fsync'ed rename).
constexpr double kStatusEvery_s = 2.0;

std::string optionalNumber(const std::optional<double>& v, const char* format) {
  return v ? fmt::format(fmt::runtime(format), *v) : std::string("-");
}

nlohmann::json optionalJson(const std::optional<double>& v) { return v ? nlohmann::json(*v) : nlohmann::json(nullptr); }

std::string utcNow() {
  const std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return text;
}

}  // namespace

std::string clockText(double seconds) {
  const long s = static_cast<long>(seconds + 0.5);
  return s >= 3600 ? fmt::format("{}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60)
                   : fmt::format("{}:{:02}", s / 60, s % 60);
}

ProgressMeter::ProgressMeter(std::size_t total, std::size_t already_done, ProgressOptions options)
    : options_(std::move(options)),
      terminal_(::isatty(::fileno(options_.stream)) == 1),
      total_(total),
      done_(already_done),
      start_fraction_(static_cast<double>(already_done)),
      start_(std::chrono::steady_clock::now()) {}

double ProgressMeter::elapsed() const {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
}

ProgressMeter::Totals ProgressMeter::totals() const {
  Totals t;
  t.fraction = static_cast<double>(done_);
  t.events_here = events_done_here_;
  for (const auto& [task, live] : live_) {
    t.fraction += std::clamp(live.now.fraction, 0.0, 1.0);
    t.events_here += live.now.events - live.events_at_start;
    // The least advanced task decides when the run ends: its state is the one shown.
    if (!t.slowest || live.now.fraction < t.slowest->fraction) t.slowest = &live.now;
  }
  // With nothing running, the last task to finish is the one shown.
  if (!t.slowest && last_finished_) t.slowest = &*last_finished_;
  return t;
}

void ProgressMeter::update(std::size_t task, const TaskProgress& now) {
  const std::lock_guard lock(mutex_);
  auto [it, inserted] = live_.try_emplace(task);
  if (inserted) it->second.events_at_start = now.events;
  it->second.now = now;
  maybeReport();
}

void ProgressMeter::taskDone(std::size_t task, double simulated_s, std::int64_t events) {
  const std::lock_guard lock(mutex_);
  ++done_;
  simulated_s_ += simulated_s;
  if (const auto it = live_.find(task); it != live_.end()) {
    events_done_here_ += (events >= 0 ? events : it->second.now.events) - it->second.events_at_start;
    last_finished_ = it->second.now;
    last_finished_->time_s = simulated_s;
    last_finished_->fraction = 1.0;
    if (events >= 0) last_finished_->events = events;
    live_.erase(it);
  }
  maybeReport();
}

void ProgressMeter::maybeReport() {
  const double now = elapsed();
  const bool row_due = !options_.quiet && now >= next_row_s_;
  const bool status_due = !options_.status_file.empty() && now >= next_status_s_;
  if (!row_due && !status_due) return;
  const Totals t = totals();
  if (row_due) {
    printRow(t, now);
    next_row_s_ = now + row_interval_s_;
    row_interval_s_ = std::min(2.0 * row_interval_s_, terminal_ ? kTerminalCap_s : kLogCap_s);
  }
  if (status_due) {
    writeStatus(t, now, "running");
    next_status_s_ = now + kStatusEvery_s;
  }
}

void ProgressMeter::printRow(const Totals& t, double elapsed_s) {
  if (!header_printed_) {
    std::fprintf(options_.stream, "%s\n",
                 fmt::format("{:>8} {:>9} {:>12} {:>8} {:>10} {:>12} {:>11} {:>9} {:>9}", "wall", "done", "sim_time_s",
                             "strain", "stress_GPa", "D_s_m2/s", "events", "events/s", "left")
                     .c_str());
    header_printed_ = true;
  }
  TaskProgress shown;
  if (t.slowest) shown = *t.slowest;
  const double rate = elapsed_s > 0.0 ? static_cast<double>(t.events_here) / elapsed_s : 0.0;
  const double gained = t.fraction - start_fraction_;
  const std::string left =
      gained > 1e-9 && elapsed_s > 0.5
          ? fmt::format("~{}", clockText(elapsed_s / gained * (static_cast<double>(total_) - t.fraction)))
          : std::string("?");
  std::fprintf(
      options_.stream, "%s\n",
      fmt::format("{:>8} {:>9} {:>12.5g} {:>8} {:>10} {:>12} {:>11} {:>9.3g} {:>9}", clockText(elapsed_s),
                  fmt::format("{}/{}", done_, total_), shown.time_s, optionalNumber(shown.strain, "{:.4f}"),
                  optionalNumber(shown.stress_GPa, "{:.3f}"), optionalNumber(shown.diffusivity_m2_per_s, "{:.3e}"),
                  static_cast<long long>(t.events_here), rate, left)
          .c_str());
  std::fflush(options_.stream);
}

void ProgressMeter::writeStatus(const Totals& t, double elapsed_s, const std::string& state) {
  TaskProgress shown;
  if (t.slowest) shown = *t.slowest;
  const double gained = t.fraction - start_fraction_;
  const nlohmann::json status = {
      {"state", state},
      {"mode", options_.mode},
      {"pid", static_cast<long long>(::getpid())},
      {"updated_utc", utcNow()},
      {"wall_time_s", elapsed_s},
      {"tasks_total", total_},
      {"tasks_done", done_},
      {"fraction_done", total_ > 0 ? t.fraction / static_cast<double>(total_) : 1.0},
      {"time_s", shown.time_s},
      {"applied_strain", optionalJson(shown.strain)},
      {"stress_GPa", optionalJson(shown.stress_GPa)},
      {"surface_diffusivity_m2_per_s", optionalJson(shown.diffusivity_m2_per_s)},
      {"events_this_process", t.events_here},
      {"events_per_s", elapsed_s > 0.0 ? static_cast<double>(t.events_here) / elapsed_s : 0.0},
      {"time_left_s", gained > 1e-9 && state == "running"
                          ? nlohmann::json(elapsed_s / gained * (static_cast<double>(total_) - t.fraction))
                          : nlohmann::json(nullptr)}};
  try {
    writeFileAtomically(options_.status_file, status.dump(2) + "\n");
  } catch (const std::exception&) {
    // Progress is advisory: a full disk must not end the run (its checkpoint write will say so).
  }
}

void ProgressMeter::finish(const std::string& state) {
  const std::lock_guard lock(mutex_);
  const double now = elapsed();
  const Totals t = totals();
  if (header_printed_ && !options_.quiet) printRow(t, now);
  if (!options_.status_file.empty()) writeStatus(t, now, state);
}

}  // namespace surfkmc::app
