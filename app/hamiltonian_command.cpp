// SPDX-License-Identifier: MIT
// `surfkmc atomistic hamiltonian`: relaxed energies → fitted site energies E(n) → errors and the
// thermodynamics check → DIR/hamiltonian.json and a table.
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <fstream>
#include <map>
#include <optional>
#include <ostream>
#include <sstream>

#include "app/atomic_file.hpp"
#include "app/atomistic_command.hpp"
#include "app/atomistic_material.hpp"
#include "app/json_records.hpp"
#include "atomistic/crystal_properties.hpp"
#include "atomistic/hamiltonian_dataset.hpp"
#include "core/error.hpp"

namespace surfkmc::app {
namespace {

namespace at = atomistic;

/// The target: H's thermodynamic quantities within 10 % of the potential's.
constexpr double kThermoTolerance = 0.10;
/// The forms of H by the number of pair shells beyond the nearest neighbours.
constexpr std::array<const char*, 4> kFormNames{"site_energies", "site_energies_plus_second_shell",
                                                "site_energies_plus_second_and_third_shells",
                                                "site_energies_plus_second_to_fourth_shells"};

nlohmann::json errorsJson(const at::FitErrors& e) {
  return {{"configurations", e.samples},
          {"rms_eV", numberOrNull(e.rms_eV)},
          {"max_abs_eV", numberOrNull(e.max_abs_eV)},
          {"worst", e.worst},
          {"rms_per_surface_atom_meV", numberOrNull(e.rms_per_surface_atom_meV)},
          {"max_abs_per_surface_atom_meV", numberOrNull(e.max_abs_per_surface_atom_meV)}};
}

nlohmann::json parametersJson(const at::HamiltonianFit& fit, const at::SiteEnergyHamiltonian& bond) {
  nlohmann::json list = nlohmann::json::array();
  for (int n = 0; n <= at::kBulkCoordination; ++n)
    list.push_back({{"coordination", n},
                    {"site_excess_eV", numberOrNull(fit.hamiltonian.siteExcess()[n])},
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
    ThermoRow r;
    r.quantity = q;
    r.direct = at::evaluate(q, probes, [](const at::EnergySample& s) { return s.excess_energy_eV; });
    r.hamiltonian = at::evaluate(q, probes, [&](const at::EnergySample& s) { return h.excessEnergy(s.features); });
    r.bond_counting = at::evaluate(q, probes, [&](const at::EnergySample& s) { return bond.excessEnergy(s.features); });
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
                    {"hamiltonian", numberOrNull(r.hamiltonian)},
                    {"hamiltonian_relative_difference", numberOrNull(r.relative(r.hamiltonian))},
                    {"hamiltonian_within_10_percent", std::abs(r.relative(r.hamiltonian)) <= kThermoTolerance},
                    {"bond_counting", r.bond_counting},
                    {"bond_counting_relative_difference", r.relative(r.bond_counting)}});
  return list;
}

/// One fitted form of H with its errors and thermodynamics.
struct FormResult {
  std::string name;
  at::HamiltonianFit fit;
  /// held_out: surface configurations; gas: the gas-phase tetrahedron (n = 3 away from any surface),
  /// a test of transfer outside the domain H is fitted on.
  at::FitErrors training, held_out, gas;
  nlohmann::json training_by_kind, held_out_by_kind;
  std::vector<ThermoRow> thermodynamics;
};

nlohmann::json samplesJson(const std::vector<at::EnergySample>& samples, const std::vector<FormResult>& forms) {
  nlohmann::json list = nlohmann::json::array();
  for (const auto& s : samples) {
    nlohmann::json h;
    for (const auto& f : forms) h[f.name] = numberOrNull(f.fit.hamiltonian.excessEnergy(s.features));
    list.push_back({{"name", s.name},
                    {"kind", s.kind},
                    {"atoms", s.atoms},
                    {"coordination_counts", s.features.counts},
                    {"shell_deficits", s.features.shell_deficit},
                    {"excess_energy_eV", s.excess_energy_eV},
                    {"hamiltonian_eV", h},
                    {"converged", s.converged},
                    {"stable", s.stable},
                    {"max_displacement_A", s.max_displacement_A}});
  }
  return list;
}

void printForm(std::ostream& out, const FormResult& f, double bond_eV) {
  out << "\n" << f.name << ": site energies E(n) − E(12) [eV]";
  for (int n = 0; n < at::kBulkCoordination; ++n)
    out << fmt::format(" {}:{:.4f}", n, f.fit.hamiltonian.siteExcess()[n]);
  const auto& shell = f.fit.hamiltonian.shellEnergies();
  out << fmt::format("; shell pair terms ε₂ {:.4f}, ε₃ {:.4f}, ε₄ {:.4f} eV\n", shell[0], shell[1], shell[2]);
  for (const auto& [label, e] :
       {std::pair{"training", &f.training}, std::pair{"held-out", &f.held_out}, std::pair{"gas", &f.gas}})
    out << fmt::format(
        "{:<9} {:3d} configurations: RMS {:.4f} eV, max {:.4f} eV ({}); per surface atom RMS {:.2f} meV, max "
        "{:.2f} meV\n",
        label, e->samples, e->rms_eV, e->max_abs_eV, e->worst, e->rms_per_surface_atom_meV,
        e->max_abs_per_surface_atom_meV);
  out << fmt::format("{:<20} {:>7} {:>10} {:>10} {:>8} {:>12} {:>8}\n", "quantity", "unit", "potential", "H", "H diff",
                     fmt::format("bonds {:.2f}", bond_eV), "diff");
  for (const auto& r : f.thermodynamics)
    out << fmt::format("{:<20} {:>7} {:>10.4f} {:>10.4f} {:>+7.1f}% {:>12.4f} {:>+7.1f}%\n", r.quantity.name,
                       r.quantity.unit, r.direct, r.hamiltonian, 100.0 * r.relative(r.hamiltonian), r.bond_counting,
                       100.0 * r.relative(r.bond_counting));
}

/// Errors of H per kind of configuration (flat, adatoms, islands, ..., kmc_wire).
nlohmann::json errorsByKind(const at::SiteEnergyHamiltonian& h, const std::vector<at::EnergySample>& samples) {
  std::map<std::string, std::vector<at::EnergySample>> kinds;
  for (const auto& s : samples) kinds[s.kind].push_back(s);
  nlohmann::json j = nlohmann::json::object();
  for (const auto& [kind, list] : kinds) j[kind] = errorsJson(at::fitErrors(h, list));
  return j;
}

nlohmann::json formJson(const FormResult& f, const at::SiteEnergyHamiltonian& bond) {
  return {{"form", f.name},
          {"site_energies", parametersJson(f.fit, bond)},
          {"shell_pair_eV",
           {{"second", f.fit.hamiltonian.shellEnergies()[0]},
            {"third", f.fit.hamiltonian.shellEnergies()[1]},
            {"fourth", f.fit.hamiltonian.shellEnergies()[2]}}},
          {"fit", {{"configurations", f.fit.samples}, {"parameters", f.fit.parameters}, {"rank", f.fit.rank}}},
          {"errors",
           {{"training", errorsJson(f.training)},
            {"held_out", errorsJson(f.held_out)},
            {"held_out_gas_phase", errorsJson(f.gas)},
            {"training_by_kind", f.training_by_kind},
            {"held_out_by_kind", f.held_out_by_kind}}},
          {"thermodynamics", thermoJson(f.thermodynamics)}};
}

}  // namespace

std::vector<lattice::XyzFrame> readSnapshots(const std::string& option, const std::filesystem::path& file) {
  std::ifstream in(file);
  if (!in) throw InputError(option + ": cannot read '" + file.string() + "'");
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  std::vector<lattice::XyzFrame> frames;
  std::size_t at = 0;
  while (at < lines.size() && lines[at].find_first_not_of(" \t\r") != std::string::npos) {
    const std::string where = file.string() + ":" + std::to_string(at + 1) + ": " + option + ", frame " +
                              std::to_string(frames.size()) + ": ";
    long long count = -1;
    std::istringstream(lines[at]) >> count;
    if (count < 0) throw InputError(where + "expected the atom count, got '" + lines[at] + "'");
    const std::size_t end = std::min(lines.size(), at + static_cast<std::size_t>(count) + 2);
    std::istringstream frame_text;
    std::string text;
    for (std::size_t k = at; k < end; ++k) text += lines[k] + "\n";
    frame_text.str(text);
    try {
      frames.push_back(lattice::readExtXyz(frame_text));
    } catch (const InputError& e) {
      throw InputError(where + e.what());
    }
    at = end;
  }
  if (frames.empty()) throw InputError(file.string() + ": " + option + ": no extXYZ frame in the file");
  return frames;
}

namespace {

/// The KMC wires of `option`, if given, appended to `samples`.
void addSnapshots(const std::string& option, const std::optional<std::filesystem::path>& file, const Material& m,
                  const at::DatasetSettings& settings, std::vector<at::OccupancySample>& samples) {
  if (!file) return;
  const auto wires = at::kmcWireOccupancies(readSnapshots(option, *file), m.lattice_constant_A, settings,
                                            "kmc_" + file->stem().string());
  samples.insert(samples.end(), wires.begin(), wires.end());
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
  auto training_set = at::trainingOccupancies(settings);
  auto held_out_set = at::heldOutOccupancies(settings);
  addSnapshots("--kmc-training", o.kmc_training, m, settings, training_set);
  addSnapshots("--kmc-held-out", o.kmc_held_out, m, settings, held_out_set);
  const auto training = at::relaxedEnergies(spec, training_set, settings, o.threads);
  const auto held_out = at::relaxedEnergies(spec, held_out_set, settings, o.threads);
  const auto probes = at::relaxedEnergies(spec, at::thermodynamicOccupancies(settings), settings, o.threads);
  const auto bond = at::SiteEnergyHamiltonian::bondCounting(m.bond_energy_eV);
  std::vector<at::EnergySample> surfaces, gas;
  for (const auto& s : held_out) (s.kind == "gas" ? gas : surfaces).push_back(s);
  std::vector<FormResult> forms;
  for (int shells = 0; shells <= at::kPairShells; ++shells) {
    FormResult f;
    f.name = kFormNames[shells];
    f.fit = at::fitSiteEnergies(training, shells);
    f.training = at::fitErrors(f.fit.hamiltonian, training);
    f.held_out = at::fitErrors(f.fit.hamiltonian, surfaces);
    f.gas = at::fitErrors(f.fit.hamiltonian, gas);
    f.training_by_kind = errorsByKind(f.fit.hamiltonian, training);
    f.held_out_by_kind = errorsByKind(f.fit.hamiltonian, held_out);
    f.thermodynamics = thermodynamics(settings, probes, f.fit.hamiltonian, bond);
    forms.push_back(std::move(f));
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

  nlohmann::json j;
  j["material"] = m.name;
  j["form"] =
      "H = sum over atoms i of [E(n_i) - E(12)] + sum over shells k = 2, 3, 4 of eps_k * sum over atoms i of "
      "(z_k - m_ik); n_i = occupied nearest-neighbour sites of atom i, m_ik = occupied sites of shell k (z_2 = 6 "
      "at a, z_3 = 24 at a sqrt(3/2), z_4 = 12 at a sqrt(2)); the forms keep the shells up to the one they name";
  j["lattice_constant_A"] = settings.lattice_constant_A;
  j["bond_counting_eV"] = m.bond_energy_eV;
  j["forms"] = nlohmann::json::array();
  for (const auto& f : forms) j["forms"].push_back(formJson(f, bond));
  // The form with the smallest held-out RMS error on surfaces: fewer parameters never win by fitting
  // the training set better, only by predicting configurations they have not seen.
  const auto chosen = std::min_element(forms.begin(), forms.end(), [](const FormResult& p, const FormResult& q) {
    return p.held_out.rms_eV < q.held_out.rms_eV;
  });
  j["recommended_form"] = chosen->name;
  j["samples"] = {{"training", samplesJson(training, forms)},
                  {"held_out", samplesJson(held_out, forms)},
                  {"thermodynamics", samplesJson(probes, forms)}};
  j["settings"] = {{"force_tolerance_eV_A", settings.force_tolerance},
                   {"site_tolerance_A", settings.site_tolerance_A},
                   {"random_seed", settings.seed},
                   {"held_atoms", 0},
                   {"kmc_training_snapshots", o.kmc_training ? o.kmc_training->string() : ""},
                   {"kmc_held_out_snapshots", o.kmc_held_out ? o.kmc_held_out->string() : ""},
                   {"wall_time_s", seconds}};
  j["provenance"] = potentialProvenance(m, o.threads);
  writeFileAtomically(*o.out / "hamiltonian.json", j.dump(2) + "\n");

  out << fmt::format("{} with {} (a0 = {:.4f} Å), {:.0f} s\n", m.name, spec.kim_model, settings.lattice_constant_A,
                     seconds);
  for (const auto& f : forms) printForm(out, f, m.bond_energy_eV);
  out << "\nrecommended form (smallest held-out RMS on surfaces): " << chosen->name << "\n";
  out << "written: " << (*o.out / "hamiltonian.json").string() << "\n";
}

}  // namespace surfkmc::app
