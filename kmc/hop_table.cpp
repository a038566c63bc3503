// SPDX-License-Identifier: MIT
#include "kmc/hop_table.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <string>

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
  t.kra_eV.assign(static_cast<std::size_t>(kBarrierTableSize), std::numeric_limits<double>::quiet_NaN());
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
          t.kra_eV[at(a, b, c)] = t.kra_eV[at(b, a, c)] = kra;
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

void addStrainResponse(HopTable& table, const std::vector<HopBarrierSample>& at_zero,
                       const std::vector<HopBarrierSample>& at_low, double low,
                       const std::vector<HopBarrierSample>& at_high, double high) {
  if (!(low < 0.0 && high > 0.0)) throw InvariantError("addStrainResponse: needs strains low < 0 < high");
  const auto size = static_cast<std::size_t>(kBarrierTableSize);
  if (table.kra_eV.size() != size || table.barrier_eV.size() != size)
    throw InvariantError("addStrainResponse: a table without the barrier-table layout");
  if (at_low.size() != at_zero.size() || at_high.size() != at_zero.size())
    throw InvariantError("addStrainResponse: the strained lists do not hold the same number of hops");
  const double span = high - low;
  const auto kra = [](const HopBarrierSample& s) { return 0.5 * (s.forward_eV + s.backward_eV); };
  std::vector<double> dk_sum(size, 0.0);
  std::vector<int> dk_n(size, 0);
  double sxy = 0.0, sxx = 0.0;
  int paired = 0;
  for (std::size_t i = 0; i < at_zero.size(); ++i) {
    const HopBarrierSample &z = at_zero[i], &lo = at_low[i], &hi = at_high[i];
    for (const HopBarrierSample* s : {&lo, &hi})
      if (s->n_i != z.n_i || s->n_j != z.n_j || s->c != z.c)
        throw InvariantError("addStrainResponse: hop " + std::to_string(i) + " has another class at another strain");
    using S = HopBarrierSample::Status;
    if (z.status != S::kValid || lo.status != S::kValid || hi.status != S::kValid) continue;
    ++paired;
    const int a = std::min(z.n_i, z.n_j), b = std::max(z.n_i, z.n_j);
    if (a < 0 || b > 11 || z.c < 0 || z.c > kMaxCommon) continue;
    const auto at = static_cast<std::size_t>(Energetics::index(a, b, z.c));
    dk_sum[at] += (kra(hi) - kra(lo)) / span;
    ++dk_n[at];
    const double dn = z.n_i - z.n_j;
    sxy += (hi.delta_eV - lo.delta_eV) / span * dn;
    sxx += dn * dn;
  }
  table.pair_energy_strain_slope_eV = sxx > 0.0 ? sxy / sxx : 0.0;
  table.strain_low = low;
  table.strain_high = high;
  table.strain_paired_samples = paired;
  table.strain_resolved_pairs = 0;
  table.strain_slope_eV.assign(size, 0.0);
  for (int a = 0; a <= 11; ++a)
    for (int b = a; b <= 11; ++b)
      for (int c = 0; c <= kMaxCommon; ++c) {
        const auto ab = static_cast<std::size_t>(Energetics::index(a, b, c));
        const auto ba = static_cast<std::size_t>(Energetics::index(b, a, c));
        if (std::isnan(table.kra_eV[ab])) continue;
        double dk = 0.0;
        if (dk_n[ab] > 0) {
          dk = dk_sum[ab] / dk_n[ab];
          ++table.strain_resolved_pairs;
        }
        const double half_dh = 0.5 * table.pair_energy_strain_slope_eV * (a - b);
        table.strain_slope_eV[ab] = dk + half_dh;
        table.strain_slope_eV[ba] = dk - half_dh;
      }
}

namespace {

std::size_t rimIndex(const RimEntrySample& s, int n_min) {
  if (s.n < n_min || s.n > 11 || s.c < 0 || s.c > kMaxCommon)
    throw InvariantError("rim entry sample of class (" + std::to_string(s.n) + ", " + std::to_string(s.c) +
                         ") outside n in [n_min, 11], c in [0, 4]");
  return static_cast<std::size_t>(Energetics::index(s.n, n_min - 1, s.c));
}

}  // namespace

void addRimEntries(HopTable& table, const std::vector<RimEntrySample>& samples, int n_min) {
  const auto size = static_cast<std::size_t>(kBarrierTableSize);
  if (table.barrier_eV.size() != size) throw InvariantError("addRimEntries: a table without the barrier-table layout");
  std::vector<double> sum(size, 0.0);
  std::vector<int> valid(size, 0), any(size, 0);
  for (const RimEntrySample& s : samples) {
    const std::size_t at = rimIndex(s, n_min);
    ++any[at];
    if (!s.valid) continue;
    sum[at] += s.barrier_eV;
    ++valid[at];
    ++table.rim_valid_samples;
  }
  for (std::size_t at = 0; at < size; ++at) {
    if (any[at] == 0) continue;
    if (valid[at] > 0) {
      table.barrier_eV[at] = std::max(0.0, sum[at] / valid[at]);
      ++table.rim_entries;
    } else {
      table.barrier_eV[at] = std::numeric_limits<double>::infinity();
      ++table.rim_forbidden_entries;
    }
  }
}

void removeRimEntries(HopTable& table, int n_min) {
  if (table.barrier_eV.size() != static_cast<std::size_t>(kBarrierTableSize))
    throw InvariantError("removeRimEntries: a table without the barrier-table layout");
  for (int n = 0; n < kCoordinationValues; ++n)
    for (int c = 0; c <= kMaxCommon; ++c)
      table.barrier_eV[static_cast<std::size_t>(Energetics::index(n, n_min - 1, c))] =
          std::numeric_limits<double>::infinity();
  table.rim_entries = 0;
}

