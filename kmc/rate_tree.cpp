// SPDX-License-Identifier: MIT
// Binary sum tree storage.
#include "kmc/rate_tree.hpp"

#include "core/error.hpp"

namespace surfkmc::kmc {

RateTree::RateTree(std::int64_t slots) {
  require(slots >= 0, "RateTree needs a non-negative slot count");
  capacity_ = 1;
  while (capacity_ < slots) capacity_ *= 2;
  node_.assign(static_cast<std::size_t>(2 * capacity_), 0.0);
  root_ = static_cast<std::size_t>(capacity_);  // the live subtree starts as leaf 0
  span_ = 1;
}

}  // namespace surfkmc::kmc
