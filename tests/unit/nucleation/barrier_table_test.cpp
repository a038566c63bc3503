// SPDX-License-Identifier: MIT
// BarrierTable: the points themselves, straight lines in ln ΔG between and beyond them, the non-increasing
// envelope, and refusals of tables that cannot be a barrier.
#include "nucleation/barrier_table.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "core/error.hpp"
#include "nucleation/barrier.hpp"

namespace surfkmc::nucleation {
namespace {

TEST(BarrierTable, PassesThroughItsPointsAndIsGeometricBetweenThem) {
  // Given out of order; the table sorts them.
  const BarrierTable t = BarrierTable::envelope({{2.5, 0.9}, {1.7, 2.9}, {2.1, 2.0}});
  ASSERT_EQ(t.stresses_GPa(), (std::vector<double>{1.7, 2.1, 2.5}));
  EXPECT_DOUBLE_EQ(t.energy_eV(1.7), 2.9);
  EXPECT_DOUBLE_EQ(t.energy_eV(2.1), 2.0);
  EXPECT_DOUBLE_EQ(t.energy_eV(2.5), 0.9);
  // Linear in ln ΔG: the midpoint of an interval is the geometric mean of its ends.
  EXPECT_NEAR(t.energy_eV(1.9), std::sqrt(2.9 * 2.0), 1e-12);
  EXPECT_NEAR(t.energy_eV(2.3), std::sqrt(2.0 * 0.9), 1e-12);
  // Beyond the ends the end intervals' lines continue: one interval further multiplies by the same ratio.
  EXPECT_NEAR(t.energy_eV(1.3), 2.9 * 2.9 / 2.0, 1e-12);
  EXPECT_NEAR(t.energy_eV(2.9), 0.9 * 0.9 / 2.0, 1e-12);
  // Positive at any stress, and rising without bound towards zero stress.
  EXPECT_GT(t.energy_eV(50.0), 0.0);
  EXPECT_GT(t.energy_eV(0.0), 10.0);
}

TEST(BarrierTable, ABarrierThatRisesWithStressIsReplacedByTheLowerOneBelowIt) {
  const BarrierTable t = BarrierTable::envelope({{1.7, 2.9}, {2.1, 2.0}, {2.5, 0.96}, {2.8, 1.06}});
  EXPECT_EQ(t.barriers_eV(), (std::vector<double>{2.9, 2.0, 0.96, 0.96}));
  EXPECT_DOUBLE_EQ(t.energy_eV(2.8), 0.96);
  EXPECT_DOUBLE_EQ(t.energy_eV(3.5), 0.96);  // a flat last interval extends flat
  EXPECT_NO_THROW(t.validate("t"));
}

TEST(BarrierTable, RefusesTablesThatCannotBeABarrier) {
  EXPECT_THROW(BarrierTable::envelope({{1.0, 1.0}}), InputError);
  EXPECT_THROW(BarrierTable::envelope({{1.0, 1.0}, {1.0, 0.5}}), InputError);
  EXPECT_THROW(BarrierTable::envelope({{1.0, 1.0}, {2.0, 0.0}}), InputError);
  EXPECT_THROW(BarrierTable::envelope({{1.0, 1.0}, {2.0, -0.1}}), InputError);
  EXPECT_THROW(BarrierTable::envelope({{1.0, 1.0}, {NAN, 0.5}}), InputError);
  EXPECT_THROW(BarrierTable().validate("empty"), InputError);
  // A Barrier of the tabulated form needs its table; with it, K and σ_off act as for the other forms.
  Barrier b;
  b.form = BarrierForm::kTabulated;
  EXPECT_THROW(b.validate(), InputError);
  b.table = std::make_shared<const BarrierTable>(BarrierTable::envelope({{1.0, 2.0}, {2.0, 1.0}}));
  b.stress_offset_GPa = 0.5;
  b.stress_concentration = 2.0;
  EXPECT_NO_THROW(b.validate());
  EXPECT_DOUBLE_EQ(b.energy_eV(0.75), 1.0);  // local stress 2 · 0.75 + 0.5 = 2 GPa
  EXPECT_TRUE(std::isinf(b.athermalAppliedStress_GPa()));
  // Equal tables make equal barriers even as separate objects (the hazard groups them).
  Barrier c = b;
  c.table = std::make_shared<const BarrierTable>(*b.table);
  EXPECT_EQ(b, c);
  c.table = std::make_shared<const BarrierTable>(BarrierTable::envelope({{1.0, 2.0}, {2.0, 1.1}}));
  EXPECT_FALSE(b == c);
}

}  // namespace
}  // namespace surfkmc::nucleation
