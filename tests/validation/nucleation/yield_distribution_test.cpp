// SPDX-License-Identifier: MIT
// Sampled yield stresses under σ = E ε̇ t, from the time-stepping hazard integrator, against theory.
//
// Theory. For sites with rates r_s(σ) and a ramp σ = σ̇ t, the yield stress has survival
// S(σ) = exp(−H(σ)), H(σ) = (1/σ̇) ∫ Σ_s r_s. With one linear class (r = Ñ ν_D e^{−Ω(σ_ath−σ)/k_BT}),
// H = exp((σ − σ*)/β) with β = k_BT/Ω and σ* given by Eq. 2 of Wang et al. 2021: a minimum-type
// Gumbel law with mode σ*, mean σ* − γ_E β and standard deviation πβ/√6. Starting the ramp at σ = 0
// instead of −∞ changes H by e^{−σ*/β} < 1e-4 here, far below the statistical resolution.
// Standard errors: of the mean, s/√n; of the sample standard deviation of a Gumbel law (excess
// kurtosis 12/5), s √((κ − 1)/(4n)) = s √(1.1/n). Kolmogorov–Smirnov at α = 0.001: D < 1.95/√n.
#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <functional>
#include <vector>

#include "core/statistics.hpp"
#include "core/units.hpp"
#include "nucleation/hazard.hpp"
#include "nucleation/yield_law.hpp"

