// SPDX-License-Identifier: MIT
// Exact first passage out of a small reversible Markov chain.
#include "kmc/first_passage_chain.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

#include "core/binary_reader.hpp"
#include "core/binary_writer.hpp"
#include "core/error.hpp"

namespace surfkmc::kmc {

void FirstPassageChain::build(const Eigen::MatrixXd& rates, const Eigen::VectorXd& leave) {
  const Eigen::Index n = rates.rows();
  require(n > 0 && rates.cols() == n && leave.size() == n, "FirstPassageChain: rates must be n × n, leave of size n");
  // √π along a breadth-first tree: detailed balance gives π_y / π_x = Q_xy / Q_yx.
  w_ = Eigen::VectorXd::Zero(n);
  w_(0) = 1.0;
  std::vector<Eigen::Index> queue{0};
  for (std::size_t head = 0; head < queue.size(); ++head) {
    const Eigen::Index x = queue[head];
    for (Eigen::Index y = 0; y < n; ++y) {
      if (y == x) continue;
      const double fwd = rates(x, y);
      const double back = rates(y, x);
      if ((fwd > 0.0) != (back > 0.0))
        throw RuntimeError("FirstPassageChain: a transition without its reverse is not reversible");
      if (fwd > 0.0 && w_(y) == 0.0) {
        w_(y) = w_(x) * std::sqrt(fwd / back);
        queue.push_back(y);
      }
    }
  }
  if (static_cast<Eigen::Index>(queue.size()) != n) throw RuntimeError("FirstPassageChain: states not connected");

  // D^{1/2} G D^{-1/2}: off-diagonal √(Q_xy Q_yx), diagonal −(out_x + leave_x).
  Eigen::MatrixXd sym(n, n);
  for (Eigen::Index x = 0; x < n; ++x) {
    double out = 0.0;
    for (Eigen::Index y = 0; y < n; ++y) {
      if (y == x) continue;
      out += rates(x, y);
      sym(x, y) = std::sqrt(rates(x, y) * rates(y, x));
    }
    sym(x, x) = -(out + leave(x));
  }
  const Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> solver(sym);
  if (solver.info() != Eigen::Success) throw RuntimeError("FirstPassageChain: eigen-decomposition failed");
  mu_ = solver.eigenvalues();
  v_ = solver.eigenvectors();
  b_ = v_.transpose() * w_;
}

double FirstPassageChain::survival(int start, double t, double extra) const {
  const double scale = 1.0 / w_(start);
  double s = 0.0;
  for (Eigen::Index k = 0; k < mu_.size(); ++k) s += v_(start, k) * b_(k) * std::exp((mu_(k) - extra) * t);
  return s * scale;
}

// S is smooth and strictly decreasing, so a bracket [lo, hi] with S(lo) ≥ u ≥ S(hi) closes by Newton
// steps, falling back to bisection whenever a step would leave the bracket.
double FirstPassageChain::exitTime(int start, double u, double extra) const {
  require(u > 0.0 && u <= 1.0, "FirstPassageChain::exitTime: u must lie in (0, 1]");
  const double slowest = slowestDecay() + extra;
  require(slowest > 0.0, "FirstPassageChain::exitTime: the chain is never left");
  const double scale = 1.0 / w_(start);
  const auto eval = [&](double t, double& derivative) {
    double s = 0.0;
    double ds = 0.0;
    for (Eigen::Index k = 0; k < mu_.size(); ++k) {
      const double nu = mu_(k) - extra;
      const double term = v_(start, k) * b_(k) * std::exp(nu * t);
      s += term;
      ds += nu * term;
    }
    derivative = ds * scale;
    return s * scale;
  };
  double lo = 0.0;
  double hi = 1.0 / slowest;
  double d = 0.0;
  while (eval(hi, d) > u) {
    lo = hi;
    hi *= 2.0;
  }
  double t = lo;
  for (int iter = 0; iter < 200; ++iter) {
    const double f = eval(t, d) - u;
    if (f > 0.0) {
      lo = t;
    } else {
      hi = t;
    }
    if (std::abs(f) <= 1e-14 * u || hi - lo <= 1e-15 * hi) break;
    const double newton = d < 0.0 ? t - f / d : lo - 1.0;
    t = newton > lo && newton < hi ? newton : 0.5 * (lo + hi);
  }
  return t;
}

void FirstPassageChain::occupation(int start, double t, double extra, double* p) const {
  const Eigen::Index n = mu_.size();
  const double scale = 1.0 / w_(start);
  for (Eigen::Index y = 0; y < n; ++y) p[y] = 0.0;
  for (Eigen::Index k = 0; k < n; ++k) {
    const double a = v_(start, k) * std::exp((mu_(k) - extra) * t) * scale;
    for (Eigen::Index y = 0; y < n; ++y) p[y] += a * v_(y, k);
  }
  for (Eigen::Index y = 0; y < n; ++y) p[y] = std::max(0.0, p[y] * w_(y));
}

double FirstPassageChain::expectedIntegral(int start, double extra, const double* weight, double horizon) const {
  const Eigen::Index n = mu_.size();
  const bool finite = std::isfinite(horizon);
  double sum = 0.0;
  for (Eigen::Index k = 0; k < n; ++k) {
    double proj = 0.0;
    for (Eigen::Index y = 0; y < n; ++y) proj += v_(y, k) * w_(y) * weight[y];
    const double decay = extra - mu_(k);
    // ∫₀^T e^{−decay·t} dt = (1 − e^{−decay·T}) / decay.
    sum += v_(start, k) * proj * (finite ? -std::expm1(-decay * horizon) : 1.0) / decay;
  }
  return sum / w_(start);
}

void FirstPassageChain::saveState(BinaryWriter& out) const {
  out.writeTag("FPCH");
  out.writeVector(mu_.data(), static_cast<std::size_t>(mu_.size()));
  out.writeVector(v_.data(), static_cast<std::size_t>(v_.size()));
  out.writeVector(w_.data(), static_cast<std::size_t>(w_.size()));
  out.writeVector(b_.data(), static_cast<std::size_t>(b_.size()));
}

void FirstPassageChain::restoreState(BinaryReader& in) {
  in.expectTag("FPCH");
  const std::vector<double> mu = in.readVector<double>();
  const std::vector<double> v = in.readVector<double>();
  const std::vector<double> w = in.readVector<double>();
  const std::vector<double> b = in.readVector<double>();
  const std::size_t n = mu.size();
  if (n == 0 || v.size() != n * n || w.size() != n || b.size() != n)
    in.fail("a first-passage chain does not fit together");
  const auto size = static_cast<Eigen::Index>(n);
  mu_ = Eigen::Map<const Eigen::VectorXd>(mu.data(), size);
  v_ = Eigen::Map<const Eigen::MatrixXd>(v.data(), size, size);
  w_ = Eigen::Map<const Eigen::VectorXd>(w.data(), size);
  b_ = Eigen::Map<const Eigen::VectorXd>(b.data(), size);
}

}  // namespace surfkmc::kmc
