// SPDX-License-Identifier: MIT
// Detailed balance of a rate table with a pair Hamiltonian H = −ε·(bonds): a hop i → j changes H by
// ε (n_i − n_j), so k(n_i, n_j, c) / k(n_j, n_i, c) = exp(−ε (n_i − n_j) / kT) for every allowed entry, and a
// forbidden hop is forbidden both ways. Shared by the tests of the barrier table, of its strain response and
// of the shipped catalogues.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <string>

#include "core/units.hpp"
#include "kmc/energetics.hpp"

namespace surfkmc::kmc::testing {

/// Entries checked and entries forbidden (both directions counted).
struct PairBalanceCount {
  int checked = 0;
  int forbidden = 0;
};

/// Checks every (n_i, n_j, c) with n_i, n_j ≤ 11 and c ≤ min(n_i, n_j, 4), other than the rim entries, of `e` against H
/// = −eps·(bonds), to a relative 1e-11 (the table holds exp(−E/kT) of barriers that differ by exactly ΔH); `where`
/// labels the failures.
inline PairBalanceCount expectPairDetailedBalance(const Energetics& e, double eps, const std::string& where) {
  PairBalanceCount n;
  const double kt = units::thermalEnergy_eV(e.params().temperature_K);
  for (int ni = 0; ni <= 11; ++ni)
    for (int nj = 0; nj <= 11; ++nj)
      for (int c = 0; c <= std::min({ni, nj, kMaxCommon}); ++c) {
        // A rim entry is half of an interlayer transit, whose balance is the transit's as a whole
        // (docs/model.md#interlayer; tests/unit/kmc/transit_test.cpp and the enumeration), not a pair's.
        if (e.rimTarget(ni) || e.rimTarget(nj)) continue;
        const double forward = e.rate(ni, nj, c), backward = e.rate(nj, ni, c);
        EXPECT_EQ(forward == 0.0, backward == 0.0) << where << ": " << ni << ' ' << nj << ' ' << c;
        if (forward == 0.0 || backward == 0.0) {
          ++n.forbidden;
          continue;
        }
        EXPECT_NEAR(forward / backward, std::exp(-eps * (ni - nj) / kt), 1e-11 * forward / backward)
            << where << ": " << ni << ' ' << nj << ' ' << c;
        ++n.checked;
      }
  return n;
}

}  // namespace surfkmc::kmc::testing
