// SPDX-License-Identifier: MIT
// Loading materials files (data/materials/*.yaml): every parameter with value, unit, source, tag.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "app/material.hpp"

namespace surfkmc::app {

/// Version of the materials-file format this build reads.
inline constexpr int kMaterialSchemaVersion = 1;

/// The data folder: $SURFKMC_DATA_DIR if set; else the source tree's data/ if it is still there; else,
/// for an installed program, <prefix>/share/surfkmc/data beside its <prefix>/bin.
std::filesystem::path dataDirectory();

/// Folder of the shipped materials: dataDirectory()/materials.
std::filesystem::path materialsDirectory();

/// Names of the shipped materials (file stems in materialsDirectory()), sorted.
std::vector<std::string> builtinMaterialNames();

/// The file a scenario's `material:` value names: a shipped name ("Ag"), or a path (anything with a
/// '/' or ending in .yaml/.yml), relative paths taken from `base_dir` (the scenario's folder).
/// nullopt if it is neither a shipped name nor looks like a path.
std::optional<std::filesystem::path> resolveMaterial(const std::string& value, const std::filesystem::path& base_dir);

/// Reads and validates a materials file. Throws InputError located in that file.
Material loadMaterialFile(const std::filesystem::path& path);

/// Fills `m.linear_law` from the material's `linear_law` file when the material file did not hold the class
/// laws itself; does nothing when it did, or names no such file. The file's keys are the material file's
/// (`edge_sigma_ath_GPa` … `pit_size_decay`, each {value, unit, source, tag}) with `schema_version` and
/// `material` (the material's name); their sources join `m.sources`. Errors are InputErrors located in that
/// file, or at the material file's `linear_law.file` when it cannot be read.
void loadLinearLaw(Material& m);

/// Reads the material's `nucleation_barriers` file: its provenance must name the material's KIM model, and
/// every class (edge, step_h<h>, pit_m<m>) needs at least one fitted law. Errors are InputErrors located at
/// the material file's `nucleation_barriers.file`.
NucleationBarrierFile loadNucleationBarriers(const Material& m);

/// Reads the material's `hop_catalogue` file (the hops.json of `surfkmc atomistic hops`) and builds its
/// barrier table (kmc::buildHopTable, over the hops the KMC's n_min rule allows): its provenance must name
/// the material's KIM model, and it needs a valid sample with n_i ≠ n_j. Errors are InputErrors located at
/// the material file's `hop_catalogue.file`. With `hop_catalogue.strain_response` it also reads the two
/// strained catalogues (axial strain < 0 and > 0, sampled from the same scenario as the base one) and adds
/// the table's response to strain (kmc::addStrainResponse); their errors are located at their own keys. With
/// `environments`, the table also gets one entry per environment of the samples (kmc::addEnvironments, and
/// their strain response), for `kmc.hop_key: environment`. Samples that `surfkmc learn` added (`"source": "learned"`,
/// after all drawn ones, else an InputError) enter the environment entries only: the class table, its ε and its
/// strain response rest on the drawn samples.
HopCatalogueFile loadHopCatalogue(const Material& m, int n_min, bool environments = false);

}  // namespace surfkmc::app
