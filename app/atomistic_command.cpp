// SPDX-License-Identifier: MIT
// The atomistic commands: material → potential spec → properties or barriers → JSON and a table.
#include "app/atomistic_command.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <ostream>

#include "app/atomic_file.hpp"
#include "app/atomistic_material.hpp"
#include "app/material_loader.hpp"
#include "app/provenance.hpp"
#include "atomistic/crystal_properties.hpp"
#include "atomistic/surface_processes.hpp"
#include "core/error.hpp"

namespace surfkmc::app {
namespace {

/// A forward barrier below this [eV] is reported as barrierless (the NEB force tolerance, 0.01 eV/Å,
/// resolves energies to ~0.1 meV, so 1 meV is well clear of numerical noise).
constexpr double kBarrierlessEV = 1.0e-3;

}  // namespace

Material loadPotentialMaterial(const std::string& name) {
  const auto file = resolveMaterial(name, std::filesystem::current_path());
  if (!file) {
    std::string known;
    for (const auto& n : builtinMaterialNames()) known += (known.empty() ? "" : ", ") + n;
    throw InputError("unknown material '" + name + "'; shipped: " + known + " (or give a path to a .yaml file)");
  }
  Material m = loadMaterialFile(*file);
  if (m.potential.kim_model.empty())
    throw InputError(file->string() + ": material '" + m.name +
                     "' names no potential; add `potential: {kim_model: ..., species: ..., source: ...}`");
  return m;
}

atomistic::PotentialSpec potentialSpec(const Material& m) { return {m.potential.kim_model, m.potential.species}; }

nlohmann::json potentialProvenance(const Material& m, int threads) {
  nlohmann::json j = Provenance::now(m.source_path.string(), m.source_hash, 0, threads).toJson();
  j["kim_model"] = m.potential.kim_model;
  j["species"] = m.potential.species;
  return j;
}

void checkThreadCount(int threads) {
  if (threads < 1 || threads > 1024)
    throw InputError("--threads must lie in [1, 1024], got " + std::to_string(threads));
}

void atomisticPropertiesCommand(const AtomisticOptions& o, std::ostream& out) {
  checkThreadCount(o.threads);
  if (o.out && !o.out->parent_path().empty() && !std::filesystem::is_directory(o.out->parent_path()))
    throw InputError("--out: folder '" + o.out->parent_path().string() + "' does not exist");
  const Material m = loadPotentialMaterial(o.material);
  atomistic::PropertySettings settings;
  settings.lattice_constant_guess_A = m.lattice_constant_A;
  const atomistic::CrystalProperties p = atomistic::computeCrystalProperties(potentialSpec(m), settings, o.threads);
  nlohmann::json j;
  j["material"] = m.name;
  j["lattice_constant_A"] = p.lattice_constant_A;
  j["cohesive_energy_eV"] = p.cohesive_energy_eV;
  j["elastic_constants_GPa"] = {{"C11", p.c11_GPa}, {"C12", p.c12_GPa}, {"C44", p.c44_GPa}};
  j["youngs_modulus_112_GPa"] = p.youngs_modulus_112_GPa;
  j["surface_energy_J_m2"] = {
      {"111", p.surface_energy_111_J_m2}, {"100", p.surface_energy_100_J_m2}, {"110", p.surface_energy_110_J_m2}};
  j["vacancy_formation_eV"] = p.vacancy_formation_eV;
  j["settings"] = {{"force_tolerance_eV_A", settings.force_tolerance},
                   {"elastic_strain_range", settings.strain_range},
                   {"slab_layers", settings.slab_layers},
                   {"vacancy_supercell_sites", 256},
                   {"temperature_K", 0}};
  j["provenance"] = potentialProvenance(m, o.threads);
  const std::string text = j.dump(2) + "\n";
  if (o.out)
    writeFileAtomically(*o.out, text);
  else
    out << text;
}

void atomisticBarriersCommand(const AtomisticOptions& o, std::ostream& out) {
  checkThreadCount(o.threads);
  if (!o.out) throw InputError("--out DIR is required");
  if (!std::isfinite(o.axial_strain) || std::abs(o.axial_strain) > 0.1)
    throw InputError("--axial-strain must lie in [-0.1, 0.1], got " + std::to_string(o.axial_strain));
  const Material m = loadPotentialMaterial(o.material);
  std::error_code ec;
  std::filesystem::create_directories(*o.out, ec);
  if (ec || !std::filesystem::is_directory(*o.out))
    throw InputError("--out: cannot create folder '" + o.out->string() + "'");
  const atomistic::PotentialSpec spec = potentialSpec(m);
  atomistic::BarrierSettings s;
  {
    atomistic::KimPotential pot(spec);
    s.lattice_constant_A = atomistic::equilibriumLatticeConstant(pot, m.lattice_constant_A);
  }
  s.axial_strain = o.axial_strain;
  const auto processes = atomistic::canonicalProcesses(s);
  const auto results = atomistic::computeBarriers(spec, processes, s, o.threads);

  nlohmann::json list = nlohmann::json::array();
  for (const auto& r : results)
    list.push_back({{"name", r.name},
                    {"description", r.description},
                    {"barrier_eV", {{"forward", r.barrier_forward_eV}, {"backward", r.barrier_backward_eV}}},
                    {"end_state_energy_eV", {{"initial", r.initial_energy_eV}, {"final", r.final_energy_eV}}},
                    {"converged", r.converged},
                    // No barrier on the path: the initial state is not a minimum of the band (e.g. an
                    // adatom that exchanges spontaneously); the process is instantaneous.
                    {"barrierless", r.barrier_forward_eV < kBarrierlessEV},
                    {"end_states_stable", r.end_states_stable},
                    {"max_residual_force_eV_A", r.max_residual_force_eV_A},
                    {"images", r.images},
                    {"cluster_atoms", r.atoms},
                    {"free_atoms", r.free_atoms},
                    {"neb_steps", r.neb_steps},
                    {"wall_time_s", r.wall_time_s},
                    {"profile_eV", r.profile_eV}});
  // Ehrlich–Schwoebel barriers: the easier descent (hop or exchange) minus the (111) terrace hop.
  const auto find = [&](const std::string& name) -> const atomistic::ProcessResult* {
    for (const auto& r : results)
      if (r.name == name) return &r;
    return nullptr;
  };
  nlohmann::json es = nlohmann::json::object();
  const auto* terrace = find("111_hop");
  for (const std::string step : {"111_A_step", "111_B_step"}) {
    const auto* hop = find(step + "_descent_hop");
    const auto* exchange = find(step + "_descent_exchange");
    if (!terrace || !hop || !exchange) continue;
    const double descent = std::min(hop->barrier_forward_eV, exchange->barrier_forward_eV);
    es[step] = {{"ehrlich_schwoebel_eV", descent - terrace->barrier_forward_eV},
                {"descent_eV", descent},
                {"mechanism", hop->barrier_forward_eV <= exchange->barrier_forward_eV ? "hop" : "exchange"},
                {"converged", hop->converged && exchange->converged && terrace->converged}};
  }
  nlohmann::json j;
  j["material"] = m.name;
  j["lattice_constant_A"] = s.lattice_constant_A;
  j["axial_strain"] = s.axial_strain;
  j["axial_direction"] =
      "x: [-1-12] (wire axis) for the (111), vicinal (111) and (1-10) slabs; [110] for the (001) slab";
  j["settings"] = {{"neb_images", s.neb.images + 2},
                   {"spring_eV_A2", s.neb.spring},
                   {"neb_force_tolerance_eV_A", s.neb.force_tolerance},
                   {"climb_after_eV_A", s.neb.climb_after},
                   {"relax_force_tolerance_eV_A", s.relax_tolerance}};
  j["processes"] = list;
  j["ehrlich_schwoebel"] = es;
  j["provenance"] = potentialProvenance(m, o.threads);
  writeFileAtomically(*o.out / "barriers.json", j.dump(2) + "\n");

  out << fmt::format("{} with {} (a0 = {:.4f} Å, axial strain {:+.4f})\n", m.name, spec.kim_model, s.lattice_constant_A,
                     s.axial_strain);
  out << fmt::format("{:<32} {:>9} {:>9} {:>10} {:>6} {:>9} {:>6} {:>6}\n", "process", "E_fwd/eV", "E_bwd/eV", "dE/eV",
                     "conv", "Fmax", "images", "atoms");
  for (const auto& r : results)
    out << fmt::format("{:<32} {:>9.4f} {:>9.4f} {:>10.4f} {:>6} {:>9.1e} {:>6} {:>6}\n", r.name, r.barrier_forward_eV,
                       r.barrier_backward_eV, r.final_energy_eV - r.initial_energy_eV,
                       !(r.converged && r.end_states_stable)   ? "NO"
                       : r.barrier_forward_eV < kBarrierlessEV ? "yes*"
                                                               : "yes",
                       r.max_residual_force_eV_A, r.images, r.atoms);
  for (const auto& [step, v] : es.items())
    out << fmt::format("{:<32} {:>9.4f}  (descent by {})\n", step + "_ES", v["ehrlich_schwoebel_eV"].get<double>(),
                       v["mechanism"].get<std::string>());
  out << "conv: NEB converged and both end states stable; yes* = barrierless (the initial state slides "
         "down the path)\n";
  out << "written: " << (*o.out / "barriers.json").string() << "\n";
}

}  // namespace surfkmc::app
