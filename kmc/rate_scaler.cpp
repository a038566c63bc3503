// SPDX-License-Identifier: MIT
// Adaptive scaling of fast, quasi-equilibrated hop pairs.
#include "kmc/rate_scaler.hpp"

#include <algorithm>
#include <cmath>

#include "core/binary_reader.hpp"
#include "core/binary_writer.hpp"
#include "core/error.hpp"

namespace surfkmc::kmc {

void RateScalingParams::validate() const {
  require(window_events >= 100, "rate_scaling.window_events must be ≥ 100");
  require(min_executions >= 2 && min_executions <= window_events,
          "rate_scaling.min_executions must be in [2, window_events]");
  require(std::isfinite(balance_tolerance) && balance_tolerance > 0.0 && balance_tolerance < 1.0,
          "rate_scaling.balance_tolerance must be in (0, 1)");
  require(!std::isnan(buffer) && buffer >= 1.0, "rate_scaling.buffer must be ≥ 1 (or .inf for no scaling)");
  require(std::isfinite(min_rate_per_s) && min_rate_per_s > 0.0, "rate_scaling.min_rate_per_s must be > 0");
  require(std::isfinite(max_change_per_window) && max_change_per_window > 1.0,
          "rate_scaling.max_change_per_window must be > 1");
}

RateScaler::RateScaler(const RateScalingParams& params) : params_(params) {
  params_.validate();
  alpha_.fill(1.0);
}

bool RateScaler::update(const double* base_rates, Table& scales) {
  ++windows_;
  // Pass 1: classify pairs and count the events of the non-equilibrated ones (the slow reference).
  std::int64_t slow = 0;
  std::array<std::uint8_t, kEntries> equilibrated{};
  for (int ni = 0; ni < kCoordinationValues - 1; ++ni)
    for (int nj = 0; nj < kTargetValues; ++nj)
      for (int c = 0; c < kCommonValues; ++c) {
        if (nj < ni) continue;  // each unordered pair once
        const int f = Energetics::index(ni, nj, c), r = Energetics::index(nj, ni, c);
        const std::int64_t nf = counts_[static_cast<std::size_t>(f)];
        const std::int64_t nr = f == r ? nf : counts_[static_cast<std::size_t>(r)];
        const std::int64_t n = f == r ? nf : nf + nr;
        if (n == 0) continue;
        const bool fast = std::min(base_rates[f], base_rates[r]) >= params_.min_rate_per_s;
        const bool balanced = std::llabs(nf - nr) <= params_.balance_tolerance * static_cast<double>(nf + nr);
        if (fast && balanced && n >= params_.min_executions) {
          equilibrated[static_cast<std::size_t>(f)] = 1;
        } else {
          slow += n;
        }
      }
  const double reference = static_cast<double>(std::max<std::int64_t>(slow, 1));

  // Pass 2: move each pair's α towards "fires `buffer` times per slow event".
  bool changed = false;
  for (int ni = 0; ni < kCoordinationValues - 1; ++ni)
    for (int nj = ni; nj < kTargetValues; ++nj)
      for (int c = 0; c < kCommonValues; ++c) {
        const int f = Energetics::index(ni, nj, c), r = Energetics::index(nj, ni, c);
        double& a = alpha_[static_cast<std::size_t>(f)];
        const std::int64_t nf = counts_[static_cast<std::size_t>(f)];
        const std::int64_t n = f == r ? nf : nf + counts_[static_cast<std::size_t>(r)];
        double next = a;
        if (equilibrated[static_cast<std::size_t>(f)]) {
          const double want = params_.buffer * reference / static_cast<double>(n);
          next =
              std::min(1.0, a * std::clamp(want, 1.0 / params_.max_change_per_window, params_.max_change_per_window));
        } else if (a < 1.0) {
          if (n >= params_.min_executions) {
            next = 1.0;  // clearly out of equilibrium now: give the pair its true rate back
            ++resets_;
          } else {
            next = std::min(1.0, a * params_.max_change_per_window);  // too rare to judge: relax back
          }
        }
        if (next != a) {
          a = next;
          alpha_[static_cast<std::size_t>(r)] = next;
          changed = true;
        }
      }
  counts_.fill(0);
  window_count_ = 0;
  scales = alpha_;
  if (changed) ++refreshes_;
  return changed;
}

void RateScaler::closeWindow(double time_s, double ratio) {
  const double dt = time_s - window_start_time_s_;
  weighted_ratio_s_ += 0.5 * (window_start_ratio_ + ratio) * dt;
  accounted_time_s_ += dt;
  max_ratio_ = std::max(max_ratio_, ratio);
}

void RateScaler::openWindow(double time_s, double ratio) {
  window_start_time_s_ = time_s;
  window_start_ratio_ = ratio;
  max_ratio_ = std::max(max_ratio_, ratio);
}

double RateScaler::smallestScale() const { return *std::min_element(alpha_.begin(), alpha_.end()); }

int RateScaler::scaledPairs() const {
  int n = 0;
  for (int ni = 0; ni < kCoordinationValues - 1; ++ni)
    for (int nj = ni; nj < kTargetValues; ++nj)
      for (int c = 0; c < kCommonValues; ++c)
        if (alpha_[static_cast<std::size_t>(Energetics::index(ni, nj, c))] < 1.0) ++n;
  return n;
}

void RateScaler::saveState(BinaryWriter& out) const {
  out.writeTag("RSCL");
  out.writeArray(counts_);
  out.writeArray(alpha_);
  out.write(window_count_);
  out.write(windows_);
  out.write(resets_);
}

void RateScaler::restoreState(BinaryReader& in) {
  in.expectTag("RSCL");
  in.readArray(counts_);
  in.readArray(alpha_);
  window_count_ = in.read<std::int64_t>();
  windows_ = in.read<std::int64_t>();
  resets_ = in.read<std::int64_t>();
}

void RateScaler::saveAccount(BinaryWriter& out) const {
  out.write(refreshes_);
  out.write(window_start_time_s_);
  out.write(window_start_ratio_);
  out.write(weighted_ratio_s_);
  out.write(accounted_time_s_);
  out.write(max_ratio_);
}

void RateScaler::restoreAccount(BinaryReader& in) {
  refreshes_ = in.read<std::int64_t>();
  window_start_time_s_ = in.read<double>();
  window_start_ratio_ = in.read<double>();
  weighted_ratio_s_ = in.read<double>();
  accounted_time_s_ = in.read<double>();
  max_ratio_ = in.read<double>();
}

}  // namespace surfkmc::kmc
