// SPDX-License-Identifier: MIT
// Finds and classifies surface nucleation sites from the occupancy.
#include "nucleation/site_detector.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <tuple>

#include "core/error.hpp"
#include "lattice/cluster_finder.hpp"

namespace surfkmc::nucleation {
namespace {

using lattice::kNeighbourCount;
using lattice::Lattice;
using lattice::SiteIndex;
using lattice::Vec3;

// Bond directions relative to a (111) terrace with outward normal ±y.
struct TerraceDirections {
  std::array<int, 3> up{};
  std::array<int, 3> down{};
  std::array<int, 6> in_plane{};
};

std::array<TerraceDirections, 2> terraceDirections(const Lattice& lat) {
  std::array<TerraceDirections, 2> t{};
  int nu = 0, nd = 0, np = 0;
  const double eps = 1e-6 * lat.frame().nearestNeighbourDistance();
  for (int d = 0; d < kNeighbourCount; ++d) {
    const double y = lat.bondVector(d).y;
    if (y > eps) {
      t[0].up[nu++] = d;
    } else if (y < -eps) {
      t[0].down[nd++] = d;
    } else {
      t[0].in_plane[np++] = d;
    }
  }
  if (nu != 3 || nd != 3 || np != 6) throw InvariantError("frame: y is not a <111> axis");
  t[1] = t[0];
  std::swap(t[1].up, t[1].down);
  return t;
}

// Membership flags of a vacant site, kept in one byte per site.
constexpr std::uint8_t kPitCandidate = 1;
constexpr std::uint8_t kPitMember = 2;

struct Ledge {
  SiteIndex site;
  int normal;  // 0: +y, 1: −y
  int height;  // 1..max, or max + 1 for a cliff
  Vec3 open;   // sum of its vacant in-plane bonds: the way it faces
};

}  // namespace

void DetectorOptions::validate() const {
  require(max_step_height >= 2 && max_step_height <= 20, "max_step_height must be in [2, 20]");
  require(min_ledge_neighbours >= 1 && min_ledge_neighbours <= 5, "min_ledge_neighbours must be in [1, 5]");
  require(pit_seed_coordination >= 4 && pit_seed_coordination <= 11, "pit_seed_coordination must be in [4, 11]");
  require(pit_coordination >= 4 && pit_coordination <= 11, "pit_coordination must be in [4, 11]");
  require(pit_max_openings >= 1 && pit_max_openings <= 11, "pit_max_openings must be in [1, 11]");
  require(max_pit_size >= 1, "max_pit_size must be >= 1");
  require(std::isfinite(axial_ledge_max_shift) && axial_ledge_max_shift >= 0.0 && axial_ledge_max_shift <= 3.0,
          "axial_ledge_max_shift must be in [0, 3]");
  require(axial_ledge_min_cells >= 1, "axial_ledge_min_cells must be >= 1");
}

SiteDetector::SiteDetector(DetectorOptions options) : options_(options) { options_.validate(); }

SiteSet SiteDetector::detect(const Lattice& lat) const {
  const SiteIndex n_sites = lat.siteCount();
  const SiteIndex sentinel = lat.sentinel();
  const auto dirs = terraceDirections(lat);
  const std::uint8_t* coord = lat.coordinationData();
  SiteSet out;

  // Surface atoms: the only atoms a site can be made of.
  std::vector<SiteIndex> surface;
  for (SiteIndex s = 0; s < n_sites; ++s)
    if (coord[s] < kNeighbourCount && lat.occupied(s)) surface.push_back(s);
  out.counts.surface_atoms = static_cast<std::int64_t>(surface.size());

  // --- Pits: the closure of vacancies beneath the local surface, counting members as filled
  // (monotone, so the result does not depend on the order of growth).
  std::vector<std::uint8_t> flag(static_cast<std::size_t>(n_sites) + 1, 0);
  std::vector<SiteIndex> members;
  auto enclosedCount = [&](SiteIndex v) {
    int c = coord[v];
    const SiteIndex* nb = lat.neighbours(v);
    for (int d = 0; d < kNeighbourCount; ++d)
      if (nb[d] != sentinel && (flag[nb[d]] & kPitCandidate)) ++c;
    return c;
  };
  for (SiteIndex s : surface) {
    const SiteIndex* nb = lat.neighbours(s);
    for (int d = 0; d < kNeighbourCount; ++d) {
      const SiteIndex v = nb[d];
      if (v == sentinel || lat.occupied(v) || (flag[v] & kPitCandidate)) continue;
      if (coord[v] >= options_.pit_seed_coordination) {
        flag[v] |= kPitCandidate;
        members.push_back(v);
      }
    }
  }
  for (std::size_t i = 0; i < members.size(); ++i) {
    const SiteIndex* nb = lat.neighbours(members[i]);
    for (int d = 0; d < kNeighbourCount; ++d) {
      const SiteIndex w = nb[d];
      if (w == sentinel || lat.occupied(w) || (flag[w] & kPitCandidate) || coord[w] == 0) continue;
      if (enclosedCount(w) >= options_.pit_coordination) {
        flag[w] |= kPitCandidate;
        members.push_back(w);
      }
    }
  }
  std::vector<NucleationSite> pits;
  for (const auto& cluster : lattice::findClusters(lat, members)) {
    if (static_cast<int>(cluster.size()) > options_.max_pit_size) continue;
    bool enclosed = true;
    SiteIndex deepest = cluster.front();
    for (SiteIndex v : cluster) {
      int openings = 0;
      const SiteIndex* nb = lat.neighbours(v);
      for (int d = 0; d < kNeighbourCount; ++d)
        if (!lat.occupied(nb[d]) && (nb[d] == sentinel || !(flag[nb[d]] & kPitCandidate))) ++openings;
      if (openings > options_.pit_max_openings) {
        enclosed = false;
        break;
      }
      if (coord[v] > coord[deepest]) deepest = v;
    }
    if (!enclosed) continue;
    for (SiteIndex v : cluster) flag[v] |= kPitMember;
    const int m = static_cast<int>(cluster.size());
    pits.push_back({SiteClass::kPit, m, deepest, lat.position(deepest), 1.0});
    out.counts.pit_vacancies += m;
  }

  // --- Ledges of (111) terraces: open above, supported below, with a vacant in-plane neighbour
  // that is not part of a pit (a pit's rim belongs to the pit).
  const int h_max = options_.max_step_height;
  std::vector<SiteIndex> frontier, next;
  // Depth of the vacuum in front of a ledge: descend layer by layer from the vacant in-plane site
  // through every vacant site below it (a cone, so a slightly offset lower edge still counts) until
  // a layer is fully occupied; that layer count is the local step height.
  auto dropBelow = [&](SiteIndex start, const TerraceDirections& t) {
    frontier.assign(1, start);
    for (int k = 1; k <= h_max; ++k) {
      next.clear();
      bool full = true;
      for (SiteIndex f : frontier)
        for (int d : t.down) {
          const SiteIndex w = lat.neighbour(f, d);
          if (w == sentinel) return h_max + 1;
          if (lat.occupied(w)) continue;
          full = false;
          if (std::find(next.begin(), next.end(), w) == next.end()) next.push_back(w);
        }
      if (full) return k;
      frontier.swap(next);
    }
    return h_max + 1;
  };

  std::vector<Ledge> ledges;
  std::array<std::vector<std::int32_t>, 2> ledge_at;
  for (auto& v : ledge_at) v.assign(static_cast<std::size_t>(n_sites) + 1, -1);
  for (SiteIndex s : surface) {
    const SiteIndex* nb = lat.neighbours(s);
    for (int n = 0; n < 2; ++n) {
      const TerraceDirections& t = dirs[n];
      if (std::any_of(t.up.begin(), t.up.end(), [&](int d) { return lat.occupied(nb[d]); })) continue;
      const int below =
          static_cast<int>(std::count_if(t.down.begin(), t.down.end(), [&](int d) { return lat.occupied(nb[d]); }));
      if (below < 2) continue;
      int in_plane = 0;
      for (int d : t.in_plane) in_plane += lat.occupied(nb[d]) ? 1 : 0;
      if (in_plane < options_.min_ledge_neighbours) continue;
      int height = 0;
      Vec3 open{0.0, 0.0, 0.0};  // sum of the vacant in-plane bonds: the way the ledge faces
      for (int d : t.in_plane) {
        const SiteIndex v = nb[d];
        if (lat.occupied(v) || (v != sentinel && (flag[v] & kPitMember))) continue;
        height = std::max(height, v == sentinel ? h_max + 1 : dropBelow(v, t));
        open.x += lat.bondVector(d).x;
        open.z += lat.bondVector(d).z;
      }
      if (height == 0) continue;
      ledge_at[n][s] = static_cast<std::int32_t>(ledges.size());
      ledges.push_back({s, n, height, open});
    }
  }

  // On a wire, a ledge running along the axis is a corner of the faceted cross-section, also where
  // thermal kinks shift it by a row or leave gaps in it. A ledge is such a facet edge when ledges of
  // its terrace normal, in its own or an adjacent (111) layer, lie at both ends of a window of ±W =
  // axial_ledge_min_cells cells along the axis (to within half a cell: a <112> ledge zig-zags in
  // half-cell steps), and the chord between two such end ledges passes within (shift + ½) · b of it
  // across the axis (shift = axial_ledge_max_shift) while its ends differ by at most 2 · shift · b across
  // the axis. The ½ b is the zig-zag's own amplitude across the axis: a chord through two outer corners
  // of the zig-zag lies ½ b outside its inner corners. End ledges each within shift · b of the ledge
  // always qualify; the chord also accepts kink pairs that move the line by a row inward at the ledge
  // and outward at an end, or a few atoms gathered a row and a half outside it, which are still the
  // facet's edge. A ledge that turns away from the axis by more than about atan(shift · b / W) leaves
  // the band and is a step; so are the sides of islands shorter than the window. The ledge that closes
  // the window may lie up to one cell (two ledge atoms of a zig-zag row) beyond it: a kink pair near the
  // window's end takes one or two atoms from the row, and the row beyond the gap still bounds the facet.
  const bool wire = !lat.box().periodic_y && !lat.box().periodic_z;
  const Vec3 box_length = lat.boxLengths();
  const double cell_x = box_length.x / lat.box().cells_x;
  const double window = options_.axial_ledge_min_cells * cell_x;
  const double reach = window - 0.5 * cell_x - 1e-6;
  // On a periodic axis an end lies short of half the box, so that no ledge closes both ends at once.
  const double reach_max = lat.box().periodic_x ? std::min(window + 1.5 * cell_x, 0.5 * box_length.x - 0.25 * cell_x)
                                                : window + 1.5 * cell_x + 1e-6;
  const double band = options_.axial_ledge_max_shift * lat.frame().nearestNeighbourDistance() + 1e-6;
  const double zigzag = 0.5 * lat.frame().nearestNeighbourDistance();
  // (111) layers lie b·√(2/3) apart: the edge may continue in the next layer up or down, where atoms
  // have attached to the layer above it or left the layer it bounds.
  const double layer = (std::sqrt(2.0 / 3.0) + 0.1) * lat.frame().nearestNeighbourDistance();
  const int reach_y = 1;
  // Cells W − 1 to W + 2 along the axis hold every candidate between W − ½ and W + 1½ cells (a site
  // lies less than a cell from its cell's corner).
  const int w_cells = options_.axial_ledge_min_cells;
  struct End {
    double dx = 0.0;  ///< along the axis from the ledge
    double dz = 0.0;  ///< across the axis from the ledge
  };
  std::array<std::vector<End>, 2> ends;
  // Offers `visit` the ends on one side of ledge l within `across` of it across the axis (at most 2 b)
  // until it returns true; returns whether it did. Cells W and W − 1 first, where a straight edge has
  // its ends.
  const std::array<int, 4> cell_order{w_cells, w_cells - 1, w_cells + 1, w_cells + 2};
  const double cell_z = box_length.z / lat.box().cells_z;
  const auto forEachEnd = [&](const Ledge& l, const std::array<int, 3>& cell, const Vec3& p, int side, double across,
                              auto&& visit) {
    const int reach_z = static_cast<int>(std::ceil(across / cell_z)) + 1;
    for (const int i : cell_order) {
      if (i < 1) continue;
      for (int j = -reach_y; j <= reach_y; ++j)
        for (int k = -reach_z; k <= reach_z; ++k)
          for (int b = 0; b < lattice::kBasisCount; ++b) {
            const SiteIndex t = lat.siteAt(cell[0] + side * i, cell[1] + j, cell[2] + k, b);
            if (t == sentinel || ledge_at[l.normal][t] < 0) continue;
            const Vec3 q = lat.position(t);
            if (std::abs(q.y - p.y) > layer || std::abs(q.z - p.z) > across) continue;
            double dx = q.x - p.x;
            if (lat.box().periodic_x) dx -= box_length.x * std::round(dx / box_length.x);
            if (side * dx >= reach && side * dx <= reach_max && visit(End{dx, q.z - p.z})) return true;
          }
    }
    return false;
  };
  const auto onAxialLine = [&](const Ledge& l) {
    const auto cell = lat.cellOf(l.site);
    const Vec3 p = lat.position(l.site);
    // Most of a wire's ledges have an end within b on each side, whose chord passes within b of them:
    // found at the first such end of each side, without listing the rest.
    const auto first = [](const End&) { return true; };
    if (forEachEnd(l, cell, p, -1, band, first) && forEachEnd(l, cell, p, +1, band, first)) return true;
    for (int n = 0; n < 2; ++n) {
      ends[n].clear();
      forEachEnd(l, cell, p, 2 * n - 1, 2.0 * band, [&](const End& e) {
        ends[n].push_back(e);
        return false;
      });
      if (ends[n].empty()) return false;
    }
    for (const End& a : ends[0])
      for (const End& c : ends[1]) {
        if (std::abs(c.dz - a.dz) > 2.0 * band) continue;
        const double chord_at_ledge = a.dz + (c.dz - a.dz) * (-a.dx) / (c.dx - a.dx);
        if (std::abs(chord_at_ledge) <= band + zigzag) return true;
      }
    return false;
  };
  // A riser of two or more layers that faces across the axis runs along it: on a wire that is a corner of the
  // cross-section (the geometry of the computed edge barrier), however its kinks break the line the chord rule
  // looks for. A multi-layer step is a riser facing along the axis, the geometry of the computed step barriers
  // (atomistic::cutStep: the top h layers cut across the wire). docs/model.md#multi-layer-steps.
  // The way a ledge runs is read from it and the ledges of its terrace within two in-plane bonds, since a kink
  // atom alone faces 30° off either line.
  const auto cornerRiser = [&](const Ledge& l) {
    if (!wire || l.height < 2 || l.height > h_max) return false;
    const TerraceDirections& t = dirs[l.normal];
    Vec3 facing = l.open;
    for (int d1 : t.in_plane) {
      const SiteIndex a = lat.neighbour(l.site, d1);
      if (a == sentinel) continue;
      for (int d2 : t.in_plane) {
        const SiteIndex b = d2 == d1 ? a : lat.neighbour(a, d2);  // a itself once, then its neighbours
        if (b == sentinel || b == l.site || ledge_at[l.normal][b] < 0) continue;
        const Vec3& o = ledges[static_cast<std::size_t>(ledge_at[l.normal][b])].open;
        facing.x += o.x;
        facing.z += o.z;
      }
    }
    return std::abs(facing.z) > std::abs(facing.x);
  };
  for (const Ledge& l : ledges) {
    SiteClass c = SiteClass::kStep;
    if (l.height > h_max || cornerRiser(l) || (wire && onAxialLine(l))) c = SiteClass::kFacetEdge;
    if (c == SiteClass::kStep && l.height >= 2) c = SiteClass::kMultiStep;
    const int size = c == SiteClass::kMultiStep ? l.height : 1;
    out.sites.push_back({c, size, l.site, lat.position(l.site), 1.0});
    if (c != SiteClass::kFacetEdge) out.counts.max_step_height = std::max(out.counts.max_step_height, l.height);
  }
  out.sites.insert(out.sites.end(), pits.begin(), pits.end());
  std::sort(out.sites.begin(), out.sites.end(), [](const NucleationSite& a, const NucleationSite& b) {
    return std::tie(a.site_class, a.site, a.size) < std::tie(b.site_class, b.site, b.size);
  });
  for (const NucleationSite& s : out.sites) {
    ++out.counts.sites[static_cast<int>(s.site_class)];
    out.counts.weight[static_cast<int>(s.site_class)] += s.weight;
  }
  return out;
}

}  // namespace surfkmc::nucleation