void removeEnvironmentEntries(HopTable& table) {
  table.environment_keys.clear();
  table.environment_kra_eV.clear();
  table.environment_kra_strain_slope_eV.clear();
  table.environment_valid_samples = 0;
  table.environment_strain_resolved = 0;
}

void addRimStrainResponse(HopTable& table, const std::vector<RimEntrySample>& at_zero,
                          const std::vector<RimEntrySample>& at_low, double low,
                          const std::vector<RimEntrySample>& at_high, double high, int n_min) {
  const auto size = static_cast<std::size_t>(kBarrierTableSize);
  if (table.strain_slope_eV.size() != size) throw InvariantError("addRimStrainResponse: needs addStrainResponse first");
  if (at_low.size() != at_zero.size() || at_high.size() != at_zero.size())
    throw InvariantError("addRimStrainResponse: the strained lists do not hold the same number of rim entries");
  if (!(low < 0.0 && high > 0.0)) throw InvariantError("addRimStrainResponse: needs strains low < 0 < high");
  std::vector<double> sum(size, 0.0);
  std::vector<int> n(size, 0);
  for (std::size_t i = 0; i < at_zero.size(); ++i) {
    const RimEntrySample &z = at_zero[i], &lo = at_low[i], &hi = at_high[i];
    for (const RimEntrySample* s : {&lo, &hi})
      if (s->n != z.n || s->c != z.c)
        throw InvariantError("addRimStrainResponse: rim entry " + std::to_string(i) +
                             " has another class at another strain");
    const std::size_t at = rimIndex(z, n_min);
    if (!z.valid || !lo.valid || !hi.valid) continue;
    sum[at] += (hi.barrier_eV - lo.barrier_eV) / (high - low);
    ++n[at];
  }
  table.rim_strain_resolved_entries = 0;
  for (std::size_t at = 0; at < size; ++at)
    if (n[at] > 0 && std::isfinite(table.barrier_eV[at])) {
      table.strain_slope_eV[at] = sum[at] / n[at];
      ++table.rim_strain_resolved_entries;
    }
}

void addEnvironments(HopTable& table, const std::vector<HopBarrierSample>& samples, int n_min) {
  struct Sum {
    double kra = 0.0;
    int valid = 0;
    int unstable = 0;
  };
  std::map<std::uint32_t, Sum> by_key;
  for (const HopBarrierSample& s : samples) {
    if (s.environment == kNoEnvironment || s.n_i < n_min || s.n_j < n_min || s.n_i > 11) continue;
    if (s.environment >> 18)
      throw InvariantError("addEnvironments: key " + std::to_string(s.environment) + " beyond 18 bits");
    Sum& e = by_key[s.environment];
    if (s.status == HopBarrierSample::Status::kValid) {
      e.kra += 0.5 * (s.forward_eV + s.backward_eV);
      ++e.valid;
    } else if (s.status == HopBarrierSample::Status::kUnstable) {
      ++e.unstable;
    }
  }
  table.environment_keys.clear();
  table.environment_kra_eV.clear();
  table.environment_valid_samples = 0;
  for (const auto& [key, e] : by_key) {
    if (e.valid == 0 && e.unstable == 0) continue;
    table.environment_keys.push_back(key);
    table.environment_kra_eV.push_back(e.valid > 0 ? e.kra / e.valid : std::numeric_limits<double>::infinity());
    table.environment_valid_samples += e.valid;
  }
  table.environment_kra_strain_slope_eV.assign(table.environment_keys.size(), std::numeric_limits<double>::quiet_NaN());
  table.environment_strain_resolved = 0;
}

void addEnvironmentStrainResponse(HopTable& table, const std::vector<HopBarrierSample>& at_zero,
                                  const std::vector<HopBarrierSample>& at_low, double low,
                                  const std::vector<HopBarrierSample>& at_high, double high) {
  if (!(low < 0.0 && high > 0.0)) throw InvariantError("addEnvironmentStrainResponse: needs strains low < 0 < high");
  if (at_low.size() != at_zero.size() || at_high.size() != at_zero.size())
    throw InvariantError("addEnvironmentStrainResponse: the strained lists do not hold the same number of hops");
  std::map<std::uint32_t, std::pair<double, int>> slope;  // key → (sum of dK/de, samples)
  for (std::size_t k = 0; k < at_zero.size(); ++k) {
    const HopBarrierSample& z = at_zero[k];
    const HopBarrierSample& l = at_low[k];
    const HopBarrierSample& h = at_high[k];
    if (l.environment != z.environment || h.environment != z.environment)
      throw InvariantError("addEnvironmentStrainResponse: hop " + std::to_string(k) +
                           " has another environment strained");
    if (z.environment == kNoEnvironment) continue;
    const auto valid = HopBarrierSample::Status::kValid;
    if (z.status != valid || l.status != valid || h.status != valid) continue;
    auto& [sum, n] = slope[z.environment];
    sum += (0.5 * (h.forward_eV + h.backward_eV) - 0.5 * (l.forward_eV + l.backward_eV)) / (high - low);
    ++n;
  }
  table.environment_strain_resolved = 0;
  for (std::size_t e = 0; e < table.environment_keys.size(); ++e) {
    const auto at = slope.find(table.environment_keys[e]);
    if (at == slope.end() || !std::isfinite(table.environment_kra_eV[e])) continue;
    table.environment_kra_strain_slope_eV[e] = at->second.first / at->second.second;
    ++table.environment_strain_resolved;
  }
}

}  // namespace surfkmc::kmc