namespace surfkmc::nucleation {
namespace {

constexpr std::uint64_t kSeed = 5237;  // Nat. Commun. 12:5237
constexpr double kT = 300.0;
constexpr double kNu = 5.0e12;
constexpr double kE = 83.4;
constexpr double kB3 = 2.889 * 2.889 * 2.889;
constexpr double kKsCritical = 1.95;  // α = 0.001
constexpr double kSigmas = 5.0;

struct Moments {
  double mean = 0.0;
  double stddev = 0.0;
};

Moments moments(const std::vector<double>& x) {
  const MeanStdErr s = meanStdErr(x);
  return {s.mean, s.sd};
}

double ksDistance(std::vector<double> x, const std::function<double(double)>& cdf) {
  std::sort(x.begin(), x.end());
  const auto n = static_cast<double>(x.size());
  double d = 0.0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    const double f = cdf(x[i]);
    const auto rank = static_cast<double>(i);
    d = std::max({d, std::abs(f - rank / n), std::abs(f - (rank + 1.0) / n)});
  }
  return d;
}

// Yield stresses from the time-stepping integrator (advance over fixed steps dt of the ramp); also
// records the id of the site that fired.
std::vector<double> stepSamples(Hazard& hazard, double stress_rate, double dt, int n, RandomStream& rng,
                                std::vector<std::int64_t>* fired = nullptr) {
  std::vector<double> out;
  out.reserve(n);
  for (int i = 0; i < n; ++i) {
    hazard.reset(rng);
    for (int k = 0;; ++k) {
      const double s0 = stress_rate * dt * k, s1 = stress_rate * dt * (k + 1);
      if (const auto e = hazard.advance(s0, s1, dt, rng)) {
        out.push_back(e->stress_GPa);
        if (fired) fired->push_back(e->site_id);
        break;
      }
    }
  }
  return out;
}

Barrier linear(double sigma_ath, double omega) {
  Barrier b;
  b.sigma_ath_GPa = sigma_ath;
  b.activation_volume_A3 = omega;
  return b;
}

// Ag with Ω = 1 b³ (thick wires) and 0.24 b³ (thin wires), Ñ = 200, ε̇ = 1e-3 /s; steps of 0.5 s move σ by
// 0.04 GPa, a quarter of β or less, so the exact per-step integral and in-step crossing are exercised.
TEST(YieldDistribution, SingleClassRampIsTheGumbelLawOfEq2) {
  for (auto [omega_b3, sigma_ath] : {std::pair{1.0, 8.0}, std::pair{0.24, 34.0}}) {
    YieldLawInputs in;
    in.temperature_K = kT;
    in.sigma_ath_GPa = sigma_ath;
    in.activation_volume_A3 = omega_b3 * kB3;
    in.site_count = 200.0;
    in.attempt_frequency_per_s = kNu;
    in.youngs_modulus_GPa = kE;
    in.strain_rate_per_s = 1e-3;
    const GumbelLaw law = yieldStressLaw(in);
    ASSERT_GT(law.mode_GPa / law.scale_GPa, 9.5);  // truncation at σ = 0 negligible

    Hazard hazard(kT, kNu);
    hazard.setSites({{linear(sigma_ath, in.activation_volume_A3), in.site_count, 0}});
    RandomStream rng(kSeed, StreamId::kNucleation, 0, static_cast<std::uint64_t>(omega_b3 * 100));
    const int n = 4000;
    const std::vector<double> x = stepSamples(hazard, kE * 1e-3, 0.5, n, rng);
    const Moments m = moments(x);
    const double sd = law.stddev_GPa();
    EXPECT_NEAR(m.mean, law.mean_GPa(), kSigmas * sd / std::sqrt(n)) << "Ω = " << omega_b3 << " b³";
    EXPECT_NEAR(m.stddev, sd, kSigmas * sd * std::sqrt(1.1 / n)) << "Ω = " << omega_b3 << " b³";
    // The whole law, hence its mode σ* from Eq. 2.
    EXPECT_LT(ksDistance(x, [&](double s) { return law.cdf(s); }), kKsCritical / std::sqrt(n));
    // Method-of-moments mode, mean + γ_E (√6/π) s: its error is dominated by that of the mean.
    const double mode_hat = m.mean + units::kEulerGamma * std::sqrt(6.0) / units::kPi * m.stddev;
    EXPECT_NEAR(mode_hat, law.mode_GPa, kSigmas * sd * std::sqrt(1.0 / n + 0.33 * 1.1 / n));

    // The closed-form inverse sampler draws the same law.
    const int n_exact = 20000;
    std::vector<double> y;
    y.reserve(n_exact);
    for (int i = 0; i < n_exact; ++i) y.push_back(hazard.sampleRampYieldStress(rng, 0.0, kE * 1e-3));
    EXPECT_NEAR(moments(y).mean, law.mean_GPa(), kSigmas * sd / std::sqrt(n_exact));
    EXPECT_LT(ksDistance(y, [&](double s) { return law.cdf(s); }), kKsCritical / std::sqrt(n_exact));
  }
}

// Three classes (facet edges, a height-2 step, a pit) with different Ω and weights, and σ_ath set so
// that each alone would have its Eq. 2 mode near 2 GPa (so all three compete). The exact survival is
// computed here independently in closed form; mean and variance by quadrature of S.
TEST(YieldDistribution, MultiClassRampMatchesTheExactCumulativeHazard) {
  struct Class {
    double sigma_ath, omega, weight;
  };
  std::array<Class, 3> classes{{{2.2, 24.11, 400.0}, {2.0, 16.0, 30.0}, {2.1, 9.0, 2.0}}};
  const double rate = kE * 1e-3;
  const double kt = units::thermalEnergy_eV(kT);
  for (Class& c : classes) {
    YieldLawInputs in;
    in.sigma_ath_GPa = 0.0;
    in.activation_volume_A3 = c.omega;
    in.site_count = c.weight;
    in.attempt_frequency_per_s = kNu;
    in.youngs_modulus_GPa = kE;
    c.sigma_ath += -modalYieldStress_GPa(in);  // σ_ath = mode + (k_BT/Ω) ln(…)
  }
  auto classH = [&](const Class& c, double s) {
    const double beta = units::gpaVolumeToEV(1.0, c.omega) / kt;  // 1/GPa
    return kNu * c.weight / (beta * rate) * (std::exp(-beta * (c.sigma_ath - s)) - std::exp(-beta * c.sigma_ath));
  };
  auto survival = [&](double s) {
    double h = 0.0;
    for (const Class& c : classes) h += classH(c, s);
    return std::exp(-h);
  };
  // Moments and class probabilities P(c) = ∫ r_c(σ)/σ̇ S(σ) dσ by the midpoint rule on [0, 6] GPa.
  double mean = 0.0, second = 0.0;
  std::array<double, 3> p{};
  const int grid = 600000;
  const double ds = 6.0 / grid;
  for (int i = 0; i < grid; ++i) {
    const double s = (i + 0.5) * ds, surv = survival(s);
    mean += surv * ds;
    second += 2.0 * s * surv * ds;
    for (int c = 0; c < 3; ++c) {
      const double beta = units::gpaVolumeToEV(1.0, classes[c].omega) / kt;
      p[c] += kNu * classes[c].weight * std::exp(-beta * (classes[c].sigma_ath - s)) / rate * surv * ds;
    }
  }
  ASSERT_LT(survival(6.0), 1e-12);
  const double sd = std::sqrt(second - mean * mean);
  ASSERT_NEAR(p[0] + p[1] + p[2], 1.0, 1e-6);
  for (double pc : p) ASSERT_GT(pc, 0.05);  // every class matters

  Hazard hazard(kT, kNu);
  std::vector<HazardSite> sites;
  sites.reserve(classes.size());
  for (int c = 0; c < 3; ++c) sites.push_back({linear(classes[c].sigma_ath, classes[c].omega), classes[c].weight, c});
  hazard.setSites(sites);
  RandomStream rng(kSeed, StreamId::kNucleation, 1, 0);
  const int n = 4000;
  std::vector<std::int64_t> fired;
  const std::vector<double> x = stepSamples(hazard, rate, 0.4, n, rng, &fired);
  const Moments m = moments(x);
  EXPECT_NEAR(m.mean, mean, kSigmas * sd / std::sqrt(n));
  EXPECT_LT(ksDistance(x, [&](double s) { return 1.0 - survival(s); }), kKsCritical / std::sqrt(n));
  for (int c = 0; c < 3; ++c) {
    const auto freq = static_cast<double>(std::count(fired.begin(), fired.end(), c)) / n;
    EXPECT_NEAR(freq, p[c], kSigmas * std::sqrt(p[c] * (1 - p[c]) / n)) << "class " << c;
  }
}

// Power form Q(σ) = Q*(1 − σ/σ_ath)^α (Zhu et al. 2008): the survival is integrated here by the
// trapezoidal rule on a fine grid, independently of the integrator's adaptive quadrature.
TEST(YieldDistribution, PowerFormMatchesNumericallyIntegratedSurvival) {
  Barrier b;
  b.form = BarrierForm::kPower;
  b.sigma_ath_GPa = 5.2;
  b.barrier_eV = 1.6;
  b.exponent = 2.0;
  const double weight = 300.0, rate = kE * 1e-3;
  const double kt = units::thermalEnergy_eV(kT);
  const auto r = [&](double s) { return kNu * weight * std::exp(-b.energy_eV(s) / kt); };
  const int grid = 400000;
  const double top = 5.2, ds = top / grid;
  std::vector<double> cumulative(grid + 1, 0.0);
  for (int i = 1; i <= grid; ++i) cumulative[i] = cumulative[i - 1] + 0.5 * (r((i - 1) * ds) + r(i * ds)) * ds / rate;
  ASSERT_GT(cumulative[grid], 50.0);  // nucleation before the athermal stress, surely
  const auto cdf = [&](double s) {
    const double u = std::clamp(s / ds, 0.0, double(grid));
    const int i = std::min(static_cast<int>(u), grid - 1);
    const double h = cumulative[i] + (u - i) * (cumulative[i + 1] - cumulative[i]);
    return -std::expm1(-h);
  };
  double mean = 0.0, second = 0.0;
  for (int i = 0; i < grid; ++i) {
    const double s = (i + 0.5) * ds, surv = 1.0 - cdf(s);
    mean += surv * ds;
    second += 2.0 * s * surv * ds;
  }
  const double sd = std::sqrt(second - mean * mean);

  Hazard hazard(kT, kNu);
  hazard.setSites({{b, weight, 0}});
  RandomStream rng(kSeed, StreamId::kNucleation, 2, 0);
  const int n = 3000;
  const std::vector<double> x = stepSamples(hazard, rate, 0.5, n, rng);
  EXPECT_NEAR(moments(x).mean, mean, kSigmas * sd / std::sqrt(n));
  EXPECT_LT(ksDistance(x, cdf), kKsCritical / std::sqrt(n));
  // The root-finding sampler on the quadrature cumulative draws the same law.
  std::vector<double> y;
  y.reserve(n);
  for (int i = 0; i < n; ++i) y.push_back(hazard.sampleRampYieldStress(rng, 0.0, rate));
  EXPECT_LT(ksDistance(y, cdf), kKsCritical / std::sqrt(n));
}

}  // namespace
}  // namespace surfkmc::nucleation
