// SPDX-License-Identifier: MIT
// A nucleation barrier ΔG(σ) given by computed points, interpolated in ln ΔG: the law for data no closed form fits.
#pragma once

#include <memory>
#include <string>
#include <vector>

namespace surfkmc::nucleation {

/// One computed barrier: ΔG [eV] at a segment stress σ [GPa].
struct BarrierPoint {
  double stress_GPa = 0.0;
  double barrier_eV = 0.0;
};

/// ΔG(σ) through computed points, linear in ln ΔG between neighbours and extended by the end intervals' lines
/// outside them: ΔG stays positive everywhere, rises exponentially below the lowest stress computed and falls
/// towards (never to) zero above the highest. Used when the power law of Zhu et al. 2008 does not fit the points
/// (docs/model.md#nucleation, "Tabulated laws").
class BarrierTable {
 public:
  BarrierTable() = default;
  /// The non-increasing envelope of `points` (any order): sorted by stress, each barrier replaced by the lowest
  /// at a stress at or below it. A barrier that rises with stress is a path the NEB found above the one it found
  /// at a lower stress, where the same path costs less; the envelope keeps the lower. Throws InputError for
  /// fewer than 2 points, a non-finite or repeated stress, or a barrier that is not finite and > 0.
  static BarrierTable envelope(std::vector<BarrierPoint> points);

  /// ΔG [eV] at segment stress σ [GPa]; always > 0.
  double energy_eV(double stress_GPa) const;
  /// The stresses of the points [GPa], increasing: where the interpolation changes slope.
  const std::vector<double>& stresses_GPa() const { return stress_GPa_; }
  /// The barriers at those stresses [eV], non-increasing.
  const std::vector<double>& barriers_eV() const { return barrier_eV_; }
  /// Throws InputError naming `name` unless there are ≥ 2 points, stresses finite and increasing, barriers
  /// finite, > 0 and non-increasing.
  void validate(const std::string& name) const;

  friend bool operator==(const BarrierTable&, const BarrierTable&) = default;

 private:
  std::vector<double> stress_GPa_;
  std::vector<double> barrier_eV_;
  std::vector<double> ln_barrier_;
};

/// Whether two table handles hold equal tables: both null, the same object, or equal in value.
inline bool equalTables(const std::shared_ptr<const BarrierTable>& a, const std::shared_ptr<const BarrierTable>& b) {
  return a == b || (a && b && *a == *b);
}

}  // namespace surfkmc::nucleation
