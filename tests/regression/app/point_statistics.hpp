// SPDX-License-Identifier: MIT
// Regression-test helpers: run the surfkmc binary, and group a sweep's points.csv rows into
// yield-stress statistics (mean, standard error) by the swept keys.
#pragma once

#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "core/statistics.hpp"
#include "tests/regression/app/csv_rows.hpp"

namespace surfkmc::app::test {

/// Mean and standard error of a sample.
struct Stats {
  double mean = 0.0;
  double se = 0.0;
  int n = 0;
};

inline Stats statsOf(const std::vector<double>& v) {
  const MeanStdErr m = meanStdErr(v);
  return {m.mean, m.n > 1 ? m.se : 0.0, m.n};
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
