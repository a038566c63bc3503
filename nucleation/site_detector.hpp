// SPDX-License-Identifier: MIT
// Finds and classifies surface nucleation sites (facet edges, steps, multi-layer steps, pits) from the occupancy.
#pragma once

#include <array>
#include <cstdint>
#include <vector>

#include "lattice/lattice.hpp"
#include "nucleation/site_class.hpp"

namespace surfkmc::nucleation {

/// One nucleation site. Granularity: one site per ledge atom for edges and steps (Ñ counts atoms
/// along the lines), one site per pit (a pit nucleates as a whole). A different granularity only
/// rescales Ñ, which Eq. 2 absorbs into ln(Ñ ν_D): calibrate ν_D for this one.
struct NucleationSite {
  SiteClass site_class = SiteClass::kFacetEdge;
  int size = 1;                 ///< 1 (edge, monatomic step), step height h ≥ 2, or pit size m
  lattice::SiteIndex site = 0;  ///< the ledge atom; for a pit its most enclosed vacancy
  lattice::Vec3 position_A{};   ///< position of `site` [Å]
  double weight = 1.0;          ///< multiplicity: how many equivalent sites this entry stands for
};

/// Summary of a detection, for time series.
struct SiteCounts {
  std::array<std::int64_t, kSiteClassCount> sites{};  ///< number of entries per class (index = SiteClass)
  std::array<double, kSiteClassCount> weight{};       ///< total weight per class
  std::int64_t pit_vacancies = 0;                     ///< vacancies in all pits
  int max_step_height = 0;                            ///< largest finite step height seen (0 if no step)
  std::int64_t surface_atoms = 0;                     ///< atoms with fewer than 12 neighbours
};

/// The detected site list and its counts.
struct SiteSet {
  std::vector<NucleationSite> sites;
  SiteCounts counts;
};

/// Geometric thresholds of the detector (dimensionless counts; documented in nucleation/README.md).
struct DetectorOptions {
  /// A drop deeper than this many (111) layers in front of a ledge is a cliff: the terrace ends
  /// at another facet, so the ledge is a facet edge, not a step.
  int max_step_height = 6;
  /// In-plane occupied neighbours a ledge atom needs (3: kink or straight edge; fewer: adatom or row end).
  int min_ledge_neighbours = 3;
  /// A vacancy with at least this many occupied neighbours seeds a pit (6: a kink site, or the rim
  /// of a hexagonal pit; a (111) terrace vacancy has 9). Seeds that do not close into a pit are dropped.
  int pit_seed_coordination = 6;
  /// A vacancy next to a pit joins it when its occupied neighbours plus its pit neighbours reach this
  /// (7: more than a kink site's 6, so growth does not run along step feet).
  int pit_coordination = 7;
  /// A pit may open to the outside vacuum through at most this many bonds per vacancy (a (111)
  /// terrace vacancy opens through its 3 upward bonds; a notch in a step through 5).
  int pit_max_openings = 3;
  /// Larger vacancy clusters are not pits: their rims are counted as steps.
  int max_pit_size = 400;
  /// On a wire, a ledge is a facet edge of the pristine cross-section, not a step, when its terrace
  /// has ledges at both ends of a window of ±axial_ledge_min_cells cells along the axis whose chord
  /// passes within this many nearest-neighbour distances of it across the axis, plus half of one for
  /// the zig-zag of a <112> ledge, and whose ends differ by at most twice as many: a kink shifts a
  /// ledge by one.
  double axial_ledge_max_shift = 1.0;
  /// The window's half-length in repeat cells (a√6/2 each); axial ledges shorter than the window
  /// (island sides) are steps. At least 1.
  int axial_ledge_min_cells = 2;

  /// Throws InputError naming the first field out of range.
  void validate() const;
};

/// Classifies surface nucleation sites of a lattice from its occupancy alone. Steps are ledges of
/// (111) terraces normal to ±y, the only {111} planes that contain the <112> wire axis. Cost is
/// one pass over the coordination array plus work proportional to the surface.
class SiteDetector {
 public:
  explicit SiteDetector(DetectorOptions options = {});

  const DetectorOptions& options() const { return options_; }

  /// Detects the sites of the current configuration. Sites are ordered by class, then by site index.
  SiteSet detect(const lattice::Lattice& lattice) const;

 private:
  DetectorOptions options_;
};

}  // namespace surfkmc::nucleation
