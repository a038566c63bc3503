// SPDX-License-Identifier: MIT
// What `surfkmc compare` finds, computed without writing anything: replica groups, D_c, Ω_app, verdicts, residuals.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "app/experiment_data.hpp"
#include "app/paper_targets.hpp"
#include "app/results_table.hpp"
#include "app/step_velocity_data.hpp"
#include "app/target_check.hpp"
#include "core/statistics.hpp"
#include "nucleation/activation_volume.hpp"

namespace surfkmc::app {

/// Bootstrap resamples for the uncertainty of D_c, and their fixed seed (reproducible output).
inline constexpr int kBootstrapResamples = 2000;
inline constexpr std::uint64_t kBootstrapSeed = 20210905;

/// (material, ε̇ [1/s], T [K]): one curve σ_y(D).
using SeriesKey = std::tuple<std::string, double, double>;

/// All replicas of one simulated condition (material, ε̇, T, D).
struct ConditionGroup {
  std::string material;
  double strain_rate_per_s = 0.0, temperature_K = 0.0, diameter_nm = 0.0;
  /// Strengths of all replicas, or nucleation stresses of the nucleated ones [GPa] (older results).
  std::vector<double> yields_GPa;
  std::vector<int> yield_replicas;  ///< the replica index of each entry of yields_GPa
  int not_nucleated = 0;
  std::vector<double> step_velocities_nm_per_s;
  MeanStdErr yield;  ///< of yields_GPa [GPa]
  /// Nucleation stresses of the nucleated replicas [GPa] (the paper's Ω_app is taken on these: T4).
  std::vector<double> nucleation_GPa;
  MeanStdErr nucleation;     ///< of nucleation_GPa [GPa]
  MeanStdErr step_velocity;  ///< of step_velocities_nm_per_s [nm/s]

