// SPDX-License-Identifier: MIT
// Hazard: exact step integrals, exponential waiting at constant stress, site choice, changing site sets.
#include "nucleation/hazard.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <vector>

#include "core/binary_reader.hpp"
#include "core/binary_writer.hpp"
#include "core/error.hpp"
#include "core/units.hpp"

namespace surfkmc::nucleation {
namespace {

constexpr std::uint64_t kSeed = 20211022;
constexpr double kT = 300.0;
constexpr double kNu = 5.0e12;

Barrier linear(double sigma_ath, double omega, double k = 1.0) {
  Barrier b;
  b.sigma_ath_GPa = sigma_ath;
  b.activation_volume_A3 = omega;
  b.stress_concentration = k;
  return b;
}

Barrier power(double sigma_ath, double q, double alpha) {
  Barrier b;
  b.form = BarrierForm::kPower;
  b.sigma_ath_GPa = sigma_ath;
  b.barrier_eV = q;
  b.exponent = alpha;
  return b;
}

// Independent midpoint rule for ∫ λ dt over a step with σ linear in t.
double midpoint(const Hazard& h, double s0, double s1, double dt, int n = 200000) {
  double sum = 0.0;
  for (int i = 0; i < n; ++i) sum += h.rate(s0 + (s1 - s0) * (i + 0.5) / n);
  return sum * dt / n;
}

TEST(Hazard, RateIsAttemptFrequencyTimesBoltzmannFactorPerSite) {
  Hazard h(kT, kNu);
  h.setSites({{linear(6.0, 24.11), 3.0, 0}, {power(5.0, 1.2, 2.0), 2.0, 1}});
  const double kt = 8.617333262e-5 * kT;
  const double expected = kNu * (3.0 * std::exp(-linear(6.0, 24.11).energy_eV(2.0) / kt) +
                                 2.0 * std::exp(-power(5.0, 1.2, 2.0).energy_eV(2.0) / kt));
  EXPECT_NEAR(h.rate(2.0), expected, 1e-12 * expected);
  EXPECT_EQ(h.groupCount(), 2u);
  EXPECT_EQ(h.totalWeight(), 5.0);
}

// The closed form (linear) and the adaptive quadrature (power) agree with a brute-force midpoint rule,
// across the clamp at σ_ath/K, for rising and falling stress.
TEST(Hazard, StepIntegralMatchesBruteForceAcrossTheClamp) {
  Hazard h(kT, kNu);
  h.setSites({{linear(3.0, 20.0, 1.2), 10.0, 0}, {power(3.2, 1.0, 1.7), 4.0, 1}});
  for (auto [s0, s1] : {std::pair{1.5, 2.4}, std::pair{2.4, 3.0}, std::pair{3.1, 1.9}, std::pair{2.0, 2.0}}) {
    const double exact = h.integrate(s0, s1, 0.7);
    EXPECT_NEAR(exact, midpoint(h, s0, s1, 0.7), 1e-6 * exact) << s0 << " -> " << s1;
  }
  // Additive over sub-steps (to round-off).
  const double whole = h.integrate(1.0, 3.0, 2.0);
  const double parts = h.integrate(1.0, 2.0, 1.0) + h.integrate(2.0, 3.0, 1.0);
  EXPECT_NEAR(whole, parts, 1e-11 * whole);
}

// At constant σ the hazard is a constant λ, so the waiting time is Exp(λ): mean 1/λ (standard error
// 1/(λ√n)) and a Kolmogorov–Smirnov distance below 1.95/√n (α = 0.001).
TEST(Hazard, ConstantStressGivesExponentialWaitingTime) {
  Hazard h(kT, kNu);
  h.setSites({{linear(6.0, 24.11), 40.0, 0}, {linear(5.0, 10.0), 2.0, 1}});
  const double sigma = 1.2;
  const double lambda = h.rate(sigma);
  RandomStream rng(kSeed, StreamId::kNucleation, 0, 0);
  const int n = 4000;
  const double dt = 0.37 / lambda;
  std::vector<double> waits;
  for (int i = 0; i < n; ++i) {
    h.reset(rng);
    double t = 0.0;
    for (;;) {
      const auto event = h.advance(sigma, sigma, dt, rng);
      if (event) {
        waits.push_back(t + event->time_in_step_s);
        break;
      }
      t += dt;
    }
  }
  double mean = 0.0;
  for (double w : waits) mean += w;
  mean /= n;
  EXPECT_NEAR(mean, 1.0 / lambda, 5.0 / (lambda * std::sqrt(n)));
  std::sort(waits.begin(), waits.end());
  double ks = 0.0;
  for (int i = 0; i < n; ++i) {
    const double f = -std::expm1(-lambda * waits[i]);
    ks = std::max({ks, std::abs(f - double(i) / n), std::abs(f - double(i + 1) / n)});
  }
  EXPECT_LT(ks, 1.95 / std::sqrt(n));
}

// Competing clocks: the site that fires is chosen ∝ its rate at the crossing; binomial standard error.
TEST(Hazard, SiteChoiceIsProportionalToRate) {
  Hazard h(kT, kNu);
  h.setSites({{linear(6.0, 24.11), 1.0, 7}, {linear(5.8, 24.11), 1.0, 8}, {linear(5.8, 24.11), 3.0, 9}});
  const double sigma = 1.0;
  const double kt = 8.617333262e-5 * kT;
  const double r7 = std::exp(-linear(6.0, 24.11).energy_eV(sigma) / kt);
  const double r8 = std::exp(-linear(5.8, 24.11).energy_eV(sigma) / kt);
  const double p7 = r7 / (r7 + 4.0 * r8), p9 = 3.0 * r8 / (r7 + 4.0 * r8);
  RandomStream rng(kSeed, StreamId::kNucleation, 1, 0);
  const int n = 20000;
  int n7 = 0, n9 = 0;
  for (int i = 0; i < n; ++i) {
    h.reset(rng);
    std::optional<NucleationEvent> e;
    while (!(e = h.advance(sigma, sigma, 1.0 / h.rate(sigma), rng))) {
    }
    n7 += e->site_id == 7;
    n9 += e->site_id == 9;
  }
  EXPECT_NEAR(double(n7) / n, p7, 5.0 * std::sqrt(p7 * (1 - p7) / n));
  EXPECT_NEAR(double(n9) / n, p9, 5.0 * std::sqrt(p9 * (1 - p9) / n));
}

// The crossing inside a step is where the exact cumulative hazard meets the threshold.
TEST(Hazard, CrossingSolvesTheCumulativeHazardInsideAStep) {
  Hazard h(kT, kNu);
  h.setSites({{linear(6.0, 24.11), 100.0, 0}});
  h.restore(0.25, 1.3);
  RandomStream rng(kSeed, StreamId::kNucleation, 2, 0);
  const double s0 = 0.5, s1 = 3.0, dt = 30.0;
  ASSERT_GT(h.integrate(s0, s1, dt), 1.05);
  const auto e = h.advance(s0, s1, dt, rng);
  ASSERT_TRUE(e.has_value());
  EXPECT_NEAR(h.integrate(s0, e->stress_GPa, e->time_in_step_s), 1.05, 1e-10);
  EXPECT_NEAR(e->stress_GPa, s0 + (s1 - s0) * e->time_in_step_s / dt, 1e-12);
  EXPECT_EQ(h.accumulated(), h.threshold());
  EXPECT_THROW(h.advance(s0, s1, dt, rng), RuntimeError);  // re-arm with reset() after an event
}

// A changing site set: the accumulated hazard carries over, so two halves with different site sets
// add up their own integrals.
TEST(Hazard, ChangingSiteSetKeepsTheAccumulatedHazard) {
  Hazard h(kT, kNu);
  RandomStream rng(kSeed, StreamId::kNucleation, 3, 0);
  h.restore(0.0, 1e300);
  h.setSites({{linear(6.0, 24.11), 10.0, 0}});
  const double first = h.integrate(0.0, 1.0, 5.0);
  EXPECT_FALSE(h.advance(0.0, 1.0, 5.0, rng));
  h.setSites({{linear(6.0, 24.11), 10.0, 0}, {linear(4.0, 24.11), 1.0, 1}});
  const double second = h.integrate(1.0, 2.0, 5.0);
  EXPECT_FALSE(h.advance(1.0, 2.0, 5.0, rng));
  EXPECT_NEAR(h.accumulated(), first + second, 1e-12 * (first + second));
}

/// Linear-law classes with distinct barriers for the detected-site tests.
NucleationParameters threeClasses() {
  NucleationParameters p;
  p.facet_edge = {8.0, 24.1, 1.0, 2.0, 1.5};
  p.step = {7.0, 20.0, 1.0, 1.8, 1.5};
  p.pit = {6.5, 15.0, 1.0, 1.6, 1.5};
  return p;
}

TEST(Hazard, DetectedSitesMapToClassBarriers) {
  const NucleationParameters p = threeClasses();
  SiteSet set;
  set.sites = {{SiteClass::kFacetEdge, 1, 10, {}, 1.0},
               {SiteClass::kFacetEdge, 1, 11, {}, 1.0},
               {SiteClass::kMultiStep, 2, 12, {}, 1.0},
               {SiteClass::kPit, 4, 13, {}, 1.0}};
  Hazard h(p);
  h.setSites(set, p);
  EXPECT_EQ(h.groupCount(), 3u);
  EXPECT_EQ(h.totalWeight(), 4.0);
  const double kt = 8.617333262e-5 * p.temperature_K;
  const double expected =
      p.attempt_frequency_per_s * (2.0 * std::exp(-p.barrierFor(SiteClass::kFacetEdge, 1).energy_eV(3.0) / kt) +
                                   std::exp(-p.barrierFor(SiteClass::kMultiStep, 2).energy_eV(3.0) / kt) +
                                   std::exp(-p.barrierFor(SiteClass::kPit, 4).energy_eV(3.0) / kt));
  EXPECT_NEAR(h.rate(3.0), expected, 1e-12 * expected);
}

// The Meyer–Neldel activation entropy ΔS = ΔG/T_MN multiplies each site's rate by exp(ΔG/(k_B T_MN)), its own
// barrier's factor, so sites of different barriers gain differently; without it (T_MN = 0) nothing changes.
TEST(Hazard, MeyerNeldelEntropyMultipliesEachRateByExpOfItsBarrierOverKTmn) {
  const NucleationParameters p = threeClasses();
  SiteSet set;
  set.sites = {{SiteClass::kFacetEdge, 1, 10, {}, 1.0}, {SiteClass::kStep, 1, 11, {}, 2.0}};
  const double kt = 8.617333262e-5 * p.temperature_K;
  const auto rateAt = [&](double t_mn, double sigma) {
    NucleationParameters q = p;
    q.meyer_neldel_temperature_K = t_mn;
    Hazard h(q);
    h.setSites(set, q);
    return h.rate(sigma);
  };
  for (const double sigma : {0.5, 2.0, 4.0}) {
    const double edge = p.barrierFor(SiteClass::kFacetEdge, 1).energy_eV(sigma);
    const double step = p.barrierFor(SiteClass::kStep, 1).energy_eV(sigma);
    const double plain = p.attempt_frequency_per_s * (std::exp(-edge / kt) + 2.0 * std::exp(-step / kt));
    EXPECT_NEAR(rateAt(0.0, sigma), plain, 1e-12 * plain);
    const double kt_mn = 8.617333262e-5 * 1234.93;
    const double entropic =
        p.attempt_frequency_per_s * (std::exp(-edge / kt + edge / kt_mn) + 2.0 * std::exp(-step / kt + step / kt_mn));
    EXPECT_NEAR(rateAt(1234.93, sigma), entropic, 1e-11 * entropic) << sigma;
  }
  NucleationParameters bad = p;
  bad.meyer_neldel_temperature_K = p.temperature_K;  // the barrier would vanish at T = T_MN
  EXPECT_THROW(bad.validate(), InputError);
  bad.meyer_neldel_temperature_K = -1.0;
  EXPECT_THROW(bad.validate(), InputError);
}

// Ramp first passage: the closed form (one linear group) and the root (several groups) invert the
// exact cumulative hazard.
TEST(Hazard, RampFirstPassageInvertsTheCumulativeHazard) {
  Hazard one(kT, kNu);
  one.setSites({{linear(6.0, 24.11), 50.0, 0}});
  Hazard many(kT, kNu);
  many.setSites({{linear(6.0, 24.11), 50.0, 0}, {linear(5.0, 12.0, 1.1), 3.0, 1}, {power(4.0, 0.9, 1.5), 1.0, 2}});
  const double rate = 83.4e-3;
  for (const Hazard* h : {&one, &many})
    for (double target : {1e-3, 0.5, 1.0, 4.0}) {
      const double s = h->rampFirstPassageStress(target, 0.0, rate);
      EXPECT_NEAR(h->rampCumulative(0.0, s, rate), target, 1e-9 * target);
    }
  // Past the athermal stress the rate is ν_D per site and the cumulative grows linearly.
  const double clamp = one.rampFirstPassageStress(1e20, 0.0, rate);
  EXPECT_GT(clamp, 6.0);
  EXPECT_NEAR(one.rampCumulative(0.0, clamp, rate), 1e20, 1e-9 * 1e20);
}

// A tabulated barrier is ΔG = A e^{bσ} on each interval (a straight line in ln ΔG), and
//   ∫ exp(−A e^{bσ}/k_BT) dσ = [E1(A e^{bσ}/k_BT)]_{σ1}^{σ0} / b   (substitute u = A e^{bσ}/k_BT),
// with E1(x) = −Ei(−x): exact, independent of the quadrature. Over a ramp that crosses two of the table's
// points and runs past its last one (where the last interval's line goes on), seen at K σ + σ_off.
TEST(Hazard, TabulatedBarrierIntegratesExactlyAcrossItsPoints) {
  const double k_bt = units::thermalEnergy_eV(kT), offset = 0.7, concentration = 1.1, weight = 30.0;
  const std::vector<BarrierPoint> points = {{1.7, 2.9}, {2.1, 2.0}, {2.5, 0.95}, {2.8, 0.75}};
  Barrier b;
  b.form = BarrierForm::kTabulated;
  b.table = std::make_shared<const BarrierTable>(BarrierTable::envelope(points));
  b.stress_offset_GPa = offset;
  b.stress_concentration = concentration;
  Hazard h(kT, kNu);
  h.setSites({{b, weight, 0}});
  // The exact integral in local stress, piece by piece: each piece uses its own interval's line.
  const auto e1 = [](double x) { return -std::expint(-x); };
  const auto piece = [&](const BarrierPoint& p, const BarrierPoint& q, double from, double to) {
    const double slope = std::log(q.barrier_eV / p.barrier_eV) / (q.stress_GPa - p.stress_GPa);
    const double amplitude = p.barrier_eV * std::exp(-slope * p.stress_GPa);
    const auto u = [&](double s) { return amplitude * std::exp(slope * s) / k_bt; };
    return (e1(u(from)) - e1(u(to))) / slope;
  };
  const double local_from = 2.0, local_to = 3.0;  // crosses 2.1 and 2.5, ends past 2.8
  const double exact_local = piece(points[0], points[1], local_from, 2.1) + piece(points[1], points[2], 2.1, 2.5) +
                             piece(points[2], points[3], 2.5, local_to);
  // dσ_local = K dσ, so the applied-stress integral is the local one over K.
  const double exact = kNu * weight * exact_local / concentration;
  const double from = (local_from - offset) / concentration, to = (local_to - offset) / concentration;
  const double dt = 7.0;
  EXPECT_NEAR(h.integrate(from, to, dt), exact * dt / (to - from), 1e-10 * exact * dt / (to - from));
  // And the crossing it implies: the first-passage stress puts the ramp's cumulative hazard on the target.
  const double rate = 1e-3;
  for (double target : {1e-3, 1.0, 5.0}) {
    const double s = h.rampFirstPassageStress(target, 0.0, rate);
    EXPECT_NEAR(h.rampCumulative(0.0, s, rate), target, 1e-9 * target);
  }
}

// A barrier whose law sees K σ + σ_off is the same barrier at a shifted stress: the cumulative hazard of a ramp
// from σ_s to σ equals the unshifted one from K σ_s + σ_off to K σ + σ_off (scaled by 1/K), for the closed form
// of the linear law, the quadrature of the power law, and across the clamp.
TEST(Hazard, AStressOffsetShiftsTheRampExactly) {
  const double rate = 83.4e-3, off = 1.3;
  for (const bool is_linear : {true, false}) {
    const Barrier plain = is_linear ? linear(6.0, 24.11) : power(4.0, 2.5, 1.5);
    Barrier shifted = plain;
    shifted.stress_offset_GPa = off;
    EXPECT_NEAR(shifted.athermalAppliedStress_GPa(), plain.athermalAppliedStress_GPa() - off, 1e-12);
    for (double sigma : {-0.5, 0.0, 1.0, 2.5, 9.0}) EXPECT_EQ(shifted.energy_eV(sigma), plain.energy_eV(sigma + off));
    Hazard a(kT, kNu), b(kT, kNu);
    a.setSites({{plain, 40.0, 0}});
    b.setSites({{shifted, 40.0, 0}});
    for (double target : {1e-3, 1.0, 1e20}) {
      const double s_plain = a.rampFirstPassageStress(target, off, rate);
      const double s_shifted = b.rampFirstPassageStress(target, 0.0, rate);
      EXPECT_NEAR(s_shifted + off, s_plain, 1e-7 * std::max(1.0, std::abs(s_plain))) << is_linear << " " << target;
    }
  }
}

TEST(Hazard, RejectsBadInput) {
  EXPECT_THROW(Hazard(0.0, kNu), InputError);
  Hazard h(kT, kNu);
  EXPECT_THROW(h.setSites({{linear(6.0, 24.11), 0.0, 0}}), InputError);
  EXPECT_THROW(h.setSites({{linear(-1.0, 24.11), 1.0, 0}}), InputError);
  EXPECT_THROW(h.rampFirstPassageStress(1.0, 0.0, 0.1), RuntimeError);
  RandomStream rng(kSeed, StreamId::kNucleation, 4, 0);
  EXPECT_THROW(h.advance(1.0, 1.0, 1.0, rng), RuntimeError);  // no threshold drawn yet
}

// A hazard saved part-way (accumulated hazard and threshold) and restored into a fresh one finds
// the same nucleation at the same time as the original, given the same sites and stream.
TEST(Hazard, SavedStateContinuesToTheSameCrossing) {
  Hazard a(kT, kNu);
  a.setSites({{linear(6.0, 300.0), 1.0, 0}, {linear(5.0, 200.0), 2.0, 1}});
  RandomStream ra(kSeed, StreamId::kTest);
  a.reset(ra);
  double sigma = 0.0;
  for (int i = 0; i < 5; ++i, sigma += 0.1) ASSERT_FALSE(a.advance(sigma, sigma + 0.1, 1.0, ra));
  BinaryWriter w;
  a.saveState(w);
  Hazard b(kT, kNu);
  b.setSites({{linear(6.0, 300.0), 1.0, 0}, {linear(5.0, 200.0), 2.0, 1}});
  BinaryReader r(w.bytes());
  b.restoreState(r);
  r.expectEnd();
  EXPECT_EQ(b.accumulated(), a.accumulated());
  EXPECT_EQ(b.threshold(), a.threshold());
  RandomStream rb = ra;
  for (int i = 0; i < 1000; ++i, sigma += 0.1) {
    const auto ea = a.advance(sigma, sigma + 0.1, 1.0, ra);
    const auto eb = b.advance(sigma, sigma + 0.1, 1.0, rb);
    ASSERT_EQ(ea.has_value(), eb.has_value());
    if (!ea) continue;
    EXPECT_EQ(ea->time_in_step_s, eb->time_in_step_s);
    EXPECT_EQ(ea->site_id, eb->site_id);
    return;
  }
  FAIL() << "no nucleation";
}

TEST(Hazard, InconsistentSavedStateIsRefused) {
  BinaryWriter w;
  w.writeTag("HZRD");
  w.write(2.0);  // accumulated above the threshold
  w.write(1.0);
  w.write(std::uint8_t{1});
  Hazard h(kT, kNu);
  BinaryReader r(w.bytes());
  EXPECT_THROW(h.restoreState(r), InputError);
}

}  // namespace
}  // namespace surfkmc::nucleation
