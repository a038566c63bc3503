// SPDX-License-Identifier: MIT
// The barrier of the first Shockley partial nucleating at a surface site of a strained <112> wire
// segment: relaxed end states (perfect, and slipped across the section), a corner-first band, CI-NEB.
#pragma once

#include <cstddef>
#include <functional>
#include <iosfwd>
#include <memory>
#include <string>
#include <vector>

#include "atomistic/configuration.hpp"
#include "atomistic/kim_potential.hpp"
#include "atomistic/neb.hpp"
#include "lattice/lattice.hpp"

namespace surfkmc::atomistic {

/// What sits at the corner where the slip plane leaves the top (111) facet.
enum class CornerDefect {
  kNone,  ///< the pristine facet edge
  kStep,  ///< a ledge of `size` (111) layers running along z through the corner
  kPit,   ///< `size` surface vacancies nearest the corner
};

/// A segment's surface as a KMC run left it: the occupied sites of a wire of the segment's own size, in place
/// of the ideal cut. The corner then holds whatever the KMC made there.
struct SegmentSurface {
  /// Occupied sites, in the lattice frame of lattice::buildWire, scaled to the segment's lattice constant [Å].
  std::vector<Eigen::Vector3d> atoms_A;
  /// Its length along the periodic x axis at that lattice constant [Å]; must be the segment's.
  double length_A = 0.0;
};

struct NucleationSite {
  CornerDefect defect = CornerDefect::kNone;
  int size = 0;  ///< step height h [(111) layers] or pit vacancies m; 0 for the pristine edge
  /// A KMC-made surface in place of the ideal cut (defect must then be kNone), moved along +x by
  /// `shift_cells` whole repeat cells (a√6/2) before the slip plane meets it, so that one surface offers one
  /// corner per cell.
  std::shared_ptr<const SegmentSurface> surface;
  int shift_cells = 0;

  /// "edge", "step_h<h>" or "pit_m<m>" (the names of data/nucleation/*.json); "kmc_s<shift>" on a KMC surface.
  std::string name() const;
  /// Throws InputError unless the size suits the defect (edge: 0; step: 1–6; pit: 1–20), and a KMC surface
  /// comes with the pristine defect and a shift in [0, 1000).
  void validate() const;
};

/// Parses a site name as written by NucleationSite::name(); throws InputError naming what is allowed.
NucleationSite parseNucleationSite(const std::string& name);

/// The wire segment: a cylinder cut by lattice::buildWire (the KMC's own lattice), periodic along x.
struct SegmentSpec {
  double diameter_A = 15.0;
  /// Along x; must exceed the slip plane's footprint (about 1.9 × diameter) plus a cutoff [Å].
  double length_A = 42.0;
  void validate() const;
};

/// The segment a site is computed on, before any relaxation: its lattice with the site's occupancy, and where
/// the slip plane leaves the top (111) facet.
struct SegmentLayout {
  lattice::Lattice lattice;
  Eigen::Vector3d corner;  ///< on the slip plane, at the facet edge [Å]
  double length_A = 0.0;   ///< along the periodic x axis [Å]
};

struct NucleationSettings {
  /// Lattice constant the segment is cut with [Å] (the potential's own a0).
  double lattice_constant_A = 0.0;
  SegmentSpec segment{};
  /// End-state relaxation: largest atomic force [eV/Å].
  double relax_tolerance = 1.0e-3;
  /// Strain step of the central difference that gives the axial stress.
  double stress_strain_step = 2.0e-3;
  /// Width of the slipped/unslipped border in the initial band [Å].
  double band_border_A = 4.0;
  NebParams neb = defaultNeb();
  /// After the band converges intact, run a second CI-NEB with as many images between the initial state and
  /// the first image past the saddle, strung at equal spacing along the converged band (refineBand()), and take
  /// the barrier from it. On large sections the full-slip band spends most images on the slipped plane's
  /// energy release and leaves the saddle to one or two images (docs/atomistic.md, "Beyond 40 Å").
  bool refine = false;

