// SPDX-License-Identifier: MIT
#include "app/hop_samples.hpp"

namespace surfkmc::app {

HopSample eventSample(const lattice::Lattice& lattice, const atomistic::HopEnvironments& environments,
                      lattice::SiteIndex from, lattice::SiteIndex to, int direction, const atomistic::HopClass& cls,
                      std::int64_t event) {
  const int back = lattice::oppositeDirection(direction);
  HopSample s;
  s.lattice = std::make_shared<const lattice::Lattice>(lattice);
  s.hop = {to,
           from,
           back,
           {lattice.coordination(to), lattice.coordination(from) - 1, cls.c},
           environments.key(lattice, to, back)};
  s.cls = cls;
  s.reversed = true;
  s.event = event;
  return s;
}

HopOutcome outcomeOf(const HopSample& sample, const atomistic::ProcessResult& r) {
  HopOutcome x;
  x.cls = sample.cls;
  x.from_event = sample.reversed;
  x.valid = r.converged && r.end_states_stable && r.barrier_forward_eV >= kHopBarrierlessEV &&
            r.barrier_backward_eV >= kHopBarrierlessEV;
  // An end state that relaxed away from its site is no state of the lattice, whether or not the NEB
  // between them converged; a barrierless hop has an end state that is no minimum either.
  x.unstable = (r.relaxed && !r.end_states_stable) || (r.converged && !x.valid);
  // An event sample's NEB ran the reverse hop: swap the barriers, negate the energy change.
  x.forward_eV = sample.reversed ? r.barrier_backward_eV : r.barrier_forward_eV;
  x.backward_eV = sample.reversed ? r.barrier_forward_eV : r.barrier_backward_eV;
  x.delta_eV = (sample.reversed ? -1.0 : 1.0) * (r.final_energy_eV - r.initial_energy_eV);
  return x;
}

std::string nebStatusOf(const atomistic::ProcessResult& r, bool valid) {
  if (r.relaxed && !r.end_states_stable) return "unstable_end_state";
  if (!r.converged) return "not_converged";
  return valid ? "valid" : "barrierless";
}

nlohmann::json sampleJson(const HopSample& sample, const HopOutcome& x, const atomistic::ProcessResult& r) {
  return {{"class", {x.cls.n_i, x.cls.n_j, x.cls.c}},
          {"source", sample.reversed ? "event" : "frame"},
          {"environment", sample.hop.environment},
          {"frame", sample.frame},
          {"event", sample.event},
          {"neb_hop_reversed", sample.reversed},
          {"barrier_forward_eV", x.forward_eV},
          {"barrier_backward_eV", x.backward_eV},
          {"delta_energy_eV", x.delta_eV},
          {"kra_eV", 0.5 * (x.forward_eV + x.backward_eV)},
          {"converged", r.converged},
          {"end_states_stable", r.end_states_stable},
          {"valid", x.valid},
          {"status", nebStatusOf(r, x.valid)},
          {"max_residual_force_eV_A", r.max_residual_force_eV_A},
          {"atoms", r.atoms},
          {"free_atoms", r.free_atoms},
          {"neb_steps", r.neb_steps},
          {"wall_time_s", r.wall_time_s},
          {"profile_eV", r.profile_eV}};
}

}  // namespace surfkmc::app
