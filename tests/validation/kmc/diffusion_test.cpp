// SPDX-License-Identifier: MIT
// Tracer diffusion of one adatom on (111) and (100) against the random-walk result D = z Γ a²/(2d).
#include <gtest/gtest.h>

#include <cmath>
#include <sstream>
#include <string>
#include <vector>

#include "core/statistics.hpp"
#include "core/units.hpp"
#include "kmc/engine.hpp"
#include "kmc/msd_observer.hpp"
#include "test_lattices.hpp"
#include "tests/unit/kmc/bond_counting_sets.hpp"

namespace surfkmc::kmc {
namespace {

// Ag barriers (0.10 eV on (111), 0.40 eV on (100)) with ε_b = 0.5 eV so the substrate is frozen
// (its cheapest hop costs > 3 eV): only the adatom moves, as the theory assumes.
EnergeticsParams frozenSubstrate(double temperature_K) {
  EnergeticsParams p = silverParams(temperature_K);
  p.bond_energy_eV = 0.5;
  p.e0_by_common_eV = e0FromTerraceBarriers(0.10, 0.40, p.bond_energy_eV);
  return p;
}

struct Estimate {
  double mean = 0.0;
  double standard_error = 0.0;
  std::int64_t super_moves = 0;
};

// K independent replicas (own RandomStream replica index) each give D_k = |Δr|²/(2 d t) with
// d = 2 for surface diffusion; E[D_k] = D exactly for a lattice random walk at any t, and the
// replicas are independent, so the standard error is the sample standard deviation / √K.
template <class Build>
Estimate diffuse(Build build, const EnergeticsParams& p, double duration_s, int replicas, EngineOptions options = {}) {
  std::vector<double> d;
  std::int64_t super_moves = 0;
  for (int k = 0; k < replicas; ++k) {
    lattice::SiteIndex adatom = 0;
    lattice::Lattice lat = build(adatom);
    lat.place(adatom);
    const lattice::AtomId id = lat.atomAt(adatom);
    Engine engine(lat, p, RandomStream(2021, StreamId::kKmc, 0, static_cast<std::uint64_t>(k)), options);
    std::ostringstream sink;
    MsdObserver msd(sink, {.every_events = 1'000'000}, {id});
    engine.run({.until_time_s = duration_s}, &msd);
    d.push_back(msd.meanSquareDisplacement() / (4.0 * duration_s));
    super_moves += engine.accelerationReport().super_moves;
  }
  Estimate e;
  e.super_moves = super_moves;
  const MeanStdErr s = meanStdErr(d);
  e.mean = s.mean;
  e.standard_error = s.se;
  return e;
}

// A lone adatom on a (111) slab at 300 K. Six in-plane hops of length a_nn, each at
// Γ = ν_0 exp(−E_111/kT): D = (1/4)·6Γ·a_nn² = (3/2) Γ a_nn².
struct AdatomOn111 {
  EnergeticsParams params = frozenSubstrate(300.0);
  double gamma = params.attempt_frequency_per_s * std::exp(-0.10 / units::thermalEnergy_eV(300.0));
  double theory = 1.5 * gamma * std::pow(lattice::Frame(testing::kAgLattice_A).nearestNeighbourDistance(), 2);
  lattice::BuiltWire slab = testing::slab111(30.0, 8.0);

  lattice::Lattice operator()(lattice::SiteIndex& adatom) const {
    lattice::Lattice lat = slab.lattice;
    adatom = testing::topSiteWithCoordination(lat, 3);
    return lat;
  }
};

TEST(Diffusion, AdatomOn111MatchesThreeHalvesGammaANearestSquared) {
  const AdatomOn111 c;
  const Estimate e = diffuse(c, c.params, 1000.0 / (6.0 * c.gamma), 400);
  EXPECT_LT(e.standard_error, 0.1 * c.theory);  // the test can resolve a 30 % error
  EXPECT_NEAR(e.mean, c.theory, 3.0 * e.standard_error);
}

// The same walk with first-passage super-moves after every hop, in basins of up to 32 sites, so
// that the walker's stays are drawn from the absorbing chain: exits through the basin's cut edge
// over ~1000 hops, and runs that end inside a basin (interrupted at t, the position drawn from the
// chain's occupation) over ~3 hops. Exact, so the same theory holds to the statistical error.
TEST(Diffusion, AdatomOn111WithSuperMovesMatchesTheSameLaw) {
  const AdatomOn111 c;
  EngineOptions o;
  o.super_moves = {.enabled = true, .after_hops = 1, .basin_sites = 32};
  for (double hops : {1000.0, 3.0}) {
    const Estimate e = diffuse(c, c.params, hops / (6.0 * c.gamma), 400, o);
    const std::string run = hops > 10 ? "long" : "short";
    RecordProperty("super_moves_" + run, std::to_string(e.super_moves));
    RecordProperty("D_over_theory_" + run,
                   std::to_string(e.mean / c.theory) + "+-" + std::to_string(e.standard_error / c.theory));
    EXPECT_GT(e.super_moves, 200);
    EXPECT_LT(e.standard_error, 0.1 * c.theory);
    EXPECT_NEAR(e.mean, c.theory, 3.0 * e.standard_error) << hops << " hops";
  }
}

// (100): four in-plane hops of length a_nn at Γ = ν_0 exp(−E_100/kT): D = (1/4)·4Γ·a_nn² = Γ a_nn².
TEST(Diffusion, AdatomOn100MatchesGammaANearestSquared) {
  const EnergeticsParams p = frozenSubstrate(500.0);
  const double gamma = p.attempt_frequency_per_s * std::exp(-0.40 / units::thermalEnergy_eV(500.0));
  const double a_nn = lattice::Frame(testing::kAgLattice_A).nearestNeighbourDistance();
  const double theory = gamma * a_nn * a_nn;
  lattice::SiteIndex hollow = 0;
  const lattice::Lattice film = testing::film100(hollow);
  auto build = [&](lattice::SiteIndex& adatom) {
    adatom = hollow;
    return film;
  };
  const Estimate e = diffuse(build, p, 1000.0 / (4.0 * gamma), 400);
  EXPECT_LT(e.standard_error, 0.1 * theory);
  EXPECT_NEAR(e.mean, theory, 3.0 * e.standard_error);
}

}  // namespace
}  // namespace surfkmc::kmc
