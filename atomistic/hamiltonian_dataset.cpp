// SPDX-License-Identifier: MIT
// Occupancies on free slabs (flat faces, adatoms, islands, vacancies, steps, kinks, random surfaces),
// their relaxation with the potential, and the thermodynamic quantities as sums of sample energies.
#include "atomistic/hamiltonian_dataset.hpp"

#include <tbb/global_control.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <cmath>
#include <limits>

#include "atomistic/crystal_properties.hpp"
#include "atomistic/relaxation.hpp"
#include "core/random_stream.hpp"
#include "core/units.hpp"

namespace surfkmc::atomistic {

void DatasetSettings::validate() const {
  require(lattice_constant_A > 0.0, "Hamiltonian data set: lattice constant must be > 0");
  require(force_tolerance > 0.0, "Hamiltonian data set: force tolerance must be > 0");
  require(site_tolerance_A > 0.0, "Hamiltonian data set: site tolerance must be > 0");
}

namespace {

using Rows = std::array<std::array<int, 3>, 3>;

/// A face normal to the box's y axis: the box rows, atomic layers per lattice period along the
/// normal, and the layer spacing in units of a.
struct Face {
  Rows rows;
  int layers_per_period;
  double spacing_per_a;
};
// (111) in the wire frame x ∥ [-1-12], y ∥ [111], z ∥ [1-10]; the (1-10) face of the wire frame turned
// so its normal is y; (001) with x ∥ [110].
const Face kFace111{{{{-1, -1, 2}, {1, 1, 1}, {1, -1, 0}}}, 3, 1.0 / std::sqrt(3.0)};
const Face kFace100{{{{1, 1, 0}, {0, 0, 1}, {1, -1, 0}}}, 2, 0.5};
const Face kFace110{{{{-1, -1, 2}, {1, -1, 0}, {1, 1, 1}}}, 2, 1.0 / (2.0 * std::sqrt(2.0))};

using units::kEvPerA2ToJPerM2;
/// Lateral distance below which a point is "on" a site [Å].
constexpr double kOnSite = 0.1;

/// A slab periodic in x and z, normal y: layers 0 .. layers − 1 filled, two empty layers of sites above.
struct OccupancySlab {
  SiteSet set;
  double spacing = 0.0;
  double base = 0.0;
  int layers = 0;

