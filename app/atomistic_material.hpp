// SPDX-License-Identifier: MIT
// What every `surfkmc atomistic` command needs: the material with its potential, and provenance.
#pragma once

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "app/material.hpp"
#include "atomistic/kim_potential.hpp"
#include "lattice/ext_xyz.hpp"

namespace surfkmc::app {

/// A shipped material (Ag) or a materials file that names a potential; InputError otherwise.
Material loadPotentialMaterial(const std::string& name);
atomistic::PotentialSpec potentialSpec(const Material& material);
/// Material file and hash, KIM model, species, version, git hash, threads, date.
nlohmann::json potentialProvenance(const Material& material, int threads);
/// InputError unless 1 <= threads <= 1024.
void checkThreadCount(int threads);
/// Every frame of an extXYZ file written by `surfkmc run`. A malformed frame is an InputError located at the
/// file and the line its frame starts on (a frame is its atom count, a comment line and the atoms), naming
/// `option`, the flag that gave the file.
std::vector<lattice::XyzFrame> readSnapshots(const std::string& option, const std::filesystem::path& file);

}  // namespace surfkmc::app
