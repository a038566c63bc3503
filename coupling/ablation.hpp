// SPDX-License-Identifier: MIT
// What a coupled run leaves out, to measure what the surface KMC contributes to the yield.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace surfkmc::coupling {

/// What a run leaves out, to measure what the surface KMC contributes (docs/model.md, "Ablations").
enum class Ablation : std::uint8_t {
  kNone,           ///< the full model: the KMC evolves the surface, the hazard sees its sites
  kFrozenSurface,  ///< no KMC at all: no events, no surface diffusion (D_s = 0, no creep), as-cut sites
  kAsCutSites,     ///< the KMC runs (D_s and creep as in the full model), the hazard sees the as-cut sites
};

/// "none", "frozen_surface" or "as_cut_sites" (the scenario's `ablation` values).
const char* ablationName(Ablation ablation);
/// The ablation a name stands for; nullopt for any other text.
std::optional<Ablation> parseAblation(std::string_view name);

}  // namespace surfkmc::coupling
