// SPDX-License-Identifier: MIT
// Results folders: ownership (manifest), refusal of foreign folders, flock for the whole run.
#include "app/results_folder.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>
#include <system_error>

#include "app/atomic_file.hpp"
#include "app/source_file.hpp"
#include "core/error.hpp"

namespace surfkmc::app {

namespace fs = std::filesystem;

class ResultsFolder::Lock {
 public:
  explicit Lock(int fd) : fd_(fd) {}
  Lock(const Lock&) = delete;
  Lock& operator=(const Lock&) = delete;
  ~Lock() { ::close(fd_); }

 private:
  int fd_;
};

namespace {

std::string shown(const fs::path& p) { return printableText(p.string(), 512); }

/// The last component of `dir` as written ("a/b/" -> "b").
std::string folderName(const fs::path& dir) {
  fs::path p = dir;
  if (!p.has_filename() && p.has_parent_path()) p = p.parent_path();
  return p.filename().string();
}

/// Locks `<dir>/.surfkmc.lock`: exclusively, or shared for shards. Throws InputError naming the
/// holder's PID when another process has it.
/// The PID written in the lock file by its last holder.
std::string holderOf(int fd) {
  char buffer[32] = {};
  const ssize_t n = ::pread(fd, buffer, sizeof buffer - 1, 0);
  std::string pid = n > 0 ? std::string(buffer, static_cast<std::size_t>(n)) : std::string("unknown");
  while (!pid.empty() && (pid.back() == '\n' || pid.back() == ' ')) pid.pop_back();
  return printableText(pid, 20);
}

[[noreturn]] void inUse(const fs::path& dir, int fd) {
  throw InputError(shown(dir) + ": in use by another surfkmc process (PID " + holderOf(fd) +
                   "); wait for it to end, or give another results folder");
}

/// Opens `<dir>/.surfkmc.lock` (never through a symlink).
std::shared_ptr<ResultsFolder::Lock> openLockFile(const fs::path& dir, int& fd) {
  const fs::path file = dir / ResultsFolder::kLockName;
  fd = ::open(file.c_str(), O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0644);
  if (fd < 0)
    throw InputError(shown(dir) + ": cannot lock the results folder (" + ResultsFolder::kLockName +
                     "): " + std::strerror(errno));
  return std::make_shared<ResultsFolder::Lock>(fd);
}

void writePid(int fd) {
  const std::string me = std::to_string(::getpid()) + "\n";
  if (::ftruncate(fd, 0) == 0) (void)::pwrite(fd, me.data(), me.size(), 0);
}

/// Locks `<dir>/.surfkmc.lock` exclusively. Throws InputError naming the holder's PID when another
/// process has it.
std::shared_ptr<ResultsFolder::Lock> lockExclusive(const fs::path& dir) {
  int fd = -1;
  auto lock = openLockFile(dir, fd);
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    if (errno == EWOULDBLOCK) inUse(dir, fd);
    throw InputError(shown(dir) + ": cannot lock the results folder: " + std::strerror(errno));
  }
  writePid(fd);
  return lock;
}

enum class Contents { kEmpty, kOurs, kForeign };

Contents contentsOf(const fs::path& dir, const std::string& manifest_name) {
  std::error_code ec;
  bool other = false, manifest = false;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (name == ResultsFolder::kLockName) continue;
    if (name == manifest_name && it->is_regular_file(ec)) {
      manifest = true;
    } else {
      other = true;
    }
  }
  if (ec) throw InputError(shown(dir) + ": cannot list the results folder: " + ec.message());
  return manifest ? Contents::kOurs : other ? Contents::kForeign : Contents::kEmpty;
}

}  // namespace

std::shared_ptr<ResultsFolder::Lock> ResultsFolder::lockForReading(const fs::path& dir) {
  const fs::path file = dir / kLockName;
  const int fd = ::open(file.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0) return nullptr;
  auto lock = std::make_shared<Lock>(fd);
  if (::flock(fd, LOCK_SH | LOCK_NB) != 0) {
    if (errno == EWOULDBLOCK) inUse(dir, fd);
    throw InputError(shown(dir) + ": cannot lock the results folder: " + std::strerror(errno));
  }
  return lock;
}

