// SPDX-License-Identifier: MIT
// The canonical processes: the full list, one A and one B step, end states that differ only in the
// moving atoms; barriers independent of the thread count.
#include "atomistic/surface_processes.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <set>

#include "atomistic/crystal_properties.hpp"
#include "tests/unit/atomistic/ag_model.hpp"

namespace surfkmc::atomistic {
namespace {

TEST(CanonicalProcesses, ListsEveryProcessWithConsistentEndStates) {
  BarrierSettings s;
  s.lattice_constant_A = 4.09;
  const auto processes = canonicalProcesses(s);
  std::set<std::string> names;
  for (const auto& p : processes) {
    names.insert(p.name);
    ASSERT_EQ(p.initial.size(), p.final_state.size()) << p.name;
    ASSERT_FALSE(p.movers.empty()) << p.name;
    const std::set<int> movers(p.movers.begin(), p.movers.end());
    for (int i = 0; i < p.initial.size(); ++i) {
      const double moved = (p.final_state.positions.col(i) - p.initial.positions.col(i)).norm();
      if (movers.count(i)) {
        EXPECT_GT(moved, 1.0) << p.name << " atom " << i;  // every move is at least a hollow-to-hollow shift
        // and at most √3 neighbour distances (round a corner atom, or from an upper hollow down to the foot).
        EXPECT_LT(moved, std::sqrt(3.0) * 4.09 / std::sqrt(2.0) + 0.1) << p.name << " atom " << i;
        EXPECT_FALSE(p.initial.fixed[i]) << p.name;
      } else {
        EXPECT_EQ(moved, 0.0) << p.name << " atom " << i;
      }
    }
  }
  const std::set<std::string> expected{"111_hop",
                                       "100_hop",
                                       "100_exchange",
                                       "110_in_channel_hop",
                                       "110_cross_channel_hop",
                                       "110_cross_channel_exchange",
                                       "111_A_step_descent_hop",
                                       "111_A_step_descent_exchange",
                                       "111_A_step_edge_hop",
                                       "111_A_step_kink_to_terrace",
                                       "111_A_step_kink_along_edge",
                                       "111_B_step_descent_hop",
                                       "111_B_step_descent_exchange",
                                       "111_B_step_edge_hop",
                                       "111_B_step_kink_to_terrace",
                                       "111_B_step_kink_along_edge",
                                       "111_corner_rounding_A_to_B"};
  EXPECT_EQ(
      names,
      expected);  // the two edges of a (111) strip are one A and one B step; so are an island's neighbouring edges
}

TEST(CanonicalProcesses, BarriersDoNotDependOnTheThreadCount) {
  KimPotential pot(test::agModel());
  BarrierSettings s;
  s.lattice_constant_A = equilibriumLatticeConstant(pot, 4.09);
  const std::vector<ProcessGeometry> small{hop111(s.lattice_constant_A, {3, 5, 4, 2}),
                                           hop100(s.lattice_constant_A, {5, 5, 4, 2})};
  const auto one = computeBarriers(test::agModel(), small, s, 1);
  const auto two = computeBarriers(test::agModel(), small, s, 2);
  ASSERT_EQ(one.size(), two.size());
  for (std::size_t i = 0; i < one.size(); ++i) {
    EXPECT_EQ(one[i].barrier_forward_eV, two[i].barrier_forward_eV);
    EXPECT_EQ(one[i].barrier_backward_eV, two[i].barrier_backward_eV);
    EXPECT_EQ(one[i].neb_steps, two[i].neb_steps);
  }
}

}  // namespace
}  // namespace surfkmc::atomistic
