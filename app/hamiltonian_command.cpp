// SPDX-License-Identifier: MIT
// `surfkmc atomistic hamiltonian`: relaxed energies → fitted site energies E(n) → errors and the
// thermodynamics check → DIR/hamiltonian.json and a table.
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <cmath>
#include <ostream>

#include "app/atomic_file.hpp"
#include "app/atomistic_command.hpp"
#include "app/atomistic_material.hpp"
#include "atomistic/crystal_properties.hpp"
#include "atomistic/hamiltonian_dataset.hpp"
#include "core/error.hpp"

namespace surfkmc::app {
namespace {

namespace at = atomistic;

/// The target: H's thermodynamic quantities within 10 % of the potential's.
constexpr double kThermoTolerance = 0.10;

/// A JSON number, or null for NaN (a coordination the fit could not determine).
nlohmann::json number(double v) { return std::isfinite(v) ? nlohmann::json(v) : nlohmann::json(nullptr); }

nlohmann::json errorsJson(const at::FitErrors& e) {
  return {{"configurations", e.samples},
          {"rms_eV", number(e.rms_eV)},
          {"max_abs_eV", number(e.max_abs_eV)},
          {"worst", e.worst},
          {"rms_per_surface_atom_meV", number(e.rms_per_surface_atom_meV)},
          {"max_abs_per_surface_atom_meV", number(e.max_abs_per_surface_atom_meV)}};
}

nlohmann::json samplesJson(const std::vector<at::EnergySample>& samples, const at::SiteEnergyHamiltonian& h) {
  nlohmann::json list = nlohmann::json::array();
  for (const auto& s : samples)
    list.push_back({{"name", s.name},
                    {"kind", s.kind},
                    {"atoms", s.atoms},
                    {"coordination_counts", s.counts},
                    {"excess_energy_eV", s.excess_energy_eV},
                    {"hamiltonian_eV", number(h.excessEnergy(s.counts))},
                    {"converged", s.converged},
                    {"stable", s.stable},
                    {"max_displacement_A", s.max_displacement_A}});
  return list;
}

nlohmann::json parametersJson(const at::HamiltonianFit& fit, const at::SiteEnergyHamiltonian& bond) {
  nlohmann::json list = nlohmann::json::array();
  for (int n = 0; n <= at::kBulkCoordination; ++n)
    list.push_back({{"coordination", n},
                    {"site_excess_eV", number(fit.hamiltonian.siteExcess()[n])},
                    {"determined", static_cast<bool>(fit.determined[n])},
                    {"training_atoms", fit.training_atoms[n]},
                    {"bond_counting_eV", bond.siteExcess()[n]}});
  return list;
}

struct ThermoRow {
  at::ThermodynamicQuantity quantity;
  double direct = 0.0, hamiltonian = 0.0, bond_counting = 0.0;
  double relative(double v) const { return (v - direct) / direct; }
};

std::vector<ThermoRow> thermodynamics(const at::DatasetSettings& settings, const std::vector<at::EnergySample>& probes,
                                      const at::SiteEnergyHamiltonian& h, const at::SiteEnergyHamiltonian& bond) {
  std::vector<ThermoRow> rows;
  for (const auto& q : at::thermodynamicQuantities(settings)) {
    ThermoRow r{q};
    r.direct = at::evaluate(q, probes, [](const at::EnergySample& s) { return s.excess_energy_eV; });
    r.hamiltonian = at::evaluate(q, probes, [&](const at::EnergySample& s) { return h.excessEnergy(s.counts); });
    r.bond_counting = at::evaluate(q, probes, [&](const at::EnergySample& s) { return bond.excessEnergy(s.counts); });
    rows.push_back(r);
  }
  return rows;
}

nlohmann::json thermoJson(const std::vector<ThermoRow>& rows) {
  nlohmann::json list = nlohmann::json::array();
  for (const auto& r : rows)
    list.push_back({{"quantity", r.quantity.name},
                    {"unit", r.quantity.unit},
                    {"definition", r.quantity.definition},
                    {"potential", r.direct},
                    {"hamiltonian", number(r.hamiltonian)},
                    {"hamiltonian_relative_difference", number(r.relative(r.hamiltonian))},
                    {"hamiltonian_within_10_percent", std::abs(r.relative(r.hamiltonian)) <= kThermoTolerance},
                    {"bond_counting", r.bond_counting},
                    {"bond_counting_relative_difference", r.relative(r.bond_counting)}});
  return list;
}

void printTable(std::ostream& out, const at::HamiltonianFit& fit, const at::FitErrors& train, const at::FitErrors& held,
                const std::vector<ThermoRow>& rows, double bond_eV) {
  out << "site energies E(n) − E(12) [eV]:\n";
  for (int n = 0; n < at::kBulkCoordination; ++n)
    out << fmt::format("  n = {:2d}  {:>9.4f}  ({} training atoms)\n", n, fit.hamiltonian.siteExcess()[n],
                       fit.training_atoms[n]);
  for (const auto& [label, e] : {std::pair{"training", &train}, std::pair{"held-out", &held}})
    out << fmt::format(
        "{:<9} {:3d} configurations: RMS {:.4f} eV, max {:.4f} eV ({}); per surface atom RMS {:.2f} meV, max "
        "{:.2f} meV\n",
        label, e->samples, e->rms_eV, e->max_abs_eV, e->worst, e->rms_per_surface_atom_meV,
        e->max_abs_per_surface_atom_meV);
  out << fmt::format("{:<20} {:>7} {:>10} {:>10} {:>8} {:>12} {:>8}\n", "quantity", "unit", "potential", "H", "H diff",
                     fmt::format("bonds {:.2f}", bond_eV), "diff");
  for (const auto& r : rows)
    out << fmt::format("{:<20} {:>7} {:>10.4f} {:>10.4f} {:>+7.1f}% {:>12.4f} {:>+7.1f}%\n", r.quantity.name,
                       r.quantity.unit, r.direct, r.hamiltonian, 100.0 * r.relative(r.hamiltonian), r.bond_counting,
                       100.0 * r.relative(r.bond_counting));
}

}  // namespace

void atomisticHamiltonianCommand(const AtomisticOptions& o, std::ostream& out) {
  checkThreadCount(o.threads);
  if (!o.out) throw InputError("--out DIR is required");
  const Material m = loadPotentialMaterial(o.material);
  std::error_code ec;
  std::filesystem::create_directories(*o.out, ec);
  if (ec || !std::filesystem::is_directory(*o.out))
    throw InputError("--out: cannot create folder '" + o.out->string() + "'");
  const auto start = std::chrono::steady_clock::now();
  const at::PotentialSpec spec = potentialSpec(m);
  at::DatasetSettings settings;
  {
    at::KimPotential pot(spec);
    settings.lattice_constant_A = at::equilibriumLatticeConstant(pot, m.lattice_constant_A);
  }
  const auto training = at::relaxedEnergies(spec, at::trainingOccupancies(settings), settings, o.threads);
  const auto held_out = at::relaxedEnergies(spec, at::heldOutOccupancies(settings), settings, o.threads);
  const auto probes = at::relaxedEnergies(spec, at::thermodynamicOccupancies(settings), settings, o.threads);
  const at::HamiltonianFit fit = at::fitSiteEnergies(training);
  const auto bond = at::SiteEnergyHamiltonian::bondCounting(m.bond_energy_eV);
  const at::FitErrors train_err = at::fitErrors(fit.hamiltonian, training);
  const at::FitErrors held_err = at::fitErrors(fit.hamiltonian, held_out);
  const auto rows = thermodynamics(settings, probes, fit.hamiltonian, bond);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

  nlohmann::json j;
  j["material"] = m.name;
  j["form"] = "H = sum over atoms of [E(n_i) - E(12)], n_i = occupied nearest-neighbour sites of atom i";
  j["lattice_constant_A"] = settings.lattice_constant_A;
  j["parameters"] = parametersJson(fit, bond);
  j["fit"] = {{"configurations", fit.samples}, {"parameters", fit.parameters}, {"rank", fit.rank}};
  j["errors"] = {{"training", errorsJson(train_err)}, {"held_out", errorsJson(held_err)}};
  j["thermodynamics"] = thermoJson(rows);
  j["bond_counting_eV"] = m.bond_energy_eV;
  j["samples"] = {{"training", samplesJson(training, fit.hamiltonian)},
                  {"held_out", samplesJson(held_out, fit.hamiltonian)},
                  {"thermodynamics", samplesJson(probes, fit.hamiltonian)}};
  j["settings"] = {{"force_tolerance_eV_A", settings.force_tolerance},
                   {"site_tolerance_A", settings.site_tolerance_A},
                   {"random_seed", settings.seed},
                   {"held_atoms", 0},
                   {"wall_time_s", seconds}};
  j["provenance"] = potentialProvenance(m, o.threads);
  writeFileAtomically(*o.out / "hamiltonian.json", j.dump(2) + "\n");

  out << fmt::format("{} with {} (a0 = {:.4f} Å), {:.0f} s\n", m.name, spec.kim_model, settings.lattice_constant_A,
                     seconds);
  printTable(out, fit, train_err, held_err, rows, m.bond_energy_eV);
  out << "written: " << (*o.out / "hamiltonian.json").string() << "\n";
}

}  // namespace surfkmc::app
