// SPDX-License-Identifier: MIT
// `surfkmc check SCENARIO`.
#include "app/check_command.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <ostream>
#include <string>
#include <thread>

#include "app/cost_estimate.hpp"
#include "app/edit_distance.hpp"
#include "app/progress_meter.hpp"
#include "app/replica_runner.hpp"
#include "app/scenario_loader.hpp"
#include "app/source_file.hpp"
#include "app/specimen.hpp"
#include "app/sweep_job.hpp"
#include "app/sweep_plan.hpp"
#include "core/error.hpp"
#include "core/units.hpp"
#include "lattice/slip.hpp"
#include "lattice/surface.hpp"

namespace surfkmc::app {
namespace {

using units::angstromToNm;

std::string geometryText(const lattice::WireSpec& w) {
  switch (w.shape) {
    case lattice::Shape::kCylinder: {
      std::string s = fmt::format("cylinder, diameter {:g} nm, length {:g} nm", angstromToNm(w.diameter_A),
                                  angstromToNm(w.length_A));
      if (w.gauge)
        s +=
            fmt::format("; gauge diameter {:g} nm over {:g} nm, transitions {:g} nm", angstromToNm(w.gauge->diameter_A),
                        angstromToNm(w.gauge->length_A), angstromToNm(w.gauge->transition_A));
      return s;
    }
    case lattice::Shape::kRectangle:
      return fmt::format("rectangle, width {:g} nm [1-10], thickness {:g} nm [111], length {:g} nm",
                         angstromToNm(w.width_A), angstromToNm(w.thickness_A), angstromToNm(w.length_A));
    case lattice::Shape::kSlab:
      return fmt::format("slab, {:g} x {:g} nm (x, z), thickness {:g} nm [111]", angstromToNm(w.length_A),
                         angstromToNm(w.size_z_A), angstromToNm(w.thickness_A));
  }
  return lattice::shapeName(w.shape);
}

/// The kmc: keys a run uses: a loaded run ends with its loading, and samples at its analysis steps.
std::string kmcText(const Scenario& s) {
  if (!s.kmc) return "none (no kmc: section: the surface is frozen)";
  const KmcSection& k = *s.kmc;
  std::string t = fmt::format("T = {:g} K", k.temperature_K);
  if (k.duration_s && !s.loading) t += fmt::format(", duration {:g} s", *k.duration_s);
  if (k.max_events) t += fmt::format(", at most {} events", *k.max_events);
  if (k.snapshot_every_s) t += fmt::format(", a frame every {:g} s", *k.snapshot_every_s);
  if (k.timeseries_every_s && !s.loading) t += fmt::format(", time series every {:g} s", *k.timeseries_every_s);
  if (k.checking) t += ", checking on";
  if (s.hop_catalogue && s.material.hop_table) {
    const kmc::HopTable& h = *s.material.hop_table;
    t += fmt::format(
        "; hop barriers from {} ({} valid CI-NEB samples: {} hop pairs computed, {} without a stable end state; "
        "pair energy {:.4f} eV; the rest bond counting)",
        printableText(s.hop_catalogue->first.string(), 200), h.valid_samples, h.catalogued_pairs, h.forbidden_pairs,
        h.pair_energy_eV);
    if (!h.strain_slope_eV.empty())
      t += fmt::format(
          "; each hop answers to stress with its own slope, from the same hops at axial strains {:g} and {:g} ({} "
          "samples valid at all three strains; {} of {} pairs resolved; pair energy {:+.3f} eV per unit strain)",
          h.strain_low, h.strain_high, h.strain_paired_samples, h.strain_resolved_pairs, h.catalogued_pairs,
          h.pair_energy_strain_slope_eV);
    else
      t += "; stress through the global migration volume";
    if (h.rim_entries > 0)
      t +=
          fmt::format("; interlayer transits from {} rim entries ({} valid crossings; {} with a measured strain slope)",
                      h.rim_entries, h.rim_valid_samples, h.rim_strain_resolved_entries);
    else if (!k.interlayer)
      t += "; interlayer transits off (kmc.interlayer: false)";
    else
      t += "; no interlayer transits (the catalogue holds no crossings)";
  } else {
    t += fmt::format("; bond counting, ε_b = {:g} eV", s.material.bond_energy_eV);
  }
  return t;
}

std::string loadingText(const Scenario& s) {
  if (!s.loading) return "none (a KMC-only run: surface evolution, no stress)";
  const LoadingSection& l = *s.loading;
  std::string t = l.strain_rate_per_s
                      ? fmt::format("strain rate {:g} /s to strain {:g}", *l.strain_rate_per_s, l.max_strain)
                      : fmt::format("held stress {:g} GPa for {:g} s", *l.stress_GPa, *l.duration_s);
  t += l.coble_creep ? fmt::format("; Coble creep with C = {:g}", s.material.coble_constant)
                     : std::string("; no diffusional creep (creep: none)");
  t += fmt::format("; strain-energy term {}", l.strain_energy ? "on" : "off");
  t += fmt::format("; {} replica{}", s.replicas, s.replicas == 1 ? "" : "s");
  if (s.ablation == coupling::Ablation::kFrozenSurface)
    t += "; ablation frozen_surface (no KMC: no events, no creep, as-cut sites)";
  else if (s.ablation == coupling::Ablation::kAsCutSites)
    t += "; ablation as_cut_sites (the KMC runs, the hazard sees the as-cut sites)";
  return t;
}

std::string nucleationText(const Scenario& s) {
  if (!s.loading) return "not used (no loading: section)";
  const NucleationSection& n = s.nucleation;
  std::string t = fmt::format("{} barrier, analysis every {:g} s, stress tolerance {:g} GPa", n.model,
                              n.analysis_interval_s, n.stress_tolerance_GPa);
  if (n.model == "power") t += fmt::format(", Q* = {:g} eV, exponent {:g}", n.power_barrier_eV, n.power_exponent);
  if (s.material.linear_law && n.model != "computed") {
    const LinearNucleationLaw& law = *s.material.linear_law;
    t += fmt::format("; class laws (calibrated) from {}: edge σ_ath = {:g} GPa, step and pit floors {:g} and {:g}",
                     s.material.linear_law_file ? printableText(s.material.linear_law_file->file.string(), 200)
                                                : std::string("the material file"),
                     law.edge_sigma_ath_GPa, law.step_height_floor, law.pit_size_floor);
  }
  if (s.nucleation_barriers) {
    const NucleationBarrierFile& file = *s.nucleation_barriers;
    const nucleation::ComputedLaws& laws = file.laws;
    const nucleation::Barrier edge = laws.edge.front().barrier(computedStressOffsetGPa(s));
    t += fmt::format(
        " from {} ({} edge, {} step and {} pit laws, {}; the segment's surface stress {:.2f} GPa on {:g} A, {:+.2f} "
        "GPa "
        "on this specimen's sites; the edge's barrier at 1 and 2 GPa applied: {:.2f} and {:.2f} eV)",
        printableText(file.file.string(), 200), laws.edge.size(), laws.step.size(), laws.pit.size(),
        file.law == NucleationBarrierLaw::kTabulated ? "tabulated: the points interpolated in ln ΔG"
                                                     : "power laws fitted to the points",
        file.segment_stress_GPa, file.segment_diameter_A, edge.stress_offset_GPa, edge.energy_eV(1.0),
        edge.energy_eV(2.0));
  }
  if (n.activation_entropy == "meyer_neldel") {
    const double t_mn = *s.material.meyer_neldel_temperature_K;
    const double temperature = temperatureK(s);
    t += fmt::format(
        "; activation entropy ΔS = ΔG/T_MN with T_MN = {:g} K (Meyer-Neldel): every barrier acts as "
        "{:.3f} of itself at {:g} K",
        t_mn, 1.0 - temperature / t_mn, temperature);
  } else {
    t += "; no activation entropy (ν_D exp(−ΔG/k_BT))";
  }
  return t;
}

std::string accelerationText(const Scenario& s) {
  if (!s.kmc) return "not used (no KMC)";
  const kmc::RateScalingParams& r = s.acceleration;
  std::string t = r.enabled
                      ? fmt::format(
                            "rate scaling on (buffer {:g}, window {} events, min rate {:g} /s; not exact: "
                            "its bias on D_s is measured by {} probes of {} plain-KMC events)",
                            r.buffer, r.window_events, r.min_rate_per_s, s.bias_probe.probes, s.bias_probe.plain_events)
                      : std::string("rate scaling off (exact kinetics)");
  return t + (s.super_moves.enabled ? ", super-moves on" : ", super-moves off");
}

/// Values outside what the run can mean, and keys it will not use: warnings, not errors.
void warnAbout(const Scenario& s, std::ostream& err) {
  const std::string where = printableText(s.source_path.string(), 4096) + ": warning: ";
  const Material& m = s.material;
  if (s.kmc && m.melting_point_K && s.kmc->temperature_K >= *m.melting_point_K)
    err << where
        << fmt::format(
               "kmc.temperature_K = {:g} K is at or above the melting point of {} ({:g} K, {}): a solid-surface "
               "model means nothing there\n",
               s.kmc->temperature_K, m.name, *m.melting_point_K, printableText(m.source_path.string(), 4096));
  else if (s.kmc && m.melting_point_K && s.kmc->temperature_K > 0.8 * *m.melting_point_K)
    err << where
        << fmt::format(
               "kmc.temperature_K = {:g} K is above 0.8 of the melting point of {} ({:g} K): surface "
               "premelting and vacancies the model leaves out matter there\n",
               s.kmc->temperature_K, m.name, *m.melting_point_K);
  if (s.loading && s.kmc && s.kmc->duration_s)
    err << where << "kmc.duration_s is ignored by a run with loading: (its loading ends it)\n";
  if (s.loading && s.kmc && s.kmc->timeseries_every_s)
    err << where
        << "kmc.timeseries_every_s is ignored by a run with loading: (a row per nucleation.analysis_interval_s)\n";
  if (!s.loading && s.replicas > 1)
    err << where << "replicas is ignored by a KMC-only run (no loading: section): it runs once\n";
}

/// Every point of the sweep with its values, and an estimate of its cost.
void printSweep(const std::filesystem::path& scenario, std::ostream& out) {
  // Exactly what `sweep` does before it runs: expand every point and validate it, and build each
  // distinct specimen (so an empty one is refused here, not hours into the sweep).
  const SweepPlan plan = loadSweepPlan(scenario);
  SweepJob::checkPlan(plan);
  std::size_t tasks = 0;
  for (const SweepPoint& p : plan.points) tasks += static_cast<std::size_t>(p.scenario.replicas);
  out << fmt::format("sweep      {} points over {}, {} tasks (points x replicas); every point valid\n",
                     plan.points.size(), joinNames(plan.keys), tasks);
  // A short timing per point, for the first points only: check must stay quick.
  constexpr std::size_t kTimedPoints = 12;
  double cpu_s = 0.0;
  bool complete = true;
  for (const SweepPoint& p : plan.points) {
    std::string values;
    for (std::size_t k = 0; k < plan.keys.size(); ++k)
      values += fmt::format("{}{} = {}", k ? ", " : "", plan.keys[k], printableText(p.values[k], 256));
    std::string cost = "not timed";
    if (p.index < kTimedPoints) {
      const CostEstimate c = estimateCost(p.scenario, 0.2);
      if (c.wall_s) cpu_s += *c.wall_s * p.scenario.replicas;
      if (c.wall_s) cost = fmt::format("~{} per replica", clockText(*c.wall_s));
      if (c.frozen) cost = "frozen surface: no KMC events";
      complete = complete && (c.wall_s.has_value() || c.frozen || !c.has_kmc);
    } else {
      complete = false;
    }
    out << fmt::format("  point {:>3}: {} ({} replicas; {})\n", p.index, values, p.scenario.replicas, cost);
  }
  const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
  out << fmt::format("cost       sweep: ~{} of CPU time{}, ~{} of wall time on {} cores (rough, an upper bound)\n",
                     clockText(cpu_s), complete ? "" : " for the timed points", clockText(cpu_s / cores), cores);
}

}  // namespace

void checkCommand(const std::filesystem::path& scenario, std::ostream& out, std::ostream& err) {
  const Scenario s = loadScenario(scenario);
  const lattice::BuiltWire built = buildSpecimen(s);
  const lattice::SurfaceCensus census = lattice::surfaceCensus(built.lattice);
  const lattice::Vec3 box = built.lattice.boxLengths();
  const lattice::BoxSpec& cells = built.lattice.box();
  const Material& m = s.material;

  out << fmt::format("scenario   {} ({}, schema {})\n", printableText(s.source_path.string(), 4096), s.source_hash,
                     s.schema_version);
  out << fmt::format("name       {}, seed {}\n", s.name, s.seed);
  out << fmt::format("material   {} from {}: a = {:g} Å, E<112> = {:g} GPa, ε_b = {:g} eV, ν0 = {:g} /s{}\n", m.name,
                     printableText(m.source_path.string(), 4096), m.lattice_constant_A, m.youngs_modulus_112_GPa,
                     m.bond_energy_eV, m.attempt_frequency_per_s,
                     m.melting_point_K ? fmt::format(", T_m = {:g} K", *m.melting_point_K) : std::string());
  out << fmt::format("geometry   {}\n", geometryText(s.wire));
  out << fmt::format("atoms      {} on {} sites\n", built.lattice.atomCount(), built.lattice.siteCount());
  out << fmt::format("surface    {} atoms: (111) facets {}, (100) facets {}, other {}; bulk {}\n", census.surface(),
                     census.facet111, census.facet100, census.other, census.bulk);
  const lattice::OutermostLayers layers = lattice::outermostLayers(built.lattice);
  // How wide the outermost (111) layers are: on the 10 nm Pt wire a 5-row ridge on one cut and a 17-row facet on
  // the other, which decides its plastic flow (docs/validation.md, "Why the cuts differ").
  out << fmt::format("top layers outermost (111) layers: +y {} rows of <112> ({} atoms), -y {} rows ({} atoms)\n",
                     layers.top.rows, layers.top.atoms, layers.bottom.rows, layers.bottom.atoms);
  out << fmt::format("box        {:.3f} x {:.3f} x {:.3f} nm ({} x {} x {} cells), periodic along{}{}{}\n",
                     angstromToNm(box.x), angstromToNm(box.y), angstromToNm(box.z), cells.cells_x, cells.cells_y,
                     cells.cells_z, cells.periodic_x ? " x" : "", cells.periodic_y ? " y" : "",
                     cells.periodic_z ? " z" : "");
  out << fmt::format("rounding   {}\n", built.rounding_note);
  out << fmt::format("kmc        {}\n", kmcText(s));
  out << fmt::format("loading    {}\n", loadingText(s));
  if (s.loading && s.loading->until_max_strain) {
    // One slip event: the full dislocation lengthens the gauge by b cos λ (docs/model.md#slip).
    const auto systems = lattice::tensileSlipSystems(built.lattice.frame());
    const double gauge = s.wire.gauge ? s.wire.gauge->length_A : built.length_A;
    const double strain = systems[0].burgers_A.x / gauge;
    out << fmt::format(
        "slip       goes on after each nucleation to strain {:g}: one slip lengthens the {:g} nm gauge by {:.3f} Å, a "
        "strain of {:.3g} and a stress drop of {:.3g} GPa\n",
        s.loading->max_strain, angstromToNm(gauge), systems[0].burgers_A.x, strain,
        s.material.youngs_modulus_112_GPa * strain);
  }
  out << fmt::format("nucleation {}\n", nucleationText(s));
  out << fmt::format("accel.     {}\n", accelerationText(s));
  if (s.checkpoint_every_s) out << fmt::format("checkpoint every {:g} s of wall time\n", *s.checkpoint_every_s);
  warnAbout(s, err);
  if (s.has_sweep) {
    printSweep(scenario, out);
  } else {
    out << fmt::format("cost       {}\n", costText(estimateCost(s, 0.5)));
  }
  out << "ok\n";
}

}  // namespace surfkmc::app
