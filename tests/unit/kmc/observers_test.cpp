// SPDX-License-Identifier: MIT
// Observers: time series rows, MSD from unwrapped hops, extXYZ snapshots that read back.
#include <gtest/gtest.h>

#include <sstream>
#include <string>

#include "core/error.hpp"
#include "kmc/engine.hpp"
#include "kmc/msd_observer.hpp"
#include "kmc/snapshot_observer.hpp"
#include "kmc/time_series_observer.hpp"
#include "lattice/ext_xyz.hpp"
#include "lattice/surface.hpp"
#include "test_lattices.hpp"
#include "tests/unit/kmc/bond_counting_sets.hpp"

namespace surfkmc::kmc {
namespace {

int lines(const std::string& s) {
  int n = 0;
  for (char c : s) n += (c == '\n');
  return n;
}

TEST(Observers, TimeSeriesWritesHeaderRowsAndMatchesTheCensus) {
  lattice::BuiltWire w = testing::roughWire(20.0, 22.0, 0.3, 4);
  Engine engine(w.lattice, silverParams(700.0), RandomStream(4, StreamId::kKmc));
  std::ostringstream out;
  TimeSeriesObserver ts(out, {.every_events = 1000});
  engine.run({.max_events = 10'000}, &ts);
  // Header, the initial row, 10 sampled rows; onFinish adds none (the last event was sampled).
  EXPECT_EQ(lines(out.str()), 12);
  EXPECT_EQ(out.str().rfind("time_s,events,interlayer,detachment,attachment,terrace_hop,step_edge,adatoms", 0), 0u);
  const SurfaceSample& s = ts.last();
  EXPECT_EQ(s.events, 10'000);
  EXPECT_EQ(s.broken_bonds, lattice::brokenBonds(w.lattice));
  EXPECT_DOUBLE_EQ(s.surface_energy_eV, 0.08 * static_cast<double>(s.broken_bonds));
  EXPECT_GT(s.roughness_A, 0.0);
  std::int64_t sum = 0;
  for (auto n : s.by_class) sum += n;
  EXPECT_EQ(sum, 10'000);
}

TEST(Observers, TimeSamplingIsStampedWithTheSampledEventTime) {
  lattice::BuiltWire w = testing::roughWire(20.0, 22.0, 0.3, 4);
  Engine engine(w.lattice, silverParams(700.0), RandomStream(4, StreamId::kKmc));
  const double dt = 500.0 / engine.totalRate();
  std::ostringstream out;
  TimeSeriesObserver ts(out, {.every_time_s = dt});
  engine.run({.until_time_s = 10.0 * dt}, &ts);
  // Initial row + one per grid time reached (9 or 10, the 10th coincides with the end) + final row.
  EXPECT_GE(lines(out.str()), 1 + 1 + 9 + 1);
  EXPECT_LE(lines(out.str()), 1 + 1 + 10 + 1);
  EXPECT_EQ(ts.last().time_s, 10.0 * dt);
}

TEST(Observers, MsdAccumulatesBondVectorsAcrossThePeriodicBoundary) {
  lattice::BuiltWire slab = testing::slab111(21.3, 6.0);
  const lattice::SiteIndex top = testing::topSiteWithCoordination(slab.lattice, 3);
  slab.lattice.place(top);
  const lattice::AtomId id = slab.lattice.atomAt(top);
  Engine engine(slab.lattice, platinumParams(300.0), RandomStream(4, StreamId::kKmc));
  std::ostringstream out;
  MsdObserver msd(out, {.every_events = 100}, {id});
  engine.run({.max_events = 2000}, &msd);
  // Pt at 300 K: only the adatom moves. Its unwrapped displacement is a sum of in-plane bond
  // vectors, so it has no y component and its length can exceed the 21 Å period.
  const lattice::Vec3 d = msd.displacement(id);
  EXPECT_NEAR(d.y, 0.0, 1e-9);
  EXPECT_DOUBLE_EQ(msd.meanSquareDisplacement(), lattice::norm2(d));
  EXPECT_EQ(lines(out.str()), 1 + 1 + 20);
}

TEST(Observers, SnapshotsReadBackAsExtXyz) {
  lattice::BuiltWire w = testing::roughWire(20.0, 22.0, 0.3, 4);
  Engine engine(w.lattice, silverParams(700.0), RandomStream(4, StreamId::kKmc));
  std::stringstream out;
  SnapshotObserver snap(out, "Ag", {.every_events = 500});
  engine.run({.max_events = 1000}, &snap);
  EXPECT_EQ(snap.frames(), 3);
  for (int f = 0; f < 3; ++f) {
    const lattice::XyzFrame frame = lattice::readExtXyz(out);
    EXPECT_EQ(static_cast<std::int64_t>(frame.atoms.size()), w.lattice.atomCount());
  }
}

TEST(Observers, SamplingNeedsACriterion) {
  EXPECT_THROW(SampleClock(Sampling{}), InputError);
  EXPECT_THROW(SampleClock(Sampling{.every_events = -1}), InputError);
}

}  // namespace
}  // namespace surfkmc::kmc
