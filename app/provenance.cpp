// SPDX-License-Identifier: MIT
// Provenance carried by every output.
#include "app/provenance.hpp"

#include <chrono>
#include <ctime>

#include "app/source_file.hpp"
#include "core/version.hpp"

namespace surfkmc::app {

Provenance Provenance::now(std::string scenario_path, std::string scenario_hash, std::uint64_t seed, int threads,
                           int ranks) {
  const std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm utc{};
  gmtime_r(&t, &utc);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return {std::move(scenario_path), std::move(scenario_hash), seed, threads, ranks, buf};
}

nlohmann::json Provenance::toJson() const {
  return {{"program", "surfkmc"},
          {"version", kVersion},
          {"git_hash", kGitHash},
          {"scenario", scenario_path},
          {"scenario_hash", scenario_hash},
          {"seed", seed},
          {"threads", threads},
          {"ranks", ranks},
          {"date", date}};
}

std::string Provenance::csvComment() const {
  return "# surfkmc " + std::string(kVersion) + " (" + kGitHash + ") scenario=" +
         // One line whatever the path holds (a newline would start a data row).
         printableText(scenario_path, 4096) + " scenario_hash=" + scenario_hash + " seed=" + std::to_string(seed) +
         " threads=" + std::to_string(threads) + " ranks=" + std::to_string(ranks) + " date=" + date;
}

}  // namespace surfkmc::app