  SeriesKey series() const { return {material, strain_rate_per_s, temperature_K}; }
  bool operator==(const ConditionGroup&) const = default;
};

/// D_c of one curve: the diameter of the largest mean, with its bootstrap spread.
struct CriticalDiameter {
  SeriesKey key;
  DcStatus status = DcStatus::kTooFewDiameters;
  double dc_nm = 0.0, lo_nm = 0.0, hi_nm = 0.0;
  double support = 0.0;  ///< fraction of bootstrap resamples whose maximum is at dc_nm
  std::vector<double> within_one_se_nm;
  std::vector<double> diameters_nm;
  std::optional<double> paper_nm;
  bool operator==(const CriticalDiameter&) const = default;
};

/// Why an Ω_app pair has or lacks a value and an error.
enum class PairStatus { kOk, kNoError, kNotComputed };

/// Ω_app between two adjacent strain rates at equal material, T and D, from the mean nucleation
/// stresses (the replicas that nucleated), as the paper takes it from measured yield stresses.
struct OmegaPair {
  std::string material;
  double temperature_K = 0.0, diameter_nm = 0.0, slow_per_s = 0.0, fast_per_s = 0.0;
  double d_sigma_GPa = 0.0, omega_A3 = 0.0, omega_err_A3 = 0.0, omega_b3 = 0.0, omega_err_b3 = 0.0;
  nucleation::RateSensitivity sensitivity{0.0, 0.0};  ///< m = Δσ_y/Δln ε̇ and its error [GPa]
  std::string regime;                                 ///< paper regime (target name), or "" if none covers it
  PairStatus status = PairStatus::kOk;
  std::string why_not;  ///< with kNotComputed: the reason
  bool operator==(const OmegaPair& o) const;
};
/// "ok", "no_error" (a side with n = 1), or why Ω could not be computed: compare.json's status.
std::string pairStatusText(const OmegaPair& pair);

/// Ω_app pooled over a paper regime's pairs at one temperature.
struct OmegaRegime {
  std::string regime, material;
  double temperature_K = 0.0;
  int pairs = 0;          ///< pairs pooled
  int without_error = 0;  ///< pairs left out of the pool for want of an error (when others have one)
  double omega_b3 = 0.0, err_b3 = 0.0, paper_b3 = 0.0;
  bool operator==(const OmegaRegime&) const = default;
};

enum class ResidualStatus { kOk, kNoSimulatedSeries, kOutsideSimulatedDiameters };
/// ok | no_simulated_series | outside_simulated_diameters
std::string_view residualStatusName(ResidualStatus status);

/// One measured point against the simulated curve, interpolated linearly in D.
struct Residual {
  ExperimentPoint point;
  ResidualStatus status = ResidualStatus::kNoSimulatedSeries;
  double sim_GPa = 0.0, sim_se_GPa = 0.0, residual_GPa = 0.0, z = 0.0;
};

/// What leaving part of the model out does at one condition (material, ε̇, T, D): the full model's
/// strength minus the ablated run's, so a positive effect means the left-out part raises the strength.
struct AblationEffect {
  coupling::Ablation ablation = coupling::Ablation::kNone;
  std::string material;
  double strain_rate_per_s = 0.0, temperature_K = 0.0, diameter_nm = 0.0;
  MeanStdErr full;     ///< the model (ablation none) [GPa]; n = 0 when the results hold none at this condition
  MeanStdErr ablated;  ///< the ablated runs [GPa]
  /// full − ablated and its standard error; NaN without both. When both arms hold the same replica
  /// indices (at least 2), the effect is the mean of the replica-by-replica differences and se that
  /// mean's standard error (`paired`): the arms of a swept `ablation` share their random streams
  /// (Scenario::stream_point), so their common scatter cancels. Otherwise √(se_full² + se_ablated²).
  double effect_GPa = 0.0, se_GPa = 0.0;
  bool paired = false;
  /// |effect| > 2 se with at least 2 replicas on each side: the left-out part changes the result.
  bool resolved = false;
  bool operator==(const AblationEffect&) const = default;
};

/// A material parameter no source gives (tag A in the materials file: assumed, or calibrated on a
/// target; docs/parameters.md#tags, docs/calibration.md): what a verdict may owe to a choice.
struct UnsourcedConstant {
  std::string material, key;
  double value = 0.0;
  std::string unit, source;
  bool operator==(const UnsourcedConstant&) const = default;
};

/// Everything compare reports. Undefined numbers are NaN.
struct CompareAnalysis {
  std::vector<ConditionGroup> groups;  ///< ordered by (material, ε̇, T, D)
  std::vector<CriticalDiameter> critical_diameters;
  std::vector<OmegaPair> pairs;
  std::vector<OmegaRegime> regimes;
  std::vector<TargetVerdict> verdicts;  ///< empty when the paper's targets are not judged
  std::vector<Residual> residuals;      ///< one per experimental point
  /// Per condition and ablation present in the results (frozen surface, as-cut sites); the other
  /// members use only the replicas of the full model.
  std::vector<AblationEffect> ablations;
  /// The tag-A parameters of every material in the results (compareCommand fills them from the
  /// materials files; analyseComparison leaves them empty).
  std::vector<UnsourcedConstant> unsourced;
};

/// Groups the replicas of `table` and derives D_c, Ω_app (b from `burgers_A`, per material), the
/// verdicts on T1–T6 (when `judge_targets`) and the residuals of `experiment`. `targets` supplies the
/// paper's regimes and D_c; pass an empty PaperTargets for a study that is not the paper's. T5 is
/// judged on the step velocities of the results' replicas and on `step_velocities` (measurements
/// of `compare --step-velocity`) together.
CompareAnalysis analyseComparison(const ResultsTable& table, const PaperTargets& targets,
                                  const std::optional<ExperimentData>& experiment,
                                  const std::map<std::string, double>& burgers_A, bool judge_targets,
                                  const std::vector<StepVelocityMeasurement>& step_velocities = {});

/// A measurement as T5 judges it: an upper bound when seeds were censored, labelled by its geometry,
/// stress and seeds.
StepVelocityPoint stepVelocityPoint(const StepVelocityMeasurement& m);

/// A markdown table of the ablation effects, with a line saying what "resolved" means; empty when
/// there are none.
std::string ablationMarkdown(const std::vector<AblationEffect>& effects);

/// When the results hold a frozen-surface arm but no as-cut-sites arm, and every material they record ran
/// without creep (`physics` creep laws all "none"): a paragraph saying that the as-cut arm would yield
/// as the frozen one, so the frozen arm's effect is that of the sites the KMC makes (ablation_test.cpp,
/// Ablation.WithoutCreepAsCutSitesYieldAsTheFrozenSurface). Otherwise empty.
std::string asCutArmNote(const std::vector<AblationEffect>& effects, const std::map<std::string, PhysicsUsed>& physics);

/// A markdown table of the unsourced constants; empty when there are none.
std::string unsourcedMarkdown(const std::vector<UnsourcedConstant>& constants);

/// The groups in curves σ_y(D), diameters ascending (groups with at least one value).
std::map<SeriesKey, std::vector<const ConditionGroup*>> curvesOf(const std::vector<ConditionGroup>& groups);

}  // namespace surfkmc::app
