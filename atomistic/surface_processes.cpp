// SPDX-License-Identifier: MIT
// Canonical surface processes: slabs from lattice occupancy, end states by site moves, CI-NEB in parallel.
#include "atomistic/surface_processes.hpp"

#include <tbb/global_control.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <limits>
#include <utility>

#include "atomistic/relaxation.hpp"
#include "core/error.hpp"
#include "lattice/lattice.hpp"

namespace surfkmc::atomistic {

void SlabSize::validate() const {
  require(cells_x >= 1 && cells_z >= 1, "slab: in-plane repeats must be >= 1");
  require(layers >= 3 && fixed_layers >= 1 && fixed_layers < layers,
          "slab: need layers >= 3 and 1 <= fixed_layers < layers");
}

void BarrierSettings::validate() const {
  require(lattice_constant_A > 0.0, "barriers: lattice constant must be > 0");
  require(std::isfinite(axial_strain) && std::abs(axial_strain) <= 0.1,
          "axial strain must lie in [-0.1, 0.1], got " + std::to_string(axial_strain));
  require(relax_tolerance > 0.0, "barriers: relax_tolerance must be > 0");
  neb.validate();
  terrace_111.validate();
  terrace_100.validate();
  terrace_110.validate();
  step_111.validate();
  island_111.validate();
  require(step_111.cells_x >= 3 && step_111.cells_z >= 4, "vicinal slab: need cells_x >= 3 and cells_z >= 4");
}

namespace {

/// Sites of a slab, layered along the normal axis; layers below `layers` filled.
struct Slab {
  SiteSet set;
  int normal = 1;
  double spacing = 0.0;
  double nn = 0.0;  // nearest-neighbour distance [Å]
  int top = 0;      // first empty layer
  int fixed_layers = 2;
  double base = 0.0;

