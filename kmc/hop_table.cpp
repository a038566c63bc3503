// SPDX-License-Identifier: MIT
#include "kmc/hop_table.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "core/error.hpp"
#include "kmc/energetics.hpp"

namespace surfkmc::kmc {

HopTable buildHopTable(const std::vector<HopBarrierSample>& samples, int n_min) {
  HopTable t;
  double sxy = 0.0, sxx = 0.0;
  for (const HopBarrierSample& s : samples) {
    if (s.status != HopBarrierSample::Status::kValid) continue;
    ++t.valid_samples;
    const double dn = s.n_i - s.n_j;
    sxy += s.delta_eV * dn;
    sxx += dn * dn;
  }
  if (sxx == 0.0) throw InvariantError("buildHopTable: no valid sample with n_i != n_j to fit the bond energy to");
  t.pair_energy_eV = sxy / sxx;
  double sum_sq = 0.0;
  for (const HopBarrierSample& s : samples)
    if (s.status == HopBarrierSample::Status::kValid) {
      const double r = s.delta_eV - t.pair_energy_eV * (s.n_i - s.n_j);
      sum_sq += r * r;
    }
  t.pair_energy_rms_eV = std::sqrt(sum_sq / t.valid_samples);

  constexpr double kInf = std::numeric_limits<double>::infinity();
  t.barrier_eV.assign(static_cast<std::size_t>(kBarrierTableSize), kInf);
  const auto at = [](int n_i, int n_j, int c) { return static_cast<std::size_t>(Energetics::index(n_i, n_j, c)); };
  for (int a = n_min; a <= 11; ++a)
    for (int b = a; b <= 11; ++b)
      for (int c = 0; c <= kMaxCommon; ++c) {
        double kra = 0.0;
        int valid = 0, unstable = 0;
        for (const HopBarrierSample& s : samples) {
          if (s.c != c || !((s.n_i == a && s.n_j == b) || (s.n_i == b && s.n_j == a))) continue;
          if (s.status == HopBarrierSample::Status::kValid) {
            kra += 0.5 * (s.forward_eV + s.backward_eV);
            ++valid;
          } else if (s.status == HopBarrierSample::Status::kUnstable) {
            ++unstable;
          }
        }
        double up = std::numeric_limits<double>::quiet_NaN(), down = up;  // a → b, b → a
        if (valid > 0) {
          kra /= valid;
          const double dh = t.pair_energy_eV * (a - b);  // H(after a → b) − H(before)
          if (kra >= 0.5 * std::abs(dh)) {
            up = kra + 0.5 * dh;
            down = kra - 0.5 * dh;
          } else {
            up = std::max(0.0, dh);
            down = std::max(0.0, -dh);
          }
          ++t.catalogued_pairs;
        } else if (unstable > 0) {
          up = down = kInf;
          ++t.forbidden_pairs;
        }
        t.barrier_eV[at(a, b, c)] = up;
        t.barrier_eV[at(b, a, c)] = down;
      }
  return t;
}

}  // namespace surfkmc::kmc
