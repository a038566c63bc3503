// SPDX-License-Identifier: MIT
// `surfkmc check SCENARIO`.
#include "app/check_command.hpp"

#include <fmt/format.h>

#include <ostream>
#include <string>

#include "app/edit_distance.hpp"
#include "app/scenario_loader.hpp"
#include "app/specimen.hpp"
#include "app/sweep_job.hpp"
#include "app/sweep_plan.hpp"
#include "core/error.hpp"
#include "core/units.hpp"
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

std::string kmcText(const Scenario& s) {
  if (!s.kmc) return "none (no kmc: section)";
  const KmcSection& k = *s.kmc;
  std::string t = fmt::format("T = {:g} K", k.temperature_K);
  if (k.duration_s) t += fmt::format(", duration {:g} s", *k.duration_s);
  if (k.max_events) t += fmt::format(", at most {} events", *k.max_events);
  if (k.snapshot_every_s) t += fmt::format(", snapshot every {:g} s", *k.snapshot_every_s);
  if (k.timeseries_every_s) t += fmt::format(", time series every {:g} s", *k.timeseries_every_s);
  if (k.checking) t += ", checking on";
  return t;
}

}  // namespace

void checkCommand(const std::filesystem::path& scenario, std::ostream& out) {
  const Scenario s = loadScenario(scenario);
  const lattice::BuiltWire built = buildSpecimen(s);
  const lattice::SurfaceCensus census = lattice::surfaceCensus(built.lattice);
  const lattice::Vec3 box = built.lattice.boxLengths();
  const lattice::BoxSpec& cells = built.lattice.box();
  const Material& m = s.material;

  out << fmt::format("scenario   {} ({}, schema {})\n", s.source_path.string(), s.source_hash, s.schema_version);
  out << fmt::format("name       {}, seed {}\n", s.name, s.seed);
  out << fmt::format("material   {} from {}: a = {:g} Å, E<112> = {:g} GPa, ε_b = {:g} eV, ν0 = {:g} /s\n", m.name,
                     m.source_path.string(), m.lattice_constant_A, m.youngs_modulus_112_GPa, m.bond_energy_eV,
                     m.attempt_frequency_per_s);
  out << fmt::format("geometry   {}\n", geometryText(s.wire));
  out << fmt::format("atoms      {} on {} sites\n", built.lattice.atomCount(), built.lattice.siteCount());
  out << fmt::format("surface    {} atoms: (111) facets {}, (100) facets {}, other {}; bulk {}\n", census.surface(),
                     census.facet111, census.facet100, census.other, census.bulk);
  out << fmt::format("box        {:.3f} x {:.3f} x {:.3f} nm ({} x {} x {} cells), periodic along{}{}{}\n",
                     angstromToNm(box.x), angstromToNm(box.y), angstromToNm(box.z), cells.cells_x, cells.cells_y,
                     cells.cells_z, cells.periodic_x ? " x" : "", cells.periodic_y ? " y" : "",
                     cells.periodic_z ? " z" : "");
  out << fmt::format("rounding   {}\n", built.rounding_note);
  out << fmt::format("kmc        {}\n", kmcText(s));
  if (s.has_sweep) {
    // Exactly what `sweep` does before it runs: expand every point and validate it, and build each
    // distinct specimen (so an empty one is refused here, not hours into the sweep).
    const SweepPlan plan = loadSweepPlan(scenario);
    SweepJob::checkPlan(plan);
    std::size_t tasks = 0;
    for (const SweepPoint& p : plan.points) tasks += static_cast<std::size_t>(p.scenario.replicas);
    out << fmt::format("sweep      {} points over {}, {} tasks (points x replicas); every point valid\n",
                       plan.points.size(), joinNames(plan.keys), tasks);
  }
  out << "ok\n";
}

}  // namespace surfkmc::app