  static NebParams defaultNeb();
};

/// One CI-NEB at one strain.
struct NucleationResult {
  std::string site;
  double strain = 0.0;
  double stress_GPa = 0.0;          ///< axial stress of the relaxed perfect segment (nominal, see .cpp)
  double barrier_eV = 0.0;          ///< E_saddle − E_initial
  double reaction_energy_eV = 0.0;  ///< E_final − E_initial (the fully slipped section)
  bool converged = false;           ///< NEB force below tolerance
  bool band_intact = false;         ///< no atom of any image strayed > 3 Å beyond its end-to-end move
  bool final_slipped = false;       ///< the relaxed final state kept its slip (median slip > b/2)
  /// No image before the climbing image lies more than kInitialSlack_eV below the initial state: the
  /// barrier is measured from the minimum the path leaves (initialIsLowest()).
  bool initial_lowest = false;
  double max_force_eV_A = 0.0;
  int neb_steps = 0;
  int neb_attempts = 0;  ///< 2 when the first band did not converge and a gentler FIRE ran
  int atoms = 0;
  int climbing_image = -1;
  double wall_time_s = 0.0;
  std::vector<double> profile_eV;  ///< band energies relative to the initial state
  /// The saddle's slip across the plane, per atom pair (upper atom) [Å]: the partial loop.
  int plane_pairs = 0;
  int loop_pairs = 0;  ///< pairs slipped by more than |b_p|/2 at the saddle
  double max_slip_A = 0.0;
  double loop_corner_distance_A = 0.0;  ///< slip-weighted centroid of the loop from the corner [Å]
  Configuration saddle;
  std::vector<double> saddle_slip_A;  ///< per atom (0 off the plane)
  /// With NucleationSettings::refine: whether the second band ran (it does when the first converged intact),
  /// and the first band's barrier, climbing image and profile. The fields above then describe the second band,
  /// except reaction_energy_eV and final_slipped, which are the full slip's.
  bool refined = false;
  double coarse_barrier_eV = 0.0;
  int coarse_climbing_image = -1;
  std::vector<double> coarse_profile_eV;
  /// Why the point stopped before its end (the potential's RuntimeError, e.g. a KIM compute that
  /// failed on a blown-up band); empty when it ran through. A failed point has no saddle and no fit.
  std::string failure;
};

/// How far an image before the saddle may lie below the initial state [eV]: twice the ~0.01 eV accuracy
/// the power-law fit needs.
inline constexpr double kInitialSlack_eV = 0.02;

/// Whether no band energy before `climbing_image` (energies relative to the initial state) lies more
/// than `slack_eV` below 0. When one does, the relaxed initial state was not the minimum: the band found
/// a lower state on its way (a pit whose atoms rearrange, say), and E_saddle − E_initial is not the barrier.
bool initialIsLowest(const std::vector<double>& profile_eV, int climbing_image, double slack_eV = kInitialSlack_eV);

/// The band of a refinement: the initial state, `images` intermediate images and `band[last]`, strung along the
/// polyline band[0], band[1], …, band[last] at equal arc length (coordinates in one flat vector each).
std::vector<Eigen::VectorXd> refineBand(const std::vector<Eigen::VectorXd>& band, int last, int images);

/// The segment of `site`: the ideal cut, its defect cut at the corner, or its KMC surface moved into place.
/// Throws InputError when a KMC surface does not lie on the segment's lattice (another length, diameter or
/// lattice constant).
SegmentLayout segmentLayout(const NucleationSite& site, const NucleationSettings& settings);

NucleationResult computeNucleationBarrier(const PotentialSpec& spec, const NucleationSite& site, double strain,
                                          const NucleationSettings& settings);

struct NucleationTask {
  NucleationSite site;
  double strain = 0.0;
};

/// Called on the worker thread as soon as task `index` has its result (calls may overlap across threads).
using NucleationFinished = std::function<void(std::size_t index, const NucleationResult& result)>;
/// Asked before each task starts; true leaves that task and every later one unrun.
using NucleationStop = std::function<bool()>;

/// Text of the `failure` of a task that a stop request left unrun.
inline constexpr const char* kNucleationNotRun = "not run: the run was asked to stop";

/// Runs the tasks on `threads` threads (one potential per task); results in task order. A task whose
/// potential throws RuntimeError is recorded with its `failure` and the others go on. `finished`, if given,
/// sees each result when its task ends; a task that starts after `stop` returned true is not run and gets
/// the failure kNucleationNotRun (tasks already running finish).
std::vector<NucleationResult> computeNucleationBarriers(const PotentialSpec& spec,
                                                        const std::vector<NucleationTask>& tasks,
                                                        const NucleationSettings& settings, int threads,
                                                        const NucleationFinished& finished = {},
                                                        const NucleationStop& stop = {});

/// One extXYZ frame (species, pos, slip) of a configuration; open axes get the box as cell.
void writeConfigurationXyz(std::ostream& out, const Configuration& config, const std::string& species,
                           const std::vector<double>& slip_A, const std::string& info);

}  // namespace surfkmc::atomistic
