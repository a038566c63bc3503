// SPDX-License-Identifier: MIT
// `compare` on runs that went on after nucleating: slip events, flow stress, stress drops and the
// slope of each reloading stretch against E, beside what Wang et al. (2021) saw in their Figs. 2m and 5m.
#pragma once

#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "app/results_table.hpp"
#include "core/statistics.hpp"

namespace surfkmc::app {

/// Slopes dσ/dε_applied [GPa] of one replica's stress-strain curve, by least squares over the samples
/// of a stretch (at least 3): before its first slip, and the mean over the stretches between slips
/// (and after the last). NaN where there is no such stretch.
struct ReloadSlopes {
  double before_first_slip_GPa = 0.0;
  double between_slips_GPa = 0.0;
};

/// Per (point, replica), from a stress_strain.csv with an `event` column (sample and slip rows).
/// Throws InputError located in the file for a bad row.
std::map<std::pair<int, int>, ReloadSlopes> reloadSlopes(const std::filesystem::path& stress_strain_csv);

/// One flowing condition (material, D, ε̇, T) of the full model.
struct FlowCondition {
  std::string material;
  double diameter_nm = 0.0;
  double strain_rate_per_s = 0.0;
  double temperature_K = 0.0;
  int replicas = 0;
  MeanStdErr slip_events;
  MeanStdErr flow_stress_GPa;
  MeanStdErr stress_drop_GPa;
  double youngs_modulus_GPa = 0.0;
  /// Slopes over E: 1 for elastic loading, below 1 where diffusion takes up strain (T7).
  MeanStdErr loading_over_E;
  MeanStdErr reloading_over_E;
};

/// The conditions of `table` whose replicas carry slip events (ablated replicas left out), with
/// slopes from `slopes` (keyed by point and replica) and E per material.
std::vector<FlowCondition> flowConditions(const ResultsTable& table,
                                          const std::map<std::pair<int, int>, ReloadSlopes>& slopes,
                                          const std::map<std::string, double>& youngs_GPa);

/// A Markdown section: the table, and the paper's observations of flow beside it.
std::string flowMarkdown(const std::vector<FlowCondition>& conditions);

void to_json(nlohmann::json& j, const FlowCondition& c);

}  // namespace surfkmc::app
