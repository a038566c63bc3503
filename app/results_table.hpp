// SPDX-License-Identifier: MIT
// Simulated yield stresses of a results folder: points.csv of a sweep, or yield.csv of a single run.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "coupling/ablation.hpp"

namespace surfkmc::app {

/// The values of a sweep's other swept keys (neither grouped by nor kept apart: ResultsTable::variant_keys)
/// at one point, by key, as text, e.g. {"geometry.cut_shift_y": "0.5"}. compare analyses each variant
/// apart, so no group, curve, verdict or ablation effect mixes two of them. Empty when the sweep varies
/// no such key.
using Variant = std::map<std::string, std::string>;

/// "geometry.cut_shift_y = 0.5, key = value" (keys in order, printable); "" for the empty variant.
std::string variantLabel(const Variant& variant);

/// One replica of one simulated condition.
struct SimulatedYield {
  std::string material;
  double diameter_nm = 0.0;        ///< D [nm]
  double strain_rate_per_s = 0.0;  ///< ε̇ [1/s]
  double temperature_K = 300.0;    ///< T [K]
  int point = 0;                   ///< sweep point (0 for a single run)
  /// What the replica's run left out (the scenario's `ablation`); kNone for the model itself.
  coupling::Ablation ablation = coupling::Ablation::kNone;
  int replica = 0;
  Variant variant;  ///< the point's values of ResultsTable::variant_keys
  /// σ_y [GPa]; nullopt when the replica did not nucleate (nan or empty in the file).
  std::optional<double> yield_GPa;
  /// The strength [GPa] (coupling::CoupledResult::strength_GPa: the highest stress before the first
  /// nucleation, or before the end of loading for a wire that flowed without one), when the results
  /// carry a `strength_GPa` column.
  std::optional<double> strength_GPa;
  /// Mean lateral step velocity [nm/s], when the results carry a `step_velocity_nm_per_s` column.
  std::optional<double> step_velocity_nm_per_s;
  /// Runs that went on after nucleating (`loading.until: max_strain`, points.csv's `slip_events`,
  /// `flow_stress_GPa`, `mean_stress_drop_GPa`): the slip count, and the flow stress and mean stress
  /// drop [GPa] when the replica slipped at all.
  std::optional<int> slip_events;
  std::optional<double> flow_stress_GPa;
  std::optional<double> mean_stress_drop_GPa;
  int line = 0;  ///< 1-based line in the file
};

/// The simulated yields of one results folder and where their keys came from.
/// What physics a material's runs used, from summary.json (`energetics`, `nucleation_model`; null for a
/// run without a kmc: or loading: section).
struct PhysicsUsed {
  std::set<std::string> energetics;         ///< "bond_counting", "catalogue"
  std::set<std::string> nucleation_models;  ///< "linear", "power", "computed"
  std::set<std::string> stress_responses;   ///< of runs with a KMC: "migration_volume", "per_hop"
  std::set<std::string> creep_laws;         ///< of loaded runs: "coble", "none" (summaries before the key: "coble")
  /// Of loaded runs: "none", "meyer_neldel" (summaries before the key: "none").
  std::set<std::string> activation_entropies;
};

struct ResultsTable {
  std::filesystem::path file;  ///< points.csv or yield.csv
  std::string hash;            ///< SourceFile::hash() of that file
  std::string provenance;      ///< its first `#` line, without the '#'
  std::vector<SimulatedYield> rows;
  bool has_step_velocity = false;
  bool has_strength = false;
  bool has_slip_events = false;
  /// By material, when summary.json records it for every point of that material (older summaries do not).
  std::map<std::string, PhysicsUsed> physics;
  /// How each key was found, e.g. "diameter_nm: column geometry.diameter_nm", "material: scenario x.yaml".
  std::vector<std::string> notes;
  /// Swept keys besides material, diameter, rate, temperature and ablation that took more than one value
  /// (summary.json points[].values). Each row carries its point's values of them (SimulatedYield::variant).
  std::vector<std::string> variant_keys;
  /// After splitByVariant: the variant every row of this table shares.
  Variant variant;
};

/// The table split by variant, in the order the variants first appear in its rows (a sweep's point
/// order), each part with its rows in their order; the table itself when its rows share one variant.
std::vector<ResultsTable> splitByVariant(const ResultsTable& table);

/// Column names accepted for each key, first match wins.
inline const std::vector<std::string> kMaterialColumns = {"material"};
inline const std::vector<std::string> kDiameterColumns = {"geometry.diameter_nm", "diameter_nm"};
inline const std::vector<std::string> kStrainRateColumns = {"loading.strain_rate_per_s", "strain_rate_per_s"};
inline const std::vector<std::string> kTemperatureColumns = {"kmc.temperature_K", "temperature_K"};

/// Reads `dir`/points.csv, or else `dir`/yield.csv. A key that is not a column (not swept) is taken,
/// for a sweep, per point from `dir`/summary.json (material, diameter, rate), else from the scenario
/// named in the file's provenance line (`scenario=PATH`, tried as written, relative to `dir` and to
/// `dir`/../..). `temperature_K` [K], when given, replaces the scenario's temperature (not a column).
/// Throws InputError located in the file (missing file, missing column that nothing can supply, bad value).
ResultsTable loadResultsTable(const std::filesystem::path& dir, std::optional<double> temperature_K = std::nullopt);

}  // namespace surfkmc::app
