// SPDX-License-Identifier: MIT
// What every `surfkmc atomistic` command needs: the material with its potential, and provenance.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "app/material.hpp"
#include "atomistic/kim_potential.hpp"

namespace surfkmc::app {

/// A shipped material (Ag) or a materials file that names a potential; InputError otherwise.
Material loadPotentialMaterial(const std::string& name);
atomistic::PotentialSpec potentialSpec(const Material& material);
/// Material file and hash, KIM model, species, version, git hash, threads, date.
nlohmann::json potentialProvenance(const Material& material, int threads);
/// InputError unless 1 <= threads <= 1024.
void checkThreadCount(int threads);

}  // namespace surfkmc::app
