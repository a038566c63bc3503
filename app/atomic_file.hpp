// SPDX-License-Identifier: MIT
// Output files written whole or not at all: a temporary file beside the target, renamed on commit.
#pragma once

#include <filesystem>
#include <sstream>
#include <string>

namespace surfkmc::app {

/// 16 hex digits from the kernel's random source: names nobody can plant a file or link at in advance.
std::string unpredictableName();

/// Creates `path` new (O_CREAT|O_EXCL|O_NOFOLLOW, mode 0666 less the umask) and returns its open
/// descriptor (O_WRONLY, close-on-exec), or -1 with errno set; never follows or reuses what is there.
int createExclusive(const std::filesystem::path& path);

/// Writes all of `bytes` to `fd`; false (errno set) on failure.
bool writeAll(int fd, const std::string& bytes);

/// Whose name the target is: a file surfkmc names in a folder it owns, or one the user named (`-o`).
enum class TargetKind { kOwned, kUserNamed };

/// Writes the text held by stream() to the target when commit() is called.
/// - A regular target (or a new one): the text goes to `<target>.tmp-<16 random hex digits>`,
///   created with O_CREAT|O_EXCL|O_NOFOLLOW beside the target, fsync'ed and renamed over it (atomic
///   on POSIX within one file system); the folder is fsync'ed after.
/// - A symbolic link: an owned target's link is replaced (never followed, so a link planted in a
///   results folder cannot redirect a write); a user-named one is followed: the file it points to
///   is replaced, the link stays.
/// - A character device or FIFO: written in place if user-named (`-o /dev/null`, a pipe), never
///   renamed over; refused if owned.
/// - A folder, a socket or a block device: refused (InputError).
/// Without commit() (an exception, an early return) nothing is written and the target is untouched.
class AtomicFile {
 public:
  /// Throws InputError if the target's folder does not exist or the target cannot be a file.
  explicit AtomicFile(std::filesystem::path target, TargetKind kind = TargetKind::kOwned);
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;
  ~AtomicFile() = default;

  std::ostream& stream() { return out_; }
  /// Writes, syncs and renames. Throws RuntimeError on any write failure (e.g. disk full).
  void commit();

 private:
  std::filesystem::path target_;
  bool in_place_ = false;
  std::ostringstream out_;
};

/// Writes `content` to `target` through an AtomicFile.
void writeFileAtomically(const std::filesystem::path& target, const std::string& content,
                         TargetKind kind = TargetKind::kOwned);

}  // namespace surfkmc::app
