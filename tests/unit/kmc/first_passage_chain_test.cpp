// SPDX-License-Identifier: MIT
// FirstPassageChain against the matrix exponential and the exact mean first-passage time.
#include "kmc/first_passage_chain.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <unsupported/Eigen/MatrixFunctions>

#include "core/error.hpp"
#include "core/random_stream.hpp"
#include "core/statistics.hpp"

namespace surfkmc::kmc {
namespace {

// A reversible chain on 6 states: rates exp(E_x − B_xy) on a ring with two chords (site energies
// E_x, symmetric saddles B_xy), absorption at three states.
struct Chain {
  Eigen::MatrixXd rates = Eigen::MatrixXd::Zero(6, 6);
  Eigen::VectorXd leave = Eigen::VectorXd::Zero(6);

  Chain() {
    const double energy[6] = {0.0, -0.7, 0.4, -0.2, 0.9, -1.1};
    const auto link = [&](int x, int y, double saddle) {
      rates(x, y) = std::exp(energy[x] - saddle);
      rates(y, x) = std::exp(energy[y] - saddle);
    };
    for (int x = 0; x < 6; ++x) link(x, (x + 1) % 6, 1.0 + 0.3 * x);
    link(0, 3, 2.0);
    link(1, 4, 1.6);
    leave(2) = 0.05;
    leave(4) = 0.4;
    leave(5) = 0.01;
  }

  // G with a uniform extra absorption rate.
  Eigen::MatrixXd generator(double extra) const {
    Eigen::MatrixXd g = rates;
    for (int x = 0; x < 6; ++x) g(x, x) = -(rates.row(x).sum() - rates(x, x) + leave(x) + extra);
    return g;
  }
};

TEST(FirstPassageChain, OccupationIsTheRowOfTheMatrixExponential) {
  const Chain c;
  FirstPassageChain chain;
  chain.build(c.rates, c.leave);
  for (double extra : {0.0, 0.3}) {
    for (double t : {0.0, 0.2, 3.0, 40.0}) {
      const Eigen::MatrixXd e = (c.generator(extra) * t).exp();
      for (int start : {0, 3, 5}) {
        double p[6];
        chain.occupation(start, t, extra, p);
        for (int y = 0; y < 6; ++y) EXPECT_NEAR(p[y], e(start, y), 1e-12) << "start " << start << " t " << t;
        EXPECT_NEAR(chain.survival(start, t, extra), e.row(start).sum(), 1e-12);
      }
    }
  }
}

TEST(FirstPassageChain, ExitTimeInvertsTheSurvival) {
  const Chain c;
  FirstPassageChain chain;
  chain.build(c.rates, c.leave);
  for (double u : {1.0, 0.9, 0.5, 1e-3, 1e-8}) {
    const double tau = chain.exitTime(1, u, 0.0);
    EXPECT_NEAR(chain.survival(1, tau, 0.0), u, 1e-12 * u + 1e-15) << "u " << u;
  }
}

// E[τ] = ((−G)^{-1} 1)_s, and the absorption probabilities ∫ p_y leave_y dt sum to one.
TEST(FirstPassageChain, ExpectedIntegralsAreTheExactMeanAndTheAbsorptionLaw) {
  const Chain c;
  FirstPassageChain chain;
  chain.build(c.rates, c.leave);
  const Eigen::VectorXd mean = (-c.generator(0.0)).lu().solve(Eigen::VectorXd::Ones(6));
  const double ones[6] = {1, 1, 1, 1, 1, 1};
  for (int start = 0; start < 6; ++start) {
    EXPECT_NEAR(chain.expectedIntegral(start, 0.0, ones), mean(start), 1e-9 * mean(start));
    EXPECT_NEAR(chain.expectedIntegral(start, 0.0, c.leave.data()), 1.0, 1e-9);
  }
  // Up to a horizon T: the probability of having left by T is 1 − S(T), with and without a
  // uniform extra absorption rate (whose share of the exits the weight then includes).
  for (double extra : {0.0, 0.7}) {
    Eigen::VectorXd exits = c.leave + Eigen::VectorXd::Constant(6, extra);
    for (double t : {0.01, 0.3, 2.0, 40.0}) {
      for (int start = 0; start < 6; ++start)
        EXPECT_NEAR(chain.expectedIntegral(start, extra, exits.data(), t), 1.0 - chain.survival(start, t, extra), 1e-10)
            << "extra " << extra << " t " << t << " start " << start;
    }
  }
}

// Drawn exit times have the exact mean (fixed seed; 4 standard errors).
TEST(FirstPassageChain, DrawnExitTimesHaveTheExactMean) {
  const Chain c;
  FirstPassageChain chain;
  chain.build(c.rates, c.leave);
  const double ones[6] = {1, 1, 1, 1, 1, 1};
  const double exact = chain.expectedIntegral(0, 0.0, ones);
  RandomStream rng(11, StreamId::kTest);
  const int n = 20000;
  RunningStats taus;
  for (int i = 0; i < n; ++i) taus.add(chain.exitTime(0, rng.uniformOpenLow(), 0.0));
  const MeanStdErr s = taus.summary();
  EXPECT_NEAR(s.mean, exact, 4.0 * s.se);
}

TEST(FirstPassageChain, RefusesAnIrreversibleOrDisconnectedChain) {
  Chain c;
  c.rates(0, 2) = 1.0;  // no 2 → 0
  FirstPassageChain chain;
  EXPECT_THROW(chain.build(c.rates, c.leave), RuntimeError);
  Eigen::MatrixXd apart = Eigen::MatrixXd::Zero(3, 3);
  apart(0, 1) = apart(1, 0) = 1.0;
  EXPECT_THROW(chain.build(apart, Eigen::VectorXd::Ones(3)), RuntimeError);
}

}  // namespace
}  // namespace surfkmc::kmc
