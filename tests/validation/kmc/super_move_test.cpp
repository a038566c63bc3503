// SPDX-License-Identifier: MIT
// An adatom trapped on top of a (111) island, production Ag energetics: plain KMC against super-moves.
#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

#include "core/statistics.hpp"
#include "kmc/engine.hpp"
#include "production_energetics.hpp"
#include "test_lattices.hpp"
#include "tracked_atom.hpp"

namespace surfkmc::kmc {
namespace {

struct Outcome {
  double msd_mean = 0.0;  // adatom |Δr|² [Å²]
  double msd_se = 0.0;
  double others_mean = 0.0;  // events of all other atoms
  double others_se = 0.0;
  std::int64_t super_moves = 0;
  std::int64_t events = 0;
};

Outcome run(const testing::IslandTop& start, double duration_s, int replicas, EngineOptions options) {
  const EnergeticsParams params = testing::productionEnergetics("Ag", 300.0);
  std::vector<double> msd;
  std::vector<double> others;
  Outcome out;
  for (int k = 0; k < replicas; ++k) {
    lattice::Lattice lat = start.lattice;
    Engine engine(lat, params, RandomStream(77, StreamId::kKmc, 0, static_cast<std::uint64_t>(k)), options);
    testing::TrackedAtom tracked(lat.atomAt(start.adatom));
    engine.run({.until_time_s = duration_s}, &tracked);
    msd.push_back(tracked.squareDisplacement());
    others.push_back(static_cast<double>(tracked.otherEvents()));
    out.super_moves += engine.accelerationReport().super_moves;
    out.events += engine.events();
  }
  const auto stat = [](const std::vector<double>& v, double& mean, double& se) {
    const MeanStdErr s = meanStdErr(v);
    mean = s.mean;
    se = s.se;
  };
  stat(msd, out.msd_mean, out.msd_se);
  stat(others, out.others_mean, out.others_se);
  return out;
}

// Production Ag at 300 K. Over 2e-7 s (~10⁵ hops of the adatom at the catalogue's (3, 3, 1) rate, ~14
// events of the island's atoms) the adatom's mean square displacement and the number of
// events of the other atoms agree with plain KMC within 4 combined standard errors, with super-moves
// after every hop and after 16. The adatom cannot leave the island (no interlayer moves), so its basin is
// the island's top.
TEST(SuperMoves, AdatomTrappedOnAnIslandMatchesPlainKmc) {
  const testing::IslandTop start = testing::islandWithAdatom();
  const int replicas = 400;
  const double t = 2e-7;
  const Outcome plain = run(start, t, replicas, {});
  for (int after : {1, 16}) {
    EngineOptions o;
    o.super_moves = {.enabled = true, .after_hops = after, .basin_sites = 64};
    const Outcome fast = run(start, t, replicas, o);
    std::string label = "after";
    label += std::to_string(after);
    RecordProperty("msd_plain", std::to_string(plain.msd_mean) + "+-" + std::to_string(plain.msd_se));
    RecordProperty("msd_" + label, std::to_string(fast.msd_mean) + "+-" + std::to_string(fast.msd_se));
    RecordProperty("others_plain", std::to_string(plain.others_mean) + "+-" + std::to_string(plain.others_se));
    RecordProperty("others_" + label, std::to_string(fast.others_mean) + "+-" + std::to_string(fast.others_se));
    RecordProperty("super_moves_" + label, std::to_string(fast.super_moves));
    RecordProperty("events_plain", std::to_string(plain.events));
    RecordProperty("events_" + label, std::to_string(fast.events));
    EXPECT_GT(fast.super_moves, replicas) << label;
    EXPECT_LT(std::abs(fast.msd_mean - plain.msd_mean), 4.0 * std::hypot(plain.msd_se, fast.msd_se)) << label;
    EXPECT_LT(std::abs(fast.others_mean - plain.others_mean), 4.0 * std::hypot(plain.others_se, fast.others_se))
        << label;
  }
}

}  // namespace
}  // namespace surfkmc::kmc
