// SPDX-License-Identifier: MIT
#include "atomistic/hop_catalogue.hpp"

#include <algorithm>
#include <cmath>
#include <tuple>
#include <utility>

#include "core/error.hpp"
#include "lattice/bond_environment.hpp"
#include "lattice/frame.hpp"

namespace surfkmc::atomistic {
namespace {

using lattice::CubicVec;
using lattice::kDirections;
using lattice::kNeighbourCount;

/// Half the fcc–hcp hollow distance of Ag and Pt, rounded down [Å] (the Hamiltonian data set's tolerance).
constexpr double kHopSiteTolerance_A = 0.8;

int directionOf(const CubicVec& v) {
  for (int d = 0; d < kNeighbourCount; ++d)
    if (kDirections[d] == v) return d;
  return -1;
}

int indexOf(const std::vector<CubicVec>& sorted, const CubicVec& v) {
  const int k = lattice::bondEnvironmentIndex(sorted, v);
  if (k < 0) throw InvariantError("HopEnvironments: a symmetry leaves the environment");
  return k;
}

}  // namespace

HopEnvironments::HopEnvironments() {
  // Every bond is carried onto bond 0 by some lattice symmetry T_d, and the environment is written in
  // bond 0's frame: bit k of direction d is the site that T_d sends to bond 0's k-th offset. Two choices
  // of T_d differ by a symmetry that fixes bond 0, which the key then minimises over.
  const std::vector<lattice::CubicOp>& ops = lattice::cubicSymmetries();
  const CubicVec reference = kDirections[0];
  const std::vector<CubicVec> reference_offsets = lattice::bondEnvironmentOffsets(reference);
  if (static_cast<int>(reference_offsets.size()) != kSites)
    throw InvariantError("HopEnvironments: a nearest-neighbour pair has " + std::to_string(reference_offsets.size()) +
                         " neighbouring sites, not 18");
  int g = 0;
  for (const auto& op : ops) {
    if (!(op(reference) == reference)) continue;
    if (g == kSymmetries) throw InvariantError("HopEnvironments: more than four symmetries fix a bond");
    for (int k = 0; k < kSites; ++k)
      permutation_[g][k] = static_cast<std::uint8_t>(indexOf(reference_offsets, op(reference_offsets[k])));
    ++g;
  }
  if (g != kSymmetries) throw InvariantError("HopEnvironments: fewer than four symmetries fix a bond");
  for (int d = 0; d < kNeighbourCount; ++d) {
    const CubicVec bond = kDirections[d];
    const auto to_reference =
        std::find_if(ops.begin(), ops.end(), [&](const lattice::CubicOp& op) { return op(bond) == reference; });
    if (to_reference == ops.end()) throw InvariantError("HopEnvironments: no symmetry carries a bond onto bond 0");
    for (const CubicVec& u : lattice::bondEnvironmentOffsets(bond)) {
      const int k = indexOf(reference_offsets, (*to_reference)(u));
      const int e_i = directionOf(u);
      sites_[d][k] = e_i >= 0 ? Site{false, e_i} : Site{true, directionOf(u - bond)};
      if (sites_[d][k].direction < 0) throw InvariantError("HopEnvironments: an offset is no neighbour of i or j");
    }
  }
}

std::uint32_t HopEnvironments::occupancyBits(const lattice::Lattice& lattice, lattice::SiteIndex from,
                                             int direction) const {
  const lattice::SiteIndex to = lattice.neighbour(from, direction);
  std::uint32_t bits = 0;
  for (int k = 0; k < kSites; ++k) {
    const Site& s = sites_[direction][k];
    const lattice::SiteIndex origin = s.of_j ? to : from;
    if (origin == lattice.sentinel()) continue;
    const lattice::SiteIndex site = lattice.neighbour(origin, s.direction);
    if (site != lattice.sentinel() && lattice.occupied(site)) bits |= 1u << k;
  }
  return bits;
}

std::uint32_t HopEnvironments::key(const lattice::Lattice& lattice, lattice::SiteIndex from, int direction) const {
  const std::uint32_t bits = occupancyBits(lattice, from, direction);
  std::uint32_t best = ~0u;
  for (const auto& perm : permutation_) {
    std::uint32_t image = 0;
    for (int k = 0; k < kSites; ++k)
      if (bits & (1u << k)) image |= 1u << perm[k];
    best = std::min(best, image);
  }
  return best;
}

std::vector<LatticeHop> enumerateHops(const lattice::Lattice& lattice, const HopEnvironments& environments,
                                      int min_from, int min_to) {
  std::vector<LatticeHop> hops;
  for (lattice::SiteIndex s = 0; s < lattice.siteCount(); ++s) {
    if (!lattice.occupied(s)) continue;
    const int n_i = lattice.coordination(s);
    if (n_i < min_from || n_i >= kNeighbourCount) continue;
    for (int d = 0; d < kNeighbourCount; ++d) {
      const lattice::SiteIndex t = lattice.neighbour(s, d);
      if (t == lattice.sentinel() || lattice.occupied(t)) continue;
      const int n_j = lattice.coordination(t) - 1;
      if (n_j < min_to) continue;
      int c = 0;
      for (int m : lattice.frame().commonDirections(d)) {
        const lattice::SiteIndex u = lattice.neighbour(s, m);
        if (u != lattice.sentinel() && lattice.occupied(u)) ++c;
      }
      hops.push_back({s, t, d, {n_i, n_j, c}, environments.key(lattice, s, d)});
    }
  }
  return hops;
}

namespace {

int directionTo(const lattice::Lattice& lattice, lattice::SiteIndex from, lattice::SiteIndex to) {
  for (int d = 0; d < kNeighbourCount; ++d)
    if (lattice.neighbour(from, d) == to) return d;
  return -1;
}

/// A process on the lattice's occupancy: every occupied site an atom, all free, scaled to
/// `lattice_constant_A`; the atom on each moves[k].first ends displaced by moves[k].second (bond vectors
/// summed on the lattice, so a move across a periodic boundary keeps its length). `waypoint` likewise, if any.
ProcessGeometry occupancyProcess(const lattice::Lattice& lattice, double lattice_constant_A,
                                 const std::vector<std::pair<lattice::SiteIndex, lattice::Vec3>>& moves,
                                 const std::vector<std::pair<lattice::SiteIndex, lattice::Vec3>>& waypoint) {
  const double scale = lattice_constant_A / lattice.frame().latticeConstant();
  ProcessGeometry g;
  const lattice::Vec3 len = lattice.boxLengths();
  g.initial.box = scale * Eigen::Vector3d(len.x, len.y, len.z);
  g.initial.periodic = {lattice.box().periodic_x, lattice.box().periodic_y, lattice.box().periodic_z};
  g.initial.positions.resize(3, static_cast<Eigen::Index>(lattice.atomCount()));
  g.initial.fixed.assign(static_cast<std::size_t>(lattice.atomCount()), 0);
  Eigen::Index col = 0;
  std::vector<int> columns(moves.size(), -1), waypoint_columns(waypoint.size(), -1);
  for (lattice::SiteIndex s = 0; s < lattice.siteCount(); ++s) {
    if (!lattice.occupied(s)) continue;
    for (std::size_t k = 0; k < moves.size(); ++k)
      if (moves[k].first == s) columns[k] = static_cast<int>(col);
    for (std::size_t k = 0; k < waypoint.size(); ++k)
      if (waypoint[k].first == s) waypoint_columns[k] = static_cast<int>(col);
    const lattice::Vec3 p = lattice.position(s);
    g.initial.positions.col(col++) = scale * Eigen::Vector3d(p.x, p.y, p.z);
  }
  g.final_state = g.initial;
  for (std::size_t k = 0; k < moves.size(); ++k) {
    require(columns[k] >= 0, "occupancyProcess: a mover's site is vacant");
    const lattice::Vec3 b = moves[k].second;
    g.final_state.positions.col(columns[k]) += scale * Eigen::Vector3d(b.x, b.y, b.z);
    g.movers.push_back(columns[k]);
  }
  if (!waypoint.empty()) {
    g.waypoint = g.initial;
    for (std::size_t k = 0; k < waypoint.size(); ++k) {
      require(waypoint_columns[k] >= 0, "occupancyProcess: a waypoint's site is vacant");
      const lattice::Vec3 b = waypoint[k].second;
      g.waypoint->positions.col(waypoint_columns[k]) += scale * Eigen::Vector3d(b.x, b.y, b.z);
    }
  }
  // A wire's surface normal is no axis, and a hop can leave the surface plane: judge the whole
  // displacement, against half the fcc–hcp hollow distance (a/√6 ≈ 1.67 Å in Ag), beyond which the
  // atom sits nearer another hollow than its own site.
  g.normal = -1;
  g.site_tolerance_A = kHopSiteTolerance_A;
  return g;
}

}  // namespace

ProcessGeometry hopProcess(const lattice::Lattice& lattice, const LatticeHop& hop, double lattice_constant_A) {
  require(lattice.occupied(hop.from) && !lattice.occupied(hop.to), "hopProcess: the hop needs an atom and a vacancy");
  ProcessGeometry g =
      occupancyProcess(lattice, lattice_constant_A, {{hop.from, lattice.bondVector(hop.direction)}}, {});
  g.name = "hop";
  g.description = "nearest-neighbour hop";
  return g;
}

std::vector<RimExit> rimExits(const lattice::Lattice& lattice, const LatticeHop& rim_hop, int min_to) {
  const lattice::SiteIndex a = rim_hop.from, t = rim_hop.to;
  require(lattice.occupied(a) && !lattice.occupied(t), "rimExits: the rim hop needs an atom and a vacancy");
  const auto isNeighbour = [&](lattice::SiteIndex u, lattice::SiteIndex v) { return directionTo(lattice, u, v) >= 0; };
  std::vector<RimExit> exits;
  for (int d = 0; d < kNeighbourCount; ++d) {
    const lattice::SiteIndex k = lattice.neighbour(t, d);
    if (k == lattice.sentinel() || k == a || lattice.occupied(k)) continue;
    RimExit x;
    x.site = k;
    x.neighbour_of_origin = isNeighbour(a, k);
    // The lattice holds the mover on a; with it on t instead, a is vacant and t (vacant here) is the mover's.
    x.n_to = lattice.coordination(k) - (x.neighbour_of_origin ? 1 : 0);
    if (x.n_to < min_to) continue;
    for (int m : lattice.frame().commonDirections(d)) {
      const lattice::SiteIndex u = lattice.neighbour(t, m);
      if (u != lattice.sentinel() && u != a && lattice.occupied(u)) ++x.c_to;
    }
    for (int e = 0; e < kNeighbourCount; ++e) {
      const lattice::SiteIndex u = lattice.neighbour(a, e);
      if (u != lattice.sentinel() && lattice.occupied(u) && isNeighbour(u, k)) x.exchange_partners.push_back(u);
    }
    std::sort(x.exchange_partners.begin(), x.exchange_partners.end());
    exits.push_back(x);
  }
  return exits;
}

ProcessGeometry crossingHopProcess(const lattice::Lattice& lattice, const LatticeHop& rim_hop, const RimExit& exit,
                                   double lattice_constant_A) {
  const int onward = directionTo(lattice, rim_hop.to, exit.site);
  require(onward >= 0 && !lattice.occupied(exit.site), "crossingHopProcess: the exit is no vacant neighbour of t");
  const lattice::Vec3 to_rim = lattice.bondVector(rim_hop.direction);
  ProcessGeometry g = occupancyProcess(lattice, lattice_constant_A,
                                       {{rim_hop.from, to_rim + lattice.bondVector(onward)}}, {{rim_hop.from, to_rim}});
  g.name = "crossing_hop";
  g.description = "move over a rim site to a stable site beyond it";
  return g;
}

ProcessGeometry crossingExchangeProcess(const lattice::Lattice& lattice, const LatticeHop& rim_hop, const RimExit& exit,
                                        lattice::SiteIndex partner, double lattice_constant_A) {
  const int in = directionTo(lattice, rim_hop.from, partner);
  const int out = directionTo(lattice, partner, exit.site);
  require(in >= 0 && out >= 0 && lattice.occupied(partner) && !lattice.occupied(exit.site),
          "crossingExchangeProcess: the partner must be an atom next to both a and the vacant exit");
  ProcessGeometry g = occupancyProcess(
      lattice, lattice_constant_A, {{rim_hop.from, lattice.bondVector(in)}, {partner, lattice.bondVector(out)}}, {});
  g.name = "crossing_exchange";
  g.description = "exchange: the mover takes a neighbour's site, the neighbour moves on to the exit";
  return g;
}

}  // namespace surfkmc::atomistic
