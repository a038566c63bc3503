// SPDX-License-Identifier: MIT
// Results CSVs read back through app::CsvTable (the reader `compare` and `fit` use): as rows of
// column name → cell, and as text without what legitimately differs between two runs.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "app/csv_table.hpp"

namespace surfkmc::app::test {

/// The rows of a results CSV (its `#` provenance line skipped), as column name → cell.
inline std::vector<std::map<std::string, std::string>> readCsvRows(const std::filesystem::path& csv) {
  const CsvTable t = CsvTable::read(csv, kMaxTableBytes);
  std::vector<std::map<std::string, std::string>> rows;
  for (std::size_t r = 0; r < t.rows(); ++r) {
    std::map<std::string, std::string> row;
    for (std::size_t c = 0; c < t.header().size(); ++c) row[t.header()[c]] = t.cell(r, c);
    rows.push_back(std::move(row));
  }
  return rows;
}

/// A results CSV as text without its `#` provenance line (it holds the thread and rank counts and the
/// date) and without the columns named in `drop` (each must be present, e.g. wall_time_s).
inline std::string comparableCsv(const std::filesystem::path& csv, const std::vector<std::string>& drop = {}) {
  const CsvTable t = CsvTable::read(csv, kMaxTableBytes);
  for (const std::string& d : drop) EXPECT_TRUE(t.column(d).has_value()) << csv << ": no column " << d;
  std::vector<bool> keep;
  for (const std::string& c : t.header()) keep.push_back(std::find(drop.begin(), drop.end(), c) == drop.end());
  std::string out;
  const auto line = [&](auto cell) {
    for (std::size_t c = 0; c < keep.size(); ++c)
      if (keep[c]) out += cell(c) + ',';
    out += '\n';
  };
  line([&](std::size_t c) { return t.header()[c]; });
  for (std::size_t r = 0; r < t.rows(); ++r) line([&](std::size_t c) { return t.cell(r, c); });
  return out;
}

}  // namespace surfkmc::app::test
