// SPDX-License-Identifier: MIT
// Regression-test helpers: run the surfkmc binary, and group a sweep's points.csv rows into
// yield-stress statistics (mean, standard error) by the swept keys.
#pragma once

#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

namespace surfkmc::app::test {

/// Mean and standard error of a sample.
struct Stats {
  double mean = 0.0;
  double se = 0.0;
  int n = 0;
};

inline Stats statsOf(const std::vector<double>& v) {
  Stats s;
  s.n = static_cast<int>(v.size());
  if (s.n == 0) return s;
  for (double x : v) s.mean += x / s.n;
  double ss = 0.0;
  for (double x : v) ss += (x - s.mean) * (x - s.mean);
  s.se = s.n > 1 ? std::sqrt(ss / (s.n - 1) / s.n) : 0.0;
  return s;
}

/// The rows of a results CSV (the `#` provenance line skipped), as column name → cell.
inline std::vector<std::map<std::string, std::string>> readCsvRows(const std::filesystem::path& csv) {
  std::ifstream in(csv);
  std::string line;
  std::vector<std::string> header;
  std::vector<std::map<std::string, std::string>> rows;
  while (std::getline(in, line)) {
    if (line.starts_with('#')) continue;
    std::vector<std::string> cells;
    std::stringstream row(line);
    for (std::string c; std::getline(row, c, ',');) cells.push_back(c);
    if (header.empty()) {
      header = cells;
      continue;
    }
    std::map<std::string, std::string> r;
    for (std::size_t i = 0; i < header.size() && i < cells.size(); ++i) r[header[i]] = cells[i];
    rows.push_back(std::move(r));
  }
  return rows;
}

/// Statistics of the column `value` (by default the stress at first nucleation) of points.csv,
/// grouped by the values of `keys` (each a column name), over the replicas with a finite value
/// (Stats::n counts them): for yield_stress_GPa the nucleated ones, for strength_GPa all of them.
inline std::map<std::vector<std::string>, Stats> yieldStatistics(const std::filesystem::path& csv,
                                                                 const std::vector<std::string>& keys,
                                                                 const std::string& value = "yield_stress_GPa") {
  std::map<std::vector<std::string>, std::vector<double>> values;
  for (const auto& row : readCsvRows(csv)) {
    std::vector<std::string> k;
    for (const std::string& key : keys) {
      const auto it = row.find(key);
      if (it == row.end()) {
        ADD_FAILURE() << csv << ": no column " << key;
        return {};
      }
      k.push_back(it->second);
    }
    const auto cell = row.find(value);
    if (cell == row.end()) {
      ADD_FAILURE() << csv << ": no column " << value;
      return {};
    }
    const double y = std::stod(cell->second);
    auto& v = values[k];  // a replica that did not nucleate (NaN) counts in no statistic
    if (std::isfinite(y)) v.push_back(y);
  }
  std::map<std::vector<std::string>, Stats> out;
  for (const auto& [k, v] : values) out[k] = statsOf(v);
  return out;
}

}  // namespace surfkmc::app::test
