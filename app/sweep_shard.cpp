// SPDX-License-Identifier: MIT
// Parsing `--shard I/N`.
#include "app/sweep_shard.hpp"

#include <optional>
#include <string_view>

#include "app/source_file.hpp"
#include "core/error.hpp"
#include "core/parse_number.hpp"

namespace surfkmc::app {
namespace {

/// Most shares a sweep may be split into: one per task of the largest sweep would already do.
constexpr std::size_t kMaxShards = 1000000;

std::optional<std::size_t> parseCount(std::string_view text) {
  if (text.size() > 9) return std::nullopt;
  return parseWhole<std::size_t>(text);
}

}  // namespace

std::string SweepShard::text() const { return std::to_string(index) + "/" + std::to_string(count); }

SweepShard parseSweepShard(const std::string& text) {
  const std::size_t slash = text.find('/');
  const std::string_view all(text);
  const auto index = slash == std::string::npos ? std::nullopt : parseCount(all.substr(0, slash));
  const auto count = slash == std::string::npos ? std::nullopt : parseCount(all.substr(slash + 1));
  if (!index || !count || *count == 0 || *count > kMaxShards || *index >= *count)
    throw InputError("--shard: bad value '" + printableText(text, 40) +
                     "'; allowed: I/N with 0 <= I < N <= " + std::to_string(kMaxShards) +
                     ", e.g. 0/4 (in a Slurm job array --array=0-3: $SLURM_ARRAY_TASK_ID/4)");
  return {*index, *count};
}

}  // namespace surfkmc::app
