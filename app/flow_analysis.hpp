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
#include "app/target_check.hpp"
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

/// Slip-step sites of one replica from its time series (a sweep's `series/p<point>_r<replica>.csv`,
/// `sweep --series`): for each stretch between slips, the `sites_slip_step` count at its first
/// sample and at its last. `surviving` is Σ last / Σ first over the stretches that start with slip
/// steps: 1 if they all stay until the next slip (or the end), 0 if diffusion heals them all.
struct SlipStepSurvival {
  double first = 0.0;
  double last = 0.0;
  double surviving = 0.0;
};

/// Per (point, replica), from every series/p<point>_r<replica>.csv under `series_dir` that has a
/// `sites_slip_step` column; replicas without slip steps are left out.
std::map<std::pair<int, int>, SlipStepSurvival> slipStepSurvival(const std::filesystem::path& series_dir);

/// One flowing condition (material, D, ε̇, T, ablation).
struct FlowCondition {
  std::string material;
  coupling::Ablation ablation = coupling::Ablation::kNone;
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
  /// Fraction of slip-step sites still there at the end of each stretch (SlipStepSurvival), over
  /// replicas; n = 0 without series.
  MeanStdErr slip_steps_surviving;
  /// For an ablated condition: flow stress of the full model at the same (material, D, ε̇, T) minus
  /// this one's, ± its standard error (NaN without both). Paired (`flow_effect_paired`) when both arms hold
  /// the same replica indices, each once: the mean of the replica-by-replica differences and its standard
  /// error, as compare pairs the first yield's ablation effects; else the two standard errors combined.
  double flow_effect_GPa = 0.0;
  double flow_effect_se_GPa = 0.0;
  bool flow_effect_paired = false;
};

/// The conditions of `table` whose replicas carry slip events, the full model's first and then each
/// ablation's, with slopes from `slopes` (keyed by point and replica) and E per material.
std::vector<FlowCondition> flowConditions(const ResultsTable& table,
                                          const std::map<std::pair<int, int>, ReloadSlopes>& slopes,
                                          const std::map<std::string, double>& youngs_GPa,
                                          const std::map<std::pair<int, int>, SlipStepSurvival>& survival = {});

/// T7 (docs/model.md#targets): during plastic flow Ag softens, Pt reloads linearly. From the full
/// model's flowing conditions at 300 K, per material the one with the most replicas (then the lowest
/// rate), r = reloading slope ÷ E between slips:
///  - holds when Ag's softening is resolved, 1 − r_Ag > 2 se, and Pt reloads resolved stiffer than Ag,
///    r_Pt − r_Ag > 2 √(se_Pt² + se_Ag²) (each beyond 1e-9 of rounding too);
///  - fails when Ag's slope is resolved at or above E (r_Ag − 1 ≥ 2 se − 1e-9: a slope of E up to rounding with
///    no scatter beyond it, as Eq. 1 gives without a creep law, fails) or Pt resolved softer than Ag;
///  - not resolved otherwise; not evaluated without both materials' reloading slopes.
TargetVerdict flowVerdict(const std::vector<FlowCondition>& conditions);

/// A Markdown section: the table, and (unless `with_paper` is false) the paper's observations of flow beside it.
std::string flowMarkdown(const std::vector<FlowCondition>& conditions, bool with_paper = true);

/// What Wang et al. (2021) saw of plastic flow (their Figs. 2m and 5m), as a Markdown list under a line naming it.
std::string flowPaperObservations();

void to_json(nlohmann::json& j, const FlowCondition& c);

}  // namespace surfkmc::app
