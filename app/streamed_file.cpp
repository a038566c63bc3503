// SPDX-License-Identifier: MIT
// An output file that grows while its run goes.
#include "app/streamed_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <utility>
#include <vector>

#include "app/atomic_file.hpp"
#include "app/source_file.hpp"
#include "core/binary_reader.hpp"
#include "core/binary_writer.hpp"
#include "core/error.hpp"

namespace surfkmc::app {
namespace {

std::string shownFile(const std::filesystem::path& p) { return printableText(p.string(), 4096); }

/// FNV-1a of the first `length` bytes of the open file `fd`, or nullopt-like failure as false.
bool checksumPrefix(int fd, std::uint64_t length, std::uint64_t& checksum) {
  std::vector<char> buffer(1 << 16);
  std::uint64_t done = 0;
  while (done < length) {
    const auto want = static_cast<std::size_t>(std::min<std::uint64_t>(buffer.size(), length - done));
    const ssize_t n = ::pread(fd, buffer.data(), want, static_cast<off_t>(done));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    checksum = fnv1aContinue(checksum, buffer.data(), static_cast<std::size_t>(n));
    done += static_cast<std::uint64_t>(n);
  }
  return true;
}

}  // namespace

std::uint64_t fnv1aContinue(std::uint64_t checksum, const char* text, std::size_t size) {
  for (std::size_t i = 0; i < size; ++i) {
    checksum ^= static_cast<unsigned char>(text[i]);
    checksum *= 0x100000001b3ULL;
  }
  return checksum;
}

void StreamMark::save(BinaryWriter& out) const {
  out.write(length);
  out.write(checksum);
}

StreamMark StreamMark::restore(BinaryReader& in) {
  StreamMark m;
  m.length = in.read<std::uint64_t>();
  m.checksum = in.read<std::uint64_t>();
  return m;
}

StreamedFile::StreamedFile(std::filesystem::path path, int fd, StreamMark mark)
    : path_(std::move(path)), fd_(fd), mark_(mark) {}

StreamedFile::StreamedFile(StreamedFile&& other) noexcept
    : path_(std::move(other.path_)), fd_(std::exchange(other.fd_, -1)), mark_(other.mark_) {}

StreamedFile& StreamedFile::operator=(StreamedFile&& other) noexcept {
  if (this != &other) {
    if (fd_ >= 0) ::close(fd_);
    path_ = std::move(other.path_);
    fd_ = std::exchange(other.fd_, -1);
    mark_ = other.mark_;
  }
  return *this;
}

StreamedFile::~StreamedFile() {
  if (fd_ >= 0) ::close(fd_);
}

StreamedFile StreamedFile::start(const std::filesystem::path& path) {
  // What is there (a killed run's file, a planted link) goes; unlink() never follows a link.
  if (::unlink(path.c_str()) != 0 && errno != ENOENT)
    throw RuntimeError("cannot replace '" + shownFile(path) + "': " + std::strerror(errno));
  const int fd = createExclusive(path);
  if (fd < 0) throw RuntimeError("cannot create '" + shownFile(path) + "': " + std::strerror(errno));
  return StreamedFile(path, fd, StreamMark{});
}

StreamedFile StreamedFile::resume(const std::filesystem::path& path, const StreamMark& mark) {
  const int fd = ::open(path.c_str(), O_RDWR | O_NOFOLLOW | O_CLOEXEC);
  const std::string where = shownFile(path) + ": ";
  const std::string fix = "; delete the folder's checkpoints/ to start the run afresh, or start it anew with --force";
  if (fd < 0) throw InputError(where + "cannot open the streamed file to continue it: " + std::strerror(errno) + fix);
  StreamedFile file(path, fd, mark);
  struct stat st {};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) throw InputError(where + "not a regular file" + fix);
  std::uint64_t checksum = StreamMark{}.checksum;
  if (static_cast<std::uint64_t>(st.st_size) < mark.length || !checksumPrefix(fd, mark.length, checksum))
    throw InputError(where + "shorter than at the checkpoint (" + std::to_string(mark.length) + " bytes)" + fix);
  if (checksum != mark.checksum) throw InputError(where + "changed since the checkpoint (checksum differs)" + fix);
  if (::ftruncate(fd, static_cast<off_t>(mark.length)) != 0 || ::lseek(fd, 0, SEEK_END) < 0)
    throw RuntimeError("cannot cut '" + shownFile(path) + "' back to its checkpoint: " + std::strerror(errno));
  return file;
}

void StreamedFile::append(const std::string& text) {
  if (text.empty()) return;
  if (!writeAll(fd_, text)) throw RuntimeError("cannot write '" + shownFile(path_) + "': " + std::strerror(errno));
  mark_.length += text.size();
  mark_.checksum = fnv1aContinue(mark_.checksum, text.data(), text.size());
}

void StreamedFile::sync() {
  if (::fsync(fd_) != 0) throw RuntimeError("cannot sync '" + shownFile(path_) + "': " + std::strerror(errno));
}

}  // namespace surfkmc::app
