// SPDX-License-Identifier: MIT
// The canonical surface processes of an FCC metal as relaxed end states and CI-NEB barriers.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "atomistic/configuration.hpp"
#include "atomistic/kim_potential.hpp"
#include "atomistic/neb.hpp"

namespace surfkmc::atomistic {

/// Size of the slabs that hold the processes: periodic in-plane, open above, the bottom layers held.
struct SlabSize {
  /// In-plane repeats of the slab cell (x: the box's first in-plane axis).
  int cells_x = 4;
  int cells_z = 7;
  /// Full atomic layers under the adatom or step.
  int layers = 6;
  /// Bottom layers held at bulk positions (the fixed boundary shell).
  int fixed_layers = 2;
  void validate() const;
};

struct BarrierSettings {
  /// Lattice constant the slabs are cut with [Å] (the potential's own a0).
  double lattice_constant_A = 0.0;
  /// Uniaxial strain along the wire axis x ∥ [-1-12] (the (111) and (110) slabs are cut in the wire
  /// frame; the (100) slab, which the frame has no face for, is strained along its x ∥ [110]).
  double axial_strain = 0.0;
  /// Relaxation of end states: largest atomic force [eV/Å], and most FIRE steps.
  double relax_tolerance = 1.0e-3;
  int relax_max_steps = 20000;
  NebParams neb{};
  SlabSize terrace_111{4, 7, 6, 2};
  SlabSize terrace_100{7, 7, 6, 2};
  SlabSize terrace_110{3, 3, 8, 2};
  /// Vicinal (111): cells_x sets the terrace + strip width (2 rows of atoms per cell).
  SlabSize step_111{6, 6, 4, 2};
  /// (111) with a hexagonal one-layer island (19 atoms) for corner rounding.
  SlabSize island_111{6, 10, 4, 2};
  void validate() const;
};

/// One process's two end states (same atoms, same order) before relaxation.
struct ProcessGeometry {
  std::string name;         ///< e.g. "111_hop"
  std::string description;  ///< one line
  Configuration initial;
  Configuration final_state;
  /// Atoms that move between the end states (for the end-state stability check).
  std::vector<int> movers;
  /// The surface normal axis (0, 1, 2); stability is judged on in-plane displacements. −1: on the
  /// whole displacement (a surface whose normal is no axis, e.g. a wire's).
  int normal = 1;
  /// A mover farther than this from its intended site after relaxation makes the end state unstable [Å].
  double site_tolerance_A = 0.5;
  /// A state the initial band passes through (same atoms, same order), e.g. the rim site of a move over a
  /// step edge, where the straight line would cut through the edge. The band then runs piecewise-linearly
  /// initial → waypoint → final state, images spread evenly by length; without it, the straight line.
  std::optional<Configuration> waypoint;
};

struct ProcessResult {
  std::string name;
  std::string description;
  double barrier_forward_eV = 0.0;
  double barrier_backward_eV = 0.0;
  /// Relaxed end-state energies [eV] (total energies of the cluster).
  double initial_energy_eV = 0.0;
  double final_energy_eV = 0.0;
  /// NEB reached its force criterion and both end states relaxed.
  bool converged = false;
  /// Both end states reached the relaxation criterion (whatever the NEB did).
  bool relaxed = false;
  /// The moving atoms stayed within 0.5 Å (in-plane) of their intended sites on relaxation.
  bool end_states_stable = false;
  double max_residual_force_eV_A = 0.0;
  int images = 0;  ///< all images, end states included
  int atoms = 0;
  int free_atoms = 0;
  int neb_steps = 0;
  double wall_time_s = 0.0;
  /// The energy profile along the band [eV], relative to the initial state.
  std::vector<double> profile_eV;
};

/// The end states of every canonical process, built from lattice occupancy (the (111), vicinal
/// (111) and (110) slabs in the wire frame through lattice::Lattice; the (100) slab as an oriented box).
std::vector<ProcessGeometry> canonicalProcesses(const BarrierSettings& settings);
/// The (111) adatom hop fcc → hcp and the (100) adatom hop on slabs of the given sizes.
ProcessGeometry hop111(double a, const SlabSize& size);
ProcessGeometry hop100(double a, const SlabSize& size);

/// The process on an open cluster: a ball around the movers' starting centroid, free within
/// free_radius_A, held in a shell of shell_A beyond it (cutCluster); the same atoms in both end states.
ProcessGeometry cutProcess(const ProcessGeometry& process, double free_radius_A, double shell_A);

/// Relaxes both end states (strained by settings.axial_strain) and runs CI-NEB.
ProcessResult computeBarrier(const PotentialSpec& spec, const ProcessGeometry& process,
                             const BarrierSettings& settings);

/// computeBarrier() for each process on up to `threads` threads; results in input order.
std::vector<ProcessResult> computeBarriers(const PotentialSpec& spec, const std::vector<ProcessGeometry>& processes,
                                           const BarrierSettings& settings, int threads);

}  // namespace surfkmc::atomistic
