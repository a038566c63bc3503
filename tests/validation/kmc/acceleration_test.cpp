// SPDX-License-Identifier: MIT
// Rate-scaled and super-move KMC vs plain KMC on a small wire with the production Ag energetics (the
// potential's hop catalogue, each hop answering to stress with its own slope; production_energetics.hpp)
// at 300, 350 and 400 K: observables agree within standard errors where the method is exact or converged.
#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <string>
#include <vector>

#include "kmc/engine.hpp"
#include "kmc/transport_observer.hpp"
#include "lattice/surface.hpp"
#include "lattice/wire_builder.hpp"
#include "production_energetics.hpp"
#include "test_lattices.hpp"
#include "test_statistics.hpp"

namespace surfkmc::kmc {
namespace {

struct Observables {
  double ds = 0.0;       // Σ|Δr|²/(4 t N_surface) [Å²/s]
  double broken = 0.0;   // time-averaged Σ(12 − n) over atoms
  double rough = 0.0;    // time-averaged RMS radial spread of atoms with n ≤ 9 [Å]
  double defects = 0.0;  // time-averaged surface atoms off flat facets (steps, kinks, edges, adatoms)
  double adatoms = 0.0;  // time-averaged atoms with n ≤ 4 (adatoms on (111) and (100))
  // The kinds of defect atoms over time: time averages over the first and the second half of the
  // run of the defect atoms with n ≤ 6 (adatoms, step adatoms, kinks) and with n ≥ 7 (straight
  // steps, facet edges).
  std::array<double, 2> low_n_defects{};
  std::array<double, 2> high_n_defects{};
  double accel = 1.0;  // AccelerationReport::effective_acceleration
  std::int64_t super_moves = 0;
};

enum class Method { kPlain, kScaled, kSuperMoves };

// A temperature and how long to run there: ~2e5 events of the 2.5 nm × 5 nm wire at 2 GPa (the surface
// makes ~10⁷ events per second of model time at 300 K, ~10⁸ at 350 K, ~5·10⁸ at 400 K).
struct Condition {
  double temperature_K;
  double end_s;
};
constexpr std::array<Condition, 3> kConditions{{{300.0, 2.0e-2}, {350.0, 2.0e-3}, {400.0, 4.0e-4}}};

// tools/kmc/acceleration_validation.cpp's observables on a short run. `buffer` is used by kScaled.
Observables runWire(Condition c, const EnergeticsParams& p, Method method, double buffer, std::uint64_t seed) {
  const double end_s = c.end_s;
  lattice::WireSpec spec;
  spec.diameter_A = 25.0;
  spec.length_A = 50.0;
  lattice::BuiltWire w = lattice::buildWire(testing::kAgLattice_A, spec);
  lattice::Lattice& lat = w.lattice;
  EngineOptions o;
  o.strain_energy.enabled = p.stress_GPa != 0.0;
  if (method == Method::kSuperMoves) o.super_moves = {.enabled = true, .after_hops = 2, .basin_sites = 32};
  if (method == Method::kScaled) {
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
    double broken = 0, r1 = 0, r2 = 0, nr = 0, adatoms = 0, low_n = 0, high_n = 0;
    for (lattice::SiteIndex s = 0; s < lat.siteCount(); ++s) {
      if (!lat.occupied(s)) continue;
      const int n = lat.coordination(s);
      broken += 12 - n;
      if (n <= 4) adatoms += 1;
      if (n < 12 && lattice::classifyAtom(lat, s) == lattice::SiteKind::kOther) (n <= 6 ? low_n : high_n) += 1;
      if (n <= 9) {
        const lattice::Vec3 q = lat.position(s);
        const double r = std::hypot(q.y - 0.5 * box.y, q.z - 0.5 * box.z);
        r1 += r;
        r2 += r * r;
        nr += 1;
      }
    }
    out.broken += broken / kSamples;
    out.adatoms += adatoms / kSamples;
    out.defects += (low_n + high_n) / kSamples;
    const std::size_t half = k <= kSamples / 2 ? 0 : 1;
    out.low_n_defects[half] += low_n / (kSamples / 2);
    out.high_n_defects[half] += high_n / (kSamples / 2);
    out.rough += std::sqrt(std::max(0.0, r2 / nr - (r1 / nr) * (r1 / nr))) / kSamples;
  }
  out.ds = disp.sumSquareDisplacement() / (4.0 * end_s * static_cast<double>(n_surface));
  out.accel = e.accelerationReport().effective_acceleration;
  out.super_moves = e.accelerationReport().super_moves;
  return out;
}

using testing::MeanSe;
using testing::meanSe;

/// `n` runs with seeds 500, 501, … .
std::vector<Observables> seeds(Condition c, double stress_GPa, Method method, double buffer, int n = 6) {
  std::vector<Observables> xs;
  const EnergeticsParams p = testing::productionEnergetics("Ag", c.temperature_K, stress_GPa);
  for (int s = 0; s < n; ++s) xs.push_back(runWire(c, p, method, buffer, 500 + static_cast<std::uint64_t>(s)));
  return xs;
}

/// "300K_2GPa": a suffix for test properties and a trace label.
std::string conditionName(Condition c, double stress_GPa) {
  return std::to_string(static_cast<int>(c.temperature_K)) + "K_" + std::to_string(static_cast<int>(stress_GPa)) +
         "GPa";
}

// |a − b| ≤ 4·√(se_a² + se_b²), the standard error of a difference of independent means. The two arms use
// the same six seeds, so their runs start alike and are positively correlated, which makes this bound
// conservative (≤: an observable that no run of either method ever changes, such as the adatom count at
// 300 K, agrees).
void expectAgree(const std::string& name, MeanSe a, MeanSe b, const std::string& other) {
  EXPECT_LE(std::abs(a.mean - b.mean), 4.0 * std::hypot(a.se, b.se))
      << name << ": " << a.mean << " ± " << a.se << " vs " << b.mean << " ± " << b.se;
  ::testing::Test::RecordProperty(name + "_plain", std::to_string(a.mean) + "+-" + std::to_string(a.se));
  ::testing::Test::RecordProperty(name + "_" + other, std::to_string(b.mean) + "+-" + std::to_string(b.se));
}

// Every observable of the comparison; `condition` (conditionName) ends each property's name.
void expectAllAgree(const std::vector<Observables>& plain, const std::vector<Observables>& other, const char* name,
                    const std::string& condition) {
  const auto field = [&](const char* label, double Observables::*member) {
    expectAgree(std::string(label) + "_" + condition, meanSe(plain, [&](const Observables& x) { return x.*member; }),
                meanSe(other, [&](const Observables& x) { return x.*member; }), name);
  };
  field("D_s", &Observables::ds);
  field("broken_bonds", &Observables::broken);
  field("roughness", &Observables::rough);
  field("defect_atoms", &Observables::defects);
  field("adatoms", &Observables::adatoms);
  const auto halves = [&](const char* label, std::array<double, 2> Observables::*member) {
    for (std::size_t h = 0; h < 2; ++h) {
      std::string name_h = label;
      name_h += h == 0 ? "_first_half_" : "_second_half_";
      expectAgree(name_h + condition, meanSe(plain, [&](const Observables& x) { return (x.*member)[h]; }),
                  meanSe(other, [&](const Observables& x) { return (x.*member)[h]; }), name);
    }
  };
  halves("defects_n_le_6", &Observables::low_n_defects);
  halves("defects_n_ge_7", &Observables::high_n_defects);
}

// Converged buffer (300): the mass-transport diffusivity D_s, the broken-bond count, the roughness and the
// defect counts agree with plain KMC at 300, 350 and 400 K, with and without σ = 2 GPa (each hop's own
// strain slope and u_el). At this buffer the scaler acts little: the agreement is the convergence end of
// the buffer sweep, not a speed-up.
TEST(Acceleration, ConvergedBufferAgreesWithPlainKmc) {
  for (const Condition c : kConditions)
    for (double stress : {0.0, 2.0}) {
      const std::string name = conditionName(c, stress);
      SCOPED_TRACE(name);
      expectAllAgree(seeds(c, stress, Method::kPlain, 0.0), seeds(c, stress, Method::kScaled, 300.0), "scaled", name);
    }
}

// Super-moves after two lone hops, in basins of up to 32 sites: exact, so every observable agrees with
// plain KMC at 300, 350 and 400 K, with and without σ = 2 GPa, and super-moves do happen under every
// condition. They are few on this wire's ~1 nm facets at 300 K (39 and 24 in the 24 runs at 0 and 2 GPa,
// against 540-590 at 400 K: a detached atom meets a step within a few hops), so the comparison there tests
// them little; the lone-adatom tests (diffusion_test.cpp, super_move_test.cpp) test them at 300 K.
// 24 seeds per arm (500-523). With 6 (500-505), as until 2026-12-05, a standard error rests on 5 degrees
// of freedom and can come out several times too small: with the interlayer-transit fix the broken bonds
// at 400 K, 0 GPa differed by 4.5 such SE (plain 2042.95 +- 0.41; on 24 seeds the spread per run is 2.3
// (seeds 500-523) and 4.4 (600-623) times that of these six), and 24 new seeds (600-623) then differed by
// 1.2 SE. The seed count was raised after that failure and that check, the bound of 4 SE kept;
// docs/validation.md records the order of events.
TEST(Acceleration, SuperMovesAgreeWithPlainKmc) {
  constexpr int kSeeds = 24;
  std::int64_t all_moves = 0;
  for (const Condition c : kConditions)
    for (double stress : {0.0, 2.0}) {
      const std::string name = conditionName(c, stress);
      SCOPED_TRACE(name);
      const auto fast = seeds(c, stress, Method::kSuperMoves, 0.0, kSeeds);
      expectAllAgree(seeds(c, stress, Method::kPlain, 0.0, kSeeds), fast, "super_moves", name);
      std::int64_t moves = 0;
      for (const Observables& x : fast) moves += x.super_moves;
      RecordProperty("super_moves_" + name, std::to_string(moves));
      EXPECT_GT(moves, 0);
      all_moves += moves;
    }
  EXPECT_GT(all_moves, 100);
}

// Aggressive buffer (10): the run is really accelerated, and biased — on the production catalogue D_s is
// low by ~40 % at 350 K and ~80 % at 400 K over 0.5 s of a 5 nm wire (docs/validation.md, "Acceleration on
// the production catalogue"). The test records the D_s ratio and the broken bonds at each temperature
// (test properties) rather than asserting an agreement that does not hold.
TEST(Acceleration, AggressiveBufferIsAcceleratedAndItsBiasRecorded) {
  for (const Condition c : kConditions) {
    const std::string name = conditionName(c, 0.0);
    SCOPED_TRACE(name);
    const auto plain = seeds(c, 0.0, Method::kPlain, 0.0);
    const auto scaled = seeds(c, 0.0, Method::kScaled, 10.0);
    const MeanSe bp = meanSe(plain, [](const Observables& x) { return x.broken; });
    const MeanSe bs = meanSe(scaled, [](const Observables& x) { return x.broken; });
    RecordProperty("broken_bonds_plain_" + name, std::to_string(bp.mean) + "+-" + std::to_string(bp.se));
    RecordProperty("broken_bonds_scaled_" + name, std::to_string(bs.mean) + "+-" + std::to_string(bs.se));
    const MeanSe acc = meanSe(scaled, [](const Observables& x) { return x.accel; });
    EXPECT_GT(acc.mean, 3.0);
    const double ratio = meanSe(scaled, [](const Observables& x) { return x.ds; }).mean /
                         meanSe(plain, [](const Observables& x) { return x.ds; }).mean;
    RecordProperty("effective_acceleration_" + name, std::to_string(acc.mean));
    RecordProperty("D_s_ratio_scaled_over_plain_" + name, std::to_string(ratio));
  }
}

}  // namespace
}  // namespace surfkmc::kmc
