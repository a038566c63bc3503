// SPDX-License-Identifier: MIT
// Site detector on hand-made surfaces: pristine slab, islands, stacked islands, dug pits, wires.
#include "nucleation/site_detector.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <set>

#include "core/error.hpp"
#include "lattice/wire_builder.hpp"

namespace surfkmc::nucleation {
namespace {

using lattice::BuiltWire;
using lattice::Lattice;
using lattice::Shape;
using lattice::SiteIndex;
using lattice::WireSpec;

constexpr double kAg = 4.0857;
const double kLayer = kAg / std::sqrt(3.0);  // (111) spacing [Å]

BuiltWire slab() {
  WireSpec s;
  s.shape = Shape::kSlab;
  s.length_A = 60.0;
  s.size_z_A = 60.0;
  s.thickness_A = 14.0;
  return buildWire(kAg, s);
}

/// A 6 nm Ag cylinder, 4 nm long.
BuiltWire cylinder() {
  WireSpec s;
  s.diameter_A = 60.0;
  s.length_A = 40.0;
  return buildWire(kAg, s);
}

/// A rectangular Ag wire 30 Å thick ((111) top and bottom facets) of the given width and length [Å].
BuiltWire rectangle(double width_A, double length_A) {
  WireSpec s;
  s.shape = Shape::kRectangle;
  s.width_A = width_A;
  s.thickness_A = 30.0;
  s.length_A = length_A;
  return buildWire(kAg, s);
}

double topY(const Lattice& lat) {
  double top = -1e9;
  for (SiteIndex s = 0; s < lat.siteCount(); ++s)
    if (lat.occupied(s)) top = std::max(top, lat.position(s).y);
  return top;
}

// Fills the sites of the layer `layers` above the top whose lateral offset from the box centre passes `inside`.
template <class Inside>
std::vector<SiteIndex> fillLayer(Lattice& lat, double top, int layers, Inside inside) {
  const auto len = lat.boxLengths();
  std::vector<SiteIndex> placed;
  for (SiteIndex s = 0; s < lat.siteCount(); ++s) {
    const auto p = lat.position(s);
    if (std::abs(p.y - (top + layers * kLayer)) < 0.1 && inside(p.x - len.x / 2, p.z - len.z / 2)) {
      lat.place(s);
      placed.push_back(s);
    }
  }
  return placed;
}

std::int64_t count(const SiteSet& set, SiteClass c) { return set.counts.sites[static_cast<int>(c)]; }

TEST(SiteDetector, PristineSlabHasNoSites) {
  const BuiltWire w = slab();
  const SiteSet set = SiteDetector().detect(w.lattice);
  EXPECT_TRUE(set.sites.empty());
  EXPECT_GT(set.counts.surface_atoms, 0);
}

// A monolayer island: every perimeter atom (fewer than 6 in-plane island neighbours, i.e. coordination
// below 9 on the terrace) is a monatomic step site, and nothing else is a site.
TEST(SiteDetector, MonolayerIslandGivesMonatomicStepsAlongItsPerimeter) {
  BuiltWire w = slab();
  Lattice& lat = w.lattice;
  const auto island = fillLayer(lat, topY(lat), 1, [](double x, double z) { return x * x + z * z <= 144.0; });
  std::set<SiteIndex> perimeter;
  for (SiteIndex s : island)
    if (lat.coordination(s) < 9) perimeter.insert(s);
  const SiteSet set = SiteDetector().detect(lat);
  ASSERT_FALSE(perimeter.empty());
  EXPECT_EQ(count(set, SiteClass::kStep), static_cast<std::int64_t>(perimeter.size()));
  EXPECT_EQ(static_cast<std::int64_t>(set.sites.size()), count(set, SiteClass::kStep));
  for (const NucleationSite& site : set.sites) {
    EXPECT_EQ(site.size, 1);
    EXPECT_TRUE(perimeter.count(site.site)) << "site " << site.site << " is not on the perimeter";
  }
  EXPECT_EQ(set.counts.max_step_height, 1);
}

// Island B on island A, sharing A's edges on the −z half (|x| ≤ 15, −15 ≤ z ≤ 0 over |x| ≤ 15, −15 ≤ z ≤ 15):
// B's ledges where the edges coincide are height-2 steps; B's edge at z = 0 lies over A and is monatomic.
TEST(SiteDetector, StackedIslandsGiveAHeightTwoStepWhereTheirEdgesCoincide) {
  BuiltWire w = slab();
  Lattice& lat = w.lattice;
  const double top = topY(lat);
  fillLayer(lat, top, 1, [](double x, double z) { return std::abs(x) <= 15.0 && std::abs(z) <= 15.0; });
  fillLayer(lat, top, 2, [](double x, double z) { return std::abs(x) <= 15.0 && z >= -15.0 && z <= 0.0; });
  const SiteSet set = SiteDetector().detect(lat);
  const auto len = lat.boxLengths();
  EXPECT_GT(count(set, SiteClass::kMultiStep), 8);
  EXPECT_EQ(count(set, SiteClass::kPit), 0);
  EXPECT_EQ(count(set, SiteClass::kFacetEdge), 0);
  EXPECT_EQ(set.counts.max_step_height, 2);
  int b_inner_edge = 0;
  for (const NucleationSite& site : set.sites) {
    const double x = site.position_A.x - len.x / 2, z = site.position_A.z - len.z / 2;
    if (site.site_class == SiteClass::kMultiStep) {
      EXPECT_EQ(site.size, 2);
      EXPECT_NEAR(site.position_A.y, top + 2 * kLayer, 0.1);  // the upper ledge carries the site
      EXPECT_LE(z, 0.5);                                      // only where B's edges meet A's
    }
    if (std::abs(site.position_A.y - (top + 2 * kLayer)) < 0.1 && z > -2.0 && std::abs(x) < 10.0) {
      EXPECT_EQ(site.site_class, SiteClass::kStep) << "B's edge over A is monatomic";
      ++b_inner_edge;
    }
  }
  EXPECT_GT(b_inner_edge, 3);
}

// Dig a connected pit from a top-layer atom (in the top layer only, or also downwards): one pit of size m,
// and its rim is not counted again as steps.
TEST(SiteDetector, DugPitOfMVacanciesIsOnePitOfSizeM) {
  for (bool in_plane : {true, false})
    for (int m : {1, 2, 3, 4, 5, 6, 7, 9, 12}) {
      if (!in_plane && m > 9) continue;
      BuiltWire w = slab();
      Lattice& lat = w.lattice;
      const double top = topY(lat);
      const auto len = lat.boxLengths();
      SiteIndex start = -1;
      double best = 1e9;
      for (SiteIndex s = 0; s < lat.siteCount(); ++s) {
        const auto p = lat.position(s);
        const double d = std::hypot(p.x - len.x / 2, p.z - len.z / 2);
        if (lat.occupied(s) && std::abs(p.y - top) < 0.1 && d < best) {
          best = d;
          start = s;
        }
      }
      std::vector<SiteIndex> pit{start};
      lat.remove(start);
      for (std::size_t i = 0; pit.size() < static_cast<std::size_t>(m); ++i)
        for (int d = 0; d < lattice::kNeighbourCount && pit.size() < static_cast<std::size_t>(m); ++d) {
          const SiteIndex n = lat.neighbour(pit[i], d);
          if (!lat.occupied(n) || (in_plane && std::abs(lat.position(n).y - top) > 0.1)) continue;
          lat.remove(n);
          pit.push_back(n);
        }
      const SiteSet set = SiteDetector().detect(lat);
      ASSERT_EQ(set.sites.size(), 1u) << "m = " << m << (in_plane ? " in plane" : " 3D");
      EXPECT_EQ(set.sites[0].site_class, SiteClass::kPit);
      EXPECT_EQ(set.sites[0].size, m);
      EXPECT_EQ(set.counts.pit_vacancies, m);
      EXPECT_TRUE(std::find(pit.begin(), pit.end(), set.sites[0].site) != pit.end());
    }
}

// A rectangle wire: {111} top and bottom, {110} sides. Its sites are the (111) ledges at the 4 corners,
// all facet edges, the same number at each corner (one or two per repeat cell along the axis).
TEST(SiteDetector, RectangleWireHasEdgeSitesAtItsFourCorners) {
  const BuiltWire w = rectangle(40.0, 40.0);
  const SiteSet set = SiteDetector().detect(w.lattice);
  ASSERT_FALSE(set.sites.empty());
  EXPECT_EQ(static_cast<std::int64_t>(set.sites.size()), count(set, SiteClass::kFacetEdge));
  const auto len = w.lattice.boxLengths();
  double y_max = 0.0, z_max = 0.0;
  for (SiteIndex q = 0; q < w.lattice.siteCount(); ++q)
    if (w.lattice.occupied(q)) {
      y_max = std::max(y_max, std::abs(w.lattice.position(q).y - len.y / 2));
      z_max = std::max(z_max, std::abs(w.lattice.position(q).z - len.z / 2));
    }
  std::array<int, 4> corner{};
  for (const NucleationSite& site : set.sites) {
    const double y = site.position_A.y - len.y / 2, z = site.position_A.z - len.z / 2;
    EXPECT_NEAR(std::abs(y), y_max, kLayer) << "not on the top or bottom facet";
    EXPECT_GT(std::abs(z), z_max - 3.0) << "not at a side";
    ++corner[(y > 0 ? 2 : 0) + (z > 0 ? 1 : 0)];
  }
  for (int c : corner) {
    EXPECT_EQ(c, corner[0]);
    EXPECT_GE(c, w.lattice.box().cells_x);
  }
}

// A pristine cylinder is faceted only at the atomic scale: its (111) ledges all run along the axis and
// count as facet edges, never as steps.
TEST(SiteDetector, PristineCylinderHasOnlyFacetEdges) {
  const BuiltWire w = cylinder();
  const SiteSet set = SiteDetector().detect(w.lattice);
  EXPECT_GT(count(set, SiteClass::kFacetEdge), 0);
  EXPECT_EQ(count(set, SiteClass::kStep) + count(set, SiteClass::kMultiStep) + count(set, SiteClass::kPit), 0);
}

// A facet edge of a cylinder roughened as 3 × 10⁶ KMC events at 300 K roughen it (the geometry of a case
// the KMC validation met): three atoms gathered on it, two in the half-row just outside the top strip's
// edge and one in the half-row beyond, and two of its own atoms gone a little way along the axis. The
// edge is still the facet's edge: its ledges, the protrusion's tip included, stay facet edges.
TEST(SiteDetector, AFacetEdgeRoughenedByAFewAtomsStaysAFacetEdge) {
  BuiltWire w = cylinder();
  Lattice& lat = w.lattice;
  const double top = topY(lat);
  const auto len = lat.boxLengths();
  double edge_z = -1e9;
  for (SiteIndex q = 0; q < lat.siteCount(); ++q)
    if (lat.occupied(q) && std::abs(lat.position(q).y - top) < 0.1) edge_z = std::max(edge_z, lat.position(q).z);
  const double half_row = kAg / std::sqrt(2.0) / 2.0;  // a <112> ledge zig-zags by b/2 across the axis
  // Vacant top-layer sites in the n-th half-row outside the edge, within `half_width` of x0 along the axis.
  auto outside = [&](int n, double x0, double half_width) {
    std::vector<SiteIndex> found;
    for (SiteIndex q = 0; q < lat.siteCount(); ++q) {
      const auto p = lat.position(q);
      if (!lat.occupied(q) && std::abs(p.y - top) < 0.1 && std::abs(p.z - edge_z - n * half_row) < 0.3 &&
          std::abs(p.x - x0) <= half_width)
        found.push_back(q);
    }
    return found;
  };
  const double cell = kAg * std::sqrt(6.0) / 2.0;  // sites of a half-row lie a cell apart along the axis
  const auto second = outside(2, len.x / 2, 0.5 * cell);
  ASSERT_EQ(second.size(), 1u);
  const auto first = outside(1, lat.position(second[0]).x, 0.5 * cell + 0.1);
  ASSERT_EQ(first.size(), 2u);
  for (SiteIndex q : first) lat.place(q);
  lat.place(second[0]);
  for (SiteIndex q : {first[0], first[1], second[0]}) EXPECT_GE(lat.coordination(q), 5) << "unsupported atom";
  // A kink pair takes the edge's two outer-corner atoms 2 and 3 cells to one side: there the edge's
  // nearest ledges are its inner corners, three half-rows from the protrusion's tip.
  std::vector<SiteIndex> taken;
  for (SiteIndex q = 0; q < lat.siteCount(); ++q) {
    const auto p = lat.position(q);
    const double dx = p.x - lat.position(second[0]).x;
    if (lat.occupied(q) && std::abs(p.y - top) < 0.1 && std::abs(p.z - edge_z) < 0.3 && dx > 1.5 * cell &&
        dx < 3.25 * cell)
      taken.push_back(q);
  }
  ASSERT_EQ(taken.size(), 2u);
  for (SiteIndex q : taken) lat.remove(q);
  const SiteSet set = SiteDetector().detect(lat);
  EXPECT_EQ(count(set, SiteClass::kStep) + count(set, SiteClass::kMultiStep) + count(set, SiteClass::kPit), 0);
  EXPECT_TRUE(std::any_of(set.sites.begin(), set.sites.end(), [&](const NucleationSite& site) {
    return site.site == second[0] && site.site_class == SiteClass::kFacetEdge;
  })) << "the protrusion's tip is not reported as a ledge of the facet edge";
}

// On a wire, an island whose sides are short along the axis is bounded by steps, and the wire's own
// corners keep their count.
TEST(SiteDetector, IslandOnAWireFacetIsBoundedBySteps) {
  BuiltWire w = rectangle(60.0, 80.0);
  const SiteSet before = SiteDetector().detect(w.lattice);
  fillLayer(w.lattice, topY(w.lattice), 1, [](double x, double z) { return x * x + z * z <= 64.0; });
  const SiteSet after = SiteDetector().detect(w.lattice);
  EXPECT_EQ(count(after, SiteClass::kFacetEdge), count(before, SiteClass::kFacetEdge));
  EXPECT_GT(count(after, SiteClass::kStep), 10);
}

// The paper's geometry on a wire: transverse steps across the (111) top facet. Removing the top layer
// over −30 < x < 30 Å makes monatomic steps at x = ±30; removing the next layer over 0 < x < 30 Å
// makes the steps overlap at x = +30 (a height-2 step) and a new monatomic step at x = 0.
TEST(SiteDetector, TransverseStepsOnAWireFacetAndTheirOverlap) {
  BuiltWire w = rectangle(40.0, 120.0);
  Lattice& lat = w.lattice;
  const double top = topY(lat);
  const auto len = lat.boxLengths();
  auto removeLayer = [&](double y, double x_lo, double x_hi) {
    for (SiteIndex q = 0; q < lat.siteCount(); ++q) {
      const auto p = lat.position(q);
      if (lat.occupied(q) && std::abs(p.y - y) < 0.1 && p.x - len.x / 2 > x_lo && p.x - len.x / 2 < x_hi) lat.remove(q);
    }
  };
  removeLayer(top, -30.0, 30.0);
  const SiteSet single = SiteDetector().detect(lat);
  EXPECT_EQ(count(single, SiteClass::kMultiStep), 0);
  EXPECT_EQ(count(single, SiteClass::kPit), 0);
  EXPECT_GT(count(single, SiteClass::kStep), 8);
  for (const NucleationSite& site : single.sites)
    if (site.site_class == SiteClass::kStep) {
      EXPECT_NEAR(std::abs(site.position_A.x - len.x / 2), 30.0, 4.0);
      EXPECT_NEAR(site.position_A.y, top, 0.1);
    }

  removeLayer(top - kLayer, 0.0, 30.0);
  const SiteSet overlap = SiteDetector().detect(lat);
  EXPECT_GT(count(overlap, SiteClass::kMultiStep), 4);
  int new_step = 0;
  for (const NucleationSite& site : overlap.sites) {
    const double x = site.position_A.x - len.x / 2;
    if (site.site_class == SiteClass::kMultiStep) {
      EXPECT_EQ(site.size, 2);
      EXPECT_NEAR(x, 30.0, 4.0) << "height 2 only where the two edges coincide";
    }
    if (site.site_class == SiteClass::kStep && std::abs(site.position_A.y - (top - kLayer)) < 0.1) {
      EXPECT_NEAR(x, 0.0, 4.0);
      ++new_step;
    }
  }
  EXPECT_GT(new_step, 4);
}

// A riser of two layers that faces across the axis runs along the wire, like the corners of its cross-section,
// and is counted with them however short it is; one that faces along the axis is the computed multi-layer step
// (atomistic::cutStep cuts its steps across the wire). A two-layer island on the top facet, 16 Å along the axis
// (shorter than the chord rule's ±1 nm window) and 20 Å across it: its sides facing ±z are facet edges, its sides
// facing ±x are height-2 steps. Before 2026-12-06 the short ±z sides were height-2 steps too.
TEST(SiteDetector, ATwoLayerRiserAlongTheAxisIsACornerAndAcrossItAStep) {
  BuiltWire w = rectangle(60.0, 80.0);
  Lattice& lat = w.lattice;
  const double top = topY(lat);
  const auto island = [](double x, double z) { return std::abs(x) <= 8.0 && std::abs(z) <= 10.0; };
  fillLayer(lat, top, 1, island);
  fillLayer(lat, top, 2, island);
  const SiteSet set = SiteDetector().detect(lat);
  const auto len = lat.boxLengths();
  int along = 0, across = 0;
  for (const NucleationSite& site : set.sites) {
    if (std::abs(site.position_A.y - (top + 2 * kLayer)) > 0.1) continue;  // the island's top layer
    const double x = site.position_A.x - len.x / 2, z = site.position_A.z - len.z / 2;
    if (site.site_class == SiteClass::kMultiStep) {
      EXPECT_EQ(site.size, 2);
      EXPECT_GT(std::abs(x), 5.0) << "a height-2 step on a side facing along the axis only (z = " << z << ")";
      ++across;
    }
    if (site.site_class == SiteClass::kFacetEdge && std::abs(x) < 5.0 && std::abs(z) > 7.0) ++along;
    EXPECT_NE(site.site_class, SiteClass::kStep) << "every ledge of a two-layer island has height 2";
  }
  EXPECT_GE(across, 4);
  EXPECT_GE(along, 4);
}

TEST(SiteDetector, OptionsAreValidated) {
  DetectorOptions o;
  o.max_step_height = 1;
  EXPECT_THROW(SiteDetector{o}, InputError);
}

}  // namespace
}  // namespace surfkmc::nucleation
