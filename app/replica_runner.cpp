// SPDX-License-Identifier: MIT
// One replica of a scenario.
#include "app/replica_runner.hpp"

#include <fmt/format.h>

#include <chrono>
#include <cmath>
#include <sstream>

#include "app/checkpoint_file.hpp"
#include "app/replica_record.hpp"
#include "app/specimen.hpp"
#include "core/binary_reader.hpp"
#include "core/binary_writer.hpp"
#include "core/error.hpp"
#include "core/units.hpp"
#include "kmc/energetics_params.hpp"
#include "lattice/ext_xyz.hpp"
#include "nucleation/site_class.hpp"

namespace surfkmc::app {

coupling::CoupledRunParams coupledParams(const Scenario& s, double diameter_A, double gauge_length_A) {
  const Material& m = s.material;
  const double temperature = s.kmc ? s.kmc->temperature_K : 300.0;
  coupling::CoupledRunParams p;

  p.energetics = energeticsFor(m, temperature);

  const LoadingSection& l = *s.loading;
  coupling::LoadingParams& lp = p.loading;
  lp.youngs_modulus_GPa = m.youngs_modulus_112_GPa;
  if (l.stress_GPa) {
    lp.constant_stress_GPa = *l.stress_GPa;
  } else {
    lp.strain_rate_per_s = *l.strain_rate_per_s;
  }
  lp.max_strain = l.max_strain;
  lp.coble_constant = m.coble_constant;
  lp.diameter_A = diameter_A;
  lp.atomic_volume_A3 = m.atomic_volume_A3;
  // Atoms per area on (111), √3 a²/4 each: the close-packed surface layer of Coble's δ ≈ Ω ν_s.
  lp.surface_site_density_per_A2 = 4.0 / (std::sqrt(3.0) * m.lattice_constant_A * m.lattice_constant_A);
  lp.temperature_K = temperature;
  lp.gauge_length_A = gauge_length_A;
  lp.burgers_A = m.burgers_vector_A;
  // Leading partial on the most stressed {111}<112> system of <112> tension: Schmid factor 0.393
  // (docs/parameters.md#slip-geometry); its Burgers vector b/√3 makes the slip strain b_p cos λ / L.
  lp.slip_cos_lambda = 0.393;

  nucleation::NucleationParameters& n = p.nucleation;
  n.temperature_K = temperature;
  n.attempt_frequency_per_s = m.debye_frequency_per_s;
  n.form = s.nucleation.model == "power" ? nucleation::BarrierForm::kPower : nucleation::BarrierForm::kLinear;
  auto cls = [&](double sigma, double omega) {
    nucleation::ClassParameters c;
    c.sigma_ath_GPa = sigma;
    c.activation_volume_A3 = omega;
    c.barrier_eV = s.nucleation.power_barrier_eV;
    c.exponent = s.nucleation.power_exponent;
    return c;
  };
  n.facet_edge = cls(m.edge_sigma_ath_GPa, m.edge_activation_volume_A3);
  n.step = cls(m.step_sigma_ath_GPa, m.step_activation_volume_A3);
  n.pit = cls(m.pit_sigma_ath_GPa, m.pit_activation_volume_A3);
  n.step_height_sigma = {m.step_height_floor, m.step_height_decay};
  n.pit_size_sigma = {m.pit_size_floor, m.pit_size_decay};

  p.rate_scaling = s.acceleration;
  p.super_moves = s.super_moves;
  p.strain_energy.enabled = l.strain_energy;
  p.strain_energy.youngs_modulus_GPa = m.youngs_modulus_112_GPa;
  p.strain_energy.atomic_volume_A3 = m.atomic_volume_A3;
  p.strain_energy.stress_refresh_tolerance = l.stress_refresh_tolerance;

  p.analysis_interval_s = s.nucleation.analysis_interval_s;
  p.stress_tolerance_GPa = s.nucleation.stress_tolerance_GPa;
  if (s.kmc && s.kmc->max_events) p.max_events = *s.kmc->max_events;
  p.kmc_enabled = s.kmc.has_value();
  if (l.stress_GPa) p.max_duration_s = *l.duration_s;
  return p;
}

ReplicaOutput runCoupledReplica(const Scenario& s, std::uint64_t point, std::uint64_t replica, bool keep_snapshot,
                                const CheckpointPolicy& checkpoints) {
  using Clock = std::chrono::steady_clock;
  const auto start = Clock::now();
  const auto since = [](Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); };
  lattice::BuiltWire built = buildSpecimen(s);
  const double diameter = s.wire.shape == lattice::Shape::kCylinder
                              ? (s.wire.gauge ? s.wire.gauge->diameter_A : s.wire.diameter_A)
                              : std::sqrt(4.0 / units::kPi * s.wire.width_A * s.wire.thickness_A);
  const double gauge = s.wire.gauge ? s.wire.gauge->length_A : built.length_A;
  coupling::CoupledRunParams params = coupledParams(s, diameter, gauge);

