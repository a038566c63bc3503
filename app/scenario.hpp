// SPDX-License-Identifier: MIT
// A validated scenario: everything a run needs, typed and in engine units, plus its provenance.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <utility>

#include "app/kmc_section.hpp"
#include "app/loading_section.hpp"
#include "app/material.hpp"
#include "app/nucleation_section.hpp"
#include "app/source_location.hpp"
#include "coupling/ablation.hpp"
#include "kmc/rate_scaler.hpp"
#include "kmc/rate_scaling_bias.hpp"
#include "kmc/super_move_params.hpp"
#include "lattice/wire_spec.hpp"

namespace surfkmc::app {

/// Version of the scenario format this build reads.
inline constexpr int kScenarioSchemaVersion = 1;

/// One scenario file, loaded by loadScenario(). Later sections (loading, nucleation, replicas,
/// sweep) are added as further members, each with its own read...Section() function.
struct Scenario {
  int schema_version = kScenarioSchemaVersion;
  /// Identifier used in output names: letters, digits, '_', '-', '.'.
  std::string name;
  /// The one seed every random stream derives from.
  std::uint64_t seed = 0;
  Material material;
  /// The material\'s computed nucleation barriers, read when `nucleation.model` is `computed`.
  std::optional<NucleationBarrierFile> nucleation_barriers;
  /// The material's hop catalogue (file and hash), read when `kmc.energetics` is `catalogue`; its table is
  /// then material.hop_table.
  std::optional<std::pair<std::filesystem::path, std::string>> hop_catalogue;
  /// Its strained companions (file and hash, low strain first), when the material names them.
  std::vector<std::pair<std::filesystem::path, std::string>> hop_catalogue_strain;
  /// Requested geometry [Å] (before rounding to whole repeat cells, which the builder reports).
  lattice::WireSpec wire;
  /// `kmc:` section; absent if the scenario has none (only `run` needs it).
  std::optional<KmcSection> kmc;
  /// `loading:` section; with it, `run` couples the KMC to the loading law and nucleation.
  std::optional<LoadingSection> loading;
  /// `acceleration:` section (rate scaling off when absent).
  kmc::RateScalingParams acceleration;
  /// Super-moves, from the same section (off when absent).
  kmc::SuperMoveParams super_moves;
  /// How a run with rate scaling measures its bias (bias_probes, bias_probe_events; same section).
  kmc::RateScalingBiasParams bias_probe;
  /// `nucleation:` section (defaults when absent).
  NucleationSection nucleation;
  /// Independent replicas of the run, each with its own random streams.
  int replicas = 1;
  /// `ablation`: what a coupled run leaves out, to measure what the KMC contributes (none by default).
  coupling::Ablation ablation = coupling::Ablation::kNone;
  /// The sweep point whose random streams this point's replicas draw; set by loadSweepPlan(), not a
  /// key. When `ablation` is swept, every arm takes the streams of the first point that differs from it
  /// only in `ablation` (common random numbers), so replica k of each arm starts from the same KMC and
  /// nucleation streams and the arms differ by what the ablation leaves out, not by their luck. Unset:
  /// the point's own index.
  std::optional<std::uint64_t> stream_point;
  /// Wall time between checkpoints [s] (`checkpoint_every_s`); none when absent.
  std::optional<double> checkpoint_every_s;

  /// The scenario file as given on the command line.
  std::filesystem::path source_path;
  /// SourceFile::hash() of the file's exact bytes.
  std::string source_hash;
  /// Where the `geometry:` section is, so errors found while building the specimen point there.
  SourceLocation geometry_location;
  /// The file has a `sweep:` map (expanded by loadSweepPlan(), not by loadScenario()), and where.
  bool has_sweep = false;
  SourceLocation sweep_location;
};

/// The temperature a scenario runs at [K]: its kmc: section's, or that section's default (300 K) without one
/// (the loading and the nucleation hazard still need one).
inline double temperatureK(const Scenario& s) { return s.kmc ? s.kmc->temperature_K : KmcSection{}.temperature_K; }

}  // namespace surfkmc::app
