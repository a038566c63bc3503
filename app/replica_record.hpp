// SPDX-License-Identifier: MIT
// The finished result of one (point, replica) of a sweep as a file, so a killed sweep resumes
// without losing or recomputing it.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include "app/replica_runner.hpp"

namespace surfkmc::app {

/// `<dir>/p<point>_r<replica>.json`.
std::filesystem::path replicaRecordPath(const std::filesystem::path& dir, std::uint64_t point, std::uint64_t replica);

/// Writes the result (everything the sweep's outputs use, samples included; not the snapshot)
/// atomically. Doubles are written in their shortest exact form, so a reloaded result is
/// bit-identical to the one computed.
void saveReplicaRecord(const std::filesystem::path& file, const ReplicaOutput& output, const std::string& scenario_hash);

/// The record at `file`, or nullopt if there is none. Throws InputError if it is unreadable or
/// belongs to another scenario (hash differs) or another (point, replica).
std::optional<ReplicaOutput> loadReplicaRecord(const std::filesystem::path& file, std::uint64_t point,
                                               std::uint64_t replica, const std::string& scenario_hash);

}  // namespace surfkmc::app