  ReplicaOutput out;
  out.point = point;
  out.replica = replica;
  out.atoms_initial = built.lattice.atomCount();
  coupling::CoupledRun run(built.lattice, params, s.seed, point, replica);

  const std::filesystem::path file = checkpoints.dir.empty() ? std::filesystem::path() : checkpoints.file(point, replica);
  CheckpointHeader header;
  header.kind = CheckpointKind::kCoupled;
  header.scenario_hash = checkpoints.scenario_hash;
  header.point = point;
  header.replica = replica;
  double wall_before = 0.0;  // spent by the runs this one continues [s]
  if (checkpoints.resume && !file.empty()) {
    if (const auto state = readCheckpoint(file, header, wall_before)) {
      BinaryReader in(*state);
      try {
        run.restoreState(in);
        in.expectEnd();
      } catch (const InputError& e) {
        throw InputError(file.string() + ": " + e.what() + "; delete it to start that replica afresh");
      }
      out.resumed = true;
    }
  }
  coupling::CoupledRun::BoundaryHook hook;
  auto last = Clock::now();
  if (checkpoints.writes()) {
    std::error_code ec;
    std::filesystem::create_directories(checkpoints.dir, ec);
    if (ec) throw RuntimeError("cannot create checkpoint folder '" + checkpoints.dir.string() + "': " + ec.message());
    // Saving only reads the run, so when it happens (wall clock) cannot change the result.
    hook = [&](const coupling::CoupledRun& at) {
      if (since(last) < checkpoints.every_s) return;
      BinaryWriter state;
      at.saveState(state);
      header.wall_time_s = wall_before + since(start);
      writeCheckpoint(file, header, state.bytes());
      last = Clock::now();
    };
  }
  out.result = run.run(hook);
  out.atoms_final = built.lattice.atomCount();
  if (keep_snapshot) {
    std::ostringstream xyz;
    const lattice::Lattice& lat = built.lattice;
    const auto& r = out.result;
    const lattice::Vec3 site = r.position_A;
    const double mark_radius = 1.5 * lat.frame().nearestNeighbourDistance();
    std::vector<lattice::IntColumn> extra;
    if (r.nucleated)
      extra.push_back({"nucleation_site", [&lat, site, mark_radius](lattice::SiteIndex i) {
                         const lattice::Vec3 p = lat.position(i);
                         const double dx = p.x - site.x, dy = p.y - site.y, dz = p.z - site.z;
                         return dx * dx + dy * dy + dz * dz <= mark_radius * mark_radius ? 1 : 0;
                       }});
    const std::string info =
        r.nucleated ? fmt::format("time={} yield_stress_GPa={} site_class={} replica={}", r.time_s, r.yield_stress_GPa,
                                  nucleation::siteClassName(r.site_class), replica)
                    : fmt::format("time={} nucleated=F replica={}", r.time_s, replica);
    lattice::writeExtXyz(xyz, lat, s.material.species, info, extra);
    out.yield_snapshot = xyz.str();
  }
  out.wall_time_s = wall_before + since(start);
  std::error_code ec;
  if (!file.empty() && std::filesystem::exists(file, ec)) {
    // The record first: a kill between the two leaves the record, never neither.
    if (checkpoints.record_dir)
      saveReplicaRecord(replicaRecordPath(*checkpoints.record_dir, point, replica), out, checkpoints.scenario_hash);
    std::filesystem::remove(file, ec);
  }
  return out;
}

}  // namespace surfkmc::app
