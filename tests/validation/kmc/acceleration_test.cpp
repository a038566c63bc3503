// SPDX-License-Identifier: MIT
// Rate-scaled vs plain KMC on a small Ag wire at 500 K: observables agree within standard errors.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "kmc/engine.hpp"
#include "kmc/transport_observer.hpp"
#include "lattice/wire_builder.hpp"
#include "test_lattices.hpp"

namespace surfkmc::kmc {
namespace {

constexpr double kBurgers_A = 2.889;

struct Observables {
  double ds = 0.0;      // Σ|Δr|²/(4 t N_surface) [Å²/s]
  double broken = 0.0;  // time-averaged Σ(12 − n) over atoms
  double rough = 0.0;   // time-averaged RMS radial spread of atoms with n ≤ 9 [Å]
  double accel = 1.0;   // AccelerationReport::effective_acceleration
};

// buffer ≤ 0: plain KMC. The same runs as bench/kmc/acceleration_validation.cpp, shortened.
Observables runWire(double stress_GPa, double buffer, double end_s, std::uint64_t seed) {
  lattice::WireSpec spec;
  spec.diameter_A = 25.0;
  spec.length_A = 50.0;
  lattice::BuiltWire w = lattice::buildWire(testing::kAgLattice_A, spec);
  lattice::Lattice& lat = w.lattice;
  EnergeticsParams p = silverParams(500.0);
  p.migration_volume_A3 = 0.1 * kBurgers_A * kBurgers_A * kBurgers_A;
  p.stress_GPa = stress_GPa;
  EngineOptions o;
  o.strain_energy.enabled = stress_GPa != 0.0;
  if (buffer > 0.0) {
    o.rate_scaling.enabled = true;
    o.rate_scaling.buffer = buffer;
    o.rate_scaling.min_rate_per_s = 100.0;
  }
  std::int64_t n_surface = 0;
  for (lattice::SiteIndex s = 0; s < lat.siteCount(); ++s)
    if (lat.occupied(s) && lat.coordination(s) < 12) ++n_surface;
  Engine e(lat, p, RandomStream(seed, StreamId::kKmc), o);
  TransportObserver disp(lat.nextAtomId(), 1);
  const lattice::Vec3 box = lat.boxLengths();
  Observables out;
  constexpr int kSamples = 20;
  for (int k = 1; k <= kSamples; ++k) {
    e.run({.until_time_s = end_s * k / kSamples}, &disp);
    double broken = 0, r1 = 0, r2 = 0, nr = 0;
    for (lattice::SiteIndex s = 0; s < lat.siteCount(); ++s) {
      if (!lat.occupied(s)) continue;
      const int n = lat.coordination(s);
      broken += 12 - n;
      if (n <= 9) {
        const lattice::Vec3 q = lat.position(s);
        const double r = std::hypot(q.y - 0.5 * box.y, q.z - 0.5 * box.z);
        r1 += r;
        r2 += r * r;
        nr += 1;
      }
    }
    out.broken += broken / kSamples;
    out.rough += std::sqrt(std::max(0.0, r2 / nr - (r1 / nr) * (r1 / nr))) / kSamples;
  }
  out.ds = disp.sumSquareDisplacement() / (4.0 * end_s * static_cast<double>(n_surface));
  out.accel = e.accelerationReport().effective_acceleration;
  return out;
}

struct Stat {
  double mean = 0.0;
  double se = 0.0;
};

template <class F>
Stat stat(const std::vector<Observables>& xs, F f) {
  Stat s;
  const double n = static_cast<double>(xs.size());
  for (const auto& x : xs) s.mean += f(x) / n;
  double v = 0.0;
  for (const auto& x : xs) v += (f(x) - s.mean) * (f(x) - s.mean);
  s.se = std::sqrt(v / (n - 1.0) / n);
  return s;
}

std::vector<Observables> seeds(double stress_GPa, double buffer, double end_s) {
  std::vector<Observables> xs;
  for (std::uint64_t s = 0; s < 6; ++s) xs.push_back(runWire(stress_GPa, buffer, end_s, 500 + s));
  return xs;
}

// |a − b| < 4·√(se_a² + se_b²): independent seeds, so the difference of means has that standard error.
void expectAgree(const char* name, Stat a, Stat b) {
  EXPECT_LT(std::abs(a.mean - b.mean), 4.0 * std::hypot(a.se, b.se))
      << name << ": " << a.mean << " ± " << a.se << " vs " << b.mean << " ± " << b.se;
  ::testing::Test::RecordProperty(std::string(name) + "_plain", std::to_string(a.mean) + "+-" + std::to_string(a.se));
  ::testing::Test::RecordProperty(std::string(name) + "_scaled", std::to_string(b.mean) + "+-" + std::to_string(b.se));
}

// Converged buffer (300): the mass-transport diffusivity D_s, the broken-bond count and the
// roughness agree with plain KMC, with and without σ = 2 GPa (V_m factor and u_el). At this
// buffer the scaler barely acts (effective acceleration ≈ 1.00–1.01 here): the agreement is the
// convergence end of the buffer sweep in docs/validation.md, not a speed-up.
TEST(Acceleration, ConvergedBufferAgreesWithPlainKmc) {
  for (double stress : {0.0, 2.0}) {
    const auto plain = seeds(stress, 0.0, 1.0e-4);
    const auto scaled = seeds(stress, 300.0, 1.0e-4);
    SCOPED_TRACE("stress " + std::to_string(stress) + " GPa");
    expectAgree("D_s", stat(plain, [](const Observables& x) { return x.ds; }),
                stat(scaled, [](const Observables& x) { return x.ds; }));
    expectAgree("broken_bonds", stat(plain, [](const Observables& x) { return x.broken; }),
                stat(scaled, [](const Observables& x) { return x.broken; }));
    expectAgree("roughness", stat(plain, [](const Observables& x) { return x.rough; }),
                stat(scaled, [](const Observables& x) { return x.rough; }));
  }
}

// Aggressive buffer (10): the run is really accelerated, and biased — D_s low by ~30–60 %, the
// time-averaged broken bonds high by ~0.4 % in the longer sweep of docs/validation.md. The test
// records both (test properties) rather than asserting an agreement that does not hold.
TEST(Acceleration, AggressiveBufferIsAcceleratedAndItsBiasRecorded) {
  const auto plain = seeds(0.0, 0.0, 1.0e-4);
  const auto scaled = seeds(0.0, 10.0, 1.0e-4);
  const Stat bp = stat(plain, [](const Observables& x) { return x.broken; });
  const Stat bs = stat(scaled, [](const Observables& x) { return x.broken; });
  RecordProperty("broken_bonds_plain", std::to_string(bp.mean) + "+-" + std::to_string(bp.se));
  RecordProperty("broken_bonds_scaled", std::to_string(bs.mean) + "+-" + std::to_string(bs.se));
  const Stat acc = stat(scaled, [](const Observables& x) { return x.accel; });
  EXPECT_GT(acc.mean, 3.0);
  const double ratio = stat(scaled, [](const Observables& x) { return x.ds; }).mean /
                       stat(plain, [](const Observables& x) { return x.ds; }).mean;
  RecordProperty("effective_acceleration", std::to_string(acc.mean));
  RecordProperty("D_s_ratio_scaled_over_plain", std::to_string(ratio));
}

}  // namespace
}  // namespace surfkmc::kmc
