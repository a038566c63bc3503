// SPDX-License-Identifier: MIT
// A nucleation segment that takes a KMC run's occupancy: the cut wire itself gives the ideal segment at every
// shift, a vacancy moves with the shift, and a surface of another wire is refused. No potential is called.
#include <gtest/gtest.h>

#include <cmath>
#include <memory>
#include <string>

#include "atomistic/nucleation_path.hpp"
#include "core/error.hpp"
#include "lattice/wire_builder.hpp"

namespace surfkmc::atomistic {
namespace {

constexpr double kKmcA = 4.0857;      // the lattice constant a KMC run of Ag writes its frames with
constexpr double kSegmentA = 4.0901;  // the potential's a0, which the segment is cut with

NucleationSettings segment() {
  NucleationSettings s;
  s.lattice_constant_A = kSegmentA;
  s.segment = {25.0, 62.0};
  return s;
}

/// The occupied sites of a wire cut as `surfkmc run` cuts it, at the KMC's lattice constant, scaled to a0.
std::shared_ptr<SegmentSurface> cutWireSurface(double diameter_A, double length_A) {
  lattice::WireSpec spec;
  spec.shape = lattice::Shape::kCylinder;
  spec.diameter_A = diameter_A;
  spec.length_A = length_A;
  const lattice::BuiltWire wire = lattice::buildWire(kKmcA, spec);
  auto surface = std::make_shared<SegmentSurface>();
  const double scale = kSegmentA / kKmcA;
  surface->length_A = scale * wire.lattice.boxLengths().x;
  for (lattice::SiteIndex s = 0; s < wire.lattice.siteCount(); ++s)
    if (wire.lattice.occupied(s)) {
      const lattice::Vec3 p = wire.lattice.position(s);
      surface->atoms_A.push_back(scale * Eigen::Vector3d(p.x, p.y, p.z));
    }
  return surface;
}

NucleationSite onSurface(std::shared_ptr<const SegmentSurface> surface, int shift) {
  NucleationSite site;
  site.surface = std::move(surface);
  site.shift_cells = shift;
  return site;
}

/// Sites whose occupancy differs between two layouts of the same segment.
std::vector<lattice::SiteIndex> differences(const SegmentLayout& a, const SegmentLayout& b) {
  std::vector<lattice::SiteIndex> out;
  for (lattice::SiteIndex s = 0; s < a.lattice.siteCount(); ++s)
    if (a.lattice.occupied(s) != b.lattice.occupied(s)) out.push_back(s);
  return out;
}

TEST(SegmentSurface, TheCutWireItselfGivesTheIdealSegmentAtEveryShift) {
  const NucleationSettings s = segment();
  const SegmentLayout ideal = segmentLayout(NucleationSite{}, s);
  const auto surface = cutWireSurface(25.0, 62.0);
  for (int shift : {0, 1, 7, 11}) {
    const SegmentLayout kmc = segmentLayout(onSurface(surface, shift), s);
    EXPECT_EQ(kmc.lattice.atomCount(), ideal.lattice.atomCount()) << shift;
    EXPECT_TRUE(differences(kmc, ideal).empty()) << "the cut is the same in every repeat cell; shift " << shift;
    EXPECT_EQ(kmc.corner, ideal.corner) << "the plane and corner are the ideal cut's";
  }
  EXPECT_EQ(onSurface(surface, 7).name(), "kmc_s7");
}

TEST(SegmentSurface, AVacancyMovesWithTheShift) {
  const NucleationSettings s = segment();
  const SegmentLayout ideal = segmentLayout(NucleationSite{}, s);
  auto surface = cutWireSurface(25.0, 62.0);
  // Take out the atom nearest the corner.
  std::size_t nearest = 0;
  for (std::size_t k = 0; k < surface->atoms_A.size(); ++k)
    if ((surface->atoms_A[k] - ideal.corner).norm() < (surface->atoms_A[nearest] - ideal.corner).norm()) nearest = k;
  const Eigen::Vector3d gone = surface->atoms_A[nearest];
  surface->atoms_A.erase(surface->atoms_A.begin() + static_cast<long>(nearest));
  const double cell = ideal.length_A / ideal.lattice.box().cells_x;
  for (int shift : {0, 3}) {
    const SegmentLayout kmc = segmentLayout(onSurface(surface, shift), s);
    const auto changed = differences(kmc, ideal);
    ASSERT_EQ(changed.size(), 1u) << shift;
    EXPECT_FALSE(kmc.lattice.occupied(changed[0]));
    const lattice::Vec3 p = kmc.lattice.position(changed[0]);
    double dx = p.x - (gone.x() + shift * cell);
    dx -= ideal.length_A * std::round(dx / ideal.length_A);
    EXPECT_NEAR(dx, 0.0, 1e-6) << shift;
    EXPECT_NEAR(p.y, gone.y(), 1e-6);
    EXPECT_NEAR(p.z, gone.z(), 1e-6);
  }
}

TEST(SegmentSurface, AnotherWireOrAnOffLatticeAtomIsRefused) {
  const NucleationSettings s = segment();
  try {
    segmentLayout(onSurface(cutWireSurface(25.0, 42.0), 0), s);
    ADD_FAILURE() << "a shorter wire was accepted";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("long at a = 4.0901"), std::string::npos) << e.what();
  }
  auto moved = cutWireSurface(25.0, 62.0);
  moved->atoms_A[5] += Eigen::Vector3d(0.0, 1.0, 0.0);
  try {
    segmentLayout(onSurface(moved, 0), s);
    ADD_FAILURE() << "an atom off the lattice was accepted";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("atom 5 at"), std::string::npos) << e.what();
  }
  NucleationSite pit = onSurface(cutWireSurface(25.0, 62.0), 0);
  pit.defect = CornerDefect::kPit;
  pit.size = 1;
  EXPECT_THROW(pit.validate(), InputError);
  EXPECT_THROW(onSurface(moved, 1000).validate(), InputError);
}

}  // namespace
}  // namespace surfkmc::atomistic
