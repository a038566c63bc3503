// SPDX-License-Identifier: MIT
// The analysis behind `surfkmc compare`; compare_command.cpp writes it out.
#include "app/compare_analysis.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <random>
#include <set>
#include <sstream>

#include "app/effect_text.hpp"
#include "core/error.hpp"
#include "core/statistics.hpp"

namespace surfkmc::app {
namespace {

/// Temperatures are "the same" within 1 K.
constexpr double kTemperatureTol_K = 1.0;

const double kNaN = std::nan("");

/// The replicas of the runs with `ablation`, grouped by condition.
std::vector<ConditionGroup> groupReplicas(const ResultsTable& table, coupling::Ablation ablation) {
  std::map<std::tuple<std::string, double, double, double>, ConditionGroup> groups;
  for (const SimulatedYield& y : table.rows) {
    if (y.ablation != ablation) continue;
    ConditionGroup& g = groups[{y.material, y.strain_rate_per_s, y.temperature_K, y.diameter_nm}];
    g.material = y.material;
    g.strain_rate_per_s = y.strain_rate_per_s;
    g.temperature_K = y.temperature_K;
    g.diameter_nm = y.diameter_nm;
    // With a strength column every replica counts: a wire that flowed without nucleating carries its
    // highest stress (CoupledResult::strength_GPa); older results fall back to the nucleation stress.
    if (!y.yield_GPa) ++g.not_nucleated;
    if (y.yield_GPa) g.nucleation_GPa.push_back(*y.yield_GPa);
    if (const auto v = table.has_strength ? y.strength_GPa : y.yield_GPa) {
      g.yields_GPa.push_back(*v);
      g.yield_replicas.push_back(y.replica);
    }
    if (y.step_velocity_nm_per_s) g.step_velocities_nm_per_s.push_back(*y.step_velocity_nm_per_s);
  }
  std::vector<ConditionGroup> out;
  for (auto& [key, g] : groups) {
    g.yield = meanStdErr(g.yields_GPa);
    g.nucleation = meanStdErr(g.nucleation_GPa);
    g.step_velocity = meanStdErr(g.step_velocities_nm_per_s);
    out.push_back(std::move(g));
  }
  return out;
}

/// The diameter of the largest mean in one bootstrap resample of every group's replicas.
double resampledArgmax(const std::vector<const ConditionGroup*>& groups, std::mt19937_64& rng) {
  double top = -INFINITY;
  double at = kNaN;
  for (const ConditionGroup* g : groups) {
    const auto n = g->yields_GPa.size();
    double sum = 0.0;
    for (std::size_t k = 0; k < n; ++k) sum += g->yields_GPa[static_cast<std::size_t>(rng() % n)];
    const double m = sum / static_cast<double>(n);
    if (m > top) {
      top = m;
      at = g->diameter_nm;
    }
  }
  return at;
}

/// D_c = argmax_D of the mean σ_y(D). Uncertainty: a bootstrap over replicas (each diameter's
/// replicas resampled with replacement, independently; fixed seed) gives the distribution of the
/// argmax; we report its 16th–84th percentiles and the fraction of resamples that agree. Also the set
/// of diameters whose mean is within one combined standard error √(se_max² + se_D²) of the maximum.
CriticalDiameter criticalDiameter(const SeriesKey& key, const std::vector<const ConditionGroup*>& groups) {
  CriticalDiameter c{key, DcStatus::kTooFewDiameters, kNaN, kNaN, kNaN, kNaN, {}, {}, std::nullopt};
  for (const ConditionGroup* g : groups) c.diameters_nm.push_back(g->diameter_nm);
  if (groups.size() < 2) return c;
  std::size_t best = 0;
  for (std::size_t i = 1; i < groups.size(); ++i)
    if (groups[i]->yield.mean > groups[best]->yield.mean) best = i;
  const ConditionGroup& top = *groups[best];
  c.dc_nm = top.diameter_nm;
  c.status = best == 0 ? DcStatus::kAtSmallestDiameter
                       : (best + 1 == groups.size() ? DcStatus::kAtLargestDiameter : DcStatus::kInterior);
  for (const ConditionGroup* g : groups)
    if (top.yield.mean - g->yield.mean <= std::hypot(seOrZero(g->yield.se), seOrZero(top.yield.se)))
      c.within_one_se_nm.push_back(g->diameter_nm);
  // std::mt19937_64 is specified bit for bit by the standard (std::uniform_int_distribution is not),
  // so the resamples are the same on every platform; the modulo bias is < n / 2^64.
  std::mt19937_64 rng(kBootstrapSeed);
  std::vector<double> picks;
  picks.reserve(kBootstrapResamples);
  for (int b = 0; b < kBootstrapResamples; ++b) picks.push_back(resampledArgmax(groups, rng));
  c.support = static_cast<double>(std::count(picks.begin(), picks.end(), c.dc_nm)) / kBootstrapResamples;
  std::sort(picks.begin(), picks.end());
  c.lo_nm = picks[static_cast<std::size_t>(0.16 * (kBootstrapResamples - 1))];
  c.hi_nm = picks[static_cast<std::size_t>(0.84 * (kBootstrapResamples - 1))];
  return c;
}

/// Ω_app and m between the groups a (slower) and b (faster), on their nucleation stresses.
OmegaPair omegaPair(const ConditionGroup& a, const ConditionGroup& b, double burgers_A) {
  OmegaPair p;
  p.material = a.material;
  p.temperature_K = a.temperature_K;
  p.diameter_nm = a.diameter_nm;
  p.slow_per_s = a.strain_rate_per_s;
  p.fast_per_s = b.strain_rate_per_s;
  p.d_sigma_GPa = b.nucleation.mean - a.nucleation.mean;
  p.omega_A3 = p.omega_err_A3 = p.omega_b3 = p.omega_err_b3 = kNaN;
  p.sensitivity = {kNaN, kNaN};
  const bool errors = std::isfinite(a.nucleation.se) && std::isfinite(b.nucleation.se);
  const nucleation::YieldPoint slow{a.strain_rate_per_s, a.nucleation.mean, errors ? a.nucleation.se : 0.0};
  const nucleation::YieldPoint fast{b.strain_rate_per_s, b.nucleation.mean, errors ? b.nucleation.se : 0.0};
  try {
    const auto v = nucleation::apparentActivationVolume(slow, fast, a.temperature_K);
    const double b3 = std::pow(burgers_A, 3);
    p.omega_A3 = v.volume_A3;
    p.omega_b3 = v.volume_A3 / b3;
    p.omega_err_A3 = errors ? v.std_error_A3 : kNaN;
    p.omega_err_b3 = errors ? v.std_error_A3 / b3 : kNaN;
    p.sensitivity = nucleation::rateSensitivity(slow, fast);
    p.status = errors ? PairStatus::kOk : PairStatus::kNoError;
  } catch (const InputError& e) {
    p.status = PairStatus::kNotComputed;
    p.why_not = e.what();
  }
  return p;
}

/// Ω_app from adjacent strain rates at equal (material, T, D), each labelled with its paper regime.
std::vector<OmegaPair> omegaPairs(const std::vector<ConditionGroup>& groups, const PaperTargets& targets,
                                  const std::map<std::string, double>& burgers_A) {
  std::map<std::tuple<std::string, double, double>, std::vector<const ConditionGroup*>> by_condition;
  for (const ConditionGroup& g : groups)
    if (g.nucleation.n > 0) by_condition[{g.material, g.temperature_K, g.diameter_nm}].push_back(&g);
  std::vector<OmegaPair> pairs;
  for (auto& [key, gs] : by_condition) {
    std::sort(gs.begin(), gs.end(), [](const ConditionGroup* a, const ConditionGroup* b) {
      return a->strain_rate_per_s < b->strain_rate_per_s;
    });
    for (std::size_t i = 0; i + 1 < gs.size(); ++i) {
      OmegaPair p = omegaPair(*gs[i], *gs[i + 1], burgers_A.at(gs[i]->material));
      for (const auto& t : targets.activation_volumes)
        if (p.regime.empty() && t.covers(p.material, p.diameter_nm)) p.regime = t.name;
      pairs.push_back(std::move(p));
    }
  }
  return pairs;
}

/// One regime at one temperature: k_BT over the plain mean of the pairs' rate sensitivities.
OmegaRegime pooledRegime(const std::string& regime, double temperature_K, const std::vector<const OmegaPair*>& ps,
                         const PaperTargets& targets, double burgers_A) {
  OmegaRegime r{regime, ps.front()->material, temperature_K, 0, 0, kNaN, kNaN, kNaN};
  const auto has_err = [](const OmegaPair* p) { return p->status == PairStatus::kOk; };
  const bool any_err = std::any_of(ps.begin(), ps.end(), has_err);
  std::vector<nucleation::RateSensitivity> used;
  for (const OmegaPair* p : ps) {
    if (any_err && !has_err(p)) {
      ++r.without_error;
      continue;
    }
    used.push_back(p->sensitivity);
    ++r.pairs;
  }
  const double b3 = std::pow(burgers_A, 3);
  try {
    const auto v = nucleation::pooledActivationVolume(used, temperature_K);
    r.omega_b3 = v.volume_A3 / b3;
    r.err_b3 = any_err ? v.std_error_A3 / b3 : kNaN;
  } catch (const InputError&) {
    // m̄ ≤ 0: no positive rate sensitivity, Ω undefined; reported as NaN.
  }
  for (const auto& t : targets.activation_volumes)
    if (t.name == r.regime) r.paper_b3 = t.value_b3;
  return r;
}

/// Pooled per (regime, T) (nucleation::pooledActivationVolume says why m and not Ω is averaged). A
/// pair without a standard error (a side with a single replica) is left out when others have one, and
/// only counted; without any error, the pooled value has none either.
std::vector<OmegaRegime> omegaRegimes(const std::vector<OmegaPair>& pairs, const PaperTargets& targets,
                                      const std::map<std::string, double>& burgers_A) {
  std::map<std::pair<std::string, double>, std::vector<const OmegaPair*>> pooled;
  for (const OmegaPair& p : pairs)
    if (!p.regime.empty() && std::isfinite(p.sensitivity.per_ln_rate_GPa))
      pooled[{p.regime, p.temperature_K}].push_back(&p);
  std::vector<OmegaRegime> regimes;
  for (const auto& [key, ps] : pooled)
    regimes.push_back(pooledRegime(key.first, key.second, ps, targets, burgers_A.at(ps.front()->material)));
  return regimes;
}

/// What was calibrated on which target (docs/calibration.md), for the physics the runs used. The creep
/// constant C was fitted on T2 with the bond-counting energetics; the linear and power laws carry the
/// paper's Ω at pristine edges, which T4 then only checks. Where summary.json does not say what ran
/// (older results), the calibrated model is assumed, as the more cautious label. T4 is judged on the
/// materials in `present` only: a sweep of Ag alone says nothing of how Pt's volume came about.
std::map<std::string, std::string> targetRoles(const std::map<std::string, PhysicsUsed>& physics,
                                               const std::set<std::string>& present) {
  const auto used = [&](const char* material) -> const PhysicsUsed* {
    const auto it = physics.find(material);
    return it == physics.end() ? nullptr : &it->second;
  };
  const auto onlyComputed = [](const PhysicsUsed* u) {
    return u != nullptr && !u->nucleation_models.empty() &&
           u->nucleation_models.size() == u->nucleation_models.count("computed");
  };
  std::map<std::string, std::string> roles;
  const PhysicsUsed* ag = used("Ag");
  // Known when summary.json recorded the loaded runs' physics; runs without a kmc: section record none.
  const bool ag_known = ag != nullptr && !ag->nucleation_models.empty();
  const bool ag_bonds = !ag_known || ag->energetics.count("bond_counting") > 0;
  const bool ag_creep = !ag_known || ag->creep_laws.count("coble") > 0;
  const std::string surface =
      ag_known && ag->energetics.empty() ? "no KMC (the surface as cut)" : "hop barriers from the potential";
  if (ag_creep && ag_bonds)
    roles["T2"] = "calibrated: the creep constant C (docs/calibration.md §2)";
  else if (ag_creep)
    roles["T2"] = "predicted: " + surface +
                  "; the creep constant C, fitted on T2 with bond counting (docs/calibration.md §2), still scales "
                  "the creep law";
  else if (ag_bonds)
    roles["T2"] = "predicted: no creep law; the bond energy was fitted to transport (docs/calibration.md §1)";
  else
    roles["T2"] = "predicted: " + surface + ", no creep law (C unused)";
  const bool t4_materials = present.count("Ag") > 0 || present.count("Pt") > 0;
  const bool t4_computed =
      (present.count("Ag") == 0 || onlyComputed(ag)) && (present.count("Pt") == 0 || onlyComputed(used("Pt")));
  if (t4_materials && t4_computed)
    roles["T4"] = "predicted: Ω from the computed nucleation barriers";
  else
    roles["T4"] = "thick Ag and Pt calibrated (edge Ω = 1 and 1.02 b³); thin Ag predicted";
  return roles;
}

/// The curves and pooled volumes in the form target_check judges.
std::vector<TargetVerdict> verdictsOf(const std::vector<ConditionGroup>& groups,
                                      const std::vector<CriticalDiameter>& dcs, const std::vector<OmegaRegime>& regimes,
                                      const std::map<std::string, PhysicsUsed>& physics,
                                      const std::vector<StepVelocityMeasurement>& measured) {
  std::set<std::string> present;
  for (const ConditionGroup& g : groups) present.insert(g.material);
  const std::map<std::string, std::string> roles = targetRoles(physics, present);
  std::vector<YieldCurve> curves;
  for (const auto& [key, gs] : curvesOf(groups)) {
    YieldCurve c;
    c.material = std::get<0>(key);
    c.strain_rate_per_s = std::get<1>(key);
    c.temperature_K = std::get<2>(key);
    for (const ConditionGroup* g : gs) c.points.push_back({g->diameter_nm, g->yield.mean, g->yield.se, g->yield.n});
    for (const CriticalDiameter& d : dcs)
      if (d.key == key) {
        c.dc_nm = d.dc_nm;
        c.dc_lo_nm = d.lo_nm;
        c.dc_hi_nm = d.hi_nm;
        c.dc_within_one_se_nm = d.within_one_se_nm;
        c.dc_status = d.status;
        c.paper_dc_nm = d.paper_nm;
      }
    curves.push_back(std::move(c));
  }
  std::vector<ActivationVolumeResult> volumes;
  for (const OmegaRegime& r : regimes)
    volumes.push_back({r.regime, r.material, r.temperature_K, r.omega_b3, r.err_b3, r.paper_b3, r.pairs});
  std::vector<StepVelocityPoint> velocities;
  for (const ConditionGroup& g : groups)
    if (g.step_velocity.n > 0)
      velocities.push_back({g.material, g.temperature_K, g.diameter_nm, g.step_velocity.mean, g.step_velocity.se,
                            g.step_velocity.n, false, ""});
  for (const StepVelocityMeasurement& m : measured) velocities.push_back(stepVelocityPoint(m));
  return checkTargets(curves, volumes, roles, velocities);
}

/// `e` against the curve `gs` interpolated linearly in D between the neighbouring simulated diameters.
bool interpolate(const ExperimentPoint& e, const std::vector<const ConditionGroup*>& gs, Residual& r) {
  for (std::size_t i = 0; i < gs.size(); ++i) {
    const ConditionGroup& a = *gs[i];
    const ConditionGroup& b = *gs[std::min(i + 1, gs.size() - 1)];
    if (e.diameter_nm < a.diameter_nm || e.diameter_nm > b.diameter_nm) continue;
    const double f =
        b.diameter_nm > a.diameter_nm ? (e.diameter_nm - a.diameter_nm) / (b.diameter_nm - a.diameter_nm) : 0.0;
    r.sim_GPa = a.yield.mean + f * (b.yield.mean - a.yield.mean);
    r.sim_se_GPa =
        (std::isfinite(a.yield.se) && std::isfinite(b.yield.se)) ? (1 - f) * a.yield.se + f * b.yield.se : kNaN;
    r.residual_GPa = e.yield_GPa - r.sim_GPa;
    const double s2 = std::pow(e.err_GPa.value_or(0.0), 2) + std::pow(seOrZero(r.sim_se_GPa), 2);
    r.z = s2 > 0.0 ? r.residual_GPa / std::sqrt(s2) : kNaN;
    r.status = ResidualStatus::kOk;
    return true;
  }
  return false;
}

/// Residuals of user data against the simulated curve at the same material, rate and temperature.
std::vector<Residual> residualsOf(const ExperimentData& experiment,
                                  const std::map<SeriesKey, std::vector<const ConditionGroup*>>& curves) {
  std::vector<Residual> residuals;
  for (const ExperimentPoint& e : experiment.points) {
    Residual r{e, ResidualStatus::kNoSimulatedSeries, kNaN, kNaN, kNaN, kNaN};
    for (const auto& [key, gs] : curves) {
      if (std::get<0>(key) != e.material || !sameStrainRate(std::get<1>(key), e.strain_rate_per_s) ||
          std::abs(std::get<2>(key) - e.temperature_K) > kTemperatureTol_K)
        continue;
      r.status = ResidualStatus::kOutsideSimulatedDiameters;
      if (interpolate(e, gs, r)) break;
    }
    residuals.push_back(r);
  }
  return residuals;
}

}  // namespace

bool OmegaPair::operator==(const OmegaPair& o) const {
  return std::tie(material, temperature_K, diameter_nm, slow_per_s, fast_per_s, d_sigma_GPa, omega_A3, omega_err_A3,
                  omega_b3, omega_err_b3, sensitivity.per_ln_rate_GPa, sensitivity.std_error_GPa, regime, status,
                  why_not) == std::tie(o.material, o.temperature_K, o.diameter_nm, o.slow_per_s, o.fast_per_s,
                                       o.d_sigma_GPa, o.omega_A3, o.omega_err_A3, o.omega_b3, o.omega_err_b3,
                                       o.sensitivity.per_ln_rate_GPa, o.sensitivity.std_error_GPa, o.regime, o.status,
                                       o.why_not);
}

std::string pairStatusText(const OmegaPair& pair) {
  switch (pair.status) {
    case PairStatus::kOk:
      return "ok";
    case PairStatus::kNoError:
      return "no_error";
    case PairStatus::kNotComputed:
      return pair.why_not;
  }
  throw InvariantError("unknown PairStatus");
}

std::string_view residualStatusName(ResidualStatus status) {
  switch (status) {
    case ResidualStatus::kOk:
      return "ok";
    case ResidualStatus::kNoSimulatedSeries:
      return "no_simulated_series";
    case ResidualStatus::kOutsideSimulatedDiameters:
      return "outside_simulated_diameters";
  }
  throw InvariantError("unknown ResidualStatus");
}

std::map<SeriesKey, std::vector<const ConditionGroup*>> curvesOf(const std::vector<ConditionGroup>& groups) {
  std::map<SeriesKey, std::vector<const ConditionGroup*>> curves;
  for (const ConditionGroup& g : groups)
    if (g.yield.n > 0) curves[g.series()].push_back(&g);  // groups are ordered: D ascending
  return curves;
}

namespace {

/// A group's first-yield strengths as (replica index, value) pairs, for pairing arms replica by replica.
std::vector<std::pair<int, double>> yieldsByReplica(const ConditionGroup& g) {
  std::vector<std::pair<int, double>> out;
  for (std::size_t k = 0; k < g.yields_GPa.size(); ++k) out.emplace_back(g.yield_replicas[k], g.yields_GPa[k]);
  return out;
}

/// Full model minus each ablation present, condition by condition.
std::vector<AblationEffect> ablationEffects(const ResultsTable& table, const std::vector<ConditionGroup>& full) {
  std::vector<AblationEffect> out;
  for (const coupling::Ablation ablation : {coupling::Ablation::kFrozenSurface, coupling::Ablation::kAsCutSites})
    for (const ConditionGroup& g : groupReplicas(table, ablation)) {
      AblationEffect e;
      e.ablation = ablation;
      e.material = g.material;
      e.strain_rate_per_s = g.strain_rate_per_s;
      e.temperature_K = g.temperature_K;
      e.diameter_nm = g.diameter_nm;
      e.ablated = g.yield;
      const ConditionGroup* match = nullptr;
      for (const ConditionGroup& f : full)
        if (f.material == g.material && sameStrainRate(f.strain_rate_per_s, g.strain_rate_per_s) &&
            f.temperature_K == g.temperature_K && f.diameter_nm == g.diameter_nm)
          match = &f;
      if (match) e.full = match->yield;
      e.effect_GPa = e.full.mean - e.ablated.mean;
      e.se_GPa = std::hypot(e.full.se, e.ablated.se);
      if (const auto d = match ? pairedDifferences(yieldsByReplica(*match), yieldsByReplica(g)) : std::nullopt) {
        const MeanStdErr m = meanStdErr(*d);
        e.effect_GPa = m.mean;
        e.se_GPa = m.se;
        e.paired = true;
      }
      e.resolved = e.full.n >= 2 && e.ablated.n >= 2 && std::abs(e.effect_GPa) > 2.0 * e.se_GPa;
      out.push_back(std::move(e));
    }
  return out;
}

}  // namespace

StepVelocityPoint stepVelocityPoint(const StepVelocityMeasurement& m) {
  const std::string where = m.geometry == "wire" ? fmt::format("wire {:g} nm", m.diameter_nm) : m.geometry;
  std::string label = fmt::format("{}, {:g} GPa, {} key, {} seeds", where, m.stress_GPa, m.hop_key, m.seeds);
  if (m.censored > 0) label += fmt::format(" ({} censored)", m.censored);
  return {m.material, m.temperature_K, m.diameter_nm, m.v_nm_per_s, m.v_se_nm_per_s, m.seeds, m.censored > 0, label};
}

CompareAnalysis analyseComparison(const ResultsTable& table, const PaperTargets& targets,
                                  const std::optional<ExperimentData>& experiment,
                                  const std::map<std::string, double>& burgers_A, bool judge_targets,
                                  const std::vector<StepVelocityMeasurement>& step_velocities) {
  CompareAnalysis a;
  a.groups = groupReplicas(table, coupling::Ablation::kNone);
  a.ablations = ablationEffects(table, a.groups);
  const auto curves = curvesOf(a.groups);
  for (const auto& [key, gs] : curves) {
    CriticalDiameter c = criticalDiameter(key, gs);
    for (const auto& t : targets.critical_diameters)
      if (t.material == std::get<0>(key) && sameStrainRate(t.strain_rate_per_s, std::get<1>(key)))
        c.paper_nm = t.value_nm;
    a.critical_diameters.push_back(std::move(c));
  }
  a.pairs = omegaPairs(a.groups, targets, burgers_A);
  a.regimes = omegaRegimes(a.pairs, targets, burgers_A);
  if (judge_targets) a.verdicts = verdictsOf(a.groups, a.critical_diameters, a.regimes, table.physics, step_velocities);
  if (experiment) a.residuals = residualsOf(*experiment, curves);
  return a;
}

std::string ablationMarkdown(const std::vector<AblationEffect>& effects) {
  if (effects.empty()) return {};
  const auto pm = [](const MeanStdErr& m) {
    if (m.n == 0) return std::string("—");
    if (m.n == 1) return fmt::format("{:.3f} (n = 1)", m.mean);
    return fmt::format("{:.3f} ± {:.3f} (n = {})", m.mean, m.se, m.n);
  };
  std::ostringstream md;
  md << "| ablation | material | rate [1/s] | T [K] | D [nm] | full model [GPa] | ablated [GPa] | effect = full − "
        "ablated [GPa] | verdict |\n|---|---|---|---|---|---|---|---|---|\n";
  for (const AblationEffect& e : effects) {
    const std::string effect = std::isfinite(e.effect_GPa) && std::isfinite(e.se_GPa)
                                   ? effectText(e.effect_GPa, e.se_GPa, e.paired)
                                   : std::string("—");
    const std::string verdict =
        e.full.n == 0 ? "no full-model replicas at this condition"
        : e.resolved  ? (e.effect_GPa > 0.0 ? "resolved: raises the strength" : "resolved: lowers the strength")
                      : "not resolved: no change beyond 2 SE";
    md << fmt::format("| {} | {} | {:g} | {:g} | {:g} | {} | {} | {} | {} |\n", coupling::ablationName(e.ablation),
                      e.material, e.strain_rate_per_s, e.temperature_K, e.diameter_nm, pm(e.full), pm(e.ablated),
                      effect, verdict);
  }
  md << "\nThe effect is what the left-out part adds: frozen_surface leaves out the whole KMC (no events, no creep, "
        "as-cut sites), as_cut_sites only the sites the KMC makes (the hazard sees the as-cut sites; transport and "
        "creep stay). Resolved: |effect| > 2 standard errors with at least 2 replicas on each side. Paired: both "
        "arms hold the same replicas, and the effect is the mean of replica-by-replica differences with its own "
        "standard error (a sweep's ablation arms share their random streams, so their common scatter cancels); "
        "otherwise the standard errors of the two means are combined.\n";
  return md.str();
}

std::string asCutArmNote(const std::vector<AblationEffect>& effects,
                         const std::map<std::string, PhysicsUsed>& physics) {
  const auto has = [&](coupling::Ablation a) {
    return std::any_of(effects.begin(), effects.end(), [&](const AblationEffect& e) { return e.ablation == a; });
  };
  if (!has(coupling::Ablation::kFrozenSurface) || has(coupling::Ablation::kAsCutSites)) return {};
  std::set<std::string> materials;
  for (const AblationEffect& e : effects) materials.insert(e.material);
  for (const std::string& m : materials) {
    const auto it = physics.find(m);
    if (it == physics.end() || it->second.creep_laws != std::set<std::string>{"none"}) return {};
  }
  return "\nNo as_cut_sites arm was run, and none is needed: every run here had loading.creep: none, so the KMC "
         "reaches the yield only through the sites the hazard sees, and an as-cut arm (the KMC running, the hazard "
         "on the as-cut sites) yields exactly as the frozen surface (tests/unit/app/ablation_test.cpp, "
         "Ablation.WithoutCreepAsCutSitesYieldAsTheFrozenSurface). The frozen_surface effect is therefore the "
         "effect of the sites the KMC makes, and transport contributes nothing.\n";
}

std::string unsourcedMarkdown(const std::vector<UnsourcedConstant>& constants) {
  if (constants.empty()) return {};
  std::ostringstream md;
  md << "| material | parameter | value | why (the materials file's source note) |\n|---|---|---|---|\n";
  for (const UnsourcedConstant& c : constants) {
    std::string why = c.source;
    for (char& ch : why)
      if (ch == '|' || ch == '\n') ch = ' ';
    md << fmt::format("| {} | {} | {:g} {} | {} |\n", c.material, c.key, c.value, c.unit, why);
  }
  return md.str();
}

}  // namespace surfkmc::app
