// SPDX-License-Identifier: MIT
// A rough Ag wire at 800 K smooths (fewer broken bonds); a Pt wire at 300 K barely changes.
#include <gtest/gtest.h>

#include "kmc/engine.hpp"
#include "lattice/surface.hpp"
#include "production_energetics.hpp"
#include "test_lattices.hpp"

namespace surfkmc::kmc {
namespace {

// On the production energetics (each metal's hop catalogue from its potential) H = −ε·bonds, so the surface
// energy is ε/2 × (broken bonds), and KMC obeying detailed balance descends it on average. Ag at 800 K
// (ε/kT ≈ 3.3) anneals a rough surface within 2e6 events; Pt at 300 K, over the same simulated time, can
// only let its adatoms hop and stick, and atoms detach and return (docs/atomistic.md), so its broken-bond
// count moves far less. Atoms are conserved in both.
TEST(WireEvolution, RoughAgWireSmoothsWhilePtAt300KBarelyChanges) {
  lattice::BuiltWire ag = testing::roughWire(40.0, 50.0, 0.3, 31);
  lattice::BuiltWire pt = testing::roughWire(40.0, 50.0, 0.3, 31);
  const auto atoms = ag.lattice.atomCount();
  const auto ag_before = lattice::brokenBonds(ag.lattice);
  const auto pt_before = lattice::brokenBonds(pt.lattice);
  ASSERT_EQ(ag_before, pt_before);

  Engine ag_engine(ag.lattice, testing::productionEnergetics("Ag", 800.0), RandomStream(5, StreamId::kKmc));
  ag_engine.run({.max_events = 2'000'000});
  const auto ag_after = lattice::brokenBonds(ag.lattice);
  EXPECT_EQ(ag.lattice.atomCount(), atoms);
  const double ag_drop = static_cast<double>(ag_before - ag_after) / static_cast<double>(ag_before);
  EXPECT_GT(ag_drop, 0.10) << ag_before << " -> " << ag_after;

  Engine pt_engine(pt.lattice, testing::productionEnergetics("Pt", 300.0), RandomStream(5, StreamId::kKmc));
  pt_engine.run({.until_time_s = ag_engine.time_s(), .max_events = 2'000'000});
  const auto pt_after = lattice::brokenBonds(pt.lattice);
  EXPECT_EQ(pt.lattice.atomCount(), atoms);
  const double pt_change = std::abs(static_cast<double>(pt_before - pt_after)) / static_cast<double>(pt_before);
  EXPECT_LT(pt_change, 0.25 * ag_drop) << pt_before << " -> " << pt_after << ", " << pt_engine.events() << " events";
  RecordProperty("ag_drop", std::to_string(ag_drop));
  RecordProperty("pt_change", std::to_string(pt_change));
}

}  // namespace
}  // namespace surfkmc::kmc
