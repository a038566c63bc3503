// SPDX-License-Identifier: MIT
// When and where a run writes checkpoints.
#include "app/checkpoint_policy.hpp"

#include <fmt/format.h>

#include "app/input_identity.hpp"
#include "app/sweep_plan.hpp"

namespace surfkmc::app {

std::filesystem::path CheckpointPolicy::file(std::uint64_t point, std::uint64_t replica) const {
  return dir / fmt::format("p{:05}_r{:04}.ckpt", point, replica);
}

double checkpointInterval(const std::optional<double>& command_line_s, const Scenario& scenario) {
  if (command_line_s) return *command_line_s;
  return scenario.checkpoint_every_s.value_or(0.0);
}

CheckpointPolicy sweepCheckpoints(const std::filesystem::path& results_dir, const SweepPlan& plan, std::size_t point,
                                  bool resumed) {
  CheckpointPolicy p;
  p.dir = results_dir / "checkpoints";
  p.every_s = checkpointInterval(std::nullopt, plan.points.at(point).scenario);
  p.resume = resumed;
  p.scenario_hash = inputsHash(sweepInputs(plan));
  p.record_dir = results_dir / "points";
  return p;
}

}  // namespace surfkmc::app
