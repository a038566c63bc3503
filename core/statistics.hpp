// SPDX-License-Identifier: MIT
// Mean ± standard error of a sample: the one implementation every report and test uses.
#pragma once

#include <cmath>
#include <limits>

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

}  // namespace surfkmc
