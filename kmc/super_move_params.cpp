// SPDX-License-Identifier: MIT
#include "kmc/super_move_params.hpp"

#include <string>

#include "core/error.hpp"

namespace surfkmc::kmc {

void SuperMoveParams::validate() const {
  require(after_hops >= 1, "super_moves.after_hops must be ≥ 1, got " + std::to_string(after_hops));
  require(basin_sites >= 2 && basin_sites <= 1024,
          "super_moves.basin_sites must be in [2, 1024], got " + std::to_string(basin_sites));
  require(cache_shapes >= 0 && cache_shapes <= 1'000'000,
          "super_moves.cache_shapes must be in [0, 1000000], got " + std::to_string(cache_shapes));
}

}  // namespace surfkmc::kmc
