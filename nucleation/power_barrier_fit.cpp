// SPDX-License-Identifier: MIT
// The power-law barrier fit: profile the two linear parameters out, search σ_ath in one dimension.
#include "nucleation/power_barrier_fit.hpp"

#include <Eigen/Dense>

#include <algorithm>
#include <cmath>
#include <set>

#include "core/error.hpp"

namespace surfkmc::nucleation {
namespace {

/// Linear least squares of ln ΔG on ln(1 − σ/σ_ath) at fixed σ_ath; returns the fit with its residual.
PowerBarrierFit fitAt(const std::vector<double>& s, const std::vector<double>& g, double sigma_ath) {
  const auto n = static_cast<Eigen::Index>(s.size());
  Eigen::MatrixXd design(n, 2);
  Eigen::VectorXd y(n);
  for (Eigen::Index i = 0; i < n; ++i) {
    design(i, 0) = 1.0;
    design(i, 1) = std::log(1.0 - s[i] / sigma_ath);
    y(i) = std::log(g[i]);
  }
  const Eigen::Vector2d c = design.colPivHouseholderQr().solve(y);
  PowerBarrierFit f;
  f.barrier_eV = std::exp(c(0));
  f.exponent = c(1);
  f.sigma_ath_GPa = sigma_ath;
  f.rms_log = std::sqrt((design * c - y).squaredNorm() / double(n));
  return f;
}

}  // namespace

double PowerBarrierFit::energy_eV(double stress) const {
  if (stress >= sigma_ath_GPa) return 0.0;
  return barrier_eV * std::pow(1.0 - stress / sigma_ath_GPa, exponent);
}

double PowerBarrierFit::activationVolume_eV_per_GPa(double stress) const {
  if (stress >= sigma_ath_GPa) return 0.0;
  return barrier_eV * exponent / sigma_ath_GPa * std::pow(1.0 - stress / sigma_ath_GPa, exponent - 1.0);
}

PowerBarrierFit fitPowerBarrier(const std::vector<double>& s, const std::vector<double>& g) {
  require(s.size() == g.size(), "barrier fit: stresses and barriers differ in number");
  require(std::set<double>(s.begin(), s.end()).size() >= 3, "barrier fit: needs at least 3 distinct stresses");
  for (std::size_t i = 0; i < s.size(); ++i)
    require(std::isfinite(s[i]) && std::isfinite(g[i]) && g[i] > 0.0, "barrier fit: every barrier must be > 0");
  const double top = *std::max_element(s.begin(), s.end());
  const double scale = std::max(std::abs(top), 1.0);
  // σ_ath = top + scale·e^u; scan u, then refine around the best point by golden section.
  const auto cost = [&](double u) { return fitAt(s, g, top + scale * std::exp(u)).rms_log; };
  double lo = std::log(1e-4), hi = std::log(1e3), best_u = lo, best = cost(lo);
  const int scan = 400;
  for (int k = 1; k <= scan; ++k) {
    const double u = lo + (hi - lo) * k / scan;
    if (const double c = cost(u); c < best) best = c, best_u = u;
  }
  double a = best_u - (hi - lo) / scan, b = best_u + (hi - lo) / scan;
  const double phi = 0.5 * (std::sqrt(5.0) - 1.0);
  for (int it = 0; it < 80; ++it) {
    const double c = b - phi * (b - a), d = a + phi * (b - a);
    (cost(c) < cost(d) ? b : a) = (cost(c) < cost(d) ? d : c);
  }
  return fitAt(s, g, top + scale * std::exp(0.5 * (a + b)));
}

}  // namespace surfkmc::nucleation
