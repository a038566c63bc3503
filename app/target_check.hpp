// SPDX-License-Identifier: MIT
// Verdicts on the paper's targets T1–T6 (docs/model.md#targets) from a sweep's yield statistics, as a table.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace surfkmc::app {

/// Where the maximum of a curve σ_y(D) lies among its diameters.
enum class DcStatus { kInterior, kAtSmallestDiameter, kAtLargestDiameter, kTooFewDiameters };
/// The name written in compare.json: interior | at_smallest_diameter | at_largest_diameter | too_few_diameters.
std::string_view dcStatusName(DcStatus status);

/// A verdict on one target.
enum class Verdict {
  kHolds,         ///< the simulation shows the paper's observation, resolved by the standard errors
  kFails,         ///< the simulation contradicts it, resolved by the standard errors
  kNotResolved,   ///< the error bars are too wide to decide either way
  kNotEvaluated,  ///< the results hold no condition the target speaks about
};
/// The name written in targets.md and compare.json: holds | fails | not resolved | not evaluated.
std::string_view verdictName(Verdict verdict);

/// Mean yield of one (material, rate, T, D) condition over its nucleated replicas.
struct YieldPoint {
  double diameter_nm = 0.0;
  double mean_GPa = 0.0;
  double se_GPa = 0.0;  ///< standard error (NaN with fewer than two replicas)
  int n = 0;
};

/// One curve σ_y(D) at fixed material, strain rate and temperature, diameters ascending.
struct YieldCurve {
  std::string material;
  double strain_rate_per_s = 0.0;
  double temperature_K = 0.0;
  std::vector<YieldPoint> points;
  /// Critical diameter (argmax of the mean) and its bootstrap [16 %, 84 %] interval; the diameters
  /// within one combined standard error of the maximum.
  double dc_nm = 0.0, dc_lo_nm = 0.0, dc_hi_nm = 0.0;
  std::vector<double> dc_within_one_se_nm;
  DcStatus dc_status = DcStatus::kTooFewDiameters;
  std::optional<double> paper_dc_nm;
};

/// A pooled apparent activation volume of one paper regime.
struct ActivationVolumeResult {
  std::string regime;  ///< e.g. "Ag_below_15nm"
  std::string material;
  double temperature_K = 0.0;
  double omega_b3 = 0.0, se_b3 = 0.0, paper_b3 = 0.0;
  int pairs = 0;
};

/// One row of the verdict table.
struct TargetVerdict {
  std::string id;         ///< "T1" … "T6"
  std::string paper;      ///< what the paper observes
  std::string simulated;  ///< the simulated numbers with their standard errors
  Verdict verdict = Verdict::kNotEvaluated;
  std::string role;  ///< what was calibrated on it, or "predicted"
};

/// The mean lateral step velocity of one simulated condition (T5): a replica group's, or a measurement
/// of `compare --step-velocity`.
struct StepVelocityPoint {
  std::string material;
  double temperature_K = 0.0, diameter_nm = 0.0;
  double mean_nm_per_s = 0.0, se_nm_per_s = 0.0;
  int n = 0;
  /// Some seeds were censored (the island not half gone by the end): the true velocity is at most this.
  bool upper_bound = false;
  /// What was measured, for the table (e.g. "wire 10 nm, 0 GPa, 16 seeds"); "" ⇒ "<D> nm".
  std::string label;
};

/// Rules (all with standard errors from the replicas; "resolved" = beyond 2 combined standard errors).
/// A target holds when the paper's observation is resolved in the simulation, fails when its opposite
/// is resolved, and is "not resolved" when the error bars allow both. T1–T3 read the curves at the
/// paper's room temperature (300 ± 1 K); "in" and "out" of a range mean that the whole interval
/// mean ± 2 se lies inside it, or wholly outside it:
/// - T1: the Pt curve at ~1e-3 /s. Holds: no thicker wire resolved stronger than the next thinner one, and
///   the thinnest resolved stronger than the thickest. Fails: a thicker wire resolved stronger than the next
///   thinner one, or the thickest resolved stronger than the thinnest.
/// - T2: the Ag curve at the paper's rate of D_c ≈ 15 nm. Holds: an interior maximum resolved on both
///   sides (some thinner and some thicker diameter each resolved below it), with the paper's D_c within
///   the simulated D_c's bootstrap interval or the diameters within one stderr of the maximum. Fails:
///   the simulated diameter nearest the paper's D_c resolved below the maximum.
/// - T3: Ag at the faster rate. Holds: stronger at every common diameter (none resolved weaker, the mean
///   difference over diameters resolved > 0), and D_c(fast) < D_c(slow), strictly. Fails: a diameter
///   resolved weaker, the mean difference resolved < 0, or D_c(fast)'s bootstrap interval wholly above
///   D_c(slow)'s.
/// - T4: numeric, on Ω_app from nucleation stresses: each of thin Ag (paper 0.24 b³), thick Ag (1 b³) and
///   Pt (1.02 b³) that the results hold must be in [paper/2, 2·paper]. Holds: all present in; fails: one
///   out; needs thin Ag.
/// - T5: Ag steps at 300 K move at 0.2–1 nm/s (paper). Holds: every Ag condition's mean step velocity in
///   [0.2, 1] nm/s; fails: one out; not evaluated without step velocities. An upper bound (censored seeds)
///   can only fail, when it lies wholly below 0.2 nm/s: inside or above the range it decides nothing.
/// - T6: Ag at ~1e-3 /s, D_c at 350 K against 300 K; the paper's trend (a softening regime that shrinks
///   with colder loading) predicts a larger D_c at 350 K. Holds: D_c(350 K)'s bootstrap interval wholly
///   above D_c(300 K)'s; fails: wholly below.
/// `roles` says, per target id, what was calibrated on it (docs/calibration.md); a target not in it
/// is a prediction.
std::vector<TargetVerdict> checkTargets(const std::vector<YieldCurve>& curves,
                                        const std::vector<ActivationVolumeResult>& volumes,
                                        const std::map<std::string, std::string>& roles,
                                        const std::vector<StepVelocityPoint>& step_velocities = {});

/// The verdicts as a GitHub-flavoured Markdown table.
std::string targetsMarkdown(const std::vector<TargetVerdict>& verdicts);

}  // namespace surfkmc::app
