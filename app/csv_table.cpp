// SPDX-License-Identifier: MIT
// A comma-separated table with located cells.
#include "app/csv_table.hpp"

#include <cmath>
#include <cstring>
#include <fstream>
#include <iterator>
#include <system_error>

#include "app/edit_distance.hpp"
#include "core/error.hpp"
#include "core/parse_number.hpp"

namespace surfkmc::app {
namespace {

std::string trim(const std::string& s) {
  const auto b = s.find_first_not_of(" \t");
  if (b == std::string::npos) return {};
  const auto e = s.find_last_not_of(" \t");
  return s.substr(b, e - b + 1);
}

}  // namespace

CsvTable CsvTable::read(const std::filesystem::path& path, std::size_t max_bytes) {
  return parse(SourceFile::read(path, max_bytes));
}

CsvTable CsvTable::parse(SourceFile file) {
  CsvTable t(std::move(file));
  const std::string& text = t.file_.text();
  bool have_header = false;
  int line_no = 0;
  // A UTF-8 byte-order mark (spreadsheets write one) is not part of the first column's name.
  std::size_t pos = text.starts_with("\xEF\xBB\xBF") ? 3 : 0;
  while (pos < text.size()) {
    auto end = text.find('\n', pos);
    if (end == std::string::npos) end = text.size();
    std::string line = text.substr(pos, end - pos);
    pos = end + 1;
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    const std::string stripped = trim(line);
    if (stripped.empty()) continue;
    if (stripped[0] == '#') {
      if (!have_header) t.comments_.push_back(stripped.substr(1));
      continue;
    }
    Row row;
    row.line = line_no;
    std::size_t i = 0;
    while (true) {
      // One field: optional spaces, then a quoted or plain value, then spaces up to ',' or the end.
      while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
      row.columns.push_back(static_cast<int>(i) + 1);
      std::string value;
      if (i < line.size() && line[i] == '"') {
        const std::size_t open = i++;
        bool closed = false;
        while (i < line.size()) {
          if (line[i] == '"') {
            if (i + 1 < line.size() && line[i + 1] == '"') {
              value += '"';
              i += 2;
              continue;
            }
            closed = true;
            ++i;
            break;
          }
          value += line[i++];
        }
        if (!closed)
          throw InputError(t.file_.location(line_no - 1, static_cast<int>(open)).message("", "unterminated quote"));
        while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
        if (i < line.size() && line[i] != ',')
          throw InputError(
              t.file_.location(line_no - 1, static_cast<int>(i)).message("", "text after a closing quote"));
      } else {
        const auto comma = line.find(',', i);
        const std::size_t stop = comma == std::string::npos ? line.size() : comma;
        value = trim(line.substr(i, stop - i));
        i = stop;
      }
      row.cells.push_back(value);
      if (i >= line.size()) break;
      ++i;  // the comma
    }
    if (!have_header) {
      for (std::size_t c = 0; c < row.cells.size(); ++c) {
        if (row.cells[c].empty())
          throw InputError(
              t.file_.location(line_no - 1, row.columns[c] - 1).message("", "empty column name in the header"));
        for (std::size_t d = 0; d < c; ++d)
          if (row.cells[d] == row.cells[c])
            throw InputError(t.file_.location(line_no - 1, row.columns[c] - 1)
                                 .message("column '" + row.cells[c] + "'", "duplicate column name"));
      }
      t.header_ = row.cells;
      t.header_row_ = row;
      have_header = true;
      continue;
    }
    if (row.cells.size() != t.header_.size())
      throw InputError(t.file_.location(line_no - 1, 0)
                           .message("", std::to_string(row.cells.size()) + " fields, but the header (line " +
                                            std::to_string(t.header_row_.line) + ") has " +
                                            std::to_string(t.header_.size())));
    t.rows_.push_back(std::move(row));
  }
  if (!have_header)
    throw InputError(t.file_.location(-1, -1).message("", "no header line (the file is empty or only comments)"));
  return t;
}

std::optional<std::size_t> CsvTable::column(const std::string& name) const {
  for (std::size_t c = 0; c < header_.size(); ++c)
    if (header_[c] == name) return c;
  return std::nullopt;
}

std::size_t CsvTable::requireColumn(const std::string& name) const {
  if (const auto c = column(name)) return *c;
  std::string what = "missing column '" + name + "'";
  if (const auto s = closestName(name, header_)) what += "; is '" + *s + "' a misspelling?";
  what += " (columns: " + joinNames(header_) + ")";
  throw InputError(file_.location(header_row_.line - 1, 0).message("", what));
}

void CsvTable::rejectUnknownColumns(const std::vector<std::string>& allowed) const {
  for (std::size_t c = 0; c < header_.size(); ++c) {
    bool known = false;
    for (const auto& a : allowed) known = known || a == header_[c];
    if (known) continue;
    std::string what = "unknown column '" + header_[c] + "'";
    if (const auto s = closestName(header_[c], allowed)) what += "; did you mean '" + *s + "'?";
    what += " (allowed: " + joinNames(allowed) + ")";
    throw InputError(file_.location(header_row_.line - 1, header_row_.columns[c] - 1).message("", what));
  }
}

SourceLocation CsvTable::location(std::size_t row, std::size_t col) const {
  return file_.location(rows_[row].line - 1, rows_[row].columns[col] - 1);
}

void CsvTable::fail(std::size_t row, std::size_t col, const std::string& what) const {
  throw InputError(location(row, col).message("column '" + header_[col] + "'", what));
}

std::optional<double> CsvTable::optionalNumber(std::size_t row, std::size_t col, const NumberRange& range) const {
  const std::string& s = cell(row, col);
  if (s.empty()) return std::nullopt;
  return number(row, col, range);
}

double CsvTable::number(std::size_t row, std::size_t col, const NumberRange& range) const {
  const std::string& s = cell(row, col);
  const auto v = parseWhole<double>(s, LeadingPlus::kAccepted);
  if (!v || !std::isfinite(*v) || !range.contains(*v))
    fail(row, col, "bad value '" + printableText(s, 40) + "'; allowed: " + range.describe());
  return *v;
}

}  // namespace surfkmc::app
