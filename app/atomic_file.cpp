// SPDX-License-Identifier: MIT
// Output files written whole or not at all.
#include "app/atomic_file.hpp"

#include <unistd.h>

#include <atomic>
#include <string>
#include <system_error>
#include <utility>

#include "core/error.hpp"

namespace surfkmc::app {
namespace {

std::atomic<unsigned> counter{0};

}  // namespace

AtomicFile::AtomicFile(std::filesystem::path target) : target_(std::move(target)) {
  const std::filesystem::path dir = target_.parent_path().empty() ? "." : target_.parent_path();
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec))
    throw InputError(target_.string() + ": cannot write: folder '" + dir.string() + "' does not exist");
  if (std::filesystem::is_directory(target_, ec)) throw InputError(target_.string() + ": cannot write: it is a folder");
  temporary_ = target_;
  temporary_ += ".tmp-" + std::to_string(::getpid()) + "-" + std::to_string(counter++);
  out_.open(temporary_, std::ios::binary | std::ios::trunc);
  if (!out_) throw RuntimeError(target_.string() + ": cannot create temporary file '" + temporary_.string() + "'");
}

AtomicFile::~AtomicFile() {
  if (committed_) return;
  out_.close();
  std::error_code ec;
  std::filesystem::remove(temporary_, ec);
}

void AtomicFile::commit() {
  out_.flush();
  out_.close();
  if (!out_) throw RuntimeError(target_.string() + ": write failed (disk full?)");
  std::error_code ec;
  std::filesystem::rename(temporary_, target_, ec);
  if (ec) throw RuntimeError(target_.string() + ": cannot rename temporary file into place: " + ec.message());
  committed_ = true;
}

void writeFileAtomically(const std::filesystem::path& target, const std::string& content) {
  AtomicFile file(target);
  file.stream() << content;
  file.commit();
}

}  // namespace surfkmc::app
