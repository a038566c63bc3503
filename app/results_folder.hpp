// SPDX-License-Identifier: MIT
// A results folder owned and locked by one surfkmc command for as long as it runs.
#pragma once

#include <filesystem>
#include <memory>
#include <string>

namespace surfkmc::app {

/// How a command means to use its results folder.
enum class FolderUse {
  kFresh,   ///< a new run or sweep: the folder must be new or empty (or --force moves the old one aside)
  kResume,  ///< continue the run whose manifest is in the folder
  kShard,   ///< one share of a job array: new, empty, or holding the manifest of the same sweep
};

/// A results folder surfkmc may write into, locked for the lifetime of the object.
///
/// - The folder's own name may not be `.`, `..` or start with a dot.
/// - kFresh: a missing folder is created; an empty one is used. A folder holding `manifest_name`
///   (results of an earlier run of the same command) is refused unless `force`, which renames it
///   to `<folder>.old-<n>` (first free n) and starts in a new one; nothing is deleted. Any other
///   non-empty folder is not surfkmc's and is refused, with or without `force`.
/// - kResume: the folder must exist and hold `manifest_name`.
/// - kShard: like kFresh, but a folder holding `manifest_name` is joined (the other shards').
/// - The lock is flock() on `<folder>/.surfkmc.lock`, which holds the PID of the last holder:
///   exclusive, except shards of a job array, which share it once the first has set the folder up
///   (exclusively). A folder locked by another process is refused with its PID.
/// Every refusal is an InputError (exit 2) made before anything in the folder is touched.
class ResultsFolder {
 public:
  static constexpr const char* kLockName = ".surfkmc.lock";
  /// The open lock file (defined in the .cpp); closing it releases the lock.
  class Lock;

  /// `fresh_manifest` (if not empty) is written as `manifest_name` when the folder is started
  /// afresh, under the lock, before open() returns: from then on the folder is recognisably ours.
  static ResultsFolder open(const std::filesystem::path& dir, const std::string& manifest_name, FolderUse use,
                            bool force, const std::string& fresh_manifest = {});

  /// For a reader that also writes its report into the folder (`compare`): a shared lock on a
  /// folder surfkmc has locked before (one with `.surfkmc.lock`), so the report is not written while
  /// a run or sweep is writing there (InputError naming its PID). Null for a folder without a lock
  /// file (made by hand); nothing is created.
  static std::shared_ptr<Lock> lockForReading(const std::filesystem::path& dir);

  const std::filesystem::path& path() const { return dir_; }
  /// The manifest was there when the folder was opened (resume, or a shard joining others).
  bool hadManifest() const { return had_manifest_; }
  /// Where the old folder went with --force (empty if nowhere).
  const std::filesystem::path& movedAside() const { return moved_aside_; }

 private:
  std::filesystem::path dir_;
  bool had_manifest_ = false;
  std::filesystem::path moved_aside_;
  std::shared_ptr<Lock> lock_;
};

}  // namespace surfkmc::app
