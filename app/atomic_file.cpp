// SPDX-License-Identifier: MIT
// Output files written whole or not at all.
#include "app/atomic_file.hpp"

#include <fcntl.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>
#include <system_error>
#include <utility>

#include "core/error.hpp"

namespace surfkmc::app {

namespace fs = std::filesystem;

std::string unpredictableName() {
  unsigned char bytes[8] = {};
  std::size_t got = 0;
  while (got < sizeof bytes) {
    const ssize_t n = ::getrandom(bytes + got, sizeof bytes - got, 0);
    if (n < 0) {
      if (errno == EINTR) continue;
      throw RuntimeError(std::string("no random source for a temporary name: ") + std::strerror(errno));
    }
    got += static_cast<std::size_t>(n);
  }
  static const char* const kHex = "0123456789abcdef";
  std::string name;
  for (const unsigned char b : bytes) {
    name += kHex[b >> 4];
    name += kHex[b & 0xf];
  }
  return name;
}

int createExclusive(const fs::path& path) {
  return ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666);
}

bool writeAll(int fd, const std::string& bytes) {
  std::size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    done += static_cast<std::size_t>(n);
  }
  return true;
}

AtomicFile::AtomicFile(fs::path target, TargetKind kind) : target_(std::move(target)) {
  std::error_code ec;
  const fs::path dir = target_.parent_path().empty() ? "." : target_.parent_path();
  if (!fs::is_directory(dir, ec))
    throw InputError(target_.string() + ": cannot write: folder '" + dir.string() + "' does not exist");
  const bool user_named = kind == TargetKind::kUserNamed;
  if (fs::is_symlink(fs::symlink_status(target_, ec))) {
    if (!user_named) return;  // an owned file's link is replaced by the rename, never followed
    // Replace the file the link points to, keep the link.
    const fs::path real = fs::weakly_canonical(target_, ec);
    if (!ec) target_ = real;
  }
  const fs::file_status status = fs::status(target_, ec);
  if (fs::is_directory(status)) throw InputError(target_.string() + ": cannot write: it is a folder");
  if (user_named && (fs::is_character_file(status) || fs::is_fifo(status))) {
    in_place_ = true;
  } else if (fs::exists(status) && !fs::is_regular_file(status)) {
    throw InputError(target_.string() + ": cannot write: not a regular file" +
                     (user_named ? std::string(", a character device or a FIFO") : std::string()));
  }
  const fs::path real_dir = target_.parent_path().empty() ? "." : target_.parent_path();
  if (!in_place_ && !fs::is_directory(real_dir, ec))
    throw InputError(target_.string() + ": cannot write: folder '" + real_dir.string() + "' does not exist");
}

void AtomicFile::commit() {
  const std::string bytes = out_.str();
  if (in_place_) {
    const int fd = ::open(target_.c_str(), O_WRONLY | O_CLOEXEC);
    if (fd < 0) throw RuntimeError(target_.string() + ": cannot open for writing: " + std::strerror(errno));
    const bool ok = writeAll(fd, bytes);
    const int saved = errno;
    ::close(fd);
    if (!ok) throw RuntimeError(target_.string() + ": write failed: " + std::strerror(saved));
    return;
  }
  fs::path temporary;
  int fd = -1;
  for (int attempt = 0; attempt < 16 && fd < 0; ++attempt) {
    temporary = target_;
    temporary += ".tmp-" + unpredictableName();
    fd = createExclusive(temporary);
    if (fd < 0 && errno != EEXIST) break;
  }
  if (fd < 0)
    throw RuntimeError(target_.string() + ": cannot create temporary file '" + temporary.string() +
                       "': " + std::strerror(errno));
  const bool written = writeAll(fd, bytes) && ::fsync(fd) == 0;
  const int saved = errno;
  const bool closed = ::close(fd) == 0;
  std::error_code ec;
  if (!written || !closed) {
    fs::remove(temporary, ec);
    throw RuntimeError(target_.string() + ": write failed (disk full?): " + std::strerror(written ? errno : saved));
  }
  fs::rename(temporary, target_, ec);
  if (ec) {
    std::error_code ignored;
    fs::remove(temporary, ignored);
    throw RuntimeError(target_.string() + ": cannot rename temporary file into place: " + ec.message());
  }
  // The rename itself is durable once the folder is synced.
  const fs::path dir = target_.parent_path().empty() ? "." : target_.parent_path();
  const int dfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dfd >= 0) {
    ::fsync(dfd);
    ::close(dfd);
  }
}

void writeFileAtomically(const fs::path& target, const std::string& content, TargetKind kind) {
  AtomicFile file(target, kind);
  file.stream() << content;
  file.commit();
}

}  // namespace surfkmc::app
