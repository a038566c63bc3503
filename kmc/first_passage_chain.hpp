// SPDX-License-Identifier: MIT
// Exact first passage out of a small reversible Markov chain, by spectral decomposition.
#pragma once

#include <Eigen/Dense>
#include <limits>

namespace surfkmc {
class BinaryReader;
class BinaryWriter;
}  // namespace surfkmc

namespace surfkmc::kmc {

/// A continuous-time Markov chain on n transient states with absorption: the basin of a lone
/// adatom (Engine's super-moves), solved once so that where and when the walker leaves can be drawn
/// from the exact distributions (Novotny, Comput. Phys. Commun. 147, 659 (2002): Monte Carlo with
/// absorbing Markov chains; here in continuous time).
///
/// The generator is G = Q − diag(Σ_y Q_xy + leave_x + extra): Q the rates between transient states,
/// leave_x the absorption rate at x, and `extra` a rate added at every state. Q must be reversible
/// (π_x Q_xy = π_y Q_yx for some π > 0; every KMC hop table obeying detailed balance is), so
/// D^{1/2} G D^{-1/2} = V diag(μ) Vᵀ with D = diag(π), and from the start state s
///   p_y(t) = P(at y at t, not yet absorbed) = Σ_k (V_sk / w_s) e^{(μ_k − extra) t} V_yk w_y,  w = √π.
/// A uniform `extra` shifts every eigenvalue and leaves V alone, so one decomposition serves every
/// value of it (the engine passes the rate of the rest of the system there).
class FirstPassageChain {
 public:
  /// Decomposes the chain. `rates` is n × n, rates(x, y) ≥ 0 the rate x → y (diagonal ignored);
  /// `leave` holds leave_x, which may be negative if `extra` later makes every leave_x + extra ≥ 0.
  /// Throws RuntimeError if the rates are not pairwise positive (x → y iff y → x) or the states
  /// are not connected.
  void build(const Eigen::MatrixXd& rates, const Eigen::VectorXd& leave);

  int size() const { return static_cast<int>(mu_.size()); }
  /// Slowest decay rate with extra = 0: −max μ_k [1/s]. The chain is left for sure iff
  /// slowestDecay() + extra > 0.
  double slowestDecay() const { return -mu_.maxCoeff(); }

  /// Survival S(t) = Σ_y p_y(t) from state `start`.
  double survival(int start, double t, double extra) const;
  /// The absorption time τ with S(τ) = u, for u ∈ (0, 1]: with u uniform, τ is exactly distributed.
  /// Requires slowestDecay() + extra > 0.
  double exitTime(int start, double u, double extra) const;
  /// p_y(t) for every state y, into `p` (size n).
  void occupation(int start, double t, double extra, double* p) const;
  /// ∫₀^horizon Σ_y p_y(t) weight_y dt: e.g. the expected number of internal jumps before the exit
  /// or `horizon`, whichever comes first, when weight_y is the total rate of jumps out of y to
  /// other transient states.
  double expectedIntegral(int start, double extra, const double* weight,
                          double horizon = std::numeric_limits<double>::infinity()) const;

  /// Writes the decomposition (checkpoints of the engine's shape cache).
  void saveState(BinaryWriter& out) const;
  /// Reads what saveState() wrote; InputError (via the reader) if it does not fit together.
  void restoreState(BinaryReader& in);

 private:
  Eigen::VectorXd mu_;  // eigenvalues of the symmetrised generator with extra = 0
  Eigen::MatrixXd v_;   // its orthonormal eigenvectors, column k for μ_k
  Eigen::VectorXd w_;   // √π, normalised to w_0 = 1
  Eigen::VectorXd b_;   // b_k = Σ_y V_yk w_y
};

}  // namespace surfkmc::kmc
