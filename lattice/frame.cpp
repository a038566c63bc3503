// SPDX-License-Identifier: MIT
// The FCC crystal frame of a <112> wire and its neighbour topology.
#include "lattice/frame.hpp"

#include <cmath>

#include "core/error.hpp"

namespace surfkmc::lattice {
namespace {

// Repeat-cell edges in cubic half-units: [-1-12], [222] (three (111) layers), [1-10].
constexpr CubicVec kCellX{-1, -1, 2};
constexpr CubicVec kCellY{2, 2, 2};
constexpr CubicVec kCellZ{1, -1, 0};
// Squared lengths of those edges in half-units; the edges are mutually orthogonal.
constexpr int kLen2X = 6;
constexpr int kLen2Y = 12;
constexpr int kLen2Z = 2;

constexpr int dot(CubicVec a, CubicVec b) { return a.i * b.i + a.j * b.j + a.k * b.k; }

// Floor division for possibly negative numerators.
constexpr int floorDiv(int n, int d) { return (n >= 0) ? n / d : -((-n + d - 1) / d); }

}  // namespace

Frame::Frame(double lattice_constant_A) : a_(lattice_constant_A) {
  if (!(a_ > 0.0) || !std::isfinite(a_)) throw InputError("lattice constant must be positive");
  const double half = a_ / 2.0;
  cell_ = {half * std::sqrt(double(kLen2X)), half * std::sqrt(double(kLen2Y)), half * std::sqrt(double(kLen2Z))};

  // The 6 sites of the cell: FCC points whose fractional coordinates lie in [0, 1)³.
  int found = 0;
  for (int i = -4; i <= 4; ++i)
    for (int j = -4; j <= 4; ++j)
      for (int k = -4; k <= 4; ++k) {
        if (((i + j + k) & 1) != 0) continue;
        const CubicVec v{i, j, k};
        const int fx = dot(v, kCellX), fy = dot(v, kCellY), fz = dot(v, kCellZ);
        if (fx >= 0 && fx < kLen2X && fy >= 0 && fy < kLen2Y && fz >= 0 && fz < kLen2Z) {
          if (found == kBasisCount) throw InvariantError("FCC repeat cell has more than 6 sites");
          basis_[found++] = v;
        }
      }
  if (found != kBasisCount) throw InvariantError("FCC repeat cell has fewer than 6 sites");

  for (int b = 0; b < kBasisCount; ++b)
    for (int d = 0; d < kNeighbourCount; ++d) {
      std::array<int, 3> cell{};
      int nb = 0;
      if (!decompose(basis_[b] + kDirections[d], cell, nb)) throw InvariantError("neighbour is not a site");
      shift_[b][d] = cell;
      nbrBasis_[b][d] = nb;
    }

  for (int d = 0; d < kNeighbourCount; ++d) {
    int n = 0;
    for (int m = 0; m < kNeighbourCount; ++m) {
      const CubicVec diff = kDirections[m] - kDirections[d];
      if (dot(diff, diff) == 2) common_[d][n++] = m;  // m is also a nearest neighbour of s + d
    }
    if (n != kCommonCount) throw InvariantError("an FCC bond must have 4 common neighbours");
  }
}

double Frame::nearestNeighbourDistance() const { return a_ / std::sqrt(2.0); }

Vec3 Frame::toCartesian(CubicVec v) const {
  const double half = a_ / 2.0;
  return {half * dot(v, kCellX) / std::sqrt(double(kLen2X)), half * dot(v, kCellY) / std::sqrt(double(kLen2Y)),
          half * dot(v, kCellZ) / std::sqrt(double(kLen2Z))};
}

bool Frame::decompose(CubicVec v, std::array<int, 3>& cell, int& basis) const {
  cell = {floorDiv(dot(v, kCellX), kLen2X), floorDiv(dot(v, kCellY), kLen2Y), floorDiv(dot(v, kCellZ), kLen2Z)};
  // Remove whole cells: v − Σ cell_α · edge_α, where each edge has the length² of its axis.
  const CubicVec rest{v.i - cell[0] * kCellX.i - cell[1] * kCellY.i - cell[2] * kCellZ.i,
                      v.j - cell[0] * kCellX.j - cell[1] * kCellY.j - cell[2] * kCellZ.j,
                      v.k - cell[0] * kCellX.k - cell[1] * kCellY.k - cell[2] * kCellZ.k};
  for (int b = 0; b < kBasisCount; ++b)
    if (basis_[b] == rest) {
      basis = b;
      return true;
    }
  return false;
}

}  // namespace surfkmc::lattice