ResultsFolder ResultsFolder::open(const fs::path& dir, const std::string& manifest_name, FolderUse use, bool force,
                                  const std::string& fresh_manifest) {
  const std::string name = folderName(dir);
  if (name.empty() || name == "." || name == ".." || name.front() == '.')
    throw InputError(shown(dir) + ": bad results folder name '" + printableText(name, 64) +
                     "'; allowed: a name that is not '.' or '..' and does not start with '.'");
  ResultsFolder folder;
  folder.dir_ = dir;
  std::error_code ec;
  const fs::file_status status = fs::symlink_status(dir, ec);
  if (use == FolderUse::kResume) {
    if (!fs::is_directory(fs::status(dir, ec))) throw InputError(shown(dir) + ": nothing to resume (no such folder)");
  } else if (fs::exists(status)) {
    if (!fs::is_directory(fs::status(dir, ec)))
      throw InputError(shown(dir) + ": cannot be a results folder: it exists and is not a folder");
  } else {
    fs::create_directories(dir, ec);
    if (ec) throw RuntimeError("cannot create results folder '" + shown(dir) + "': " + ec.message());
  }
  const auto startFresh = [&] {
    if (!fresh_manifest.empty()) writeFileAtomically(dir / manifest_name, fresh_manifest);
  };

  if (use == FolderUse::kShard) {
    // Shards of a job array share the folder: the first to come sets it up under the exclusive
    // lock (checks it, writes the manifest) and then shares the lock; the others wait for that and
    // join with a shared lock. A writer that is not a shard holds it exclusively for its whole run.
    int fd = -1;
    folder.lock_ = openLockFile(dir, fd);
    for (int attempt = 0;; ++attempt) {
      if (::flock(fd, LOCK_EX | LOCK_NB) == 0) {
        writePid(fd);
        const Contents contents = contentsOf(dir, manifest_name);
        if (contents == Contents::kForeign)
          throw InputError(shown(dir) + ": not empty and not a surfkmc sweep's results folder (no " + manifest_name +
                           "); give a new or empty folder with --out");
        folder.had_manifest_ = contents == Contents::kOurs;
        if (!folder.had_manifest_) startFresh();
        if (::flock(fd, LOCK_SH) != 0)
          throw RuntimeError(shown(dir) + ": cannot share the lock: " + std::strerror(errno));
        return folder;
      }
      if (errno != EWOULDBLOCK)
        throw InputError(shown(dir) + ": cannot lock the results folder: " + std::strerror(errno));
      if (::flock(fd, LOCK_SH | LOCK_NB) == 0) {
        // Another shard set the folder up: it holds the manifest by now.
        if (contentsOf(dir, manifest_name) != Contents::kOurs)
          throw InputError(shown(dir) + ": not a surfkmc sweep's results folder (no " + manifest_name + ")");
        folder.had_manifest_ = true;
        return folder;
      }
      // Someone holds it exclusively: a shard setting up (briefly), or another writer (refused).
      if (attempt >= 400) inUse(dir, fd);
      ::usleep(25000);
    }
  }

  folder.lock_ = lockExclusive(dir);
  const Contents contents = contentsOf(dir, manifest_name);
  if (use == FolderUse::kResume) {
    if (contents != Contents::kOurs)
      throw InputError(shown(dir) + ": nothing to resume (no " + manifest_name + " in it)");
    folder.had_manifest_ = true;
    return folder;
  }
  if (contents == Contents::kEmpty) {
    startFresh();
    return folder;
  }
  if (contents == Contents::kForeign)
    throw InputError(shown(dir) + ": not empty and not the results folder of a surfkmc " +
                     (manifest_name == "sweep.json" ? std::string("sweep") : std::string("run")) + " (no " +
                     manifest_name + "); nothing in it was touched; give a new or empty folder with --out");
  if (!force)
    throw InputError(shown(dir) + ": holds the results of an earlier run (" + manifest_name +
                     "); continue it with --resume, or give --force to move it aside and start afresh");
  // --force: the old folder is renamed, never deleted; it stays locked by us until renamed.
  fs::path aside;
  for (int n = 1; n < 100000; ++n) {
    aside = dir;
    if (!aside.has_filename()) aside = aside.parent_path();
    aside += ".old-" + std::to_string(n);
    if (!fs::exists(fs::symlink_status(aside, ec))) break;
  }
  fs::rename(dir, aside, ec);
  if (ec) throw RuntimeError("cannot move '" + shown(dir) + "' aside to '" + shown(aside) + "': " + ec.message());
  folder.moved_aside_ = aside;
  folder.lock_.reset();
  fs::create_directories(dir, ec);
  if (ec) throw RuntimeError("cannot create results folder '" + shown(dir) + "': " + ec.message());
  folder.lock_ = lockExclusive(dir);
  if (contentsOf(dir, manifest_name) != Contents::kEmpty)
    throw InputError(shown(dir) + ": another process filled the folder while the old one was moved aside");
  startFresh();
  return folder;
}

}  // namespace surfkmc::app
