// SPDX-License-Identifier: MIT
// The cell-list neighbour search finds exactly the pairs a brute-force search finds.
#include "atomistic/neighbour_list.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <set>
#include <vector>

namespace surfkmc::atomistic {
namespace {

TEST(NeighbourList, MatchesBruteForceOnRandomPoints) {
  std::mt19937 rng(7);
  std::uniform_real_distribution<double> u(0.0, 17.0);
  const int n = 400, centres = 300;
  const double rc = 3.3;
  std::vector<double> xyz(3 * n);
  for (double& x : xyz) x = u(rng);
  NeighbourList list;
  list.build(xyz.data(), n, rc, centres);
  ASSERT_EQ(list.centres(), centres);
  for (int i = 0; i < centres; ++i) {
    std::set<int> want;
    for (int j = 0; j < n; ++j) {
      double r2 = 0.0;
      for (int k = 0; k < 3; ++k) r2 += (xyz[3 * j + k] - xyz[3 * i + k]) * (xyz[3 * j + k] - xyz[3 * i + k]);
      if (j != i && r2 < rc * rc) want.insert(j);
    }
    const std::set<int> got(list.neighbours(i), list.neighbours(i) + list.count(i));
    EXPECT_EQ(got, want) << "particle " << i;
  }
}

TEST(NeighbourList, HandlesFlatAndTinySets) {
  std::vector<double> xyz{0, 0, 0, 1, 0, 0, 5, 0, 0};
  NeighbourList list;
  list.build(xyz.data(), 3, 2.0, 3);
  EXPECT_EQ(list.count(0), 1);
  EXPECT_EQ(list.count(1), 1);
  EXPECT_EQ(list.count(2), 0);
}

}  // namespace
}  // namespace surfkmc::atomistic
