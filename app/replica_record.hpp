// SPDX-License-Identifier: MIT
// The finished result of one (point, replica) of a sweep as a file, so a killed sweep resumes
// without losing or recomputing it.
#pragma once

#include <filesystem>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>

#include "app/replica_runner.hpp"

namespace surfkmc::app {

/// A replica's result as the record holds it (without format, inputs hash and checksum): every
/// double in its shortest exact form, non-finite ones as "nan"/"inf"/"-inf"; not `resumed` or the
/// snapshot. from_json throws nlohmann::json::exception for a missing or mistyped member, InputError
/// for a bad site class.
void to_json(nlohmann::json& j, const ReplicaOutput& output);
void from_json(const nlohmann::json& j, ReplicaOutput& output);

/// `<dir>/p<point>_r<replica>.json`.
std::filesystem::path replicaRecordPath(const std::filesystem::path& dir, std::uint64_t point, std::uint64_t replica);

/// Writes the result (everything the run's and the sweep's outputs use: stop reason, samples with
/// their site counts, the acceleration report; not the snapshot) atomically, with a checksum.
/// Doubles are written in their shortest exact form, non-finite ones as "nan"/"inf"/"-inf", so a
/// reloaded result is bit-identical to the one computed. `inputs_hash` is inputsHash() of the
/// run's inputs (scenario and material files).
void saveReplicaRecord(const std::filesystem::path& file, const ReplicaOutput& output, const std::string& inputs_hash);

/// The record at `file`, or nullopt if there is none. Throws InputError if it is not a regular file
/// of bounded size, unreadable, of another record format, damaged (checksum), from other inputs
/// (hash differs) or of another (point, replica).
std::optional<ReplicaOutput> loadReplicaRecord(const std::filesystem::path& file, std::uint64_t point,
                                               std::uint64_t replica, const std::string& inputs_hash);

}  // namespace surfkmc::app
