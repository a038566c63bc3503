// SPDX-License-Identifier: MIT
// A comma-separated table read whole, with every cell's line and column for located errors.
#pragma once

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "app/number_range.hpp"
#include "app/source_file.hpp"
#include "app/source_location.hpp"

namespace surfkmc::app {

/// Largest results table accepted [bytes]: a sweep of 10⁴ points × 10² replicas at ~120 bytes a row.
inline constexpr std::size_t kMaxTableBytes = std::size_t{256} << 20;

/// A CSV file: `#` comment lines (anywhere) and blank lines are skipped; the first other line is the
/// header; every row must have as many fields as the header. Fields may be double-quoted ("a, b";
/// "" is a quote inside). Every error is an InputError `file:line:column: column 'name': what` with
/// the offending line quoted.
class CsvTable {
 public:
  /// Reads and parses a regular file of at most `max_bytes`. Throws InputError (missing, a directory,
  /// too large, no header, ragged row, unterminated quote).
  static CsvTable read(const std::filesystem::path& path, std::size_t max_bytes = kMaxInputBytes);
  /// Parses text already in memory.
  static CsvTable parse(SourceFile file);

  const SourceFile& source() const { return file_; }
  const std::vector<std::string>& header() const { return header_; }
  /// Comment lines before the header, without the leading '#' (provenance lines of results).
  const std::vector<std::string>& leadingComments() const { return comments_; }
  std::size_t rows() const { return rows_.size(); }
  /// 1-based line of the header.
  int headerLine() const { return header_row_.line; }
  /// Index of a column, nullopt if absent.
  std::optional<std::size_t> column(const std::string& name) const;
  /// Index of a column that must be present; else a located error at the header with a suggestion.
  std::size_t requireColumn(const std::string& name) const;
  /// Throws (at the header) for a column not in `allowed`, with a suggestion when close.
  void rejectUnknownColumns(const std::vector<std::string>& allowed) const;

  /// The cell's text, surrounding spaces removed.
  const std::string& cell(std::size_t row, std::size_t col) const { return rows_[row].cells[col]; }
  /// 1-based line of a row in the file.
  int line(std::size_t row) const { return rows_[row].line; }
  SourceLocation location(std::size_t row, std::size_t col) const;
  /// `column 'name': what` located at the cell.
  [[noreturn]] void fail(std::size_t row, std::size_t col, const std::string& what) const;
  /// A number in `range`; else `bad value 'text'; allowed: ...` at the cell.
  double number(std::size_t row, std::size_t col, const NumberRange& range) const;
  /// Like number(), but an empty cell gives nullopt.
  std::optional<double> optionalNumber(std::size_t row, std::size_t col, const NumberRange& range) const;

 private:
  struct Row {
    int line = 0;
    std::vector<std::string> cells;
    std::vector<int> columns;  ///< 1-based column of each cell's first character
  };
  explicit CsvTable(SourceFile file) : file_(std::move(file)) {}

  SourceFile file_;
  std::vector<std::string> comments_;
  std::vector<std::string> header_;
  Row header_row_;
  std::vector<Row> rows_;
};

}  // namespace surfkmc::app
