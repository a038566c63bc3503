// SPDX-License-Identifier: MIT
// Detailed balance against exact enumeration: sampled state probabilities vs exp(−H/kT)/Z.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <queue>
#include <string>
#include <vector>

#include "core/units.hpp"
#include "kmc/engine.hpp"
#include "stats_helpers.hpp"
#include "test_lattices.hpp"

namespace surfkmc::kmc {
namespace {

using lattice::SiteIndex;
using State = std::vector<SiteIndex>;  // occupied sites, sorted

State stateOf(const lattice::Lattice& lat) {
  State s;
  for (SiteIndex i = 0; i < lat.siteCount(); ++i)
    if (lat.occupied(i)) s.push_back(i);
  return s;
}

void load(lattice::Lattice& lat, const State& s) {
  for (SiteIndex i = 0; i < lat.siteCount(); ++i)
    if (lat.occupied(i)) lat.remove(i);
  for (SiteIndex i : s) lat.place(i);
}

int bonds(const lattice::Lattice& lat) {
  int b = 0;
  for (SiteIndex i = 0; i < lat.siteCount(); ++i)
    if (lat.occupied(i)) b += lat.coordination(i);
  return b / 2;
}

// Canonical representative of a state under the 18 in-plane translations of the periodic box (they
// commute with the energy, so translated states are equally probable): the smallest image. Any
// deterministic binning keeps the χ² test valid; this one just merges states that must agree.
struct Translations {
  std::vector<std::vector<SiteIndex>> perm;
  explicit Translations(const lattice::Lattice& lat) {
    const auto& f = lat.frame();
    const SiteIndex s0 = 0;
    const double y0 = lat.position(s0).y;
    for (SiteIndex t = 0; t < lat.siteCount(); ++t) {
      if (std::abs(lat.position(t).y - y0) > 1e-9) continue;
      const lattice::CubicVec v = testing::cubicOf(lat, t) - testing::cubicOf(lat, s0);
      std::vector<SiteIndex> p(static_cast<std::size_t>(lat.siteCount()));
      for (SiteIndex s = 0; s < lat.siteCount(); ++s) {
        std::array<int, 3> cell{};
        int b = 0;
        f.decompose(testing::cubicOf(lat, s) + v, cell, b);
        p[static_cast<std::size_t>(s)] = lat.siteAt(cell[0], cell[1], cell[2], b);
      }
      perm.push_back(std::move(p));
    }
  }
  State canonical(const State& s) const {
    State best;
    for (const auto& p : perm) {
      State img;
      for (SiteIndex i : s) img.push_back(p[static_cast<std::size_t>(i)]);
      std::sort(img.begin(), img.end());
      if (best.empty() || img < best) best = img;
    }
    return best;
  }
};

// MODEL.md §3: the rates obey k_ij/k_ji = exp(−(H_j − H_i)/kT) with H = −ε_b·bonds and the
// allowed-move rule is symmetric, so on the set of states reachable from the start (found here
// by breadth-first search over allowed hops, with the rule written out independently) the
// stationary law is π(s) = exp(−H_s/kT)/Z. Eight atoms on a 3 × 1 × 3-cell box (x, z periodic,
// three (111) layers): the engine's state is sampled every Δ = 200 mean waiting times (long
// against the mixing time: the test also checks that the bond count decorrelates over Δ), and
// Pearson's χ² of the translation-class counts against π must be below the α = 1e-3 value.
TEST(DetailedBalance, SampledStateProbabilitiesMatchBoltzmannOnEnumeratedStates) {
  const lattice::Frame frame(testing::kAgLattice_A);
  lattice::Lattice lat(frame, {3, 1, 3, true, false, true});
  EnergeticsParams p = silverParams(900.0);
  p.es_max_common = 1;  // exercise the ES term on more hops
  const double kt = units::thermalEnergy_eV(p.temperature_K);

  // Start: eight atoms packed greedily into the two lowest layers (495 reachable states).
  const double ymin = lat.position(0).y;
  State start;
  {
    std::vector<std::pair<double, SiteIndex>> by_height;
    for (SiteIndex s = 0; s < lat.siteCount(); ++s) by_height.emplace_back(lat.position(s).y, s);
    std::sort(by_height.begin(), by_height.end());
    lat.place(by_height[0].second);
    while (lat.atomCount() < 8) {
      SiteIndex best = lat.sentinel();
      for (SiteIndex s = 0; s < lat.siteCount(); ++s)
        if (!lat.occupied(s) && lat.position(s).y < ymin + 3.0 &&
            (best == lat.sentinel() || lat.coordination(s) > lat.coordination(best)))
          best = s;
      lat.place(best);
    }
    start = stateOf(lat);
  }

  // Breadth-first enumeration of the reachable states: hop i → j allowed iff n_i ≥ 3 and n_j ≥ 3
  // (n_j without i), n_i < 12, j vacant and inside the box.
  std::map<State, int> index;
  std::vector<State> states;
  std::queue<State> todo;
  index[start] = 0;
  states.push_back(start);
  todo.push(start);
  while (!todo.empty()) {
    const State s = todo.front();
    todo.pop();
    load(lat, s);
    for (SiteIndex i : s) {
      const int ni = lat.coordination(i);
      if (ni < 3 || ni >= 12) continue;
      for (int d = 0; d < lattice::kNeighbourCount; ++d) {
        const SiteIndex j = lat.neighbour(i, d);
        if (j == lat.sentinel() || lat.occupied(j) || lat.coordination(j) - 1 < 3) continue;
        State next = s;
        std::replace(next.begin(), next.end(), i, j);
        std::sort(next.begin(), next.end());
        if (index.emplace(next, static_cast<int>(states.size())).second) {
          states.push_back(next);
          todo.push(next);
        }
      }
    }
  }
  ASSERT_GT(states.size(), 20u);
  ASSERT_LT(states.size(), 200'000u);

  // Exact class probabilities.
  const Translations tr(lat);
  std::map<State, double> weight;
  std::map<State, int> class_bonds;
  double z = 0.0;
  for (const State& s : states) {
    load(lat, s);
    const int b = bonds(lat);
    const double w = std::exp(p.bond_energy_eV * b / kt);  // exp(−H/kT), H = −ε_b·bonds
    weight[tr.canonical(s)] += w;
    z += w;
  }
  ASSERT_GT(weight.size(), 5u);

  // Sample the engine.
  load(lat, start);
  Engine engine(lat, p, RandomStream(77, StreamId::kKmc));
  engine.run({.max_events = 20'000});  // burn-in
  const double delta = 200.0 / engine.totalRate();
  constexpr int kSamples = 40'000;
  std::map<State, long> count;
  std::vector<double> b_series;
  for (int n = 0; n < kSamples; ++n) {
    engine.run({.until_time_s = engine.time_s() + delta});
    const State s = stateOf(lat);
    ASSERT_TRUE(index.count(s)) << "engine reached a state the enumeration did not";
    ++count[tr.canonical(s)];
    b_series.push_back(bonds(lat));
  }
  double chi2 = 0.0;
  int bins = 0;
  double pooled_e = 0.0;
  long pooled_o = 0;
  for (const auto& [cls, w] : weight) {
    const double expected = kSamples * w / z;
    const long seen = count.count(cls) ? count[cls] : 0;
    if (expected < 5.0) {
      pooled_e += expected;
      pooled_o += seen;
      continue;
    }
    chi2 += (seen - expected) * (seen - expected) / expected;
    ++bins;
  }
  if (pooled_e >= 5.0) {
    chi2 += (pooled_o - pooled_e) * (pooled_o - pooled_e) / pooled_e;
    ++bins;
  }
  ASSERT_GE(bins, 5);
  EXPECT_LT(chi2, testing::chiSquareCritical999(bins - 1)) << bins << " bins, " << states.size() << " states";

  // Samples one Δ apart are effectively independent: lag-1 autocorrelation of the bond count.
  double mean = 0.0;
  for (double b : b_series) mean += b;
  mean /= kSamples;
  double c0 = 0.0;
  double c1 = 0.0;
  for (int n = 0; n < kSamples; ++n) {
    c0 += (b_series[n] - mean) * (b_series[n] - mean);
    if (n + 1 < kSamples) c1 += (b_series[n] - mean) * (b_series[n + 1] - mean);
  }
  EXPECT_LT(std::abs(c1 / c0), 0.05);

  // The same counts against a wrong law (temperature off by 10 %) fail: the test has teeth.
  double chi2_wrong = 0.0;
  double z_wrong = 0.0;
  std::map<State, double> w_wrong;
  for (const State& s : states) {
    load(lat, s);
    const double w = std::exp(p.bond_energy_eV * bonds(lat) / (1.1 * kt));
    w_wrong[tr.canonical(s)] += w;
    z_wrong += w;
  }
  for (const auto& [cls, w] : w_wrong) {
    const double expected = kSamples * w / z_wrong;
    if (expected < 5.0) continue;
    const long seen = count.count(cls) ? count[cls] : 0;
    chi2_wrong += (seen - expected) * (seen - expected) / expected;
  }
  EXPECT_GT(chi2_wrong, testing::chiSquareCritical999(bins - 1));
  RecordProperty("states", static_cast<int>(states.size()));
  RecordProperty("bins", bins);
  RecordProperty("chi2", std::to_string(chi2));
  RecordProperty("chi2_wrong_temperature", std::to_string(chi2_wrong));
  RecordProperty("lag1_autocorrelation", std::to_string(c1 / c0));
}

}  // namespace
}  // namespace surfkmc::kmc
