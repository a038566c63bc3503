// SPDX-License-Identifier: MIT
// Output files written whole or not at all: a temporary file beside the target, renamed on commit.
#pragma once

#include <filesystem>
#include <fstream>
#include <string>

namespace surfkmc::app {

/// Writes to `<target>.tmp-<pid>-<n>` in the target's folder; commit() renames it over the target
/// (atomic on POSIX within one file system). Without commit() (an exception, an early return) the
/// temporary is removed and the target is untouched.
class AtomicFile {
 public:
  /// Throws InputError if the target's folder does not exist, RuntimeError if it cannot be written.
  explicit AtomicFile(std::filesystem::path target);
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;
  ~AtomicFile();

  std::ostream& stream() { return out_; }
  /// Flushes, closes and renames. Throws RuntimeError on any write failure (e.g. disk full).
  void commit();

 private:
  std::filesystem::path target_;
  std::filesystem::path temporary_;
  std::ofstream out_;
  bool committed_ = false;
};

/// Writes `content` to `target` through an AtomicFile.
void writeFileAtomically(const std::filesystem::path& target, const std::string& content);

}  // namespace surfkmc::app
