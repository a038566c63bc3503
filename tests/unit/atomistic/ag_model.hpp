// SPDX-License-Identifier: MIT
// The Ag potential of the tests: Wu–Trinkle 2009 (its Ag–Ag part is Williams–Mishin–Hamilton 2006).
#pragma once

#include "atomistic/kim_potential.hpp"

namespace surfkmc::atomistic::test {

inline PotentialSpec agModel() { return {"EAM_Dynamo_WuTrinkle_2009_CuAg__MO_270337113239_005", "Ag"}; }

}  // namespace surfkmc::atomistic::test
