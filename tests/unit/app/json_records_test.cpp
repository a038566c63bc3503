// SPDX-License-Identifier: MIT
#include "app/json_records.hpp"

#include <gtest/gtest.h>

#include <array>
#include <cmath>

namespace surfkmc {
namespace {

TEST(MeanStdErrJson, UndefinedValuesAreNullAndDefinedOnesAreTheStatistics) {
  const nlohmann::json none = meanStdErr(std::array<double, 0>{});
  EXPECT_TRUE(none.at("mean").is_null());
  EXPECT_TRUE(none.at("std").is_null());
  EXPECT_TRUE(none.at("stderr").is_null());

  const nlohmann::json one = meanStdErr(std::array{2.5});
  EXPECT_EQ(one.at("mean").get<double>(), 2.5);
  EXPECT_TRUE(one.at("std").is_null());
  EXPECT_TRUE(one.at("stderr").is_null());

  // 1, 2, 3, 6: mean 3, squared deviations 4 + 1 + 0 + 9 = 14, sd = √(14/3), se = sd/2.
  const nlohmann::json four = meanStdErr(std::array{1.0, 2.0, 3.0, 6.0});
  EXPECT_DOUBLE_EQ(four.at("mean").get<double>(), 3.0);
  EXPECT_DOUBLE_EQ(four.at("std").get<double>(), std::sqrt(14.0 / 3.0));
  EXPECT_DOUBLE_EQ(four.at("stderr").get<double>(), std::sqrt(14.0 / 3.0) / 2.0);
  EXPECT_EQ(four.size(), 3u);
}

}  // namespace
}  // namespace surfkmc
