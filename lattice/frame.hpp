// SPDX-License-Identifier: MIT
// The FCC crystal frame of a <112> wire: x ∥ [-1-12], y ∥ [111], z ∥ [1-10] (Wang et al. 2021 MD frame).
#pragma once

#include <array>
#include <cmath>
#include <cstdint>

namespace surfkmc::lattice {

/// A lattice vector in cubic half-units (a/2); FCC sites have an even coordinate sum.
struct CubicVec {
  int i = 0;
  int j = 0;
  int k = 0;
  friend constexpr CubicVec operator+(CubicVec a, CubicVec b) { return {a.i + b.i, a.j + b.j, a.k + b.k}; }
  friend constexpr CubicVec operator-(CubicVec a, CubicVec b) { return {a.i - b.i, a.j - b.j, a.k - b.k}; }
  friend constexpr bool operator==(CubicVec, CubicVec) = default;
};

/// A Cartesian vector in the wire frame [Å]. Operators evaluate component by component in the order
/// x, y, z, so results are bit for bit those of the spelled-out expressions they replace.
struct Vec3 {
  double x = 0.0;
  double y = 0.0;
  double z = 0.0;
  friend constexpr Vec3 operator+(Vec3 a, Vec3 b) { return {a.x + b.x, a.y + b.y, a.z + b.z}; }
  friend constexpr Vec3 operator-(Vec3 a, Vec3 b) { return {a.x - b.x, a.y - b.y, a.z - b.z}; }
  friend constexpr Vec3 operator*(double s, Vec3 a) { return {s * a.x, s * a.y, s * a.z}; }
  constexpr Vec3& operator+=(Vec3 b) { return *this = *this + b; }
  friend constexpr bool operator==(Vec3, Vec3) = default;
};

/// a · b = a.x b.x + a.y b.y + a.z b.z.
constexpr double dot(Vec3 a, Vec3 b) { return a.x * b.x + a.y * b.y + a.z * b.z; }
/// |a|² [Å²].
constexpr double norm2(Vec3 a) { return dot(a, a); }
/// |a| [Å].
inline double norm(Vec3 a) { return std::sqrt(norm2(a)); }

inline constexpr int kNeighbourCount = 12;
inline constexpr int kBasisCount = 6;
inline constexpr int kCommonCount = 4;

/// The 12 nearest-neighbour vectors of FCC, <110>/2 in cubic half-units. Index = direction d.
inline constexpr std::array<CubicVec, kNeighbourCount> kDirections{{{1, 1, 0},
                                                                    {-1, -1, 0},
                                                                    {1, -1, 0},
                                                                    {-1, 1, 0},
                                                                    {1, 0, 1},
                                                                    {-1, 0, -1},
                                                                    {1, 0, -1},
                                                                    {-1, 0, 1},
                                                                    {0, 1, 1},
                                                                    {0, -1, -1},
                                                                    {0, 1, -1},
                                                                    {0, -1, 1}}};

/// Direction opposite to d (pairs are laid out next to each other).
constexpr int oppositeDirection(int d) { return d ^ 1; }

/// Geometry of the orthogonal repeat cell (a√6/2) × (a√3) × (a/√2) with its 6 sites, and the
/// neighbour topology in terms of cells and basis sites. FCC is a Bravais lattice, so the
/// topology is the same at every site; everything here is computed once.
class Frame {
 public:
  /// @param lattice_constant_A  cubic lattice constant a [Å].
  explicit Frame(double lattice_constant_A);

  double latticeConstant() const { return a_; }
  /// Nearest-neighbour distance a/√2 [Å].
  double nearestNeighbourDistance() const;
  /// Repeat-cell edge lengths along x, y, z [Å].
  Vec3 cellLengths() const { return cell_; }
  /// Volume per site a³/4 [Å³].
  double atomicVolume() const { return a_ * a_ * a_ / 4.0; }

  /// Cubic half-unit position of basis site b inside cell (0,0,0).
  CubicVec basis(int b) const { return basis_[b]; }
  /// Cell shift (in cells along x, y, z) from a site of basis b to its neighbour in direction d.
  std::array<int, 3> neighbourCellShift(int b, int d) const { return shift_[b][d]; }
  /// Basis index of the neighbour of a basis-b site in direction d.
  int neighbourBasis(int b, int d) const { return nbrBasis_[b][d]; }
  /// For a pair (s, s + d), the directions m (from s) of the 4 sites that neighbour both.
  const std::array<int, kCommonCount>& commonDirections(int d) const { return common_[d]; }

  /// Cubic half-units → Cartesian wire frame [Å].
  Vec3 toCartesian(CubicVec v) const;
  /// Decomposes a cubic half-unit vector into cell indices and a basis index; false if not a site.
  bool decompose(CubicVec v, std::array<int, 3>& cell, int& basis) const;

 private:
  double a_;
  Vec3 cell_;
  std::array<CubicVec, kBasisCount> basis_{};
  std::array<std::array<std::array<int, 3>, kNeighbourCount>, kBasisCount> shift_{};
  std::array<std::array<int, kNeighbourCount>, kBasisCount> nbrBasis_{};
  std::array<std::array<int, kCommonCount>, kNeighbourCount> common_{};
};

}  // namespace surfkmc::lattice
