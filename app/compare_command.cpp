// SPDX-License-Identifier: MIT
// `surfkmc compare`: yield strength vs diameter, D_c, Ω_app and residuals against the experiment.
// compare_analysis.cpp computes; this file writes the analysis as text, JSON and a figure.
#include "app/compare_command.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <nlohmann/json.hpp>
#include <ostream>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

#include "app/atomic_file.hpp"
#include "app/compare_analysis.hpp"
#include "app/experiment_data.hpp"
#include "app/figure.hpp"
#include "app/flow_analysis.hpp"
#include "app/json_records.hpp"
#include "app/material_loader.hpp"
#include "app/paper_targets.hpp"
#include "app/results_folder.hpp"
#include "app/results_table.hpp"
#include "app/source_file.hpp"
#include "app/step_velocity_data.hpp"
#include "app/target_check.hpp"
#include "core/error.hpp"
#include "core/version.hpp"

namespace surfkmc::app {

using nlohmann::json;

namespace {

json num(double v) { return std::isfinite(v) ? json(v) : json(nullptr); }

}  // namespace

void to_json(json& j, const ConditionGroup& g) {
  j = {{"material", g.material},
       {"strain_rate_per_s", g.strain_rate_per_s},
       {"temperature_K", g.temperature_K},
       {"diameter_nm", g.diameter_nm},
       {"n", g.yield.n},
       {"not_nucleated", g.not_nucleated},
       {"yield_mean_GPa", num(g.yield.mean)},
       {"yield_std_GPa", num(g.yield.sd)},
       {"yield_stderr_GPa", num(g.yield.se)},
       {"nucleation_n", g.nucleation.n},
       {"nucleation_mean_GPa", num(g.nucleation.mean)},
       {"nucleation_stderr_GPa", num(g.nucleation.se)}};
  if (g.step_velocity.n > 0) {
    j["step_velocity_mean_nm_per_s"] = num(g.step_velocity.mean);
    j["step_velocity_stderr_nm_per_s"] = num(g.step_velocity.se);
  }
}

void to_json(json& j, const CriticalDiameter& c) {
  j = {{"material", std::get<0>(c.key)},
       {"strain_rate_per_s", std::get<1>(c.key)},
       {"temperature_K", std::get<2>(c.key)},
       {"status", dcStatusName(c.status)},
       {"diameters_nm", c.diameters_nm},
       {"critical_diameter_nm", num(c.dc_nm)},
       {"bootstrap_lo_nm", num(c.lo_nm)},
       {"bootstrap_hi_nm", num(c.hi_nm)},
       {"bootstrap_support", num(c.support)},
       {"within_one_stderr_nm", c.within_one_se_nm},
       {"paper_nm", c.paper_nm ? json(*c.paper_nm) : json(nullptr)}};
}

void to_json(json& j, const OmegaPair& p) {
  j = {{"material", p.material},
       {"diameter_nm", p.diameter_nm},
       {"temperature_K", p.temperature_K},
       {"rate_slow_per_s", p.slow_per_s},
       {"rate_fast_per_s", p.fast_per_s},
       {"delta_sigma_GPa", num(p.d_sigma_GPa)},
       {"sensitivity_GPa", num(p.sensitivity.per_ln_rate_GPa)},
       {"sensitivity_stderr_GPa", num(p.sensitivity.std_error_GPa)},
       {"omega_A3", num(p.omega_A3)},
       {"omega_stderr_A3", num(p.omega_err_A3)},
       {"omega_b3", num(p.omega_b3)},
       {"omega_stderr_b3", num(p.omega_err_b3)},
       {"regime", p.regime},
       {"status", pairStatusText(p)}};
}

void to_json(json& j, const OmegaRegime& r) {
  j = {{"regime", r.regime},
       {"material", r.material},
       {"temperature_K", r.temperature_K},
       {"pairs", r.pairs},
       {"pairs_without_error", r.without_error},
       {"omega_b3", num(r.omega_b3)},
       {"omega_stderr_b3", num(r.err_b3)},
       {"paper_b3", num(r.paper_b3)}};
}

void to_json(json& j, const TargetVerdict& v) {
  j = {{"id", v.id},
       {"paper", v.paper},
       {"simulated", v.simulated},
       {"verdict", verdictName(v.verdict)},
       {"role", v.role}};
}

void to_json(json& j, const AblationEffect& e) {
  j = {{"ablation", coupling::ablationName(e.ablation)},
       {"material", e.material},
       {"strain_rate_per_s", e.strain_rate_per_s},
       {"temperature_K", e.temperature_K},
       {"diameter_nm", e.diameter_nm},
       {"full_GPa", e.full},
       {"full_n", e.full.n},
       {"ablated_GPa", e.ablated},
       {"ablated_n", e.ablated.n},
       {"effect_GPa", num(e.effect_GPa)},
       {"effect_stderr_GPa", num(e.se_GPa)},
       {"paired", e.paired},
       {"resolved", e.resolved}};
}

void to_json(json& j, const UnsourcedConstant& c) {
  j = {{"material", c.material}, {"parameter", c.key}, {"value", c.value}, {"unit", c.unit}, {"source", c.source}};
}

void to_json(json& j, const Residual& r) {
  j = {{"line", r.point.line},
       {"material", r.point.material},
       {"diameter_nm", r.point.diameter_nm},
       {"strain_rate_per_s", r.point.strain_rate_per_s},
       {"temperature_K", r.point.temperature_K},
       {"yield_GPa", r.point.yield_GPa},
       {"err_GPa", r.point.err_GPa ? json(*r.point.err_GPa) : json(nullptr)},
       {"source", r.point.source},
       {"status", residualStatusName(r.status)},
       {"sim_GPa", num(r.sim_GPa)},
       {"sim_stderr_GPa", num(r.sim_se_GPa)},
       {"residual_GPa", num(r.residual_GPa)},
       {"z", num(r.z)}};
}

namespace {

/// What compare says when the runs used no tag-A parameter.
constexpr const char* kNoUnsourced =
    "None: every parameter these runs used has a source (tags V, D, R), or is not read by the physics they ran.";

namespace fs = std::filesystem;

const double kMissing = std::nan("");

/// Said when the sweep varied keys compare neither groups by nor keeps apart (ResultsTable::variant_keys); empty
/// otherwise.
std::string variantNote(const std::vector<std::string>& keys) {
  if (keys.empty()) return {};
  std::string names;
  for (const auto& k : keys) names += (names.empty() ? "`" : ", `") + printableText(k, 100) + "`";
  return "**Variants:** this sweep also varies " + names +
         ". compare analyses each combination of their values apart, in a section of its own: no row, curve, "
         "verdict or ablation effect mixes two of them, and the ablation arms of each are paired.\n";
}

/// The heading of a variant's section; "" for the empty variant.
std::string variantHeading(const Variant& variant, const char* prefix) {
  return variant.empty() ? std::string() : std::string(prefix) + variantLabel(variant) + "\n";
}

std::string fmtNum(double v, const char* spec = "{:.3f}") {
  return std::isfinite(v) ? fmt::format(fmt::runtime(spec), v) : std::string("—");
}

/// What one compare reads: the results, the paper's targets (unless not judged) and the user's data.
struct CompareInputs {
  const ResultsTable& table;
  const PaperTargets& targets;
  const std::optional<ExperimentData>& experiment;
  bool judge_targets = true;
  /// Step velocities measured apart from the results (`--step-velocity`), judged with them in T5.
  const std::vector<StepVelocityMeasurement>& measured;
};

/// The git hash in a results provenance line `surfkmc V (HASH) ...`, or "".
std::string resultsBuild(const std::string& provenance) {
  const auto open = provenance.find(" (");
  const auto close = provenance.find(')', open == std::string::npos ? 0 : open);
  if (open == std::string::npos || close == std::string::npos) return "";
  return provenance.substr(open + 2, close - open - 2);
}

void writeTextHeader(const CompareInputs& in, std::ostream& txt) {
  txt << fmt::format("surfkmc {} ({}) compare\n", kVersion, kGitHash);
  txt << fmt::format("results: {} ({})\n", in.table.file.string(), in.table.hash);
  if (!in.table.provenance.empty()) txt << "  run:" << in.table.provenance << '\n';
  for (const auto& n : in.table.notes) txt << "  " << n << '\n';
  if (in.judge_targets)
    txt << fmt::format("paper targets: {}\n", in.targets.path.string());
  else
    txt << "paper targets: not judged (--no-targets)\n";
  if (in.experiment)
    txt << fmt::format("experimental data: {} ({}), {} points\n", in.experiment->path.string(), in.experiment->hash,
                       in.experiment->points.size());
  if (in.judge_targets)
    txt << "Fig. 1 of Wang et al. 2021 has no published numbers: the paper's yield strengths are not compared "
           "here.\n";
  txt << '\n';
}

/// Simulated groups and measured points, interleaved by (material, rate, T, D).
void writeYieldTable(const CompareInputs& in, const CompareAnalysis& a, std::ostream& txt) {
  if (in.table.has_strength)
    txt << "Yield strength vs diameter (simulated: strength = highest stress before the first nucleation, mean ± "
           "stderr over all n replicas; nn of them flowed to the end of loading without nucleating, and carry "
           "their flow stress)\n";
  else
    txt << "Yield strength vs diameter (simulated: mean ± stderr over nucleated replicas; n = nucleated, "
           "nn = not nucleated)\n";
  txt << fmt::format("{:<8} {:>10} {:>7} {:>8} {:>9} {:>7} {:>4} {:>3} | {:>9} {:>7}  {}\n", "material", "rate_1/s",
                     "T_K", "D_nm", "sim_GPa", "±se", "n", "nn", "exp_GPa", "±err", "source");
  struct Line {
    std::string material;
    double rate, t, d;
    int order;
    std::string text;
  };
  std::vector<Line> lines;
  for (const ConditionGroup& g : a.groups)
    lines.push_back({g.material, g.strain_rate_per_s, g.temperature_K, g.diameter_nm, 0,
                     fmt::format("{:<8} {:>10.3g} {:>7.1f} {:>8.2f} {:>9} {:>7} {:>4} {:>3} | {:>9} {:>7}", g.material,
                                 g.strain_rate_per_s, g.temperature_K, g.diameter_nm, fmtNum(g.yield.mean),
                                 fmtNum(g.yield.se), g.yield.n, g.not_nucleated, "", "")});
  if (in.experiment)
    for (const ExperimentPoint& e : in.experiment->points)
      lines.push_back({e.material, e.strain_rate_per_s, e.temperature_K, e.diameter_nm, 1,
                       fmt::format("{:<8} {:>10.3g} {:>7.1f} {:>8.2f} {:>9} {:>7} {:>4} {:>3} | {:>9.3f} {:>7}  {}",
                                   e.material, e.strain_rate_per_s, e.temperature_K, e.diameter_nm, "", "", "", "",
                                   e.yield_GPa, fmtNum(e.err_GPa.value_or(kMissing)), e.source)});
  std::stable_sort(lines.begin(), lines.end(), [](const Line& x, const Line& y) {
    return std::tie(x.material, x.rate, x.t, x.d, x.order) < std::tie(y.material, y.rate, y.t, y.d, y.order);
  });
  for (const Line& l : lines) txt << l.text << '\n';
}

void writeCriticalDiameters(const CompareAnalysis& a, std::ostream& txt) {
  txt << fmt::format(
      "\nCritical diameter D_c = diameter of the maximum mean σ_y(D) per (material, rate, T); "
      "[16%, 84%] of its bootstrap distribution ({} resamples of the replicas, seed {}), the fraction "
      "of resamples agreeing, and the diameters within one combined stderr of the maximum\n",
      kBootstrapResamples, kBootstrapSeed);
  for (const CriticalDiameter& c : a.critical_diameters) {
    txt << fmt::format("{:<8} {:>10.3g} {:>7.1f}  ", std::get<0>(c.key), std::get<1>(c.key), std::get<2>(c.key));
    if (c.status == DcStatus::kTooFewDiameters) {
      txt << "fewer than two diameters: no D_c\n";
      continue;
    }
    std::string within;
    for (double d : c.within_one_se_nm) within += (within.empty() ? "" : ", ") + fmt::format("{:g}", d);
    txt << fmt::format("D_c = {:g} nm [{:g}, {:g}], support {:.2f}, within 1 se: {{{}}}", c.dc_nm, c.lo_nm, c.hi_nm,
                       c.support, within);
    if (c.status == DcStatus::kAtSmallestDiameter)
      txt << " — maximum at the smallest diameter: smaller is stronger over the range (no softening)";
    if (c.status == DcStatus::kAtLargestDiameter)
      txt << " — maximum at the largest diameter: smaller is weaker over the whole range (D_c ≥ this)";
    if (c.paper_nm) txt << fmt::format("; paper: ~{:g} nm", *c.paper_nm);
    txt << '\n';
  }
}

void writeActivationVolumes(const CompareAnalysis& a, std::ostream& txt) {
  txt << "\nApparent activation volume Ω_app = k_BT Δln ε̇ / Δσ_y from adjacent strain rates at equal material, "
         "T and D, on the nucleation stresses of the replicas that nucleated (error propagated from the two "
         "stderrs)\n";
  if (a.pairs.empty()) txt << "  no condition was simulated at two strain rates: no Ω_app\n";
  for (const OmegaPair& p : a.pairs)
    txt << fmt::format(
        "{:<8} D {:>7.2f} nm  T {:>6.1f} K  {:.3g} -> {:.3g} /s  Δσ {:>8} GPa  Ω {:>8} ± {:<8} b³  {}{}\n", p.material,
        p.diameter_nm, p.temperature_K, p.slow_per_s, p.fast_per_s, fmtNum(p.d_sigma_GPa, "{:.4f}"),
        fmtNum(p.omega_b3, "{:.4g}"), fmtNum(p.omega_err_b3, "{:.2g}"),
        p.regime.empty() ? "(no paper regime)" : p.regime,
        p.status == PairStatus::kOk ? "" : "  [" + pairStatusText(p) + "]");
  if (!a.regimes.empty()) txt << "  pooled per regime: k_BT / (mean over its pairs of Δσ_y/Δln ε̇)\n";
  for (const OmegaRegime& r : a.regimes)
    txt << fmt::format(
        "  regime {:<14} T {:>6.1f} K: Ω_app = {} ± {} b³ over {} pair(s){}; paper ≈ {:g} b³ "
        "(ratio {})\n",
        r.regime, r.temperature_K, fmtNum(r.omega_b3, "{:.4g}"), fmtNum(r.err_b3, "{:.2g}"), r.pairs,
        r.without_error > 0 ? fmt::format(" ({} without error left out)", r.without_error) : std::string(), r.paper_b3,
        fmtNum(r.omega_b3 / r.paper_b3, "{:.3g}"));
}

void writeMeasuredStepVelocities(const CompareInputs& in, std::ostream& txt) {
  if (in.measured.empty()) return;
  const std::string sweep_build = resultsBuild(in.table.provenance);
  txt << "\nStep velocity measured apart from these results (--step-velocity; mean ± stderr over seeds, an upper "
         "bound when seeds were censored):\n";
  for (const StepVelocityMeasurement& m : in.measured)
    txt << fmt::format(
        "{}:{}: {} {}, {:g} K: {}{} ± {} nm/s (to {:g} s), build {}{}\n", m.file.string(), m.line, m.material,
        stepVelocityPoint(m).label, m.temperature_K, m.censored > 0 ? "≤ " : "", fmtNum(m.v_nm_per_s, "{:.4g}"),
        fmtNum(m.v_se_nm_per_s, "{:.2g}"), m.t_end_s, m.build,
        sweep_build.empty() || m.build == sweep_build ? "" : fmt::format(" (the results': {})", sweep_build));
}

void writeStepVelocities(const CompareInputs& in, const CompareAnalysis& a, std::ostream& txt) {
  writeMeasuredStepVelocities(in, txt);
  txt << "\nStep velocity: ";
  if (!in.table.has_step_velocity) {
    txt << "not in these results (no step_velocity_nm_per_s column)\n";
    return;
  }
  if (in.judge_targets)
    txt << fmt::format("paper: Ag 0.2–1 nm/s ({:g}–{:g}), Pt immobile\n", in.targets.ag_step_velocity_min_nm_per_s,
                       in.targets.ag_step_velocity_max_nm_per_s);
  else
    txt << "mean ± stderr over the replicas\n";
  for (const ConditionGroup& g : a.groups) {
    const MeanStdErr& s = g.step_velocity;
    if (s.n > 0)
      txt << fmt::format("{:<8} {:>10.3g} {:>7.1f} {:>8.2f}  {} ± {} nm/s (n {})\n", g.material, g.strain_rate_per_s,
                         g.temperature_K, g.diameter_nm, fmtNum(s.mean, "{:.4g}"), fmtNum(s.se, "{:.2g}"), s.n);
  }
}

void writeResiduals(const ExperimentData& experiment, const CompareAnalysis& a, std::ostream& txt) {
  txt << "\nResiduals exp − sim (sim interpolated linearly in D at the same material, rate ±5 %, T ±1 K; "
         "z = residual / √(err² + se²))\n";
  for (const Residual& r : a.residuals) {
    txt << fmt::format("{}:{}: {:<6} D {:>7.2f} nm  {:.3g} /s  {:.1f} K  exp {:.3f}  ", experiment.path.string(),
                       r.point.line, r.point.material, r.point.diameter_nm, r.point.strain_rate_per_s,
                       r.point.temperature_K, r.point.yield_GPa);
    if (r.status == ResidualStatus::kOk)
      txt << fmt::format("sim {} ± {}  residual {:+.3f} GPa  z {}\n", fmtNum(r.sim_GPa), fmtNum(r.sim_se_GPa),
                         r.residual_GPa, fmtNum(r.z, "{:+.2f}"));
    else
      txt << residualStatusName(r.status) << '\n';
  }
}

/// One variant's rows (ResultsTable::variant): what compare finds on them, and their flow.
struct VariantReport {
  ResultsTable table;
  CompareAnalysis analysis;
  std::vector<FlowCondition> flows;
};

/// What compare.txt says of one variant.
void writeVariantText(const CompareInputs& in, const VariantReport& r, std::ostream& txt) {
  const CompareAnalysis& a = r.analysis;
  txt << variantHeading(r.table.variant, "\n===== ");
  writeYieldTable(in, a, txt);
  writeCriticalDiameters(a, txt);
  writeActivationVolumes(a, txt);
  if (in.judge_targets)
    txt << "\nTargets (docs/model.md#targets; resolved = beyond 2 combined standard errors; \"not resolved\" = "
           "the error bars allow both)\n"
        << targetsMarkdown(a.verdicts);
  else
    txt << "\nTargets: not judged (--no-targets: a study that is not the paper's)\n";
  writeStepVelocities(in, a, txt);
  if (in.experiment) writeResiduals(*in.experiment, a, txt);
  if (!a.ablations.empty())
    txt << "\nWhat the KMC contributes (ablations; the tables above use the full model's replicas only)\n"
        << ablationMarkdown(a.ablations) << asCutArmNote(a.ablations, in.table.physics);
  if (!r.flows.empty())
    txt << "\nPlastic flow (loading.until: max_strain)\n" << flowMarkdown(r.flows, r.table.variant.empty());
}

/// With variants, the paper's observations of flow come once, after every variant's flow table.
bool variantFlows(const std::vector<VariantReport>& reports) {
  return std::any_of(reports.begin(), reports.end(),
                     [](const VariantReport& r) { return !r.table.variant.empty() && !r.flows.empty(); });
}

/// CompareInputs for one variant's rows.
CompareInputs inputsFor(const CompareInputs& in, const ResultsTable& part) {
  return {part, in.targets, in.experiment, in.judge_targets, in.measured};
}

std::string compareText(const CompareInputs& in, const std::vector<VariantReport>& reports,
                        const std::vector<UnsourcedConstant>& unsourced) {
  std::ostringstream txt;
  writeTextHeader(in, txt);
  const std::string note = variantNote(in.table.variant_keys);
  if (!note.empty()) txt << note;
  for (const VariantReport& r : reports) writeVariantText(inputsFor(in, r.table), r, txt);
  if (variantFlows(reports)) txt << "\n" << flowPaperObservations();
  txt << "\nConstants no source gives that these runs used (tag A in the materials files: assumed, or "
         "calibrated on a target)\n"
      << (unsourced.empty() ? std::string(kNoUnsourced) + "\n" : unsourcedMarkdown(unsourced));
  return txt.str();
}

json methodJson(bool has_strength) {
  return {{"group_by", {"material", "strain_rate_per_s", "temperature_K", "diameter_nm"}},
          {"yield", has_strength ? "strength_GPa: highest stress before the first nucleation (flow "
                                   "stress of replicas that did not nucleate)"
                                 : "yield_stress_GPa of the nucleated replicas"},
          {"stderr", "sample std / sqrt(n) over the replicas averaged"},
          {"critical_diameter", "argmax of mean yield over diameters; bootstrap over replicas"},
          {"bootstrap_resamples", kBootstrapResamples},
          {"bootstrap_seed", kBootstrapSeed},
          {"bootstrap_interval", "16th-84th percentile"},
          {"activation_volume",
           "k_BT dln(rate)/dsigma between adjacent rates at equal material, T, D, on the mean nucleation stresses "
           "of the replicas that nucleated"},
          {"regime_pooling",
           "k_BT / mean over the regime's pairs of dsigma/dln(rate), per (regime, T); pairs without a stderr "
           "left out when others have one; stderr sqrt(sum of squared pair stderrs)/n, propagated"}};
}

/// Every item of `items` as JSON, with the variant's values (`variant`) when it has any, appended to `out`.
template <class T>
void appendTagged(json& out, const std::vector<T>& items, const Variant& variant) {
  for (const T& item : items) {
    json e = item;
    if (!variant.empty()) e["variant"] = variant;
    out.push_back(std::move(e));
  }
}

json compareJson(const CompareInputs& in, const std::vector<VariantReport>& reports,
                 const std::vector<UnsourcedConstant>& unsourced) {
  json j;
  j["surfkmc"] = {{"version", kVersion}, {"git", kGitHash}};
  j["results"] = {{"file", in.table.file.string()},
                  {"hash", in.table.hash},
                  {"provenance", in.table.provenance},
                  {"key_sources", in.table.notes}};
  j["observations"] = in.judge_targets ? json(in.targets.path.string()) : json(nullptr);
  j["fig1_numbers_published"] = false;
  j["method"] = methodJson(in.table.has_strength);
  // Keys compare analyses apart, and the combinations of their values it found; `pooled_keys` (what it
  // once pooled) stays for readers of older files and is always empty.
  j["variant_keys"] = in.table.variant_keys;
  j["pooled_keys"] = json::array();
  j["variants"] = json::array();
  json groups = json::array(), dcs = json::array(), pairs = json::array(), regimes = json::array(),
       verdicts = json::array(), ablations = json::array(), residuals = json::array(), flows = json::array();
  for (const VariantReport& r : reports) {
    const CompareAnalysis& a = r.analysis;
    if (!r.table.variant.empty()) j["variants"].push_back(r.table.variant);
    appendTagged(groups, a.groups, r.table.variant);
    appendTagged(dcs, a.critical_diameters, r.table.variant);
    appendTagged(pairs, a.pairs, r.table.variant);
    appendTagged(regimes, a.regimes, r.table.variant);
    appendTagged(verdicts, a.verdicts, r.table.variant);
    appendTagged(ablations, a.ablations, r.table.variant);
    appendTagged(residuals, a.residuals, r.table.variant);
    appendTagged(flows, r.flows, r.table.variant);
  }
  j["groups"] = groups;
  j["critical_diameters"] = dcs;
  j["activation_volumes"] = {{"pairs", pairs}, {"regimes", regimes}};
  j["targets"] = in.judge_targets ? verdicts : json(nullptr);
  j["ablations"] = ablations;
  j["unsourced_constants"] = unsourced;
  j["step_velocity"] = (in.table.has_step_velocity || !in.measured.empty()) && in.judge_targets
                           ? json{{"paper_Ag_min_nm_per_s", in.targets.ag_step_velocity_min_nm_per_s},
                                  {"paper_Ag_max_nm_per_s", in.targets.ag_step_velocity_max_nm_per_s}}
                           : json(nullptr);
  if (!in.measured.empty()) {
    json list = json::array();
    for (const StepVelocityMeasurement& m : in.measured)
      list.push_back({{"file", m.file.string()},
                      {"line", m.line},
                      {"material", m.material},
                      {"method", m.method},
                      {"geometry", m.geometry},
                      {"diameter_nm", m.diameter_nm},
                      {"temperature_K", m.temperature_K},
                      {"stress_GPa", m.stress_GPa},
                      {"t_end_s", m.t_end_s},
                      {"seeds", m.seeds},
                      {"censored", m.censored},
                      {"v_nm_per_s", m.v_nm_per_s},
                      {"v_se_nm_per_s", m.v_se_nm_per_s},
                      {"hop_key", m.hop_key},
                      {"build", m.build}});
    if (j["step_velocity"].is_null()) j["step_velocity"] = json::object();
    j["step_velocity"]["measurements"] = list;
  }
  if (in.experiment)
    j["experiment"] = {{"file", in.experiment->path.string()}, {"hash", in.experiment->hash}, {"residuals", residuals}};
  else
    j["experiment"] = nullptr;
  if (!flows.empty()) j["flow"] = flows;
  return j;
}

FigureSpec compareFigure(const CompareInputs& in, const std::vector<VariantReport>& reports) {
  FigureSpec fig;
  fig.title = "Yield strength vs diameter";
  fig.xlabel = "diameter D (nm)";
  fig.ylabel = "yield strength (GPa)";
  for (const VariantReport& r : reports)
    for (const auto& [key, gs] : curvesOf(r.analysis.groups)) {
      Series s;
      s.label = fmt::format("sim {} {:.3g}/s {:g} K", std::get<0>(key), std::get<1>(key), std::get<2>(key));
      if (!r.table.variant.empty()) s.label += ", " + variantLabel(r.table.variant);
      for (const ConditionGroup* g : gs) {
        s.x.push_back(g->diameter_nm);
        s.y.push_back(g->yield.mean);
        s.err.push_back(std::isfinite(g->yield.se) ? g->yield.se : 0.0);
      }
      fig.series.push_back(s);
    }
  if (!in.experiment) return fig;
  std::map<SeriesKey, Series> measured;
  for (const ExperimentPoint& e : in.experiment->points) {
    Series& s = measured[{e.material, e.strain_rate_per_s, e.temperature_K}];
    s.label = fmt::format("data {} {:.3g}/s {:g} K", e.material, e.strain_rate_per_s, e.temperature_K);
    s.x.push_back(e.diameter_nm);
    s.y.push_back(e.yield_GPa);
    s.err.push_back(e.err_GPa.value_or(0.0));
  }
  for (auto& [key, s] : measured) fig.series.push_back(s);
  return fig;
}

/// b [Å] of every simulated material (Ω in b³); an InputError names the results file for a material
/// without a materials file.
/// The materials file of every material in the results, by name.
std::map<std::string, Material> materialsOf(const ResultsTable& table, const fs::path& dir) {
  std::map<std::string, Material> materials;
  for (const SimulatedYield& y : table.rows) {
    if (materials.count(y.material)) continue;
    const auto file = resolveMaterial(y.material, dir);
    if (!file)
      throw InputError(table.file.string() + ": material '" + y.material + "' has no materials file (looked in " +
                       materialsDirectory().string() + ")");
    materials.emplace(y.material, loadMaterialFile(*file));
  }
  return materials;
}

/// Whether the runs of a material, which used `u`, read the materials-file key: the bond-counting keys only
/// under `energetics: bond_counting` (the catalogue puts its own pair energy in ε_b's place), the migration
/// volume only where the KMC ran without per-hop stress slopes, the Coble constant only under
/// `loading.creep: coble`, the Meyer–Neldel temperature only under `nucleation.activation_entropy:
/// meyer_neldel`, the class laws of Eq. 2 (σ_ath, Ω and the step-height and pit-size laws) only
/// under `nucleation.model: linear` or `power`.
bool keyUsed(const std::string& key, const PhysicsUsed& u) {
  if (key == "bond_energy_eV" || key == "saddle_model") return u.energetics.count("bond_counting") > 0;
  // Per-hop stress slopes replace the global migration volume.
  if (key == "migration_activation_volume_b3") return u.stress_responses.count("migration_volume") > 0;
  if (key == "coble_constant") return u.creep_laws.count("coble") > 0;
  if (key == "meyer_neldel_temperature_K") return u.activation_entropies.count("meyer_neldel") > 0;
  for (const char* prefix : {"edge_", "step_", "pit_"})
    if (key.rfind(prefix, 0) == 0) return u.nucleation_models.count("linear") + u.nucleation_models.count("power") > 0;
  return true;
}

/// The tag-A parameters (assumed or calibrated) of the materials, in key order: those the results' runs used,
/// when summary.json says what they used, else all of them.
std::vector<UnsourcedConstant> unsourcedConstants(const std::map<std::string, Material>& materials,
                                                  const std::map<std::string, PhysicsUsed>& physics) {
  std::vector<UnsourcedConstant> out;
  for (const auto& [name, m] : materials) {
    const auto used = physics.find(name);
    for (const auto& [key, s] : m.sources)
      if (s.tag == "A" && (used == physics.end() || keyUsed(key, used->second)))
        out.push_back({name, key, s.value, s.unit, s.source});
  }
  return out;
}

/// T6 judged on another results folder, and where that folder's results came from.
struct TemperatureSweepT6 {
  TargetVerdict verdict;
  std::string provenance;
};

/// T6 on the results of `dir`, a sweep over temperature: they must hold Ag at 1e-3 /s at 300 and at 350 K, each
/// on at least two diameters; else an InputError saying what is allowed (nothing is written).
TemperatureSweepT6 judgeT6Apart(const fs::path& dir, std::optional<double> temperature_K, const PaperTargets& targets) {
  std::shared_ptr<ResultsFolder::Lock> lock;
  std::optional<ResultsTable> read;
  std::map<std::string, double> burgers_A;
  try {
    lock = ResultsFolder::lockForReading(dir);
    read = loadResultsTable(dir, temperature_K);
    for (const auto& [name, m] : materialsOf(*read, dir)) burgers_A[name] = m.burgers_vector_A;
  } catch (const InputError& e) {
    throw InputError(std::string("--temperature-sweep: ") + e.what());
  }
  const ResultsTable& table = *read;
  if (!table.variant_keys.empty())
    throw InputError("--temperature-sweep: bad value '" + printableText(dir.string(), 200) + "' (" +
                     table.file.string() + "): its sweep also varies '" +
                     printableText(table.variant_keys.front(), 100) +
                     "', and T6 is judged on one curve per temperature; allowed: a sweep over temperature and "
                     "diameter (and ablation) only");
  const CompareAnalysis a = analyseComparison(table, targets, std::nullopt, burgers_A, true);
  for (const TargetVerdict& v : a.verdicts)
    if (v.id == "T6" && v.verdict != Verdict::kNotEvaluated) {
      const auto text = table.provenance.find_first_not_of(' ');
      TemperatureSweepT6 t{v, text == std::string::npos ? std::string() : table.provenance.substr(text)};
      t.verdict.simulated = "from " + printableText(dir.filename().string(), 80) + ": " + v.simulated;
      return t;
    }
  throw InputError("--temperature-sweep: bad value '" + printableText(dir.string(), 200) + "' (" + table.file.string() +
                   "): its results cannot judge T6; allowed: results holding Ag at 1e-3 /s at both 300 and 350 K, "
                   "each on two diameters or more (scenarios/paper_fig1_temperature.yaml)");
}

}  // namespace

void compareCommand(const CompareOptions& options, std::ostream& out) {
  const fs::path dir = options.results_dir;
  // Not while a run or sweep is writing there: its tables would be half-written, and the report
  // goes into the same folder.
  const auto lock = ResultsFolder::lockForReading(dir);
  const ResultsTable table = loadResultsTable(dir, options.temperature_K);
  const PaperTargets targets = options.judge_targets
                                   ? loadPaperTargets(options.observations.value_or(defaultObservationsPath()))
                                   : PaperTargets{};
  std::optional<ExperimentData> experiment;
  if (options.data) experiment = loadExperimentData(*options.data);
  std::map<std::string, Material> materials = materialsOf(table, dir);
  // The class laws of Eq. 2 are listed among the calibrated constants only where the runs read them.
  for (auto& [name, m] : materials)
    if (const auto used = table.physics.find(name);
        used == table.physics.end() || keyUsed("edge_sigma_ath_GPa", used->second))
      loadLinearLaw(m);
  std::map<std::string, double> burgers_A;
  for (const auto& [name, m] : materials) burgers_A[name] = m.burgers_vector_A;

  std::vector<StepVelocityMeasurement> measured;
  for (const fs::path& f : options.step_velocity) {
    std::vector<StepVelocityMeasurement> ms = loadStepVelocityFile(f);
    measured.insert(measured.end(), std::make_move_iterator(ms.begin()), std::make_move_iterator(ms.end()));
  }
  const CompareInputs in{table, targets, experiment, options.judge_targets, measured};
  std::optional<TemperatureSweepT6> t6;
  if (options.temperature_sweep && options.judge_targets)
    t6 = judgeT6Apart(*options.temperature_sweep, options.temperature_K, targets);
  const std::vector<UnsourcedConstant> unsourced = unsourcedConstants(materials, table.physics);
  // Runs that went on after nucleating: their flow, beside the paper's description of it.
  std::map<std::pair<int, int>, ReloadSlopes> slopes;
  std::map<std::pair<int, int>, SlipStepSurvival> survival;
  std::map<std::string, double> youngs;
  if (table.has_slip_events) {
    std::error_code ec;
    if (fs::is_regular_file(dir / "stress_strain.csv", ec)) slopes = reloadSlopes(dir / "stress_strain.csv");
    for (const auto& [name, m] : materials) youngs[name] = m.youngs_modulus_112_GPa;
    survival = slipStepSurvival(dir / "series");
  }
  // Each variant (the values of swept keys compare does not group by) on its own.
  std::vector<VariantReport> reports;
  for (ResultsTable& part : splitByVariant(table)) {
    VariantReport r{std::move(part), {}, {}};
    r.analysis = analyseComparison(r.table, targets, experiment, burgers_A, options.judge_targets, measured);
    if (t6)
      for (TargetVerdict& v : r.analysis.verdicts)
        if (v.id == "T6") v = t6->verdict;
    r.analysis.unsourced = unsourced;
    if (table.has_slip_events) r.flows = flowConditions(r.table, slopes, youngs, survival);
    if (options.judge_targets) r.analysis.verdicts.push_back(flowVerdict(r.flows));
    reports.push_back(std::move(r));
  }
  std::string txt = compareText(in, reports, unsourced);
  json j = compareJson(in, reports, unsourced);
  if (t6) {
    txt += fmt::format("\nT6 judged on the temperature sweep {} (--temperature-sweep; {})\n",
                       printableText(options.temperature_sweep->string(), 200), printableText(t6->provenance, 300));
    j["temperature_sweep"] = {{"results", options.temperature_sweep->string()}, {"provenance", t6->provenance}};
  }
  const fs::path png = dir / "compare_yield_vs_diameter.png";
  const bool figure = writeFigure(compareFigure(in, reports), png);
  j["figure"] = figure ? json(png.filename().string()) : json(nullptr);
  if (!figure) txt += "\nfigure: not written (gnuplot unavailable or failed); script in compare_yield_vs_diameter.gp\n";

  writeFileAtomically(dir / "compare.txt", txt);
  writeFileAtomically(dir / "compare.json", j.dump(2) + "\n");
  if (options.judge_targets) {
    std::string md = variantNote(table.variant_keys);
    for (const VariantReport& r : reports) {
      const CompareAnalysis& a = r.analysis;
      md += variantHeading(r.table.variant, md.empty() ? "# " : "\n# ");
      if (!r.table.variant.empty()) md += "\n";
      md += targetsMarkdown(a.verdicts);
      if (!a.ablations.empty())
        md += "\n## What the KMC contributes (ablations)\n\n" + ablationMarkdown(a.ablations) +
              asCutArmNote(a.ablations, table.physics);
      if (!r.flows.empty()) md += "\n## Plastic flow\n\n" + flowMarkdown(r.flows, r.table.variant.empty());
    }
    if (variantFlows(reports)) md += "\n" + flowPaperObservations();
    md +=
        "\n## Constants no source gives that these runs used (tag A: assumed, or calibrated on a target; "
        "docs/calibration.md)\n\n" +
        (unsourced.empty() ? std::string(kNoUnsourced) + "\n" : unsourcedMarkdown(unsourced));
    writeFileAtomically(dir / "targets.md", md);
  }
  out << txt;
  out << fmt::format("\nwritten: {}, {}{}\n", (dir / "compare.txt").string(), (dir / "compare.json").string(),
                     figure ? ", " + png.string() : std::string());
}

}  // namespace surfkmc::app
