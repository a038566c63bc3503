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

void fitCommand(const FitOptions& o, std::ostream& out) {
  const CsvTable t = CsvTable::read(o.data, kMaxTableBytes);
  const auto rate = t.requireColumn(o.strain_rate_column);
  const auto yield = t.requireColumn(o.yield_column);
  const auto err = t.column(o.error_column);
  const auto material_col = t.column("material");
  std::optional<std::size_t> temperature;
  if (!o.temperature_K) {
    temperature = t.column(o.temperature_column);
    if (!temperature)
      throw InputError(t.source()
                           .location(t.headerLine() - 1, 0)
                           .message("", "no column '" + o.temperature_column +
                                            "': name it with --temperature-column, or give --temperature"));
  }

  // Which material: --material, or the one material of the file.
  std::string material;
  if (material_col) {
    std::set<std::string> names;
    for (std::size_t r = 0; r < t.rows(); ++r) names.insert(t.cell(r, *material_col));
    if (o.material) {
      if (!names.count(*o.material)) {
        const std::vector<std::string> list(names.begin(), names.end());
        throw InputError(o.data.string() + ": no rows of material '" + *o.material + "'; the file has " +
                         joinNames(list));
      }
      material = *o.material;
    } else if (names.size() == 1) {
      material = *names.begin();
    } else {
      const std::vector<std::string> list(names.begin(), names.end());
      throw InputError(o.data.string() + ": the file holds several materials (" + joinNames(list) +
                       "); choose one with --material");
    }
  } else if (o.material) {
    material = *o.material;
  } else {
    throw InputError(o.data.string() + ": no 'material' column; give --material (for E and b)");
  }
  // A materials name only (as in `compare`): a path here would read any YAML file.
  if (!isSafeName(material))
    throw InputError(o.data.string() + ": bad material '" + printableText(material, 80) + "'; allowed: a materials name (" +
                     kSafeNameRule + ")");
  const auto material_file = resolveMaterial(material, o.data.parent_path());
  if (!material_file)
    throw InputError(o.data.string() + ": material '" + material + "' has no materials file (looked in " +
                     materialsDirectory().string() + ")");
  const Material m = loadMaterialFile(*material_file);

  std::vector<nucleation::Eq2Observation> points;
  int skipped = 0;
  std::optional<std::size_t> first_with_err, first_without_err;
  for (std::size_t r = 0; r < t.rows(); ++r) {
    if (material_col && t.cell(r, *material_col) != material) continue;
    // Replicas that did not nucleate (nan or empty in points.csv) carry no yield stress.
    const std::string& ys = t.cell(r, yield);
    if (ys.empty() || ys == "nan" || ys == "NaN" || ys == "-nan") {
      ++skipped;
      continue;
    }
    nucleation::Eq2Observation p;
    p.strain_rate_per_s = t.number(r, rate, NumberRange::positive(1.0e12));
    p.temperature_K = o.temperature_K ? *o.temperature_K : t.number(r, *temperature, NumberRange::positive(5000.0));
    p.yield_GPa = t.number(r, yield, NumberRange::closed(-1000.0, 1000.0));
    if (err) {
      const auto e = t.optionalNumber(r, *err, NumberRange::positive(100.0));
      p.err_GPa = e.value_or(0.0);
      if (e && !first_with_err) first_with_err = r;
      if (!e && !first_without_err) first_without_err = r;
    }
    points.push_back(p);
  }
  if (first_with_err && first_without_err)
    t.fail(*first_without_err, *err,
           "missing value, while line " + std::to_string(t.line(*first_with_err)) +
               " has one: give err_GPa on every row (weighted fit) or on none (unweighted)");
  if (points.empty()) throw InputError(o.data.string() + ": no yield values of material '" + material + "' to fit");

  nucleation::Eq2FitOptions fo;
  fo.youngs_modulus_GPa = m.youngs_modulus_112_GPa;
  fo.fixed_sigma_ath_GPa = o.fix_sigma_ath_GPa;
  fo.fixed_ln_prefactor = o.fix_ln_prefactor;
  nucleation::Eq2FitResult f;
  try {
    f = nucleation::fitEq2(points, fo);
  } catch (const InputError& e) {
    throw InputError(o.data.string() + ": cannot fit Eq. 2 to " + std::to_string(points.size()) + " points of " +
                     material + ": " + e.what());
  }

  const double b3 = std::pow(m.burgers_vector_A, 3);
  using nucleation::kActivationVolume;
  using nucleation::kLnPrefactor;
  using nucleation::kSigmaAth;
  auto se = [&](int k) {
    return f.free[static_cast<std::size_t>(k)] ? fmt::format("± {:.4g}", f.std_error[static_cast<std::size_t>(k)])
                                               : std::string("(fixed)");
  };
  std::ostringstream txt;
  txt << fmt::format("Eq. 2 fit (Wang et al. 2021): σ = σ_ath − (k_BT/Ω) [ln(k_BT/(E ε̇ Ω)) + ln(Ñ ν_D)]\n");
  txt << fmt::format("data: {} ({}), material {}, E = {:g} GPa, b = {:g} Å\n", o.data.string(), t.source().hash(),
                     material, m.youngs_modulus_112_GPa, m.burgers_vector_A);
  txt << fmt::format("points: {} ({} without a yield value skipped); {} strain rates, {} temperatures; {}\n", f.points,
                     skipped, f.distinct_strain_rates, f.distinct_temperatures,
                     f.weighted ? "weighted by 1/" + o.error_column + "²" : std::string("unweighted"));
  txt << fmt::format("  sigma_ath_GPa        = {:.6g} {} GPa\n", f.value[kSigmaAth], se(kSigmaAth));
  txt << fmt::format("  activation_volume_A3 = {:.6g} {} Å³  = {:.4g} ± {:.3g} b³\n", f.value[kActivationVolume],
                     se(kActivationVolume), f.value[kActivationVolume] / b3, f.std_error[kActivationVolume] / b3);
  txt << fmt::format("  ln_prefactor         = {:.6g} {}   (ln of Ñ ν_D in 1/s)\n", f.value[kLnPrefactor],
                     se(kLnPrefactor));
  txt << fmt::format("  chi2 = {:.6g}, dof = {}, reduced chi2 = {:.4g}; standard errors from (JᵀWJ)⁻¹ · χ²_red\n",
                     f.chi2, f.dof, f.reduced_chi2);
  txt << "  note: Eq. 2 is the mode of the yield stress; fitting means of Gumbel-distributed samples raises "
         "ln_prefactor by γ_E ≈ 0.577\n";

  nlohmann::json j;
  j["surfkmc"] = {{"version", kVersion}, {"git", kGitHash}};
  j["data"] = {{"file", o.data.string()},
               {"hash", t.source().hash()},
               {"points", f.points},
               {"skipped", skipped},
               {"strain_rate_column", o.strain_rate_column},
               {"yield_column", o.yield_column},
               {"error_column", err ? nlohmann::json(o.error_column) : nlohmann::json(nullptr)}};
  j["material"] = {{"name", material},
                   {"file", material_file->string()},
                   {"youngs_modulus_112_GPa", m.youngs_modulus_112_GPa},
                   {"burgers_vector_A", m.burgers_vector_A}};
  j["model"] = "Eq. 2 of Wang et al., Nat. Commun. 12:5237 (2021)";
  j["weighted"] = f.weighted;
  nlohmann::json params;
  for (int k = 0; k < 3; ++k) {
    const auto i = static_cast<std::size_t>(k);
    params[nucleation::eq2ParameterName(k)] = {{"value", f.value[i]}, {"stderr", f.std_error[i]}, {"free", f.free[i]}};
  }
  params["activation_volume_b3"] = {{"value", f.value[kActivationVolume] / b3},
                                    {"stderr", f.std_error[kActivationVolume] / b3}};
  j["parameters"] = params;
  j["covariance"] = {{"order", {"sigma_ath_GPa", "activation_volume_A3", "ln_prefactor"}},
                     {"matrix", f.covariance},
                     {"scaled_by_reduced_chi2", true}};
  j["chi2"] = f.chi2;
  j["dof"] = f.dof;
  j["reduced_chi2"] = f.reduced_chi2;
  j["iterations"] = f.iterations;
  j["distinct_strain_rates"] = f.distinct_strain_rates;
  j["distinct_temperatures"] = f.distinct_temperatures;

  std::filesystem::path json_path = o.output.value_or(std::filesystem::path(o.data).replace_extension(".fit.json"));
  writeFileAtomically(json_path, j.dump(2) + "\n", o.output ? TargetKind::kUserNamed : TargetKind::kOwned);
  out << txt.str() << "written: " << json_path.string() << '\n';
}

}  // namespace surfkmc::app
