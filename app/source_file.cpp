// SPDX-License-Identifier: MIT
// Reading input files whole, hashing them, and quoting their lines in error messages.
#include "app/source_file.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iterator>
#include <system_error>
#include <utility>

#include "core/error.hpp"

namespace surfkmc::app {
namespace {

constexpr std::size_t kMaxQuotedLine = 160;

[[noreturn]] void cannotRead(const std::filesystem::path& path, const std::string& why) {
  throw InputError(printableText(path.string(), 4096) + ": cannot read file: " + why);
}

}  // namespace

std::string printableText(std::string_view text, std::size_t max_bytes) {
  std::string out;
  std::size_t i = 0;
  while (i < text.size()) {
    if (out.size() >= max_bytes) {
      out += "...";
      break;
    }
    const auto c = static_cast<unsigned char>(text[i]);
    // Length of the UTF-8 sequence c starts; 0 for a byte that cannot start one.
    const std::size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xe ? 3 : (c >> 3) == 0x1e ? 4 : 0;
    bool valid = n > 0 && i + n <= text.size();
    for (std::size_t k = 1; valid && k < n; ++k) valid = (static_cast<unsigned char>(text[i + k]) >> 6) == 0x2;
    if (!valid) {
      out += '?';
      ++i;
    } else if (n == 1) {
      out += c == '\t' ? ' ' : (c < 0x20 || c == 0x7f) ? '?' : static_cast<char>(c);
      ++i;
    } else {
      out.append(text.substr(i, n));
      i += n;
    }
  }
  return out;
}

SourceFile SourceFile::read(const std::filesystem::path& path, std::size_t max_bytes) {
  std::error_code ec;
  const auto status = std::filesystem::status(path, ec);
  if (ec && ec != std::errc::no_such_file_or_directory) cannotRead(path, ec.message());  // e.g. name too long
  if (ec || !std::filesystem::exists(status)) cannotRead(path, "no such file");
  if (std::filesystem::is_directory(status)) cannotRead(path, "it is a directory");
  // A FIFO or device could block or never end; inputs are ordinary files.
  if (!std::filesystem::is_regular_file(status)) cannotRead(path, "not a regular file");
  const auto size = std::filesystem::file_size(path, ec);
  if (ec) cannotRead(path, ec.message());
  if (size > max_bytes)
    cannotRead(path, std::to_string(size) + " bytes; at most " + std::to_string(max_bytes) + " are accepted");
  std::ifstream in(path, std::ios::binary);
  if (!in) cannotRead(path, std::strerror(errno));
  std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  if (in.bad()) cannotRead(path, "read error");
  return SourceFile(path, std::move(text));
}

SourceFile::SourceFile(std::filesystem::path path, std::string text) : path_(std::move(path)), text_(std::move(text)) {}

std::string SourceFile::hash() const {
  // FNV-1a (64 bit): provenance needs a stable fingerprint, not cryptographic strength, and it
  // avoids a crypto dependency.
  std::uint64_t h = 0xcbf29ce484222325ULL;
  for (const char c : text_) {
    h ^= static_cast<unsigned char>(c);
    h *= 0x100000001b3ULL;
  }
  char buffer[17];
  std::snprintf(buffer, sizeof buffer, "%016llx", static_cast<unsigned long long>(h));
  return std::string("fnv1a64:") + buffer;
}

std::string SourceFile::printableLine(int line) const {
  if (line < 1) return {};
  std::size_t begin = 0;
  for (int l = 1; l < line; ++l) {
    begin = text_.find('\n', begin);
    if (begin == std::string::npos) return {};
    ++begin;
  }
  std::size_t end = text_.find('\n', begin);
  if (end == std::string::npos) end = text_.size();
  if (end > begin && text_[end - 1] == '\r') --end;
  return printableText(std::string_view(text_).substr(begin, end - begin), kMaxQuotedLine);
}

SourceLocation SourceFile::location(int line0, int column0) const {
  SourceLocation loc;
  loc.file = path_;
  if (line0 < 0) return loc;
  loc.line = line0 + 1;
  loc.column = std::max(column0, 0) + 1;
  loc.line_text = printableLine(loc.line);
  return loc;
}

}  // namespace surfkmc::app