  int layerOf(const Eigen::Vector3d& p) const { return static_cast<int>(std::lround((p[normal] - base) / spacing)); }
  int layer(int s) const { return layerOf(set.sites[s]); }
  Eigen::Vector3d lateral(Eigen::Vector3d v) const {
    v[normal] = 0.0;
    return v;
  }
  std::vector<int> neighbours(int s) const {
    std::vector<int> out;
    for (int t = 0; t < set.size(); ++t)
      if (t != s && std::abs(set.minimumImage(set.sites[s], set.sites[t]).norm() - nn) < 0.05) out.push_back(t);
    return out;
  }
  int occupiedNeighbours(int s) const {
    int n = 0;
    for (int t : neighbours(s)) n += set.occupied[t];
    return n;
  }
  /// The site of layer L nearest (laterally, minimum image) to p.
  int nearestInLayer(const Eigen::Vector3d& p, int L) const {
    int best = -1;
    double bd = std::numeric_limits<double>::infinity();
    for (int s = 0; s < set.size(); ++s) {
      if (layer(s) != L) continue;
      const double d = lateral(set.minimumImage(p, set.sites[s])).norm();
      if (d < bd) {
        bd = d;
        best = s;
      }
    }
    return best;
  }
  Eigen::Vector3d centre() const {
    Eigen::Vector3d c = 0.5 * set.box;
    c[normal] = 0.0;
    return c;
  }
};

Slab finishSlab(SiteSet set, int normal, double spacing, int layers, int fixed_layers) {
  Slab slab;
  slab.set = std::move(set);
  slab.normal = normal;
  slab.spacing = spacing;
  slab.nn = slab.set.lattice_constant_A / std::sqrt(2.0);
  slab.top = layers;
  slab.fixed_layers = fixed_layers;
  slab.base = std::numeric_limits<double>::infinity();
  for (const auto& p : slab.set.sites) slab.base = std::min(slab.base, p[normal]);
  for (int s = 0; s < slab.set.size(); ++s) slab.set.occupied[s] = slab.layer(s) < layers ? 1 : 0;
  return slab;
}

/// A slab in the wire frame, through lattice::Lattice: normal y (a (111) slab) or z (a (1-10) slab).
Slab wireFrameSlab(double a, const SlabSize& size, int normal) {
  const lattice::Frame frame(a);
  lattice::BoxSpec box;
  const int per_cell = normal == 1 ? 3 : 2;
  const int normal_cells = (size.layers + 4 + per_cell - 1) / per_cell;
  box.cells_x = size.cells_x;
  box.periodic_x = true;
  if (normal == 1) {
    box.cells_y = normal_cells;
    box.cells_z = size.cells_z;
    box.periodic_y = false;
    box.periodic_z = true;
  } else {
    box.cells_y = size.cells_z;
    box.cells_z = normal_cells;
    box.periodic_y = true;
    box.periodic_z = false;
  }
  lattice::Lattice lat(frame, box);
  const double spacing = normal == 1 ? a / std::sqrt(3.0) : a / (2.0 * std::sqrt(2.0));
  double base = std::numeric_limits<double>::infinity();
  for (lattice::SiteIndex s = 0; s < lat.siteCount(); ++s) {
    const lattice::Vec3 p = lat.position(s);
    base = std::min(base, normal == 1 ? p.y : p.z);
  }
  for (lattice::SiteIndex s = 0; s < lat.siteCount(); ++s) {
    const lattice::Vec3 p = lat.position(s);
    if (std::lround(((normal == 1 ? p.y : p.z) - base) / spacing) < size.layers) lat.place(s);
  }
  return finishSlab(sitesFromLattice(lat), normal, spacing, size.layers, size.fixed_layers);
}

/// A (001) slab: x ∥ [110], y ∥ [001] (normal), z ∥ [1-10].
Slab slab100(double a, const SlabSize& size) {
  const int normal_cells = (size.layers + 5) / 2;
  SiteSet set = orientedCrystal(a, {{{1, 1, 0}, {0, 0, 1}, {1, -1, 0}}}, {size.cells_x, normal_cells, size.cells_z},
                                {true, false, true});
  return finishSlab(std::move(set), 1, a / 2.0, size.layers, size.fixed_layers);
}

/// Builds the two end states: atoms on the occupied sites; each move takes the atom on site `first`
/// to the point `second`.
ProcessGeometry makeProcess(std::string name, std::string description, const Slab& slab,
                            const std::vector<std::pair<int, Eigen::Vector3d>>& moves) {
  ProcessGeometry g;
  g.name = std::move(name);
  g.description = std::move(description);
  g.initial = slab.set.configuration([&](const Eigen::Vector3d& p) { return slab.layerOf(p) < slab.fixed_layers; });
  g.final_state = g.initial;
  g.normal = slab.normal;
  std::vector<int> atom_of(slab.set.sites.size(), -1);
  for (int s = 0, n = 0; s < slab.set.size(); ++s)
    if (slab.set.occupied[s]) atom_of[s] = n++;
  for (const auto& [site, target] : moves) {
    if (site < 0 || atom_of[site] < 0) throw RuntimeError("process " + g.name + ": a mover is not on an occupied site");
    // Keep the end state's image next to the start so the straight band does not cross the box.
    const Eigen::Vector3d p = slab.set.sites[site] + slab.set.minimumImage(slab.set.sites[site], target);
    g.final_state.positions.col(atom_of[site]) = p;
    g.movers.push_back(atom_of[site]);
  }
  return g;
}

/// Adds an atom on site s (an adatom).
void addAtom(Slab& slab, int s) {
  if (s < 0 || slab.set.occupied[s]) throw RuntimeError("adatom site not found or occupied");
  slab.set.occupied[s] = 1;
}

/// Among `candidates`, the one that maximises score (first on ties).
template <class Score>
int best(const std::vector<int>& candidates, Score score) {
  int out = -1;
  double bs = -std::numeric_limits<double>::infinity();
  for (int c : candidates) {
    const double v = score(c);
    if (v > bs + 1e-9) {
      bs = v;
      out = c;
    }
  }
  if (out < 0) throw RuntimeError("no site fits a canonical process (slab too small?)");
  return out;
}

std::vector<int> inLayer(const Slab& slab, const std::vector<int>& sites, int L, bool occupied) {
  std::vector<int> out;
  for (int s : sites)
    if (slab.layer(s) == L && slab.set.occupied[s] == (occupied ? 1 : 0)) out.push_back(s);
  return out;
}

/// Vicinal (111): a strip of the top layer in the middle half of x, with two steps along z ∥ [1-10].
struct Vicinal {
  Slab slab;
  int L = 0;  // strip layer
  double x_low = 0.0, x_high = 0.0;
};

Vicinal vicinalSlab(double a, const SlabSize& size) {
  Vicinal v;
  v.slab = wireFrameSlab(a, size, 1);
  v.L = v.slab.top;
  const double lx = v.slab.set.box[0];
  double lo = std::numeric_limits<double>::infinity(), hi = -lo;
  for (int s = 0; s < v.slab.set.size(); ++s) {
    const double x = v.slab.set.sites[s][0];
    if (v.slab.layer(s) == v.L && x >= 0.25 * lx - 1e-6 && x < 0.75 * lx - 1e-6) {
      v.slab.set.occupied[s] = 1;
      lo = std::min(lo, x);
      hi = std::max(hi, x);
    }
  }
  v.x_low = lo;
  v.x_high = hi;
  return v;
}

/// +1 for the step at the high-x edge of the strip, −1 for the low-x edge.
double edgeX(const Vicinal& v, int side) { return side > 0 ? v.x_high : v.x_low; }

bool beyond(const Vicinal& v, int side, const Eigen::Vector3d& p) {
  const double dx = p[0] - edgeX(v, side);
  return side * dx > 0.1;
}

/// Atoms of the strip's edge row on side `side`.
std::vector<int> edgeRow(const Vicinal& v, int side) {
  std::vector<int> out;
  for (int s = 0; s < v.slab.set.size(); ++s)
    if (v.slab.set.occupied[s] && v.slab.layer(s) == v.L && std::abs(v.slab.set.sites[s][0] - edgeX(v, side)) < 0.1)
      out.push_back(s);
  return out;
}

/// 'A' if the edge on `side` has a {100} microfacet (an edge atom bonds to two atoms of the layer
/// below beyond the edge), 'B' for a {111} microfacet (one such bond).
char stepType(const Vicinal& v, int side) {
  const int e = edgeRow(v, side).front();
  int outward = 0;
  for (int t : inLayer(v.slab, v.slab.neighbours(e), v.L - 1, true)) outward += beyond(v, side, v.slab.set.sites[t]);
  return outward == 2 ? 'A' : 'B';
}

double zDistanceToCentre(const Slab& slab, int s) {
  const double lz = slab.set.box[2];
  double dz = slab.set.sites[s][2] - 0.5 * lz;
  return std::abs(dz);
}

/// Vacant lower-terrace sites at the foot of the step on `side` (two bonds to the edge row).
std::vector<int> stepFootSites(const Vicinal& v, int side) {
  std::vector<int> out;
  for (int s = 0; s < v.slab.set.size(); ++s) {
    if (v.slab.set.occupied[s] || v.slab.layer(s) != v.L || !beyond(v, side, v.slab.set.sites[s])) continue;
    if (inLayer(v.slab, v.slab.neighbours(s), v.L, true).size() == 2) out.push_back(s);
  }
  return out;
}

void stepProcesses(double a, const SlabSize& size, std::vector<ProcessGeometry>& out) {
  for (int side : {-1, +1}) {
    const Vicinal base = vicinalSlab(a, size);
    const std::string type(1, stepType(base, side));
    const std::string step = "111_" + type + "_step";
    const std::string facet = type == "A" ? "{100}" : "{111}";
    const double d = base.slab.nn;
    {
      // Descent: an adatom in the upper-terrace hollow nearest to the edge (all three atoms under it
      // present) goes down to the step foot, by a hop or by exchange with an edge atom under it.
      Vicinal v = base;
      std::vector<int> upper;
      for (int s = 0; s < v.slab.set.size(); ++s)
        if (v.slab.layer(s) == v.L + 1 && inLayer(v.slab, v.slab.neighbours(s), v.L, true).size() == 3)
          upper.push_back(s);
      const int ad =
          best(upper, [&](int s) { return side * v.slab.set.sites[s][0] - 1e-3 * zDistanceToCentre(v.slab, s); });
      addAtom(v.slab, ad);
      const auto lateralDistance = [&](int t) {
        return v.slab.lateral(v.slab.set.minimumImage(v.slab.set.sites[ad], v.slab.set.sites[t])).norm();
      };
      const int foot = best(stepFootSites(v, side), [&](int t) { return -lateralDistance(t); });
      out.push_back(makeProcess(step + "_descent_hop",
                                "adatom hops down a " + type + " step (" + facet + " microfacet) of (111)", v.slab,
                                {{ad, v.slab.set.sites[foot]}}));
      std::vector<int> edge_atoms;
      for (int t : inLayer(v.slab, v.slab.neighbours(ad), v.L, true))
        if (std::abs(v.slab.set.sites[t][0] - edgeX(v, side)) < 0.1) edge_atoms.push_back(t);
      const int e = best(edge_atoms, [&](int t) { return -zDistanceToCentre(v.slab, t); });
      std::vector<int> pushed;
      for (int t : stepFootSites(v, side))
        if (std::abs(v.slab.set.minimumImage(v.slab.set.sites[e], v.slab.set.sites[t]).norm() - v.slab.nn) < 0.05)
          pushed.push_back(t);
      const int target = best(pushed, [&](int t) { return -lateralDistance(t); });
      out.push_back(makeProcess(step + "_descent_exchange",
                                "adatom replaces an edge atom of a " + type +
                                    " step of (111), which moves out onto "
                                    "the lower terrace",
                                v.slab, {{ad, v.slab.set.sites[e]}, {e, v.slab.set.sites[target]}}));
    }
    {
      // Motion along the step: an adatom at the step foot hops by one site along z ∥ [1-10].
      Vicinal v = base;
      const auto feet = stepFootSites(v, side);
      const int ad = best(feet, [&](int s) { return -zDistanceToCentre(v.slab, s); });
      addAtom(v.slab, ad);
      const Eigen::Vector3d goal = v.slab.set.sites[ad] + Eigen::Vector3d(0.0, 0.0, d);
      const int to = v.slab.nearestInLayer(goal, v.L);
      out.push_back(makeProcess(step + "_edge_hop", "adatom at the foot of a " + type + " step hops along the step",
                                v.slab, {{ad, v.slab.set.sites[to]}}));
    }
    {
      // Kink: half of the edge row removed; the atom at the end of the remaining half leaves the kink.
      Vicinal v = base;
      const double lz = v.slab.set.box[2];
      for (int s : edgeRow(v, side))
        if (v.slab.set.sites[s][2] >= 0.5 * lz - 1e-6) v.slab.set.occupied[s] = 0;
      const auto row = edgeRow(v, side);
      const int kink = best(row, [&](int s) { return v.slab.set.sites[s][2]; });
      const auto nb = v.slab.neighbours(kink);
      std::vector<int> away;
      for (int t : inLayer(v.slab, nb, v.L, false))
        if (beyond(v, side, v.slab.set.sites[t])) away.push_back(t);
      const int terrace =
          best(away, [&](int t) { return -v.slab.occupiedNeighbours(t) + 0.01 * v.slab.set.sites[t][2]; });
      out.push_back(makeProcess(step + "_kink_to_terrace",
                                "kink atom of a " + type + " step detaches onto the lower terrace", v.slab,
                                {{kink, v.slab.set.sites[terrace]}}));
      const int along = v.slab.nearestInLayer(v.slab.set.sites[kink] + Eigen::Vector3d(0.0, 0.0, d), v.L);
      if (v.slab.set.occupied[along]) throw RuntimeError("kink: the site along the edge is occupied");
      out.push_back(makeProcess(step + "_kink_along_edge",
                                "kink atom of a " + type + " step detaches along the step edge", v.slab,
                                {{kink, v.slab.set.sites[along]}}));
    }
  }
}

/// Corner rounding: a hexagonal one-layer island on (111) (edges along the close-packed directions,
/// alternately A and B steps); an adatom at the foot of one edge, next to the corner atom, goes round
/// the corner to the foot of the other edge (a path through the apex site next to the corner).
void cornerRounding(double a, const SlabSize& size, std::vector<ProcessGeometry>& out) {
  Slab slab = wireFrameSlab(a, size, 1);
  const int L = slab.top;
  const int centre = slab.nearestInLayer(slab.centre(), L);
  // Edge normals at 0°, 60° and 120° from x in the (x, z) plane; the island is |r·n| <= R for all three.
  const std::array<Eigen::Vector3d, 3> normals{Eigen::Vector3d(1, 0, 0), Eigen::Vector3d(0.5, 0, std::sqrt(0.75)),
                                               Eigen::Vector3d(-0.5, 0, std::sqrt(0.75))};
  const double row = slab.nn * std::sqrt(0.75);
  const double radius = 2.0 * row + 0.1;
  const auto offset = [&](int s) {
    return slab.lateral(slab.set.minimumImage(slab.set.sites[centre], slab.set.sites[s]));
  };
  for (int s = 0; s < slab.set.size(); ++s) {
    if (slab.layer(s) != L) continue;
    bool inside = true;
    for (const auto& n : normals) inside = inside && std::abs(offset(s).dot(n)) <= radius;
    if (inside) slab.set.occupied[s] = 1;
  }
  // The corner atom at the vertex on +z, between the edges with normals 60° and 120°.
  std::vector<int> island;
  for (int s = 0; s < slab.set.size(); ++s)
    if (slab.layer(s) == L && slab.set.occupied[s]) island.push_back(s);
  const int corner = best(island, [&](int s) { return offset(s)[2] - 1e-3 * std::abs(offset(s)[0]); });
  std::vector<int> feet;
  for (int t : inLayer(slab, slab.neighbours(corner), L, false))
    if (inLayer(slab, slab.neighbours(t), L, true).size() == 2) feet.push_back(t);
  if (feet.size() != 2) throw RuntimeError("corner rounding: expected two step-foot sites next to the corner");
  const int from = offset(feet[0])[0] > offset(feet[1])[0] ? feet[0] : feet[1];
  const int to = from == feet[0] ? feet[1] : feet[0];
  // Step type of an edge: its atom next to the corner bonds to 2 ({100} microfacet, A) or 1 ({111}, B)
  // atoms of the layer below on the outward side.
  const auto typeOf = [&](int foot, const Eigen::Vector3d& n) {
    int edge = -1;
    for (int t : inLayer(slab, slab.neighbours(foot), L, true))
      if (t != corner) edge = t;
    int outward = 0;
    for (int t : inLayer(slab, slab.neighbours(edge), L - 1, true))
      outward += slab.lateral(slab.set.minimumImage(slab.set.sites[edge], slab.set.sites[t])).dot(n) > 0.1;
    return outward == 2 ? std::string("A") : std::string("B");
  };
  const std::string t_from = typeOf(from, normals[1]), t_to = typeOf(to, normals[2]);
  addAtom(slab, from);
  out.push_back(makeProcess("111_corner_rounding_" + t_from + "_to_" + t_to,
                            "adatom at the foot of a " + t_from +
                                " step goes round an island corner to the foot of "
                                "the " +
                                t_to + " step",
                            slab, {{from, slab.set.sites[to]}}));
}

}  // namespace

ProcessGeometry hop111(double a, const SlabSize& size) {
  Slab slab = wireFrameSlab(a, size, 1);
  const int ad = slab.nearestInLayer(slab.centre(), slab.top);
  addAtom(slab, ad);
  // The hcp hollow lies over an atom of the layer two below the adatom's layer.
  const int below = slab.nearestInLayer(slab.set.sites[ad], slab.top - 2);
  Eigen::Vector3d hcp = slab.set.sites[below];
  hcp[1] = slab.set.sites[ad][1];
  return makeProcess("111_hop", "adatom on (111) hops from an fcc to an hcp hollow", slab, {{ad, hcp}});
}

ProcessGeometry hop100(double a, const SlabSize& size) {
  Slab slab = slab100(a, size);
  const int ad = slab.nearestInLayer(slab.centre(), slab.top);
  addAtom(slab, ad);
  const int to = slab.nearestInLayer(slab.set.sites[ad] + Eigen::Vector3d(slab.nn, 0.0, 0.0), slab.top);
  return makeProcess("100_hop", "adatom on (100) hops to the next four-fold hollow", slab, {{ad, slab.set.sites[to]}});
}

std::vector<ProcessGeometry> canonicalProcesses(const BarrierSettings& s) {
  s.validate();
  const double a = s.lattice_constant_A;
  std::vector<ProcessGeometry> out;
  out.push_back(hop111(a, s.terrace_111));
  out.push_back(hop100(a, s.terrace_100));
  {
    // (100) exchange: the adatom takes the place of a surface atom, which moves to the hollow a away.
    Slab slab = slab100(a, s.terrace_100);
    const int ad = slab.nearestInLayer(slab.centre(), slab.top);
    addAtom(slab, ad);
    const auto under = inLayer(slab, slab.neighbours(ad), slab.top - 1, true);
    const int sub = under.front();
    const Eigen::Vector3d step = slab.lateral(slab.set.minimumImage(slab.set.sites[ad], slab.set.sites[sub]));
    const int to = slab.nearestInLayer(slab.set.sites[ad] + 2.0 * step, slab.top);
    out.push_back(makeProcess("100_exchange",
                              "adatom on (100) exchanges with a surface atom, which moves to the "
                              "second-neighbour hollow",
                              slab, {{ad, slab.set.sites[sub]}, {sub, slab.set.sites[to]}}));
  }
  for (const bool cross : {false, true}) {
    // (1-10) of the wire frame (normal z): channels run along [110]; sites in one layer are a/√2
    // apart along a channel and a apart across it.
    Slab slab = wireFrameSlab(a, s.terrace_110, 2);
    const int ad = slab.nearestInLayer(slab.centre(), slab.top);
    addAtom(slab, ad);
    const double want = cross ? a : slab.nn;
    std::vector<int> candidates;
    for (int t = 0; t < slab.set.size(); ++t)
      if (slab.layer(t) == slab.top && t != ad &&
          std::abs(slab.set.minimumImage(slab.set.sites[ad], slab.set.sites[t]).norm() - want) < 0.05)
        candidates.push_back(t);
    const int to = best(candidates, [&](int t) { return slab.set.sites[t][0] + 1e-3 * slab.set.sites[t][1]; });
    out.push_back(makeProcess(cross ? "110_cross_channel_hop" : "110_in_channel_hop",
                              cross ? "adatom on (110) hops over a close-packed row into the next channel"
                                    : "adatom on (110) hops along its channel",
                              slab, {{ad, slab.set.sites[to]}}));
  }
  {
    // (1-10) exchange across a row: the adatom takes the place of a row atom beside its channel, which
    // moves on into the next channel.
    Slab slab = wireFrameSlab(a, s.terrace_110, 2);
    const int ad = slab.nearestInLayer(slab.centre(), slab.top);
    addAtom(slab, ad);
    const auto row = inLayer(slab, slab.neighbours(ad), slab.top - 1, true);
    const int r = best(row, [&](int t) { return slab.set.sites[t][0] + 1e-3 * slab.set.sites[t][1]; });
    const Eigen::Vector3d step = slab.lateral(slab.set.minimumImage(slab.set.sites[ad], slab.set.sites[r]));
    const int to = slab.nearestInLayer(slab.set.sites[ad] + 2.0 * step, slab.top);
    out.push_back(makeProcess("110_cross_channel_exchange",
                              "adatom on (110) replaces a row atom, which moves into the next channel", slab,
                              {{ad, slab.set.sites[r]}, {r, slab.set.sites[to]}}));
  }
  stepProcesses(a, s.step_111, out);
  cornerRounding(a, s.island_111, out);
  return out;
}

ProcessGeometry cutProcess(const ProcessGeometry& g, double free_radius_A, double shell_A) {
  require(!g.movers.empty(), "cutProcess: the process has no moving atoms");
  Eigen::Vector3d centre = Eigen::Vector3d::Zero();
  for (int m : g.movers) centre += g.initial.positions.col(m);
  centre /= static_cast<double>(g.movers.size());
  // Movers on both sides of a periodic boundary (e.g. an exchange across it): their centroid as the nearest
  // images of the first mover give it, not the midpoint of the box.
  Eigen::Vector3d shifted = Eigen::Vector3d::Zero();
  bool wrapped = false;
  for (int m : g.movers) {
    Eigen::Vector3d d = g.initial.positions.col(m) - g.initial.positions.col(g.movers.front());
    for (int k = 0; k < 3; ++k)
      if (g.initial.periodic[k] && std::abs(d[k]) > 0.5 * g.initial.box[k]) {
        d[k] -= g.initial.box[k] * std::round(d[k] / g.initial.box[k]);
        wrapped = true;
      }
    shifted += d;
  }
  if (wrapped) centre = g.initial.positions.col(g.movers.front()) + shifted / static_cast<double>(g.movers.size());
  ProcessGeometry out;
  out.name = g.name;
  out.description = g.description + " (cluster)";
  out.normal = g.normal;
  out.site_tolerance_A = g.site_tolerance_A;
  std::vector<int> kept;
  out.initial = cutCluster(g.initial, centre, free_radius_A, shell_A, &kept);
  out.final_state = out.initial;
  for (std::size_t i = 0; i < kept.size(); ++i) {
    const auto col = static_cast<Eigen::Index>(i);
    // The same periodic image as in the initial state.
    out.final_state.positions.col(col) =
        g.final_state.positions.col(kept[i]) + (out.initial.positions.col(col) - g.initial.positions.col(kept[i]));
    if (g.waypoint) {
      if (i == 0) out.waypoint = out.initial;
      out.waypoint->positions.col(col) =
          g.waypoint->positions.col(kept[i]) + (out.initial.positions.col(col) - g.initial.positions.col(kept[i]));
    }
    for (int m : g.movers)
      if (m == kept[i]) out.movers.push_back(static_cast<int>(i));
  }
  require(out.movers.size() == g.movers.size(), "cutProcess: a moving atom lies outside the free region");
  for (int m : out.movers) require(!out.initial.fixed[m], "cutProcess: a moving atom lies in the held shell");
  return out;
}

namespace {

/// The initial band relaxed initial → waypoint → relaxed final, images evenly spaced by length. The
/// waypoint moves with the relaxation: it is placed relative to the midpoint of the relaxed end states as it
/// lies relative to the midpoint of their unrelaxed targets.
std::vector<Eigen::VectorXd> bandThrough(const Configuration& ini, const Configuration& fin, Configuration waypoint,
                                         const Configuration& ini_target, const Configuration& fin_target,
                                         const BarrierSettings& s) {
  waypoint.applyStrain(0, s.axial_strain);
  const Eigen::VectorXd x0 = flatten(ini), x1 = flatten(fin);
  const Eigen::VectorXd w = 0.5 * (x0 + x1) + flatten(waypoint) - 0.5 * (flatten(ini_target) + flatten(fin_target));
  const double first = (w - x0).norm(), total = first + (x1 - w).norm();
  const int m = s.neb.images;
  std::vector<Eigen::VectorXd> band(static_cast<std::size_t>(m + 2));
  for (int i = 0; i < m + 2; ++i) {
    const double at = total * i / (m + 1);
    if (at <= first)
      band[i] = first > 0.0 ? Eigen::VectorXd(x0 + (w - x0) * (at / first)) : x0;
    else
      band[i] = w + (x1 - w) * ((at - first) / (total - first));
  }
  band.front() = x0;
  band.back() = x1;
  return band;
}

}  // namespace

ProcessResult computeBarrier(const PotentialSpec& spec, const ProcessGeometry& g, const BarrierSettings& s) {
  s.validate();
  const auto start = std::chrono::steady_clock::now();
  KimPotential pot(spec);
  Configuration ini = g.initial, fin = g.final_state;
  // Strain along the wire axis x.
  ini.applyStrain(0, s.axial_strain);
  fin.applyStrain(0, s.axial_strain);
  Configuration fin_target = fin;
  FireParams fire = s.neb.fire;
  fire.force_tolerance = s.relax_tolerance;
  fire.max_steps = s.relax_max_steps;
  const FireResult ri = relax(pot, ini, fire);
  const FireResult rf = relax(pot, fin, fire);
  ProcessResult r;
  r.name = g.name;
  r.description = g.description;
  r.atoms = ini.size();
  r.free_atoms = ini.freeCount();
  r.images = s.neb.images + 2;
  r.initial_energy_eV = ri.energy;
  r.final_energy_eV = rf.energy;
  r.end_states_stable = true;
  Configuration ini_target = g.initial;
  ini_target.applyStrain(0, s.axial_strain);
  const auto inPlane = [&](Eigen::Vector3d d) {
    if (g.normal >= 0) d[g.normal] = 0.0;
    return d.norm();
  };
  for (int m : g.movers)
    r.end_states_stable = r.end_states_stable &&
                          inPlane(ini.positions.col(m) - ini_target.positions.col(m)) < g.site_tolerance_A &&
                          inPlane(fin.positions.col(m) - fin_target.positions.col(m)) < g.site_tolerance_A;
  const NebResult neb =
      g.waypoint ? runNeb(forceFunction(pot, ini), bandThrough(ini, fin, *g.waypoint, ini_target, fin_target, s), s.neb)
                 : runNeb(forceFunction(pot, ini), flatten(ini), flatten(fin), s.neb);
  r.barrier_forward_eV = neb.barrier_forward;
  r.barrier_backward_eV = neb.barrier_backward;
  r.max_residual_force_eV_A = std::max({neb.max_force, ri.max_force, rf.max_force});
  r.converged = neb.converged && ri.converged && rf.converged;
  r.relaxed = ri.converged && rf.converged;
  r.neb_steps = neb.steps;
  for (double e : neb.energies) r.profile_eV.push_back(e - neb.energies.front());
  r.wall_time_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return r;
}

std::vector<ProcessResult> computeBarriers(const PotentialSpec& spec, const std::vector<ProcessGeometry>& processes,
                                           const BarrierSettings& settings, int threads) {
  require(threads >= 1, "threads must be >= 1");
  std::vector<ProcessResult> results(processes.size());
  tbb::global_control limit(tbb::global_control::max_allowed_parallelism, static_cast<std::size_t>(threads));
  tbb::parallel_for(std::size_t{0}, processes.size(),
                    [&](std::size_t i) { results[i] = computeBarrier(spec, processes[i], settings); });
  return results;
}

}  // namespace surfkmc::atomistic
