// SPDX-License-Identifier: MIT
// The replicas of a sweep as markers on its figures: nucleated and crept ones told apart.
#pragma once

#include <vector>

#include "app/figure.hpp"
#include "app/replica_runner.hpp"
#include "app/sweep_plan.hpp"

namespace surfkmc::app {

/// Adds every replica's strength at its diameter [nm] as a marker: filled circles for replicas
/// that nucleated, open triangles for those that crept to the end of their loading without
/// nucleating (their strength is the plateau they flowed at), crosses for those cut short by
/// kmc.max_events (a lower bound).
void addReplicaStrengths(FigureSpec& figure, const SweepPlan& plan,
                         const std::vector<std::vector<ReplicaOutput>>& results);

/// Marks where each drawn stress-strain curve (replica 0 of each point) ends, with the same
/// markers: the nucleation stress, or the end of loading of a replica that crept.
void addCurveEnds(FigureSpec& figure, const SweepPlan& plan, const std::vector<std::vector<ReplicaOutput>>& results);

}  // namespace surfkmc::app
