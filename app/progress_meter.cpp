// SPDX-License-Identifier: MIT
// Progress of a long run on stderr.
#include "app/progress_meter.hpp"

#include <unistd.h>

#include <fmt/format.h>

#include <cstdio>

namespace surfkmc::app {
namespace {

std::string clock(double seconds) {
  const long s = static_cast<long>(seconds + 0.5);
  return s >= 3600 ? fmt::format("{}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60) : fmt::format("{}:{:02}", s / 60, s % 60);
}

}  // namespace

ProgressMeter::ProgressMeter(std::size_t total, std::size_t already_done, std::FILE* stream)
    : stream_(stream), enabled_(::isatty(::fileno(stream)) == 1), total_(total), done_(already_done),
      start_(std::chrono::steady_clock::now()) {}

void ProgressMeter::taskDone(double simulated_s) {
  const std::lock_guard lock(mutex_);
  ++done_;
  ++done_here_;
  simulated_s_ += simulated_s;
  if (!enabled_) return;
  const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  // Tasks run in parallel, so the mean wall time per finished task already includes the overlap.
  const double left = elapsed / static_cast<double>(done_here_) * static_cast<double>(total_ - done_);
  std::fprintf(stream_, "\r%s", fmt::format("{}/{} done, {:.4g} s simulated, {} elapsed, ~{} left   ", done_, total_,
                                           simulated_s_, clock(elapsed), clock(left)).c_str());
  std::fflush(stream_);
  printed_ = true;
}

void ProgressMeter::finish() {
  const std::lock_guard lock(mutex_);
  if (printed_) {
    std::fputc('\n', stream_);
    std::fflush(stream_);
  }
  printed_ = false;
}

}  // namespace surfkmc::app
