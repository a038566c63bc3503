// SPDX-License-Identifier: MIT
// An output file that grows while its run goes, and is cut back to a checkpoint's length on resume.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>

namespace surfkmc {
class BinaryWriter;
class BinaryReader;
}  // namespace surfkmc

namespace surfkmc::app {

/// How far a streamed file had got when a checkpoint was written: its length and an FNV-1a
/// (64 bit) checksum of those bytes, so a resume can tell the file is still the one it left.
struct StreamMark {
  std::uint64_t length = 0;
  std::uint64_t checksum = 0xcbf29ce484222325ULL;  ///< FNV-1a of no bytes

  void save(BinaryWriter& out) const;
  static StreamMark restore(BinaryReader& in);
};

/// Appended to while a run goes (time series rows, extXYZ frames), never rewritten, so a reader
/// (`tail -f`, a plotting script, `surfkmc status`) sees whole lines as they are made. Security
/// (docs/security.md): opened with O_NOFOLLOW, so a link planted in the results folder is never
/// followed; a new file is created with O_CREAT|O_EXCL after removing whatever name was there (the
/// folder is locked and surfkmc's).
class StreamedFile {
 public:
  /// A new, empty file at `path`.
  static StreamedFile start(const std::filesystem::path& path);
  /// The file of a resumed run, cut back to `mark`: it must be a regular file of at least
  /// mark.length bytes whose first mark.length bytes have mark's checksum (InputError otherwise,
  /// naming the file). What was appended after the checkpoint is dropped, so the continued run
  /// writes it again exactly as an uninterrupted run would.
  static StreamedFile resume(const std::filesystem::path& path, const StreamMark& mark);

  StreamedFile(StreamedFile&& other) noexcept;
  StreamedFile& operator=(StreamedFile&& other) noexcept;
  StreamedFile(const StreamedFile&) = delete;
  StreamedFile& operator=(const StreamedFile&) = delete;
  ~StreamedFile();

  /// Appends `text` (RuntimeError on a write failure, e.g. a full disk).
  void append(const std::string& text);
  /// Flushes to disk: a checkpoint written after it never claims bytes the disk lacks.
  void sync();
  const StreamMark& mark() const { return mark_; }
  const std::filesystem::path& path() const { return path_; }

 private:
  StreamedFile(std::filesystem::path path, int fd, StreamMark mark);
  std::filesystem::path path_;
  int fd_ = -1;
  StreamMark mark_;
};

/// FNV-1a (64 bit) of `text` continued from `checksum`.
std::uint64_t fnv1aContinue(std::uint64_t checksum, const char* text, std::size_t size);

}  // namespace surfkmc::app
