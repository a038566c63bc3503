// SPDX-License-Identifier: MIT
// The band of a refinement: strung at equal arc length along the polyline of a converged band, from its initial
// state to the chosen image, both kept exactly. No potential is called.
#include <gtest/gtest.h>

#include <vector>

#include "atomistic/nucleation_path.hpp"
#include "core/error.hpp"

namespace surfkmc::atomistic {
namespace {

Eigen::VectorXd point(double x, double y) {
  Eigen::VectorXd v(2);
  v << x, y;
  return v;
}

TEST(RefineBand, EqualArcLengthAlongThePolylineUpToTheChosenImage) {
  // An L-shaped band: 0 → (3, 0) → (3, 3), then an image the refinement must leave out.
  const std::vector<Eigen::VectorXd> band{point(0, 0), point(3, 0), point(3, 3), point(9, 9)};
  const auto refined = refineBand(band, 2, 5);  // arc length 6: images every 1
  ASSERT_EQ(refined.size(), 7u);
  const std::vector<Eigen::VectorXd> expected{point(0, 0), point(1, 0), point(2, 0), point(3, 0),
                                              point(3, 1), point(3, 2), point(3, 3)};
  for (std::size_t k = 0; k < expected.size(); ++k) {
    SCOPED_TRACE(k);
    EXPECT_NEAR((refined[k] - expected[k]).norm(), 0.0, 1e-12);
  }
  EXPECT_EQ(refined.front(), band.front());  // the ends are the band's own images, bit for bit
  EXPECT_EQ(refined.back(), band[2]);
}

TEST(RefineBand, UnevenSegmentsAndABandOfOneStep) {
  const std::vector<Eigen::VectorXd> band{point(0, 0), point(1, 0), point(5, 0)};
  const auto refined = refineBand(band, 2, 4);  // arc length 5: images every 1, three of them on the long segment
  ASSERT_EQ(refined.size(), 6u);
  for (int k = 0; k <= 5; ++k) EXPECT_NEAR((refined[k] - point(k, 0)).norm(), 0.0, 1e-12) << k;
  const auto one = refineBand(band, 1, 3);  // only the first step: (0,0) to (1,0) in quarters
  ASSERT_EQ(one.size(), 5u);
  for (int k = 0; k <= 4; ++k) EXPECT_NEAR((one[k] - point(0.25 * k, 0)).norm(), 0.0, 1e-12) << k;
}

TEST(RefineBand, RefusesAnImageOutsideTheBand) {
  const std::vector<Eigen::VectorXd> band{point(0, 0), point(1, 0)};
  EXPECT_THROW(refineBand(band, 0, 3), InputError);
  EXPECT_THROW(refineBand(band, 2, 3), InputError);
  EXPECT_THROW(refineBand(band, 1, 0), InputError);
}

}  // namespace
}  // namespace surfkmc::atomistic