  double nn() const { return set.lattice_constant_A / std::sqrt(2.0); }
  int layer(int s) const { return static_cast<int>(std::lround((set.sites[s][1] - base) / spacing)); }
  Eigen::Vector3d lateral(const Eigen::Vector3d& from, const Eigen::Vector3d& to) const {
    Eigen::Vector3d d = set.minimumImage(from, to);
    d[1] = 0.0;
    return d;
  }
  /// The site of layer L on the lateral point p; throws if there is none.
  int siteAt(int L, const Eigen::Vector3d& p) const {
    for (int s = 0; s < set.size(); ++s)
      if (layer(s) == L && lateral(p, set.sites[s]).norm() < kOnSite) return s;
    throw RuntimeError("Hamiltonian data set: no site of layer " + std::to_string(L) + " at the requested point");
  }
  /// The site of layer L laterally nearest to p.
  int nearest(int L, const Eigen::Vector3d& p) const {
    int best = -1;
    double bd = std::numeric_limits<double>::infinity();
    for (int s = 0; s < set.size(); ++s)
      if (layer(s) == L && lateral(p, set.sites[s]).norm() < bd) {
        bd = lateral(p, set.sites[s]).norm();
        best = s;
      }
    return best;
  }
  int centreSite(int L) const { return nearest(L, 0.5 * set.box); }
  std::vector<int> layerSites(int L) const {
    std::vector<int> out;
    for (int s = 0; s < set.size(); ++s)
      if (layer(s) == L) out.push_back(s);
    return out;
  }
  std::vector<int> neighbours(int s) const {
    std::vector<int> out;
    for (int t = 0; t < set.size(); ++t)
      if (t != s && std::abs(set.minimumImage(set.sites[s], set.sites[t]).norm() - nn()) < kOnSite) out.push_back(t);
    return out;
  }
  void fill(int s) { set.occupied[s] = 1; }
  void empty(int s) { set.occupied[s] = 0; }
  OccupancySample sample(std::string name, std::string kind) const { return {std::move(name), std::move(kind), set}; }
};

OccupancySlab makeSlab(double a, const Face& face, int cells_x, int cells_z, int layers) {
  OccupancySlab slab;
  const int periods = (layers + 2 + face.layers_per_period - 1) / face.layers_per_period;
  slab.set = orientedCrystal(a, face.rows, {cells_x, periods, cells_z}, {true, false, true});
  slab.spacing = face.spacing_per_a * a;
  slab.layers = layers;
  slab.base = std::numeric_limits<double>::infinity();
  for (const auto& p : slab.set.sites) slab.base = std::min(slab.base, p[1]);
  for (int s = 0; s < slab.set.size(); ++s) slab.set.occupied[s] = slab.layer(s) < layers ? 1 : 0;
  return slab;
}

/// In-plane nearest-neighbour vectors of a (111) layer in the wire frame: along z, and at ±60° from it.
Eigen::Vector3d along111(const OccupancySlab& slab, int direction) {
  const double b = slab.nn();
  switch (direction) {
    case 0:
      return {0.0, 0.0, b};
    case 1:
      return {0.5 * std::sqrt(3.0) * b, 0.0, 0.5 * b};
    default:
      return {-0.5 * std::sqrt(3.0) * b, 0.0, 0.5 * b};
  }
}

/// The six in-layer neighbours of s in layer L.
std::vector<int> inLayerNeighbours(const OccupancySlab& slab, int s) {
  std::vector<int> out;
  for (int t : slab.neighbours(s))
    if (slab.layer(t) == slab.layer(s)) out.push_back(t);
  return out;
}

/// A hexagonal island of 7 on the top surface: a site and its in-layer neighbours.
void addHexagon(OccupancySlab& slab, int centre) {
  slab.fill(centre);
  for (int t : inLayerNeighbours(slab, centre)) slab.fill(t);
}

/// A triangle of n atoms per edge on layer L of a (111) slab: edges along z and at 60° on the side
/// `sign` (±1 in x), centred laterally on the box. Returns an atom of its z-parallel edge.
int addTriangle(OccupancySlab& slab, int L, int n, int sign) {
  const Eigen::Vector3d e1 = along111(slab, 0), e2 = along111(slab, sign > 0 ? 1 : 2);
  const Eigen::Vector3d corner = slab.set.sites[slab.centreSite(L)] - (n - 1) / 3.0 * (e1 + e2);
  const int origin = slab.nearest(L, corner);
  for (int i = 0; i < n; ++i)
    for (int j = 0; i + j < n; ++j) slab.fill(slab.siteAt(L, slab.set.sites[origin] + i * e1 + j * e2));
  return slab.siteAt(L, slab.set.sites[origin] + (n / 2) * e1);
}

/// 'A' if the edge atom e, whose outside lies along `outward`, bonds to two atoms of the layer below
/// outside the edge (a {100} microfacet); 'B' if to one (a {111} microfacet).
char stepType(const OccupancySlab& slab, int e, const Eigen::Vector3d& outward) {
  int outside = 0;
  for (int t : slab.neighbours(e))
    if (slab.layer(t) == slab.layer(e) - 1 && slab.set.occupied[t] &&
        slab.lateral(slab.set.sites[e], slab.set.sites[t]).dot(outward) > kOnSite)
      ++outside;
  return outside == 2 ? 'A' : 'B';
}

/// Fills each site of layer L with probability `fill`.
void randomLayer(OccupancySlab& slab, int L, double fill, RandomStream& rng) {
  for (int s : slab.layerSites(L))
    if (rng.uniform() < fill) slab.set.occupied[s] = 1;
}
void randomVacancies(OccupancySlab& slab, int L, double probability, RandomStream& rng) {
  for (int s : slab.layerSites(L))
    if (rng.uniform() < probability) slab.set.occupied[s] = 0;
}
/// Empties every site of layer L that lacks one of its neighbours in layer L − 1: an atom over a
/// vacancy falls into it on relaxation, and the occupancy would no longer describe the configuration.
void removeUnsupported(OccupancySlab& slab, int L) {
  for (int s : slab.layerSites(L))
    for (int t : slab.neighbours(s))
      if (slab.layer(t) == L - 1 && !slab.set.occupied[t]) slab.empty(s);
}

/// A (111) slab of 4 layers with a top-layer strip over the middle half of x: two straight steps along
/// z ∥ [1-10], one of each type.
struct Strip {
  OccupancySlab slab;
  int L = 0;
  double x_low = 0.0, x_high = 0.0;
  /// Sites of layer L on the row at x (within kOnSite, periodic).
  std::vector<int> row(double x) const {
    std::vector<int> out;
    for (int s : slab.layerSites(L))
      if (std::abs(slab.set.minimumImage({x, 0, 0}, {slab.set.sites[s][0], 0, 0})[0]) < kOnSite) out.push_back(s);
    return out;
  }
  double edge(int side) const { return side > 0 ? x_high : x_low; }
  /// The vacant row just outside the edge on `side`.
  std::vector<int> rowOutside(int side) const { return row(edge(side) + side * 0.5 * std::sqrt(3.0) * slab.nn()); }
  char type(int side) const { return stepType(slab, row(edge(side)).front(), Eigen::Vector3d(side, 0.0, 0.0)); }
};

Strip makeStrip(double a, int cells_x, int cells_z) {
  Strip st{makeSlab(a, kFace111, cells_x, cells_z, 4)};
  st.L = st.slab.layers;
  const double lx = st.slab.set.box[0];
  st.x_low = std::numeric_limits<double>::infinity();
  st.x_high = -st.x_low;
  for (int s : st.slab.layerSites(st.L)) {
    const double x = st.slab.set.sites[s][0];
    if (x < 0.25 * lx - 1e-6 || x >= 0.75 * lx - 1e-6) continue;
    st.slab.fill(s);
    st.x_low = std::min(st.x_low, x);
    st.x_high = std::max(st.x_high, x);
  }
  return st;
}

/// The side (±1) of the strip whose step has the given type.
int sideOf(const Strip& st, char type) { return st.type(+1) == type ? +1 : -1; }

/// The first `count` sites of the row outside the `type` step, by z (count < 0: the whole row).
Strip withRowOutside(Strip st, char type, int count) {
  std::vector<int> row = st.rowOutside(sideOf(st, type));
  std::sort(row.begin(), row.end(), [&](int p, int q) { return st.slab.set.sites[p][2] < st.slab.set.sites[q][2]; });
  const int n = count < 0 ? static_cast<int>(row.size()) : count;
  for (int i = 0; i < n; ++i) st.slab.fill(row[static_cast<std::size_t>(i)]);
  return st;
}

/// Sizes shared by the data sets and the thermodynamic probes.
struct Sizes {
  static constexpr int kStripCellsX = 8, kStripCellsZ = 8;
  /// Kink pair: this many atoms of an 8-site row outside a step.
  static constexpr int kKinkRow = 4;
  static constexpr int kSmallTriangle = 4, kLargeTriangle = 7;
};

/// The isolated atom, the dimer and the linear trimer (coordinations 0, 1, 2, which no supported surface
/// atom has) go into `out`; the tetrahedron (coordination 3, as an adatom on (111)) is returned, for the
/// held-out set: it tests whether E(n) transfers from the surface to the gas phase.
OccupancySample addGasClusters(double a, std::vector<OccupancySample>& out) {
  OccupancySlab gas = makeSlab(a, kFace111, 4, 7, 0);
  const int c = gas.centreSite(0);
  OccupancySlab one = gas;
  one.fill(c);
  out.push_back(one.sample("isolated_atom", "gas"));
  OccupancySlab dimer = one;
  dimer.fill(gas.siteAt(0, gas.set.sites[c] + along111(gas, 0)));
  out.push_back(dimer.sample("gas_dimer", "gas"));
  OccupancySlab chain = dimer;
  chain.fill(gas.siteAt(0, gas.set.sites[c] - along111(gas, 0)));
  out.push_back(chain.sample("gas_linear_trimer", "gas"));
  OccupancySlab tetra = dimer;
  tetra.fill(gas.siteAt(0, gas.set.sites[c] + along111(gas, 1)));
  // The hollow of layer 1 above the triangle just made: the layer-1 neighbour of c that touches all three.
  for (int t : gas.neighbours(c)) {
    int below = 0;
    for (int u : gas.neighbours(t)) below += tetra.set.occupied[u];
    if (gas.layer(t) == 1 && below == 3) {
      tetra.fill(t);
      break;
    }
  }
  return tetra.sample("gas_tetrahedron", "gas");
}

void addFlatAndPointDefects(double a, std::vector<OccupancySample>& out) {
  const OccupancySlab s111 = makeSlab(a, kFace111, 4, 7, 5), s100 = makeSlab(a, kFace100, 6, 6, 6),
                      s110 = makeSlab(a, kFace110, 3, 5, 8);
  out.push_back(s111.sample("flat_111", "flat"));
  out.push_back(s100.sample("flat_100", "flat"));
  out.push_back(s110.sample("flat_110", "flat"));
  const int top = s111.layers, c = s111.centreSite(top);
  OccupancySlab ad = s111;
  ad.fill(c);
  out.push_back(ad.sample("111_adatom", "adatoms"));
  OccupancySlab dimer = ad;
  dimer.fill(s111.siteAt(top, s111.set.sites[c] + along111(s111, 0)));
  out.push_back(dimer.sample("111_dimer", "adatoms"));
  OccupancySlab trimer = dimer;
  trimer.fill(s111.siteAt(top, s111.set.sites[c] + along111(s111, 1)));
  out.push_back(trimer.sample("111_trimer", "islands"));
  OccupancySlab hex = s111;
  addHexagon(hex, c);
  out.push_back(hex.sample("111_island_7", "islands"));
  OccupancySlab vac = s111;
  const int v = s111.centreSite(top - 1);
  vac.empty(v);
  out.push_back(vac.sample("111_vacancy", "vacancies"));
  vac.empty(s111.siteAt(top - 1, s111.set.sites[v] + along111(s111, 0)));
  out.push_back(vac.sample("111_divacancy", "vacancies"));
  for (const auto& [slab, face] : {std::pair{s100, "100"}, std::pair{s110, "110"}}) {
    OccupancySlab adatom = slab;
    adatom.fill(slab.centreSite(slab.layers));
    out.push_back(adatom.sample(std::string(face) + "_adatom", "adatoms"));
  }
  OccupancySlab vac100 = s100;
  vac100.empty(s100.centreSite(s100.layers - 1));
  out.push_back(vac100.sample("100_vacancy", "vacancies"));
}

/// Random occupancies of the top surface: layer `layers` filled with probability f, the layer under it
/// emptied with probability q. `point` picks the random stream.
void addRandomSurfaces(double a, std::uint64_t seed, std::uint64_t first_point, const std::vector<double>& fills,
                       std::vector<OccupancySample>& out) {
  std::uint64_t point = first_point;
  for (double f : fills) {
    for (const auto& [face, name] : {std::pair{0, "111"}, std::pair{1, "100"}, std::pair{2, "110"}}) {
      RandomStream rng(seed, StreamId::kBuild, point++);
      OccupancySlab slab = face == 0   ? makeSlab(a, kFace111, 4, 7, 5)
                           : face == 1 ? makeSlab(a, kFace100, 6, 6, 6)
                                       : makeSlab(a, kFace110, 3, 5, 8);
      randomVacancies(slab, slab.layers - 1, 0.1, rng);
      randomLayer(slab, slab.layers, f, rng);
      removeUnsupported(slab, slab.layers);
      out.push_back(slab.sample(std::string("random_") + name + "_fill" + std::to_string(int(std::lround(100 * f))) +
                                    "_stream" + std::to_string(point - 1),
                                "random"));
    }
  }
}

}  // namespace

std::vector<OccupancySample> trainingOccupancies(const DatasetSettings& s) {
  s.validate();
  const double a = s.lattice_constant_A;
  std::vector<OccupancySample> out;
  addGasClusters(a, out);
  addFlatAndPointDefects(a, out);
  const Strip strip = makeStrip(a, 6, 6);
  out.push_back(strip.slab.sample("111_strip_6x6", "steps"));
  for (char type : {'A', 'B'}) {
    out.push_back(
        withRowOutside(strip, type, 2).slab.sample(std::string("111_strip_6x6_") + type + "_kinks_2", "kinks"));
    out.push_back(
        withRowOutside(strip, type, 1).slab.sample(std::string("111_strip_6x6_") + type + "_foot_adatom", "steps"));
  }
  for (int sign : {+1, -1}) {
    OccupancySlab tri = makeSlab(a, kFace111, 7, 12, 4);
    const int e = addTriangle(tri, tri.layers, 5, sign);
    out.push_back(
        tri.sample(std::string("111_triangle_") + stepType(tri, e, {-double(sign), 0.0, 0.0}) + "_n5", "steps"));
  }
  addRandomSurfaces(a, s.seed, 0, {0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9}, out);
  return out;
}

std::vector<OccupancySample> heldOutOccupancies(const DatasetSettings& s) {
  s.validate();
  const double a = s.lattice_constant_A;
  std::vector<OccupancySample> out;
  const OccupancySlab base = makeSlab(a, kFace111, 5, 8, 6);
  const int top = base.layers, c = base.centreSite(top);
  OccupancySlab pair = base;  // two adatoms, not neighbours
  pair.fill(c);
  pair.fill(base.siteAt(top, base.set.sites[c] + 2.0 * along111(base, 0)));
  out.push_back(pair.sample("111_two_adatoms", "adatoms"));
  OccupancySlab rhombus = base;
  for (const Eigen::Vector3d& d : {Eigen::Vector3d::Zero().eval(), along111(base, 0), along111(base, 1),
                                   (along111(base, 0) + along111(base, 1)).eval()})
    rhombus.fill(base.siteAt(top, base.set.sites[c] + d));
  out.push_back(rhombus.sample("111_rhombus_4", "islands"));
  OccupancySlab hex12 = base;
  addHexagon(hex12, c);
  for (int t : inLayerNeighbours(base, base.siteAt(top, base.set.sites[c] + 2.0 * along111(base, 0)))) hex12.fill(t);
  out.push_back(hex12.sample("111_island_12", "islands"));
  OccupancySlab pit = base;
  const int v = base.centreSite(top - 1);
  for (const Eigen::Vector3d& d : {Eigen::Vector3d::Zero().eval(), along111(base, 0), along111(base, 1)})
    pit.empty(base.siteAt(top - 1, base.set.sites[v] + d));
  out.push_back(pit.sample("111_pit_3", "vacancies"));
  OccupancySlab sub = base;
  sub.empty(base.centreSite(top - 2));
  out.push_back(sub.sample("111_subsurface_vacancy", "vacancies"));
  const Strip strip = makeStrip(a, Sizes::kStripCellsX, Sizes::kStripCellsZ);
  out.push_back(withRowOutside(strip, 'A', 3).slab.sample("111_strip_A_kinks_3", "steps"));
  out.push_back(withRowOutside(strip, 'B', 1).slab.sample("111_strip_B_foot_adatom", "steps"));
  addRandomSurfaces(a, s.seed, 1000, {0.15, 0.35, 0.55, 0.75, 0.95}, out);
  std::vector<OccupancySample> unused;
  out.push_back(addGasClusters(a, unused));
  return out;
}

std::vector<OccupancySample> kmcWireOccupancies(const std::vector<lattice::XyzFrame>& frames, double file_a,
                                                const DatasetSettings& s, const std::string& prefix) {
  s.validate();
  require(file_a > 0.0, "KMC snapshots: lattice constant must be > 0");
  const double scale = s.lattice_constant_A / file_a;
  std::vector<OccupancySample> out;
  for (std::size_t k = 0; k < frames.size(); ++k) {
    const lattice::XyzFrame& f = frames[k];
    OccupancySample o{prefix + "_frame" + std::to_string(k), "kmc_wire", {}};
    o.sites.lattice_constant_A = s.lattice_constant_A;
    o.sites.box = scale * Eigen::Vector3d(f.cell.x, f.cell.y, f.cell.z);
    o.sites.periodic = {f.pbc[0], f.pbc[1], f.pbc[2]};
    for (const auto& atom : f.atoms)
      o.sites.sites.push_back(scale * Eigen::Vector3d(atom.position.x, atom.position.y, atom.position.z));
    o.sites.occupied.assign(o.sites.sites.size(), 1);
    const std::vector<int> n = siteNeighbours(o.sites).nearest;
    for (std::size_t i = 0; i < n.size(); ++i)
      if (n[i] != f.atoms[i].coordination)
        throw InputError(o.name + ": atom " + std::to_string(f.atoms[i].id) + " has " + std::to_string(n[i]) +
                         " nearest neighbours at a = " + std::to_string(file_a) + " Å but the frame says " +
                         std::to_string(f.atoms[i].coordination) + "; not a snapshot of this material's lattice");
    out.push_back(std::move(o));
  }
  return out;
}

std::vector<OccupancySample> thermodynamicOccupancies(const DatasetSettings& s) {
  s.validate();
  const double a = s.lattice_constant_A;
  std::vector<OccupancySample> out;
  out.push_back(makeSlab(a, kFace111, 4, 7, 6).sample("probe_flat_111", "flat"));
  out.push_back(makeSlab(a, kFace100, 6, 6, 6).sample("probe_flat_100", "flat"));
  for (int n : {Sizes::kSmallTriangle, Sizes::kLargeTriangle})
    for (int sign : {+1, -1}) {
      OccupancySlab tri = makeSlab(a, kFace111, 7, 12, 4);
      const int e = addTriangle(tri, tri.layers, n, sign);
      out.push_back(tri.sample(
          std::string("probe_triangle_") + stepType(tri, e, {-double(sign), 0.0, 0.0}) + "_n" + std::to_string(n),
          "steps"));
    }
  const Strip strip = makeStrip(a, Sizes::kStripCellsX, Sizes::kStripCellsZ);
  out.push_back(makeSlab(a, kFace111, Sizes::kStripCellsX, Sizes::kStripCellsZ, 4).sample("probe_strip_base", "flat"));
  out.push_back(strip.slab.sample("probe_strip", "steps"));
  for (char type : {'A', 'B'}) {
    out.push_back(withRowOutside(strip, type, -1).slab.sample(std::string("probe_strip_") + type + "_row", "steps"));
    out.push_back(withRowOutside(strip, type, Sizes::kKinkRow)
                      .slab.sample(std::string("probe_strip_") + type + "_kinks", "kinks"));
  }
  return out;
}

std::vector<ThermodynamicQuantity> thermodynamicQuantities(const DatasetSettings& s) {
  const auto probes = thermodynamicOccupancies(s);
  const auto box = [&](const std::string& name) {
    for (const auto& p : probes)
      if (p.name == name) return p.sites.box;
    throw RuntimeError("no probe " + name);
  };
  const auto area = [&](const std::string& name) { return box(name)[0] * box(name)[2]; };
  const double b = s.lattice_constant_A / std::sqrt(2.0);
  std::vector<ThermodynamicQuantity> q;
  q.push_back({"gamma_111",
               "J/m2",
               "E_excess(6-layer (111) slab) / 2A",
               {{"probe_flat_111", kEvPerA2ToJPerM2 / (2.0 * area("probe_flat_111"))}}});
  q.push_back({"gamma_100",
               "J/m2",
               "E_excess(6-layer (001) slab) / 2A",
               {{"probe_flat_100", kEvPerA2ToJPerM2 / (2.0 * area("probe_flat_100"))}}});
  const double edge = 3.0 * (Sizes::kLargeTriangle - Sizes::kSmallTriangle) * b;
  for (const std::string t : {"A", "B"}) {
    const std::string small = "probe_triangle_" + t + "_n" + std::to_string(Sizes::kSmallTriangle);
    const std::string large = "probe_triangle_" + t + "_n" + std::to_string(Sizes::kLargeTriangle);
    q.push_back({"step_" + t + "_111",
                 "meV/A",
                 "[E(triangle of 7 per edge) − E(triangle of 4)] / (9 b): corners cancel, 9 b of edge remain",
                 {{large, 1.0e3 / edge}, {small, -1.0e3 / edge}}});
  }
  const double lz = box("probe_strip")[2];
  q.push_back({"step_A_plus_B_111",
               "meV/A",
               "[E(strip) − E(flat slab)] / L: one A and one B step per period L",
               {{"probe_strip", 1.0e3 / lz}, {"probe_strip_base", -1.0e3 / lz}}});
  const double share = double(Sizes::kKinkRow) / (lz / b);
  for (const std::string t : {"A", "B"})
    q.push_back({"kink_" + t + "_111",
                 "eV",
                 "[E(half row outside the step) − E(strip) − ½ (E(full row) − E(strip))] / 2: two kinks, the "
                 "step–step interaction of the moved step subtracted",
                 {{"probe_strip_" + t + "_kinks", 0.5},
                  {"probe_strip", -0.5 + 0.5 * share},
                  {"probe_strip_" + t + "_row", -0.5 * share}}});
  return q;
}

namespace {

EnergySample relaxSample(KimPotential& pot, const OccupancySample& o, double bulk, const DatasetSettings& s) {
  Configuration c = o.sites.configuration([](const Eigen::Vector3d&) { return false; });
  const Eigen::Matrix3Xd start = c.positions;
  FireParams fire;
  fire.force_tolerance = s.force_tolerance;
  const FireResult r = c.size() > 1 ? relax(pot, c, fire) : FireResult{pot.compute(c), 0.0, 0, true};
  const Eigen::Matrix3Xd moved = c.positions - start;
  const Eigen::Vector3d mean = moved.rowwise().mean();
  EnergySample e;
  e.name = o.name;
  e.kind = o.kind;
  e.features = occupancyFeatures(o.sites);
  e.atoms = c.size();
  e.excess_energy_eV = r.energy - c.size() * bulk;
  e.max_displacement_A = (moved.colwise() - mean).colwise().norm().maxCoeff();
  e.converged = r.converged;
  e.stable = r.converged && e.max_displacement_A < s.site_tolerance_A;
  return e;
}

}  // namespace

std::vector<EnergySample> relaxedEnergies(const PotentialSpec& spec, const std::vector<OccupancySample>& samples,
                                          const DatasetSettings& s, int threads) {
  s.validate();
  require(threads >= 1, "threads must be >= 1");
  double bulk = 0.0;
  {
    KimPotential pot(spec);
    bulk = bulkEnergyPerAtom(pot, s.lattice_constant_A);
  }
  std::vector<EnergySample> out(samples.size());
  tbb::global_control limit(tbb::global_control::max_allowed_parallelism, static_cast<std::size_t>(threads));
  tbb::parallel_for(std::size_t{0}, samples.size(), [&](std::size_t i) {
    KimPotential pot(spec);
    out[i] = relaxSample(pot, samples[i], bulk, s);
  });
  return out;
}

}  // namespace surfkmc::atomistic
