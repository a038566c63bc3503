// SPDX-License-Identifier: MIT
// The classes of surface nucleation sites the detector tells apart.
#pragma once

#include <cstdint>

namespace surfkmc::nucleation {

/// Kinds of nucleation site. The size attached to a site is 1 for a facet edge and a monatomic
/// step, the step height h ≥ 2 (in (111) layers) for a multi-layer step, and the vacancy count m for a pit.
enum class SiteClass : std::uint8_t {
  kFacetEdge,  ///< edge/corner of the pristine wire: a ledge of a (111) facet parallel to the axis, or a cliff
  kStep,       ///< monatomic step: ledge of a (111) terrace one layer above the next terrace
  kMultiStep,  ///< multi-layer step of height h ≥ 2 where steps overlap
  kPit,        ///< mass-deficient surface vacancy cluster of m vacancies
  kSlipStep,   ///< a step (monatomic or multi-layer) on the trace of an earlier slip plane (coupling::CoupledRun)
};

inline constexpr int kSiteClassCount = 5;

const char* siteClassName(SiteClass c);

}  // namespace surfkmc::nucleation
