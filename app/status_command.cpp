// SPDX-License-Identifier: MIT
// `surfkmc status DIR`.
#include "app/status_command.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>
#include <optional>
#include <ostream>
#include <string>
#include <utility>

#include "app/progress_meter.hpp"
#include "app/results_folder.hpp"
#include "app/source_file.hpp"
#include "core/error.hpp"

namespace surfkmc::app {
namespace {

namespace fs = std::filesystem;

std::string shownPath(const fs::path& p) { return printableText(p.string(), 4096); }

/// The PID holding the folder's lock, or nullopt if nobody holds it (a shared probe, released at once).
std::optional<std::string> lockHolder(const fs::path& dir) {
  const int fd = ::open((dir / ResultsFolder::kLockName).c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0) return std::nullopt;
  std::optional<std::string> holder;
  if (::flock(fd, LOCK_SH | LOCK_NB) != 0) {
    char pid[32] = {};
    const ssize_t n = ::pread(fd, pid, sizeof pid - 1, 0);
    std::string text(pid, static_cast<std::size_t>(std::max<ssize_t>(n, 0)));
    text.erase(std::remove_if(text.begin(), text.end(), [](char c) { return c < '0' || c > '9'; }), text.end());
    holder = text.empty() ? std::string("?") : text;
  }
  ::close(fd);
  return holder;
}

std::optional<nlohmann::json> readJson(const fs::path& file) {
  std::error_code ec;
  if (!fs::is_regular_file(fs::symlink_status(file, ec))) return std::nullopt;
  try {
    nlohmann::json j = nlohmann::json::parse(SourceFile::read(file).text());
    if (j.is_object()) return j;
  } catch (const std::exception&) {
    // Being rewritten or damaged: status reports what it can without it.
  }
  return std::nullopt;
}

/// Rows (lines that are not `#` comments, header included) of a CSV, or frames of an extXYZ file
/// (comment lines with `Properties=`), read line by line: a streamed file may be large.
std::int64_t countRecords(const fs::path& file, bool frames) {
  std::ifstream in(file, std::ios::binary);
  std::int64_t count = 0;
  for (std::string line; std::getline(in, line);)
    count += frames ? line.find("Properties=") != std::string::npos : !line.empty() && line[0] != '#';
  return count;
}

/// The time series and frames in the folder, with how far each has got, and a sweep's frames/ and
/// series/ folders in all.
void printStreamed(const fs::path& dir, std::ostream& out) {
  std::vector<std::string> lines;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    const std::string name = entry.path().filename().string();
    const bool series = name.rfind("timeseries", 0) == 0 && entry.path().extension() == ".csv";
    const bool frames = entry.path().extension() == ".xyz";
    if ((!series && !frames) || !fs::is_regular_file(entry.symlink_status(ec))) continue;
    const std::int64_t n = countRecords(entry.path(), frames);
    lines.push_back(fmt::format("  {}: {} {}", printableText(name, 256), n, frames ? "frames" : "lines"));
  }
  std::sort(lines.begin(), lines.end());
  for (const std::string& l : lines) out << l << '\n';
  // A sweep's files per replica, one line per folder: a sweep may have thousands.
  for (const auto& [folder, frames] : {std::pair{"frames", true}, std::pair{"series", false}}) {
    std::int64_t files = 0, records = 0;
    for (const auto& entry : fs::directory_iterator(dir / folder, ec)) {
      if (entry.path().extension() != (frames ? ".xyz" : ".csv") || !fs::is_regular_file(entry.symlink_status(ec)))
        continue;
      ++files;
      records += countRecords(entry.path(), frames);
    }
    if (files > 0) out << fmt::format("  {}/: {} files, {} {}\n", folder, files, records, frames ? "frames" : "lines");
  }
}

}  // namespace

void statusCommand(const fs::path& dir, std::ostream& out) {
  std::error_code ec;
  const bool is_run = fs::exists(dir / "run.json", ec), is_sweep = fs::exists(dir / "sweep.json", ec);
  if (!is_run && !is_sweep)
    throw InputError(shownPath(dir) + ": not the results folder of a run or sweep (no run.json or sweep.json)");
  const std::string command = is_run ? "run" : "sweep";
  const auto holder = lockHolder(dir);
  const bool complete = fs::exists(dir / "summary.json", ec);
  const std::string state = holder ? "running (pid " + *holder + ")" : complete ? "complete" : "stopped";
  out << shownPath(dir) << ": " << command << ", " << state << '\n';
  if (const auto p = readJson(dir / "progress.json")) {
    const auto number = [&](const char* key, const char* format) {
      return (*p).contains(key) && (*p)[key].is_number() ? fmt::format(fmt::runtime(format), (*p)[key].get<double>())
                                                         : std::string("-");
    };
    const std::string percent = number("fraction_done", "{:.4f}") == "-"
                                    ? std::string("-")
                                    : fmt::format("{:.1f}", 100.0 * (*p)["fraction_done"].get<double>());
    out << fmt::format("  progress: {} % done ({} of {} tasks finished), last written {} by a process that was {}\n",
                       percent, (*p).value("tasks_done", 0), (*p).value("tasks_total", 0),
                       printableText((*p).value("updated_utc", std::string("?")), 32),
                       printableText((*p).value("state", std::string("?")), 32));
    out << fmt::format("  simulated time {} s, strain {}, stress {} GPa, D_s {} m^2/s\n", number("time_s", "{:.6g}"),
                       number("applied_strain", "{:.4f}"), number("stress_GPa", "{:.3f}"),
                       number("surface_diffusivity_m2_per_s", "{:.3e}"));
    const std::string left = (*p).contains("time_left_s") && (*p)["time_left_s"].is_number()
                                 ? fmt::format("~{}", clockText((*p)["time_left_s"].get<double>()))
                                 : std::string("-");
    out << fmt::format("  events {} at {} events/s; time left {}\n", number("events_this_process", "{:.0f}"),
                       number("events_per_s", "{:.3g}"), left);
  } else {
    out << "  no progress.json (a run of an older surfkmc, or killed before its first progress)\n";
  }
  std::size_t checkpoints = 0;
  for (const auto& e : fs::directory_iterator(dir / "checkpoints", ec))
    if (e.path().extension() == ".ckpt") ++checkpoints;
  out << "  checkpoints: " << checkpoints << '\n';
  if (!holder && !complete) out << "  continue it with: surfkmc " << command << " --resume " << shownPath(dir) << '\n';
  printStreamed(dir, out);
}

}  // namespace surfkmc::app
