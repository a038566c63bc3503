// SPDX-License-Identifier: MIT
// Names of the nucleation site classes, for outputs.
#include "nucleation/site_class.hpp"

namespace surfkmc::nucleation {

const char* siteClassName(SiteClass c) {
  switch (c) {
    case SiteClass::kFacetEdge:
      return "facet_edge";
    case SiteClass::kStep:
      return "step";
    case SiteClass::kMultiStep:
      return "multi_step";
    case SiteClass::kPit:
      return "pit";
    case SiteClass::kSlipStep:
      return "slip_step";
  }
  return "?";
}

}  // namespace surfkmc::nucleation
