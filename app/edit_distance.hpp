// SPDX-License-Identifier: MIT
// Edit distance between names, for "did you mean ...?" suggestions on unknown keys and values.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace surfkmc::app {

/// Optimal-string-alignment distance (insertions, deletions, substitutions, adjacent
/// transpositions), ignoring ASCII case.
std::size_t editDistance(const std::string& a, const std::string& b);

/// The candidate closest to `word` if it is close enough to be a plausible typo, else nullopt.
std::optional<std::string> closestName(const std::string& word, const std::vector<std::string>& candidates);

/// "a, b, c" (for the "allowed:" part of messages).
std::string joinNames(const std::vector<std::string>& names);

}  // namespace surfkmc::app
