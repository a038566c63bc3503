// SPDX-License-Identifier: MIT
// Provenance carried by every output: scenario path and hash, seed, version, git hash, threads, date.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

namespace surfkmc::app {

struct Provenance {
  std::string scenario_path;
  std::string scenario_hash;
  std::uint64_t seed = 0;
  int threads = 1;
  int ranks = 1;
  /// UTC time the run started, ISO 8601.
  std::string date;

  /// Fills version, git hash and date (now, UTC).
  static Provenance now(std::string scenario_path, std::string scenario_hash, std::uint64_t seed, int threads,
                        int ranks = 1);

  nlohmann::json toJson() const;
  /// One comment line for CSV files: `# surfkmc 0.1.0 (abc123) scenario=... scenario_hash=... seed=...`.
  std::string csvComment() const;
};

}  // namespace surfkmc::app
