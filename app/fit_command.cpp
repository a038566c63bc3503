// SPDX-License-Identifier: MIT
// `surfkmc fit`: Eq. 2 fitted to yield data, parameters with standard errors, JSON output.
#include "app/fit_command.hpp"

#include <fmt/format.h>

#include <cmath>
#include <nlohmann/json.hpp>
#include <ostream>
#include <set>
#include <sstream>
#include <vector>

#include "app/atomic_file.hpp"
#include "app/csv_table.hpp"
#include "app/edit_distance.hpp"
#include "app/material_loader.hpp"
#include "app/number_range.hpp"
#include "app/safe_name.hpp"
#include "app/source_file.hpp"
#include "core/error.hpp"
#include "core/version.hpp"
#include "nucleation/eq2_fit.hpp"

namespace surfkmc::app {

namespace {

/// The column of a sweep's points.csv that holds the yield stress, used when the file has no
/// `--yield-column` column and the option was left at its default.
constexpr const char* kSweepYieldColumn = "yield_stress_GPa";

/// The columns fit reads, found in the table's header.
struct FitColumns {
  std::size_t rate = 0, yield = 0;
  std::optional<std::size_t> error, material, temperature;
  std::string yield_name;
};

FitColumns findColumns(const CsvTable& t, const FitOptions& o) {
  FitColumns c;
  c.rate = t.requireColumn(o.strain_rate_column);
  c.yield_name = o.yield_column;
  if (o.yield_column == FitOptions{}.yield_column && !t.column(o.yield_column) && t.column(kSweepYieldColumn))
    c.yield_name = kSweepYieldColumn;
  c.yield = t.requireColumn(c.yield_name);
  c.error = t.column(o.error_column);
  c.material = t.column("material");
  if (o.temperature_K) return c;
  c.temperature = t.column(o.temperature_column);
  if (!c.temperature)
    throw InputError(t.source()
                         .location(t.headerLine() - 1, 0)
                         .message("", "no column '" + o.temperature_column +
                                          "': name it with --temperature-column, or give --temperature"));
  return c;
}

/// Which material: --material, or the one material of the file; a materials name only (as in
/// `compare`): a path here would read any YAML file.
std::string chooseMaterial(const CsvTable& t, const FitOptions& o, const FitColumns& c) {
  if (t.rows() == 0)
    throw InputError(t.source().location(t.headerLine() - 1, 0).message("", "no data rows after the header"));
  std::string material;
  if (c.material) {
    std::set<std::string> names;
    for (std::size_t r = 0; r < t.rows(); ++r) names.insert(t.cell(r, *c.material));
    const std::vector<std::string> list(names.begin(), names.end());
    if (o.material && !names.count(*o.material))
      throw InputError(o.data.string() + ": no rows of material '" + *o.material + "'; the file has " +
                       joinNames(list));
    if (!o.material && names.size() != 1)
      throw InputError(o.data.string() + ": the file holds several materials (" + joinNames(list) +
                       "); choose one with --material");
    material = o.material ? *o.material : *names.begin();
  } else if (o.material) {
    material = *o.material;
  } else {
    throw InputError(o.data.string() + ": no 'material' column; give --material (for E and b)");
  }
  if (!isSafeName(material))
    throw InputError(o.data.string() + ": bad material '" + printableText(material, 80) +
                     "'; allowed: a materials name (" + kSafeNameRule + ")");
  return material;
}

/// The rows of `material` with a yield value; `skipped` counts those without one.
struct FitData {
  std::vector<nucleation::Eq2Observation> points;
  int skipped = 0;
};

FitData readObservations(const CsvTable& t, const FitOptions& o, const FitColumns& c, const std::string& material) {
  FitData d;
  std::optional<std::size_t> first_with_err, first_without_err;
  for (std::size_t r = 0; r < t.rows(); ++r) {
    if (c.material && t.cell(r, *c.material) != material) continue;
    // Replicas that did not nucleate (nan or empty in points.csv) carry no yield stress.
    const std::string& ys = t.cell(r, c.yield);
    if (ys.empty() || ys == "nan" || ys == "NaN" || ys == "-nan") {
      ++d.skipped;
      continue;
    }
    nucleation::Eq2Observation p;
    p.strain_rate_per_s = t.number(r, c.rate, NumberRange::positive(1.0e12));
    p.temperature_K = o.temperature_K ? *o.temperature_K : t.number(r, *c.temperature, NumberRange::positive(5000.0));
    p.yield_GPa = t.number(r, c.yield, NumberRange::closed(-1000.0, 1000.0));
    if (c.error) {
      const auto e = t.optionalNumber(r, *c.error, NumberRange::positive(100.0));
      p.err_GPa = e.value_or(0.0);
      if (e && !first_with_err) first_with_err = r;
      if (!e && !first_without_err) first_without_err = r;
    }
    d.points.push_back(p);
  }
  if (first_with_err && first_without_err)
    t.fail(*first_without_err, *c.error,
           "missing value, while line " + std::to_string(t.line(*first_with_err)) +
               " has one: give err_GPa on every row (weighted fit) or on none (unweighted)");
  if (d.points.empty()) throw InputError(o.data.string() + ": no yield values of material '" + material + "' to fit");
  return d;
}

/// What one fit used and found, for the writers.
struct FitReport {
  const FitOptions& options;
  const CsvTable& table;
  const FitColumns& columns;
  const std::string& material;
  const std::filesystem::path& material_file;
  const Material& properties;
  const FitData& data;
  const nucleation::Eq2FitResult& fit;
};

std::string fitText(const FitReport& r) {
  using nucleation::kActivationVolume;
  using nucleation::kLnPrefactor;
  using nucleation::kSigmaAth;
  const nucleation::Eq2FitResult& f = r.fit;
  const double b3 = std::pow(r.properties.burgers_vector_A, 3);
  auto se = [&](int k) {
    return f.free[static_cast<std::size_t>(k)] ? fmt::format("± {:.4g}", f.std_error[static_cast<std::size_t>(k)])
                                               : std::string("(fixed)");
  };
  std::ostringstream txt;
  txt << fmt::format("Eq. 2 fit (Wang et al. 2021): σ = σ_ath − (k_BT/Ω) [ln(k_BT/(E ε̇ Ω)) + ln(Ñ ν_D)]\n");
  txt << fmt::format("data: {} ({}), material {}, E = {:g} GPa, b = {:g} Å\n", r.options.data.string(),
                     r.table.source().hash(), r.material, r.properties.youngs_modulus_112_GPa,
                     r.properties.burgers_vector_A);
  txt << fmt::format("points: {} ({} without a yield value skipped); {} strain rates, {} temperatures; {}\n", f.points,
                     r.data.skipped, f.distinct_strain_rates, f.distinct_temperatures,
                     f.weighted ? "weighted by 1/" + r.options.error_column + "²" : std::string("unweighted"));
  txt << fmt::format("  sigma_ath_GPa        = {:.6g} {} GPa\n", f.value[kSigmaAth], se(kSigmaAth));
  txt << fmt::format("  activation_volume_A3 = {:.6g} {} Å³  = {:.4g} ± {:.3g} b³\n", f.value[kActivationVolume],
                     se(kActivationVolume), f.value[kActivationVolume] / b3, f.std_error[kActivationVolume] / b3);
  txt << fmt::format("  ln_prefactor         = {:.6g} {}   (ln of Ñ ν_D in 1/s)\n", f.value[kLnPrefactor],
                     se(kLnPrefactor));
  txt << fmt::format("  chi2 = {:.6g}, dof = {}, reduced chi2 = {:.4g}; standard errors from (JᵀWJ)⁻¹ · χ²_red\n",
                     f.chi2, f.dof, f.reduced_chi2);
  txt << "  note: Eq. 2 is the mode of the yield stress; fitting means of Gumbel-distributed samples raises "
         "ln_prefactor by γ_E ≈ 0.577\n";
  return txt.str();
}

nlohmann::json fitParametersJson(const nucleation::Eq2FitResult& f, double b3) {
  nlohmann::json params;
  for (int k = 0; k < 3; ++k) {
    const auto i = static_cast<std::size_t>(k);
    params[nucleation::eq2ParameterName(k)] = {{"value", f.value[i]}, {"stderr", f.std_error[i]}, {"free", f.free[i]}};
  }
  params["activation_volume_b3"] = {{"value", f.value[nucleation::kActivationVolume] / b3},
                                    {"stderr", f.std_error[nucleation::kActivationVolume] / b3}};
  return params;
}

nlohmann::json fitJson(const FitReport& r) {
  const nucleation::Eq2FitResult& f = r.fit;
  nlohmann::json j;
  j["surfkmc"] = {{"version", kVersion}, {"git", kGitHash}};
  j["data"] = {{"file", r.options.data.string()},
               {"hash", r.table.source().hash()},
               {"points", f.points},
               {"skipped", r.data.skipped},
               {"strain_rate_column", r.options.strain_rate_column},
               {"yield_column", r.columns.yield_name},
               {"error_column", r.columns.error ? nlohmann::json(r.options.error_column) : nlohmann::json(nullptr)}};
  j["material"] = {{"name", r.material},
                   {"file", r.material_file.string()},
                   {"youngs_modulus_112_GPa", r.properties.youngs_modulus_112_GPa},
                   {"burgers_vector_A", r.properties.burgers_vector_A}};
  j["model"] = "Eq. 2 of Wang et al., Nat. Commun. 12:5237 (2021)";
  j["weighted"] = f.weighted;
  j["parameters"] = fitParametersJson(f, std::pow(r.properties.burgers_vector_A, 3));
  j["covariance"] = {{"order", {"sigma_ath_GPa", "activation_volume_A3", "ln_prefactor"}},
                     {"matrix", f.covariance},
                     {"scaled_by_reduced_chi2", true}};
  j["chi2"] = f.chi2;
  j["dof"] = f.dof;
  j["reduced_chi2"] = f.reduced_chi2;
  j["iterations"] = f.iterations;
  j["distinct_strain_rates"] = f.distinct_strain_rates;
  j["distinct_temperatures"] = f.distinct_temperatures;
  return j;
}

}  // namespace

void fitCommand(const FitOptions& o, std::ostream& out) {
  const CsvTable t = CsvTable::read(o.data, kMaxTableBytes);
  const FitColumns columns = findColumns(t, o);
  const std::string material = chooseMaterial(t, o, columns);
  const auto material_file = resolveMaterial(material, o.data.parent_path());
  if (!material_file)
    throw InputError(o.data.string() + ": material '" + material + "' has no materials file (looked in " +
                     materialsDirectory().string() + ")");
  const Material m = loadMaterialFile(*material_file);
  const FitData data = readObservations(t, o, columns, material);

  nucleation::Eq2FitOptions fo;
  fo.youngs_modulus_GPa = m.youngs_modulus_112_GPa;
  fo.fixed_sigma_ath_GPa = o.fix_sigma_ath_GPa;
  fo.fixed_ln_prefactor = o.fix_ln_prefactor;
  nucleation::Eq2FitResult f;
  try {
    f = nucleation::fitEq2(data.points, fo);
  } catch (const InputError& e) {
    throw InputError(o.data.string() + ": cannot fit Eq. 2 to " + std::to_string(data.points.size()) + " points of " +
                     material + ": " + e.what());
  }

  const FitReport report{o, t, columns, material, *material_file, m, data, f};
  std::filesystem::path json_path = o.output.value_or(std::filesystem::path(o.data).replace_extension(".fit.json"));
  writeFileAtomically(json_path, fitJson(report).dump(2) + "\n",
                      o.output ? TargetKind::kUserNamed : TargetKind::kOwned);
  out << fitText(report) << "written: " << json_path.string() << '\n';
}

}  // namespace surfkmc::app
