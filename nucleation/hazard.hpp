// SPDX-License-Identifier: MIT
// The nucleation hazard λ(t) = ν_D Σ_s exp(−ΔG_s(σ(t))/k_BT) and the first passage of its integral.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "core/random_stream.hpp"
#include "nucleation/barrier.hpp"
#include "nucleation/nucleation_parameters.hpp"
#include "nucleation/site_detector.hpp"

namespace surfkmc {
class BinaryWriter;
class BinaryReader;
}  // namespace surfkmc

namespace surfkmc::nucleation {

/// One site as the hazard sees it: a barrier, a weight (multiplicity) and the caller's id for it.
struct HazardSite {
  Barrier barrier;
  double weight = 1.0;  ///< > 0
  std::int64_t id = 0;  ///< returned when this site nucleates (SiteSet input: index into SiteSet::sites)
};

/// A nucleation found inside a step.
struct NucleationEvent {
  double time_in_step_s = 0.0;  ///< time from the start of the step to the crossing [s]
  double stress_GPa = 0.0;      ///< applied stress at the crossing [GPa]
  std::int64_t site_id = 0;     ///< id of the site that nucleated
  Barrier barrier;              ///< its barrier
  double rate_per_s = 0.0;      ///< total hazard λ at the crossing [1/s]
};

/// Integrates the hazard over time steps in which the applied stress changes linearly, exactly for
/// the linear barrier (closed form per site group) and by adaptive Gauss–Legendre quadrature to a
/// relative error of 1e-12 for the power and tabulated forms (the latter piece by piece between its points). Sites with
/// identical barriers are grouped, so the cost per step scales with the number of distinct (class, size) pairs, not
/// with the number of sites.
///
/// Use: reset(rng) at the start and after each nucleation; setSites() whenever the surface changed
/// (the accumulated hazard carries over, which is exact for a piecewise-constant site set); then
/// advance() over each step of the coupled run.
class Hazard {
 public:
  /// @param temperature_K T [K]; @param attempt_frequency_per_s ν_D [1/s] per unit site weight.
  Hazard(double temperature_K, double attempt_frequency_per_s);
  /// At parameters.hazardTemperature_K(): the activation entropy, if any, acts as a higher temperature.
  explicit Hazard(const NucleationParameters& parameters);

  /// Replaces the site set; every barrier is validated.
  void setSites(const std::vector<HazardSite>& sites);
  /// Replaces the site set by detected sites with barriers from `parameters` (ids = indices into set.sites).
  void setSites(const SiteSet& set, const NucleationParameters& parameters);

  /// Draws a new Exp(1) threshold and zeroes the accumulated hazard.
  void reset(RandomStream& rng);
  /// Sets the state explicitly (checkpoint restart, tests).
  void restore(double accumulated, double threshold);
  double accumulated() const { return accumulated_; }
  double threshold() const { return threshold_; }
  /// Writes the accumulated hazard, the threshold and whether it is armed (checkpoints). Not the
  /// site set: callers save where they set it afresh from the surface anyway.
  void saveState(BinaryWriter& out) const;
  /// Reads what saveState() wrote; throws InputError if it is inconsistent.
  void restoreState(BinaryReader& in);

  /// Instantaneous hazard λ(σ) [1/s].
  double rate(double stress_GPa) const;
  /// ∫ λ dt over a step of length dt [s] with σ linear from σ0 to σ1 [GPa].
  double integrate(double sigma0_GPa, double sigma1_GPa, double dt_s) const;
  /// Advances over one step. If the accumulated hazard reaches the threshold inside it, returns the
  /// event (crossing time by safeguarded Newton on the exact cumulative hazard; the site chosen with
  /// probability ∝ its rate at the crossing) and leaves accumulated() == threshold() until reset().
  /// Throws RuntimeError if no threshold is armed (reset() never called, or not since the last event).
  std::optional<NucleationEvent> advance(double sigma0_GPa, double sigma1_GPa, double dt_s, RandomStream& rng);

  /// Cumulative hazard under the ramp σ = σ_start + σ̇ t, from σ_start up to σ [dimensionless].
  double rampCumulative(double sigma_start_GPa, double sigma_GPa, double stress_rate_GPa_per_s) const;
  /// Stress at which the ramp's cumulative hazard reaches `target` (closed form for one linear
  /// group; otherwise a monotone root of the exact cumulative) [GPa].
  double rampFirstPassageStress(double target, double sigma_start_GPa, double stress_rate_GPa_per_s) const;
  /// Exact sample of the first-passage (yield) stress under the ramp for the current fixed site set [GPa].
  double sampleRampYieldStress(RandomStream& rng, double sigma_start_GPa, double stress_rate_GPa_per_s) const;

  /// Number of distinct barriers among the sites.
  std::size_t groupCount() const { return groups_.size(); }
  /// Total site weight.
  double totalWeight() const;

 private:
  struct Group {
    Barrier barrier;
    double weight = 0.0;             // Σ weights
    std::vector<std::int64_t> ids;   // sites of the group
    std::vector<double> cumulative;  // running sums of their weights, for the choice of one
  };

  double groupRate(const Group& g, double stress_GPa) const;
  /// ∫_{a}^{b} rate_g(σ) dσ [1/s · GPa], for any order of a and b.
  double groupStressIntegral(const Group& g, double a_GPa, double b_GPa) const;
  double stressIntegral(double a_GPa, double b_GPa) const;

  double kt_eV_;
  double nu_per_s_;
  std::vector<Group> groups_;
  double accumulated_ = 0.0;
  double threshold_ = 0.0;
  bool armed_ = false;  // a threshold is set and not yet reached
};

}  // namespace surfkmc::nucleation
