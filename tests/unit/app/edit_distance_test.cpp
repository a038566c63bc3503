// SPDX-License-Identifier: MIT
// Edit distance and "did you mean" suggestions.
#include "app/edit_distance.hpp"

#include <gtest/gtest.h>

namespace surfkmc::app {
namespace {

TEST(EditDistance, CountsInsertionsDeletionsSubstitutionsAndTranspositions) {
  EXPECT_EQ(editDistance("", ""), 0u);
  EXPECT_EQ(editDistance("abc", ""), 3u);
  EXPECT_EQ(editDistance("kitten", "sitting"), 3u);
  EXPECT_EQ(editDistance("seed", "sede"), 1u);  // one transposition
  EXPECT_EQ(editDistance("Seed", "seed"), 0u);  // case is ignored
}

TEST(EditDistance, SuggestsPlausibleTyposOnly) {
  const std::vector<std::string> keys{"temperature_K", "duration_s", "max_events", "checking"};
  EXPECT_EQ(closestName("temprature", keys), "temperature_K");
  EXPECT_EQ(closestName("temperature", keys), "temperature_K");
  EXPECT_EQ(closestName("max_event", keys), "max_events");
  EXPECT_EQ(closestName("colour", keys), std::nullopt);
  EXPECT_EQ(closestName("", keys), std::nullopt);
  EXPECT_EQ(closestName(std::string(1000, 'x'), keys), std::nullopt);
  EXPECT_EQ(closestName("x", {}), std::nullopt);
}

TEST(EditDistance, JoinsNames) {
  EXPECT_EQ(joinNames({"a", "b", "c"}), "a, b, c");
  EXPECT_EQ(joinNames({}), "");
}

}  // namespace
}  // namespace surfkmc::app
