// SPDX-License-Identifier: MIT
// The results of a sweep: points.csv, stress_strain.csv, summary.json, figures, and a table.
#pragma once

#include <filesystem>
#include <iosfwd>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "app/provenance.hpp"
#include "app/replica_runner.hpp"
#include "app/sweep_plan.hpp"

namespace surfkmc::app {

/// Writes into `dir` (every file atomically, each with the provenance):
///  - points.csv: `point,replica,<swept keys>,yield_stress_GPa,yield_strain,time_s,site_class,events,wall_time_s,
///    strength_GPa,stop_reason,strain_rate_per_s,temperature_K` (the last two: each row's ε̇ [1/s], `nan`
///    without loading, and T [K], so `fit` reads a sweep's file as it is)
///  - stress_strain.csv (stressStrainCsv)
///  - summary.json: per point the swept values, replicas, nucleated, yield stress mean/std/stderr
///  - yield_vs_diameter.png (when the points have more than one diameter; one series per material,
///    strain rate and other swept values, error bars = standard error; plus the rows of `data`, a CSV
///    `material,diameter_nm,strain_rate_per_s,temperature_K,yield_GPa,err_GPa,source`, if it exists)
///  - stress_strain.png (replica 0 of every point)
/// `results[p]` holds point p's replicas in order. Prints a table of the points and where the files are.
/// points.csv: one row per (point, replica) with the swept values, the yield and strength, how the
/// replica stopped, its strain rate and temperature (docs/outputs.md). A loaded `run` writes the same
/// file as a one-point plan, so runs and sweeps share the schema.
std::string pointsCsv(const SweepPlan& plan, const std::vector<std::vector<ReplicaOutput>>& results,
                      const Provenance& prov);

/// stress_strain.csv: `point,replica,time_s,applied_strain,stress_GPa,diffusion_strain,slip_strain,
/// cumulative_hazard,event,stress_after_GPa,site_class,x_A,y_A,z_A`. One `sample` row per analysis
/// boundary (the last six columns empty but `event`), and one `slip` row per slip event, before the
/// sample at its time: stress just before (stress_GPa) and after (stress_after_GPa), the class and
/// position of the site it nucleated at (docs/outputs.md). A loaded `run` writes it too.
std::string stressStrainCsv(const SweepPlan& plan, const std::vector<std::vector<ReplicaOutput>>& results,
                            const Provenance& prov);

/// summary.json's `points`: per point its swept values, material, diameter, rate, temperature, replica
/// and stop counts, and the yield and strength statistics. A loaded `run` writes it for its one point.
nlohmann::json pointsJson(const SweepPlan& plan, const std::vector<std::vector<ReplicaOutput>>& results);

void writeSweepReport(const SweepPlan& plan, const std::vector<std::vector<ReplicaOutput>>& results,
                      const std::filesystem::path& dir, const Provenance& provenance,
                      const std::optional<std::filesystem::path>& data, std::ostream& out);

}  // namespace surfkmc::app
