// SPDX-License-Identifier: MIT
// Weighted nonlinear least-squares fit of Eq. 2 (Wang et al. 2021) by Levenberg–Marquardt on Eigen.
#include "nucleation/eq2_fit.hpp"

#include <Eigen/Dense>

#include <algorithm>
#include <cmath>
#include <limits>
#include <sstream>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "core/units.hpp"

namespace surfkmc::nucleation {
namespace {

using Vector = Eigen::VectorXd;
using Matrix = Eigen::MatrixXd;

/// Range of the Ω profile scan [Å³]: 4e-4 b³ to 4e3 b³ for b ≈ 2.9 Å, far beyond 0.1–10 b³ of any
/// nucleation or diffusion mechanism, so a best scan point on the edge means "no rate sensitivity".
constexpr double kScanOmegaMin_A3 = 1.0e-2;
constexpr double kScanOmegaMax_A3 = 1.0e5;
constexpr int kScanPoints = 701;
/// Condition number (of the column-normalised weighted Jacobian) above which a parameter is taken
/// as unconstrained: cov would then be dominated by round-off.
constexpr double kMaxCondition = 1.0e9;

/// Concatenates values as text (numbers as %g), for messages; nucleation/ does not link fmt.
template <typename... Args>
std::string cat(const Args&... args) {
  std::ostringstream s;
  (s << ... << args);
  return s.str();
}

/// Relative tolerance for calling two strain rates or temperatures the same condition.
constexpr double kSameValueRelTol = 1.0e-9;

/// The terms of Eq. 2 for one point that depend only on T, ε̇ and E.
struct PointTerms {
  double c_GPaA3 = 0.0;             ///< k_BT in GPa·Å³, so that k_BT/Ω is in GPa
  double log_kt_over_e_rate = 0.0;  ///< ln(k_BT / (E ε̇ · 1 Å³)) with E·1Å³ in eV
};

PointTerms pointTerms(const Eq2Observation& o, double youngs_GPa) {
  const double kt = units::thermalEnergy_eV(o.temperature_K);
  return {units::eVPerA3ToGPa(kt), std::log(kt / (units::gpaVolumeToEV(youngs_GPa, 1.0) * o.strain_rate_per_s))};
}

/// Eq. 2 from precomputed terms: σ = σ_ath − (C/Ω)(ℓ − ln Ω + L).
double model(const std::array<double, 3>& p, const PointTerms& t) {
  const double omega = p[kActivationVolume];
  return p[kSigmaAth] - t.c_GPaA3 / omega * (t.log_kt_over_e_rate - std::log(omega) + p[kLnPrefactor]);
}

/// ∂σ/∂(σ_ath, Ω, L).
std::array<double, 3> gradient(const std::array<double, 3>& p, const PointTerms& t) {
  const double omega = p[kActivationVolume];
  const double g = t.log_kt_over_e_rate - std::log(omega) + p[kLnPrefactor];
  // σ = σ_ath − C g/Ω with dg/dΩ = −1/Ω ⇒ ∂σ/∂Ω = C (g + 1)/Ω².
  return {1.0, t.c_GPaA3 * (g + 1.0) / (omega * omega), -t.c_GPaA3 / omega};
}

int countDistinct(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  int n = 0;
  for (std::size_t i = 0; i < v.size(); ++i)
    if (i == 0 || std::abs(v[i] - v[i - 1]) > kSameValueRelTol * std::abs(v[i])) ++n;
  return n;
}

struct Problem {
  std::vector<PointTerms> terms;
  std::vector<double> y;
  std::vector<double> sqrt_w;
  std::vector<int> free;  ///< indices of free parameters
};

double chi2Of(const Problem& pr, const std::array<double, 3>& p) {
  double s = 0.0;
  for (std::size_t i = 0; i < pr.y.size(); ++i) {
    const double r = pr.sqrt_w[i] * (pr.y[i] - model(p, pr.terms[i]));
    s += r * r;
  }
  return s;
}

/// Weighted residuals and Jacobian of the free parameters.
void residualsAndJacobian(const Problem& pr, const std::array<double, 3>& p, Vector& r, Matrix& j) {
  const auto n = static_cast<Eigen::Index>(pr.y.size());
  r.resize(n);
  j.resize(n, static_cast<Eigen::Index>(pr.free.size()));
  for (Eigen::Index i = 0; i < n; ++i) {
    const auto k = static_cast<std::size_t>(i);
    r(i) = pr.sqrt_w[k] * (pr.y[k] - model(p, pr.terms[k]));
    const auto g = gradient(p, pr.terms[k]);
    for (std::size_t c = 0; c < pr.free.size(); ++c)
      j(i, static_cast<Eigen::Index>(c)) = pr.sqrt_w[k] * g[static_cast<std::size_t>(pr.free[c])];
  }
}

/// For fixed Ω, σ_ath and L enter Eq. 2 linearly: the best free ones by weighted linear least squares
/// (variable projection). Returns the parameters with those filled in.
std::array<double, 3> profileAt(const Problem& pr, std::array<double, 3> p, double omega) {
  p[kActivationVolume] = omega;
  std::vector<int> lin;
  for (int f : pr.free)
    if (f != kActivationVolume) lin.push_back(f);
  if (lin.empty()) return p;
  const auto n = static_cast<Eigen::Index>(pr.y.size());
  Matrix a(n, static_cast<Eigen::Index>(lin.size()));
  Vector b(n);
  std::array<double, 3> base = p;
  for (int f : lin) base[static_cast<std::size_t>(f)] = 0.0;
  for (Eigen::Index i = 0; i < n; ++i) {
    const auto k = static_cast<std::size_t>(i);
    b(i) = pr.sqrt_w[k] * (pr.y[k] - model(base, pr.terms[k]));
    for (std::size_t c = 0; c < lin.size(); ++c)
      a(i, static_cast<Eigen::Index>(c)) = pr.sqrt_w[k] * (lin[c] == kSigmaAth ? 1.0 : -pr.terms[k].c_GPaA3 / omega);
  }
  const Vector x = a.colPivHouseholderQr().solve(b);
  for (std::size_t c = 0; c < lin.size(); ++c) p[static_cast<std::size_t>(lin[c])] = x(static_cast<Eigen::Index>(c));
  return p;
}

std::string conditionText(const std::vector<Eq2Observation>& data) {
  return cat("T = ", data.front().temperature_K, " K, strain rate = ", data.front().strain_rate_per_s, " /s");
}

/// Structural identifiability: what Eq. 2 can and cannot separate, before any number is fitted.
void checkIdentifiable(const std::vector<Eq2Observation>& data, const Eq2FitOptions& opt, int rates, int temps,
                       int free_count) {
  std::vector<std::pair<double, double>> conds;
  for (const auto& o : data) conds.emplace_back(o.temperature_K, o.strain_rate_per_s);
  std::sort(conds.begin(), conds.end());
  int conditions = 0;
  for (std::size_t i = 0; i < conds.size(); ++i)
    if (i == 0 || std::abs(conds[i].first - conds[i - 1].first) > kSameValueRelTol * conds[i].first ||
        std::abs(conds[i].second - conds[i - 1].second) > kSameValueRelTol * conds[i].second)
      ++conditions;

  if (rates == 1 && temps == 1)
    throw InputError(cat("activation_volume_A3 (Ω) is unidentifiable: every point is at one condition (",
                         conditionText(data),
                         "); Eq. 2's rate sensitivity ∂σ/∂ln ε̇ = k_BT/Ω needs at least two distinct strain rates "
                         "(or temperatures)"));
  const bool both_free = !opt.fixed_sigma_ath_GPa && !opt.fixed_ln_prefactor;
  if (both_free && temps == 1)
    throw InputError(
        cat("sigma_ath_GPa and ln_prefactor (ln Ñν_D) are not separately identifiable: every point is "
            "at T = ",
            data.front().temperature_K,
            " K, where Eq. 2 depends on them only through σ_ath − (k_BT/Ω) ln(Ñ ν_D); give data at a "
            "second temperature or fix one of them (--fix-ln-prefactor, --fix-sigma-ath)"));
  if (conditions < free_count) {
    std::string why = cat("only ", conditions, " distinct (T, strain rate) conditions for ", free_count,
                          " free parameters (Eq. 2 predicts one σ per condition)");
    if (rates == 1)
      why +=
          "; with one strain rate, Ω is separated from σ_ath and ln(Ñν_D) only by the T ln T term, which "
          "needs a third temperature: give a second strain rate or a third temperature";
    throw InputError("activation_volume_A3 (Ω) and the other parameters are not all identifiable: " + why);
  }
  if (static_cast<int>(data.size()) <= free_count)
    throw InputError(cat(data.size(), " points for ", free_count, " free parameters: standard errors need at least ",
                         free_count + 1, " points (one degree of freedom for χ²_red)"));
}

}  // namespace

const char* eq2ParameterName(int parameter) {
  switch (parameter) {
    case kSigmaAth:
      return "sigma_ath_GPa";
    case kActivationVolume:
      return "activation_volume_A3";
    case kLnPrefactor:
      return "ln_prefactor";
    default:
      return "?";
  }
}

void Eq2FitOptions::validate() const {
  require(std::isfinite(youngs_modulus_GPa) && youngs_modulus_GPa > 0.0, "youngs_modulus_GPa must be > 0");
  require(!fixed_sigma_ath_GPa || std::isfinite(*fixed_sigma_ath_GPa), "fixed sigma_ath_GPa must be finite");
  require(!fixed_ln_prefactor || std::isfinite(*fixed_ln_prefactor), "fixed ln_prefactor must be finite");
  require(max_iterations > 0, "max_iterations must be > 0");
}

double eq2Yield_GPa(double sigma_ath_GPa, double activation_volume_A3, double ln_prefactor, double temperature_K,
                    double strain_rate_per_s, double youngs_modulus_GPa) {
  Eq2Observation o;
  o.temperature_K = temperature_K;
  o.strain_rate_per_s = strain_rate_per_s;
  return model({sigma_ath_GPa, activation_volume_A3, ln_prefactor}, pointTerms(o, youngs_modulus_GPa));
}

Eq2FitResult fitEq2(const std::vector<Eq2Observation>& data, const Eq2FitOptions& opt) {
  opt.validate();
  require(!data.empty(), "no data points to fit");
  int with_err = 0;
  for (std::size_t i = 0; i < data.size(); ++i) {
    const auto& o = data[i];
    const std::string at = cat("point ", i + 1, ": ");
    require(std::isfinite(o.strain_rate_per_s) && o.strain_rate_per_s > 0.0, at + "strain_rate_per_s must be > 0");
    require(std::isfinite(o.temperature_K) && o.temperature_K > 0.0, at + "temperature_K must be > 0");
    require(std::isfinite(o.yield_GPa), at + "yield_GPa must be finite");
    require(std::isfinite(o.err_GPa) && o.err_GPa >= 0.0, at + "err_GPa must be >= 0");
    if (o.err_GPa > 0.0) ++with_err;
  }
  require(with_err == 0 || with_err == static_cast<int>(data.size()),
          cat("err_GPa is given for ", with_err, " of ", data.size(),
              " points: give it for all (weighted fit) or none (unweighted)"));

  Eq2FitResult res;
  res.points = static_cast<int>(data.size());
  res.weighted = with_err > 0;
  res.free = {!opt.fixed_sigma_ath_GPa, true, !opt.fixed_ln_prefactor};
  std::vector<double> rates, temps;
  for (const auto& o : data) {
    rates.push_back(o.strain_rate_per_s);
    temps.push_back(o.temperature_K);
  }
  res.distinct_strain_rates = countDistinct(rates);
  res.distinct_temperatures = countDistinct(temps);

  Problem pr;
  for (int k = 0; k < 3; ++k)
    if (res.free[static_cast<std::size_t>(k)]) pr.free.push_back(k);
  const int p_free = static_cast<int>(pr.free.size());
  checkIdentifiable(data, opt, res.distinct_strain_rates, res.distinct_temperatures, p_free);
  for (const auto& o : data) {
    pr.terms.push_back(pointTerms(o, opt.youngs_modulus_GPa));
    pr.y.push_back(o.yield_GPa);
    pr.sqrt_w.push_back(res.weighted ? 1.0 / o.err_GPa : 1.0);
  }

  // Start: scan Ω on a log grid with the linear parameters profiled out, so LM starts in the right basin
  // whatever the data (Eq. 2 is linear in σ_ath and ln(Ñν_D) at fixed Ω).
  std::array<double, 3> p{opt.fixed_sigma_ath_GPa.value_or(0.0), 1.0, opt.fixed_ln_prefactor.value_or(0.0)};
  double best = std::numeric_limits<double>::infinity();
  int best_k = 0;
  for (int k = 0; k < kScanPoints; ++k) {
    const double omega =
        kScanOmegaMin_A3 * std::pow(kScanOmegaMax_A3 / kScanOmegaMin_A3, static_cast<double>(k) / (kScanPoints - 1));
    const auto trial = profileAt(pr, p, omega);
    const double c = chi2Of(pr, trial);
    if (c < best) {
      best = c;
      best_k = k;
      p = trial;
    }
  }
  const std::string no_sensitivity =
      "activation_volume_A3 (Ω) is unidentifiable: the yield stress in these data does not rise with strain rate "
      "(∂σ/∂ln ε̇ = k_BT/Ω must be > 0), so the best Ω runs off to infinity";
  if (best_k == kScanPoints - 1) throw InputError(no_sensitivity);

  // Levenberg–Marquardt (Marquardt's diagonal scaling) on the free parameters.
  Vector r;
  Matrix j;
  double chi2 = chi2Of(pr, p);
  double lambda = 1.0e-3;
  int it = 0;
  for (; it < opt.max_iterations; ++it) {
    residualsAndJacobian(pr, p, r, j);
    const Matrix a = j.transpose() * j;
    const Vector g = j.transpose() * r;
    bool accepted = false;
    bool converged = false;
    while (lambda < 1.0e16) {
      Matrix damped = a;
      for (Eigen::Index d = 0; d < damped.rows(); ++d) damped(d, d) += lambda * std::max(a(d, d), 1e-300);
      const Vector step = damped.ldlt().solve(g);
      std::array<double, 3> trial = p;
      for (std::size_t c = 0; c < pr.free.size(); ++c)
        trial[static_cast<std::size_t>(pr.free[c])] += step(static_cast<Eigen::Index>(c));
      const double c2 = trial[kActivationVolume] > 0.0 ? chi2Of(pr, trial) : std::numeric_limits<double>::infinity();
      if (std::isfinite(c2) && c2 <= chi2) {
        converged = true;
        for (std::size_t c = 0; c < pr.free.size(); ++c) {
          const auto f = static_cast<std::size_t>(pr.free[c]);
          if (std::abs(step(static_cast<Eigen::Index>(c))) > 1e-12 * (std::abs(p[f]) + 1e-12)) converged = false;
        }
        converged = converged || chi2 - c2 <= 1e-15 * chi2;
        p = trial;
        chi2 = c2;
        lambda = std::max(lambda / 10.0, 1e-12);
        accepted = true;
        break;
      }
      lambda *= 10.0;
    }
    if (!accepted || converged) break;
  }
  res.iterations = it + 1;
  if (!(p[kActivationVolume] > 0.0) || p[kActivationVolume] >= kScanOmegaMax_A3) throw InputError(no_sensitivity);

  // Identifiability at the solution: a (near-)null direction of the normalised Jacobian names the
  // parameters that trade off against each other without changing χ².
  residualsAndJacobian(pr, p, r, j);
  Matrix jn = j;
  for (Eigen::Index c = 0; c < jn.cols(); ++c) {
    const double nrm = jn.col(c).norm();
    if (nrm > 0.0) jn.col(c) /= nrm;
  }
  const Eigen::JacobiSVD<Matrix> svd(jn, Eigen::ComputeFullV);
  const Vector sv = svd.singularValues();
  if (sv(sv.size() - 1) <= 0.0 || sv(0) / sv(sv.size() - 1) > kMaxCondition) {
    const Vector v = svd.matrixV().col(sv.size() - 1);
    std::string names;
    for (Eigen::Index c = 0; c < v.size(); ++c)
      if (std::abs(v(c)) > 0.3)
        names += (names.empty() ? "" : ", ") + std::string(eq2ParameterName(pr.free[static_cast<std::size_t>(c)]));
    throw InputError(cat("the data cannot constrain ", names,
                         ": they trade off against each other without changing the fit (condition number ",
                         sv(sv.size() - 1) > 0.0 ? sv(0) / sv(sv.size() - 1) : INFINITY,
                         "); add data at other strain rates or temperatures, or fix a parameter"));
  }

  res.value = p;
  res.chi2 = chi2;
  res.dof = res.points - p_free;
  res.reduced_chi2 = chi2 / res.dof;
  // cov = (Jᵀ W J)⁻¹ · χ²_red: the scale of the errors is taken from the scatter about the fit, so it is
  // right even when err_GPa is only relative (Bevington & Robinson, ch. 8; Numerical Recipes §15.6).
  const Matrix cov = (j.transpose() * j).inverse() * res.reduced_chi2;
  for (std::size_t a = 0; a < pr.free.size(); ++a)
    for (std::size_t b = 0; b < pr.free.size(); ++b)
      res.covariance[static_cast<std::size_t>(pr.free[a])][static_cast<std::size_t>(pr.free[b])] =
          cov(static_cast<Eigen::Index>(a), static_cast<Eigen::Index>(b));
  for (std::size_t k = 0; k < 3; ++k) res.std_error[k] = std::sqrt(std::max(res.covariance[k][k], 0.0));
  return res;
}

}  // namespace surfkmc::nucleation
