// SPDX-License-Identifier: MIT
// Tracer diffusion of one adatom on (111) and (100) against the random-walk result D = z Γ a²/(2d), on the
// production Ag energetics (the potential's hop catalogue; production_energetics.hpp). Γ is the engine's own
// rate of the class the walk uses, (n_i, n_j, c) = (3, 3, 1) on (111) and (4, 4, 2) on (100), so the test
// checks the engine's walk against the theory, at the barriers production runs use.
#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "core/statistics.hpp"
#include "kmc/energetics.hpp"
#include "kmc/engine.hpp"
#include "production_energetics.hpp"
#include "test_lattices.hpp"
#include "tracked_atom.hpp"

namespace surfkmc::kmc {
namespace {

struct Estimate {
  double mean = 0.0;
  double standard_error = 0.0;
  std::int64_t super_moves = 0;
  std::int64_t other_events = 0;
  std::int64_t uncatalogued = 0;  ///< hops whose barrier the catalogue does not hold (EventStatistics)
};

// K independent replicas (own RandomStream replica index) each give D_k = |Δr|²/(2 d t) with
// d = 2 for surface diffusion; E[D_k] = D exactly for a lattice random walk at any t, and the
// replicas are independent, so the standard error is the sample standard deviation / √K.
template <class Build>
Estimate diffuse(Build build, const EnergeticsParams& p, double duration_s, int replicas, EngineOptions options = {}) {
  std::vector<double> d;
  Estimate e;
  for (int k = 0; k < replicas; ++k) {
    lattice::SiteIndex adatom = 0;
    lattice::Lattice lat = build(adatom);
    lat.place(adatom);
    Engine engine(lat, p, RandomStream(2021, StreamId::kKmc, 0, static_cast<std::uint64_t>(k)), options);
    testing::TrackedAtom tracked(lat.atomAt(adatom));
    engine.run({.until_time_s = duration_s}, &tracked);
    d.push_back(tracked.squareDisplacement() / (4.0 * duration_s));
    e.super_moves += engine.accelerationReport().super_moves;
    e.other_events += tracked.otherEvents();
    e.uncatalogued += engine.statistics().uncatalogued_events;
  }
  const MeanStdErr s = meanStdErr(d);
  e.mean = s.mean;
  e.standard_error = s.se;
  return e;
}

// A lone adatom on a (111) slab at 300 K. Six in-plane hops of length a_nn, each at Γ = the table's
// (3, 3, 1) rate: D = (1/4)·6Γ·a_nn² = (3/2) Γ a_nn². The substrate's cheapest hop costs ≳ 0.9 eV, so
// over ~10⁻⁸ s nothing else moves, as the theory assumes (checked: no other event).
struct AdatomOn111 {
  EnergeticsParams params = testing::productionEnergetics("Ag", 300.0);
  double gamma = Energetics(params).rate(3, 3, 1);
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
  // The potential's (111) hop is fast (0.066 eV in the catalogue): Γ ~ 10¹¹ /s at 300 K.
  ASSERT_GT(c.gamma, 1.0e10);
  const Estimate e = diffuse(c, c.params, 1000.0 / (6.0 * c.gamma), 400);
  RecordProperty("gamma_per_s", std::to_string(c.gamma));
  RecordProperty("D_over_theory",
                 std::to_string(e.mean / c.theory) + "+-" + std::to_string(e.standard_error / c.theory));
  EXPECT_EQ(e.other_events, 0);
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
    EXPECT_EQ(e.other_events, 0);
    EXPECT_LT(e.standard_error, 0.1 * c.theory);
    EXPECT_NEAR(e.mean, c.theory, 3.0 * e.standard_error) << hops << " hops";
  }
}

/// The vacant site of smallest y with exactly `n` occupied neighbours (an adatom site under a slab).
lattice::SiteIndex bottomSiteWithCoordination(const lattice::Lattice& lat, int n) {
  lattice::SiteIndex best = lat.sentinel();
  for (lattice::SiteIndex s = 0; s < lat.siteCount(); ++s)
    if (!lat.occupied(s) && lat.coordination(s) == n &&
        (best == lat.sentinel() || lat.position(s).y < lat.position(best).y))
      best = s;
  return best;
}

// Two lone adatoms on the two faces of a (111) slab 16 Å thick, further apart than the four hops a solved
// basin depends on: each one's stays are cut by the other's events, which leave its basin valid, so its next
// stay is drawn at once (kmc/super_moves.cpp, performExcluding) instead of after `after_hops` more hops.
// The top adatom must still walk with D = (3/2)Γa², and such re-armed super-moves (one atom's super-move
// straight after an event of the other, which the streak alone cannot give with after_hops = 16) must
// happen. 2000 replicas: the first 400 of these seeds give 1.17 ± 0.06 with plain KMC and with super-moves
// alike (the same walks), a 2.8 SE fluctuation that 2000 dilute (1.003 ± 0.022 plain).
TEST(Diffusion, AdatomWhoseStaysAnotherAdatomCutsMatchesTheSameLaw) {
  AdatomOn111 c;
  c.slab = testing::slab111(30.0, 16.0);
  EngineOptions o;
  o.super_moves = {.enabled = true, .after_hops = 16, .basin_sites = 32};
  std::vector<double> d;
  std::int64_t rearmed = 0;
  const double duration_s = 1000.0 / (6.0 * c.gamma);
  for (int k = 0; k < 2000; ++k) {
    lattice::Lattice lat = c.slab.lattice;
    const lattice::SiteIndex top = testing::topSiteWithCoordination(lat, 3);
    const lattice::SiteIndex bottom = bottomSiteWithCoordination(lat, 3);
    ASSERT_GT(lat.position(top).y - lat.position(bottom).y, 15.0);
    lat.place(top);
    lat.place(bottom);
    const lattice::AtomId id = lat.atomAt(top);
    Engine engine(lat, c.params, RandomStream(2021, StreamId::kKmc, 0, static_cast<std::uint64_t>(k)), o);
    struct Watch : Observer {
      testing::TrackedAtom tracked;
      lattice::AtomId previous = lattice::kNoAtom;
      std::int64_t rearmed = 0;
      explicit Watch(lattice::AtomId a) : tracked(a) {}
      void onStart(const Engine& e) override { tracked.onStart(e); }
      void onEvent(const Engine& e, const StepResult& s) override {
        tracked.onEvent(e, s);
        if (s.super_move && s.atom != previous && previous != lattice::kNoAtom) ++rearmed;
        previous = s.atom;
      }
      void onFinish(const Engine& e) override { tracked.onFinish(e); }
    } watch(id);
    engine.run({.until_time_s = duration_s}, &watch);
    d.push_back(watch.tracked.squareDisplacement() / (4.0 * duration_s));
    rearmed += watch.rearmed;
  }
  const MeanStdErr e = meanStdErr(d);
  RecordProperty("D_over_theory", std::to_string(e.mean / c.theory) + "+-" + std::to_string(e.se / c.theory));
  RecordProperty("rearmed_super_moves", std::to_string(rearmed));
  EXPECT_GT(rearmed, 0);
  EXPECT_LT(e.se, 0.1 * c.theory);
  EXPECT_NEAR(e.mean, c.theory, 3.0 * e.se);
}

// (100) at 300 K: four in-plane hops of length a_nn at Γ = the table's (4, 4, 2) rate (0.50 eV in the
// catalogue): D = (1/4)·4Γ·a_nn² = Γ a_nn². The (100) film's atoms have n ≥ 8 and stay put.
TEST(Diffusion, AdatomOn100MatchesGammaANearestSquared) {
  const EnergeticsParams p = testing::productionEnergetics("Ag", 300.0);
  const double gamma = Energetics(p).rate(4, 4, 2);
  const double a_nn = lattice::Frame(testing::kAgLattice_A).nearestNeighbourDistance();
  const double theory = gamma * a_nn * a_nn;
  lattice::SiteIndex hollow = 0;
  const lattice::Lattice film = testing::film100(hollow);
  auto build = [&](lattice::SiteIndex& adatom) {
    adatom = hollow;
    return film;
  };
  const Estimate e = diffuse(build, p, 1000.0 / (4.0 * gamma), 400);
  RecordProperty("gamma_per_s", std::to_string(gamma));
  EXPECT_EQ(e.other_events, 0);
  EXPECT_LT(e.standard_error, 0.1 * theory);
  EXPECT_NEAR(e.mean, theory, 3.0 * e.standard_error);
}

// The production default since session 31 keys each hop's barrier by its 18-site environment (kmc.hop_key:
// environment). The random-walk law needs no per-hop rate from outside: a lone adatom's hops all have length a_nn,
// so D = Σ_k Γ_k a_nn²/(2d) = R a_nn²/4 with R the engine's own total rate (the substrate's hops, ≳ 0.9 eV, add
// nothing measurable; checked: no other event). Each hop must come from an environment entry (no uncatalogued
// event), so this checks the environment key's rates and their re-rating after every hop against the theory. (For
// these two lone-adatom environments the entries' barriers are their classes' (3,3,1) and (4,4,2), measured: R is
// 6 and 4 times the class rates; what differs from the tests above is the path the engine takes to them.)
TEST(Diffusion, AdatomOn111And100OnTheEnvironmentKeyMatchTheRandomWalkLaw) {
  const EnergeticsParams p = testing::productionEnergetics("Ag", 300.0, 0.0, /*environments=*/true);
  ASSERT_FALSE(p.environment_keys.empty());
  const double a_nn = lattice::Frame(testing::kAgLattice_A).nearestNeighbourDistance();
  lattice::SiteIndex hollow = 0;
  const lattice::Lattice film = testing::film100(hollow);
  const std::vector<std::pair<std::string, std::function<lattice::Lattice(lattice::SiteIndex&)>>> surfaces = {
      {"111", AdatomOn111{}}, {"100", [&](lattice::SiteIndex& adatom) {
                                 adatom = hollow;
                                 return film;
                               }}};
  for (const auto& [name, build] : surfaces) {
    lattice::SiteIndex adatom = 0;
    lattice::Lattice lat = build(adatom);
    lat.place(adatom);
    const double total_rate = Engine(lat, p, RandomStream(2021, StreamId::kKmc)).totalRate();
    const double theory = total_rate * a_nn * a_nn / 4.0;
    const Estimate e = diffuse(build, p, 1000.0 / total_rate, 400);
    RecordProperty("total_rate_per_s_" + name, std::to_string(total_rate));
    RecordProperty("D_over_theory_" + name,
                   std::to_string(e.mean / theory) + "+-" + std::to_string(e.standard_error / theory));
    EXPECT_EQ(e.uncatalogued, 0) << name;
    EXPECT_EQ(e.other_events, 0) << name;
    EXPECT_LT(e.standard_error, 0.1 * theory) << name;  // the test can resolve a 30 % error
    EXPECT_NEAR(e.mean, theory, 3.0 * e.standard_error) << name;
  }
}

}  // namespace
}  // namespace surfkmc::kmc
