// SPDX-License-Identifier: MIT
// parseWhole: all of the text or nothing.
#include "core/parse_number.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>

namespace surfkmc {
namespace {

TEST(ParseWhole, ReadsTheWholeTextOrNothing) {
  EXPECT_EQ(parseWhole<double>("1e-3"), 1e-3);
  EXPECT_EQ(parseWhole<double>("-2.5"), -2.5);
  EXPECT_EQ(parseWhole<int>("42"), 42);
  for (const char* bad : {"", " 1", "1 ", "1.0x", "0x10", "1,5", "--1", "+"}) {
    EXPECT_FALSE(parseWhole<double>(bad).has_value()) << "'" << bad << "'";
    EXPECT_FALSE(parseWhole<double>(bad, LeadingPlus::kAccepted).has_value()) << "'" << bad << "'";
  }
  EXPECT_FALSE(parseWhole<int>("1.5").has_value());
  EXPECT_FALSE(parseWhole<int>("99999999999").has_value()) << "out of int's range";
  EXPECT_FALSE(parseWhole<std::size_t>("-1").has_value());
}

TEST(ParseWhole, ALeadingPlusOnlyWhereTheSyntaxAllowsOne) {
  EXPECT_FALSE(parseWhole<double>("+3").has_value());
  EXPECT_EQ(parseWhole<double>("+3", LeadingPlus::kAccepted), 3.0);
  EXPECT_EQ(parseWhole<std::int64_t>("+7", LeadingPlus::kAccepted), 7);
  EXPECT_FALSE(parseWhole<double>("++3", LeadingPlus::kAccepted).has_value());
}

TEST(ParseWhole, NonFiniteTextIsReadAsSuchForTheCallerToRefuse) {
  const auto inf = parseWhole<double>("inf");
  ASSERT_TRUE(inf.has_value());
  EXPECT_TRUE(std::isinf(*inf));
  const auto nan = parseWhole<double>("nan");
  ASSERT_TRUE(nan.has_value());
  EXPECT_TRUE(std::isnan(*nan));
}

}  // namespace
}  // namespace surfkmc
