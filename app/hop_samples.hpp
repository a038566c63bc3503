// SPDX-License-Identifier: MIT
// A hop sampled from a KMC surface for CI-NEB, and its result as a sample of a hops.json: what
// `surfkmc atomistic hops` and `surfkmc learn` both compute and write.
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <memory>

#include "atomistic/hop_catalogue.hpp"
#include "atomistic/surface_processes.hpp"
#include "lattice/lattice.hpp"

namespace surfkmc::app {

/// A forward barrier below this [eV] is a hop whose initial state is not a minimum of the potential.
inline constexpr double kHopBarrierlessEV = 1.0e-3;
/// Most FIRE steps of a hop's CI-NEB (both stages).
inline constexpr int kHopNebMaxSteps = 2000;

/// A sampled hop: `hop` on `lattice` is what the NEB computes. A frame sample is a hop offered by a
/// frame (class = hop.cls). An event sample is a hop the KMC performed, i → j; the NEB runs its reverse
/// j → i on the lattice just after it (`reversed`), which crosses the same saddle, so the event's forward
/// barrier is the NEB's backward one.
struct HopSample {
  std::shared_ptr<const lattice::Lattice> lattice;
  atomistic::LatticeHop hop;
  atomistic::HopClass cls;
  bool reversed = false;
  int frame = -1;
  std::int64_t event = -1;
};

/// The event sample of a hop the KMC just performed (`lattice` as it is after the hop, which is copied).
HopSample eventSample(const lattice::Lattice& lattice, const atomistic::HopEnvironments& environments,
                      lattice::SiteIndex from, lattice::SiteIndex to, int direction, const atomistic::HopClass& cls,
                      std::int64_t event);

/// One NEB's result in the sampled class's direction.
struct HopOutcome {
  atomistic::HopClass cls;
  bool from_event = false;
  bool valid = false;
  /// An end state the potential does not hold at its site (unstable or barrierless): no such hop.
  bool unstable = false;
  double forward_eV = 0.0;
  double backward_eV = 0.0;
  double delta_eV = 0.0;
};

HopOutcome outcomeOf(const HopSample& sample, const atomistic::ProcessResult& r);

/// "valid", "unstable_end_state", "barrierless" or "not_converged".
std::string nebStatusOf(const atomistic::ProcessResult& r, bool valid);

/// The sample as hops.json stores it (the fields the hop catalogue's reader needs, and the NEB's record).
nlohmann::json sampleJson(const HopSample& sample, const HopOutcome& x, const atomistic::ProcessResult& r);

}  // namespace surfkmc::app
