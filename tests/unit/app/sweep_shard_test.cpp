// SPDX-License-Identifier: MIT
// `--shard I/N`: parsing, and shares that together hold every task exactly once.
#include "app/sweep_shard.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/error.hpp"

namespace surfkmc::app {
namespace {

TEST(SweepShard, ParsesIndexAndCount) {
  const SweepShard s = parseSweepShard("2/8");
  EXPECT_EQ(s.index, 2u);
  EXPECT_EQ(s.count, 8u);
  EXPECT_EQ(s.text(), "2/8");
  EXPECT_EQ(parseSweepShard("0/1").count, 1u);
}

TEST(SweepShard, SharesHoldEveryTaskOnce) {
  const std::size_t count = 3;
  for (std::size_t position = 0; position < 20; ++position) {
    int holders = 0;
    for (std::size_t i = 0; i < count; ++i) holders += SweepShard{i, count}.holds(position) ? 1 : 0;
    EXPECT_EQ(holders, 1) << position;
  }
}

TEST(SweepShard, RejectsBadValuesNamingTheOption) {
  for (const std::string bad : {"", "3", "3/3", "4/3", "1/0", "-1/2", "1/-2", "+1/2", "1/2/3", "a/b", "1 /2", "1/2 ",
                                "0x1/2", "1/99999999999999999999", "0/2000000"}) {
    try {
      parseSweepShard(bad);
      ADD_FAILURE() << "accepted '" << bad << "'";
    } catch (const InputError& e) {
      EXPECT_NE(std::string(e.what()).find("--shard: bad value"), std::string::npos) << e.what();
      EXPECT_NE(std::string(e.what()).find("0 <= I < N"), std::string::npos) << e.what();
    }
  }
}

}  // namespace
}  // namespace surfkmc::app
