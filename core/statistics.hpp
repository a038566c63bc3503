// SPDX-License-Identifier: MIT
// Mean ± standard error of a sample: the one implementation every report and test uses.
#pragma once

#include <cmath>
#include <limits>
#include <map>
#include <optional>
#include <utility>
#include <vector>

namespace surfkmc {

/// A sample's size, mean, sample standard deviation and standard error of the mean.
/// With n = 0 everything but n is NaN; with n = 1 the deviation and error are NaN (undefined).
struct MeanStdErr {
  int n = 0;
  double mean = std::numeric_limits<double>::quiet_NaN();
  double sd = std::numeric_limits<double>::quiet_NaN();  ///< √(Σ(x − mean)² / (n − 1))
  double se = std::numeric_limits<double>::quiet_NaN();  ///< sd / √n
};

/// Welford's running mean and sum of squared deviations (Knuth, TAOCP vol. 2, §4.2.2): one pass and
/// stable, unlike Σx² − n·mean², which cancels badly when the values are close to each other.
class RunningStats {
 public:
  void add(double x) {
    ++n_;
    const double delta = x - mean_;
    mean_ += delta / n_;
    squares_ += delta * (x - mean_);
  }
  int count() const { return n_; }
  MeanStdErr summary() const {
    MeanStdErr s;
    s.n = n_;
    if (n_ == 0) return s;
    s.mean = mean_;
    if (n_ < 2) return s;
    s.sd = std::sqrt(squares_ / (n_ - 1));
    s.se = s.sd / std::sqrt(static_cast<double>(n_));
    return s;
  }

 private:
  int n_ = 0;
  double mean_ = 0.0;
  double squares_ = 0.0;
};

/// Statistics of every value of a range.
template <class Range>
MeanStdErr meanStdErr(const Range& values) {
  RunningStats acc;
  for (const double x : values) acc.add(x);
  return acc.summary();
}

/// Statistics of value(e) over the elements e of a range that `admit` accepts.
template <class Range, class Admit, class Value>
MeanStdErr meanStdErr(const Range& elements, Admit admit, Value value) {
  RunningStats acc;
  for (const auto& e : elements)
    if (admit(e)) acc.add(value(e));
  return acc.summary();
}

/// Decimals to print a mean ± standard error with: `at_least`, or more, up to `at_most`, until a nonzero standard
/// error shows a significant digit. A paired effect of +0.00024 ± 0.00008 GPa then reads so, and not
/// "+0.000 ± 0.000" beside a verdict that calls it resolved. A zero or non-finite error keeps `at_least`.
inline int decimalsFor(double se, int at_least = 3, int at_most = 6) {
  if (!std::isfinite(se) || se <= 0.0) return at_least;
  int d = at_least;
  while (d < at_most && se < 0.95 * std::pow(10.0, -d)) ++d;  // 0.95: what rounds up to a digit at d decimals
  return d;
}

/// a − b replica by replica, for two arms of a sweep that drew the same random streams: each arm given as
/// (replica index, value) pairs. The differences come in ascending replica order, or nullopt unless both arms hold
/// the same replica indices, each once, and at least two of them (a replica index twice means rows of more than one
/// run, which do not pair).
inline std::optional<std::vector<double>> pairedDifferences(const std::vector<std::pair<int, double>>& a,
                                                            const std::vector<std::pair<int, double>>& b) {
  std::map<int, double> by_replica;
  for (const auto& [replica, value] : a)
    if (!by_replica.emplace(replica, value).second) return std::nullopt;
  if (by_replica.size() < 2 || b.size() != by_replica.size()) return std::nullopt;
  std::map<int, double> other;
  for (const auto& [replica, value] : b)
    if (!by_replica.contains(replica) || !other.emplace(replica, value).second) return std::nullopt;
  std::vector<double> d;
  d.reserve(by_replica.size());
  for (const auto& [replica, value] : by_replica) d.push_back(value - other.at(replica));
  return d;
}

}  // namespace surfkmc
