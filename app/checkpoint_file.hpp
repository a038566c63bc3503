// SPDX-License-Identifier: MIT
// The checkpoint file: a versioned binary envelope (magic, version, scenario hash, point, replica)
// around the state a run wrote with the saveState() functions of its components.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

namespace surfkmc::app {

/// What kind of run a checkpoint continues.
enum class CheckpointKind : std::uint8_t {
  kCoupled = 1,  ///< one coupled replica (coupling::CoupledRun::saveState)
  kKmc = 2,      ///< a KMC-only `run` (lattice, engine, observers, output so far)
};

/// Identifies a checkpoint: a resumed run only accepts its own.
struct CheckpointHeader {
  CheckpointKind kind = CheckpointKind::kCoupled;
  /// SourceFile::hash() of the scenario (for a sweep, of the sweep file).
  std::string scenario_hash;
  std::uint64_t point = 0;
  std::uint64_t replica = 0;
  /// Wall time the run had spent when the checkpoint was written [s] (so a resumed run reports
  /// the total).
  double wall_time_s = 0.0;
};

/// Layout version of the file; bumped whenever the envelope or any saved state changes.
inline constexpr std::uint32_t kCheckpointVersion = 2;

/// Writes the checkpoint atomically (temporary file, then rename): a kill leaves either the
/// previous checkpoint or this one, never half of one. Layout (little-endian): the 8 bytes
/// "SURFKMCK", u32 version, u8 kind, scenario hash, u64 point, u64 replica, f64 wall time, the
/// surfkmc version and git hash (information only), the state (u64 length + bytes) and a 64-bit
/// FNV-1a checksum of the state.
void writeCheckpoint(const std::filesystem::path& file, const CheckpointHeader& header, const std::string& state);

/// The state saved in `file`, or nullopt if there is no such file. Throws InputError (exit 2) with
/// the file name when it is not a surfkmc checkpoint, has another version, is damaged, or belongs
/// to another scenario, point, replica or kind than `expected`; `wall_time_s` gets the saved one.
std::optional<std::string> readCheckpoint(const std::filesystem::path& file, const CheckpointHeader& expected,
                                          double& wall_time_s);

}  // namespace surfkmc::app
