// SPDX-License-Identifier: MIT
// `surfkmc compare`: yield strength vs diameter, D_c, Ω_app and residuals against the experiment.
#include "app/compare_command.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <nlohmann/json.hpp>
#include <ostream>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

#include "app/atomic_file.hpp"
#include "app/experiment_data.hpp"
#include "app/figure.hpp"
#include "app/material_loader.hpp"
#include "app/paper_targets.hpp"
#include "app/results_folder.hpp"
#include "app/results_table.hpp"
#include "app/target_check.hpp"
#include "core/error.hpp"
#include "core/version.hpp"
#include "nucleation/activation_volume.hpp"

namespace surfkmc::app {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

/// Experimental and simulated strain rates are "the same" within 5 % (the paper gives "~1e-3 /s").
constexpr double kRateRelTol = 0.05;
/// Temperatures are "the same" within 1 K.
constexpr double kTemperatureTol_K = 1.0;

const double kNaN = std::nan("");

json num(double v) { return std::isfinite(v) ? json(v) : json(nullptr); }
std::string fmtNum(double v, const char* spec = "{:.3f}") {
  return std::isfinite(v) ? fmt::format(fmt::runtime(spec), v) : std::string("—");
}

/// (material, ε̇, T): one curve σ_y(D).
using SeriesKey = std::tuple<std::string, double, double>;

/// All replicas of one simulated condition.
struct Group {
  std::string material;
  double rate = 0.0, temperature = 0.0, diameter = 0.0;
  std::vector<double> yields;  ///< strengths of all replicas, or nucleation stresses of the nucleated ones [GPa]
  int not_nucleated = 0;
  std::vector<double> velocities;  ///< step velocities [nm/s]
  int n = 0;
  double mean = kNaN, sd = kNaN, se = kNaN;  ///< of yields [GPa]; sd, se need n ≥ 2
};

struct Stats {
  int n = 0;
  double mean = kNaN, se = kNaN;
};
Stats stats(const std::vector<double>& v) {
  Stats s;
  s.n = static_cast<int>(v.size());
  if (s.n == 0) return s;
  double sum = 0.0;
  for (double x : v) sum += x;
  s.mean = sum / s.n;
  if (s.n > 1) {
    double ss = 0.0;
    for (double x : v) ss += (x - s.mean) * (x - s.mean);
    s.se = std::sqrt(ss / (s.n - 1) / s.n);
  }
  return s;
}

bool sameRate(double a, double b) { return std::abs(a - b) <= kRateRelTol * std::max(a, b); }

struct CriticalDiameter {
  SeriesKey key;
  std::string status;  ///< interior | at_smallest_diameter | at_largest_diameter | too_few_diameters
  double dc = kNaN, lo = kNaN, hi = kNaN;
  double support = kNaN;  ///< fraction of bootstrap resamples whose maximum is at dc
  std::vector<double> within_one_se;
  std::vector<double> diameters;
  std::optional<double> paper_nm;
};

/// D_c = argmax_D of the mean σ_y(D). Uncertainty: a bootstrap over replicas (each diameter's
/// replicas resampled with replacement, independently; fixed seed) gives the distribution of the
/// argmax; we report its 16th–84th percentiles and the fraction of resamples that agree. Also the set
/// of diameters whose mean is within one combined standard error √(se_max² + se_D²) of the maximum.
CriticalDiameter criticalDiameter(const SeriesKey& key, const std::vector<const Group*>& groups) {
  CriticalDiameter c;
  c.key = key;
  for (const Group* g : groups) c.diameters.push_back(g->diameter);
  if (groups.size() < 2) {
    c.status = "too_few_diameters";
    return c;
  }
  std::size_t best = 0;
  for (std::size_t i = 1; i < groups.size(); ++i)
    if (groups[i]->mean > groups[best]->mean) best = i;
  c.dc = groups[best]->diameter;
  c.status = best == 0 ? "at_smallest_diameter" : (best + 1 == groups.size() ? "at_largest_diameter" : "interior");
  for (const Group* g : groups) {
    const double se2 = std::pow(std::isfinite(g->se) ? g->se : 0.0, 2) +
                       std::pow(std::isfinite(groups[best]->se) ? groups[best]->se : 0.0, 2);
    if (groups[best]->mean - g->mean <= std::sqrt(se2)) c.within_one_se.push_back(g->diameter);
  }
  // std::mt19937_64 is specified bit for bit by the standard (std::uniform_int_distribution is not),
  // so the resamples are the same on every platform; the modulo bias is < n / 2^64.
  std::mt19937_64 rng(kBootstrapSeed);
  std::vector<double> picks;
  picks.reserve(kBootstrapResamples);
  int agree = 0;
  for (int b = 0; b < kBootstrapResamples; ++b) {
    double top = -INFINITY;
    double at = kNaN;
    for (const Group* g : groups) {
      const auto n = g->yields.size();
      double sum = 0.0;
      for (std::size_t k = 0; k < n; ++k) sum += g->yields[static_cast<std::size_t>(rng() % n)];
      const double m = sum / static_cast<double>(n);
      if (m > top) {
        top = m;
        at = g->diameter;
      }
    }
    picks.push_back(at);
    if (at == c.dc) ++agree;
  }
  std::sort(picks.begin(), picks.end());
  c.lo = picks[static_cast<std::size_t>(0.16 * (kBootstrapResamples - 1))];
  c.hi = picks[static_cast<std::size_t>(0.84 * (kBootstrapResamples - 1))];
  c.support = static_cast<double>(agree) / kBootstrapResamples;
  return c;
}

struct OmegaPair {
  std::string material;
  double temperature = 0.0, diameter = 0.0, slow = 0.0, fast = 0.0;
  double d_sigma = kNaN, omega_A3 = kNaN, omega_err_A3 = kNaN, omega_b3 = kNaN, omega_err_b3 = kNaN;
  nucleation::RateSensitivity sensitivity{kNaN, kNaN};  ///< m = Δσ_y/Δln ε̇ and its error [GPa]
  std::string regime;  ///< target name, or "" if no paper regime covers it
  std::string status;  ///< "ok", "no_error" (a group with n = 1), or why it could not be computed
};

struct OmegaRegime {
  std::string regime, material;
  double temperature = 0.0;
  int pairs = 0;          ///< pairs pooled
  int without_error = 0;  ///< pairs left out of the pool for want of an error (when others have one)
  double omega_b3 = kNaN, err_b3 = kNaN, paper_b3 = kNaN;
};

struct Residual {
  ExperimentPoint point;
  std::string status;  ///< ok | no_simulated_series | outside_simulated_diameters
  double sim = kNaN, sim_se = kNaN, residual = kNaN, z = kNaN;
};

}  // namespace

void compareCommand(const CompareOptions& options, std::ostream& out) {
  const fs::path dir = options.results_dir;
  // Not while a run or sweep is writing there: its tables would be half-written, and the report
  // goes into the same folder.
  const auto lock = ResultsFolder::lockForReading(dir);
  const ResultsTable table = loadResultsTable(dir, options.temperature_K);
  const PaperTargets targets = loadPaperTargets(options.observations.value_or(defaultObservationsPath()));
  std::optional<ExperimentData> exp;
  if (options.data) exp = loadExperimentData(*options.data);

  // Group the replicas.
  std::map<std::tuple<std::string, double, double, double>, Group> groups;
  for (const SimulatedYield& y : table.rows) {
    Group& g = groups[{y.material, y.strain_rate_per_s, y.temperature_K, y.diameter_nm}];
    g.material = y.material;
    g.rate = y.strain_rate_per_s;
    g.temperature = y.temperature_K;
    g.diameter = y.diameter_nm;
    // With a strength column every replica counts: a wire that flowed without nucleating carries its
    // highest stress (CoupledResult::strength_GPa); older results fall back to the nucleation stress.
    if (!y.yield_GPa) ++g.not_nucleated;
    if (const auto v = table.has_strength ? y.strength_GPa : y.yield_GPa) g.yields.push_back(*v);
    if (y.step_velocity_nm_per_s) g.velocities.push_back(*y.step_velocity_nm_per_s);
  }
  std::map<SeriesKey, std::vector<const Group*>> series;
  for (auto& [k, g] : groups) {
    const Stats s = stats(g.yields);
    g.n = s.n;
    g.mean = s.mean;
    g.se = s.se;
    g.sd = s.n > 1 ? s.se * std::sqrt(s.n) : kNaN;
    if (g.n > 0) series[{g.material, g.rate, g.temperature}].push_back(&g);  // map order: D ascending
  }

  // Burgers vectors of the simulated materials (Ω in b³).
  std::map<std::string, double> burgers_A;
  for (const auto& [k, g] : groups) {
    if (burgers_A.count(g.material)) continue;
    const auto file = resolveMaterial(g.material, dir);
    if (!file)
      throw InputError(table.file.string() + ": material '" + g.material + "' has no materials file (looked in " +
                       materialsDirectory().string() + ")");
    burgers_A[g.material] = loadMaterialFile(*file).burgers_vector_A;
  }

  // Critical diameters.
  std::vector<CriticalDiameter> dcs;
  for (const auto& [key, gs] : series) {
    CriticalDiameter c = criticalDiameter(key, gs);
    for (const auto& t : targets.critical_diameters)
      if (t.material == std::get<0>(key) && sameRate(t.strain_rate_per_s, std::get<1>(key))) c.paper_nm = t.value_nm;
    dcs.push_back(c);
  }

  // Ω_app from adjacent strain rates at equal (material, T, D).
  std::map<std::tuple<std::string, double, double>, std::vector<const Group*>> by_condition;
  for (const auto& [k, g] : groups)
    if (g.n > 0) by_condition[{g.material, g.temperature, g.diameter}].push_back(&g);
  std::vector<OmegaPair> pairs;
  for (auto& [k, gs] : by_condition) {
    std::sort(gs.begin(), gs.end(), [](const Group* a, const Group* b) { return a->rate < b->rate; });
    for (std::size_t i = 0; i + 1 < gs.size(); ++i) {
      const Group& a = *gs[i];
      const Group& b = *gs[i + 1];
      OmegaPair p;
      p.material = a.material;
      p.temperature = a.temperature;
      p.diameter = a.diameter;
      p.slow = a.rate;
      p.fast = b.rate;
      p.d_sigma = b.mean - a.mean;
      const bool errors = std::isfinite(a.se) && std::isfinite(b.se);
      try {
        const auto v = nucleation::apparentActivationVolume({a.rate, a.mean, errors ? a.se : 0.0},
                                                            {b.rate, b.mean, errors ? b.se : 0.0}, a.temperature);
        const double b3 = std::pow(burgers_A.at(a.material), 3);
        p.omega_A3 = v.volume_A3;
        p.omega_b3 = v.volume_A3 / b3;
        p.omega_err_A3 = errors ? v.std_error_A3 : kNaN;
        p.omega_err_b3 = errors ? v.std_error_A3 / b3 : kNaN;
        p.sensitivity = nucleation::rateSensitivity({a.rate, a.mean, errors ? a.se : 0.0},
                                                    {b.rate, b.mean, errors ? b.se : 0.0});
        p.status = errors ? "ok" : "no_error";
      } catch (const InputError& e) {
        p.status = e.what();
      }
      for (const auto& t : targets.activation_volumes)
        if (p.regime.empty() && t.covers(p.material, p.diameter)) p.regime = t.name;
      pairs.push_back(p);
    }
  }
  // Pooled per (regime, T): k_BT over the plain mean of the pairs' rate sensitivities m = Δσ/Δln ε̇
  // (nucleation::pooledActivationVolume says why m and not Ω is averaged). A pair without a
  // standard error (a side with a single nucleated replica) is left out when others have one, and
  // only counted; without any error, the pooled value has none either.
  std::vector<OmegaRegime> regimes;
  {
    std::map<std::pair<std::string, double>, std::vector<const OmegaPair*>> pooled;
    for (const auto& p : pairs)
      if (!p.regime.empty() && std::isfinite(p.sensitivity.per_ln_rate_GPa)) pooled[{p.regime, p.temperature}].push_back(&p);
    for (const auto& [k, ps] : pooled) {
      OmegaRegime r;
      r.regime = k.first;
      r.temperature = k.second;
      r.material = ps.front()->material;
      auto has_err = [](const OmegaPair* p) { return p->status == "ok"; };
      const bool any_err = std::any_of(ps.begin(), ps.end(), has_err);
      std::vector<nucleation::RateSensitivity> used;
      for (const auto* p : ps) {
        if (any_err && !has_err(p)) {
          ++r.without_error;
          continue;
        }
        used.push_back(p->sensitivity);
        ++r.pairs;
      }
      const double b3 = std::pow(burgers_A.at(r.material), 3);
      try {
        const auto v = nucleation::pooledActivationVolume(used, r.temperature);
        r.omega_b3 = v.volume_A3 / b3;
        r.err_b3 = any_err ? v.std_error_A3 / b3 : kNaN;
      } catch (const InputError&) {
        // m̄ ≤ 0: no positive rate sensitivity, Ω undefined; reported as NaN.
      }
      for (const auto& t : targets.activation_volumes)
        if (t.name == r.regime) r.paper_b3 = t.value_b3;
      regimes.push_back(r);
    }
  }

  // Verdicts on T1–T4. What was calibrated on which target is docs/calibration.md's record.
  const std::map<std::string, std::string> roles = {
      {"T2", "calibrated: the creep constant C (docs/calibration.md §2)"},
      {"T4", "thick Ag and Pt calibrated (edge Ω = 1 and 1.02 b³); thin Ag predicted"}};
  std::vector<YieldCurve> curves;
  for (const auto& [key, gs] : series) {
    YieldCurve c;
    c.material = std::get<0>(key);
    c.strain_rate_per_s = std::get<1>(key);
    c.temperature_K = std::get<2>(key);
    for (const Group* g : gs) c.points.push_back({g->diameter, g->mean, g->se, g->n});
    for (const auto& d : dcs)
      if (d.key == key) {
        c.dc_nm = d.dc;
        c.dc_lo_nm = d.lo;
        c.dc_hi_nm = d.hi;
        c.dc_within_one_se_nm = d.within_one_se;
        c.dc_status = d.status;
        c.paper_dc_nm = d.paper_nm;
      }
    curves.push_back(c);
  }
  std::vector<ActivationVolumeResult> volumes;
  for (const auto& r : regimes)
    volumes.push_back({r.regime, r.material, r.temperature, r.omega_b3, r.err_b3, r.paper_b3, r.pairs});
  const std::vector<TargetVerdict> verdicts = checkTargets(curves, volumes, roles);

  // Residuals of user data against the simulated curve at the same material, rate and temperature,
  // interpolated linearly in D between the neighbouring simulated diameters.
  std::vector<Residual> residuals;
  if (exp) {
    for (const ExperimentPoint& e : exp->points) {
      Residual r;
      r.point = e;
      r.status = "no_simulated_series";
      for (const auto& [key, gs] : series) {
        if (std::get<0>(key) != e.material || !sameRate(std::get<1>(key), e.strain_rate_per_s) ||
            std::abs(std::get<2>(key) - e.temperature_K) > kTemperatureTol_K)
          continue;
        r.status = "outside_simulated_diameters";
        for (std::size_t i = 0; i < gs.size(); ++i) {
          const Group& a = *gs[i];
          const Group& b = *gs[std::min(i + 1, gs.size() - 1)];
          if (e.diameter_nm < a.diameter || e.diameter_nm > b.diameter) continue;
          const double f = b.diameter > a.diameter ? (e.diameter_nm - a.diameter) / (b.diameter - a.diameter) : 0.0;
          r.sim = a.mean + f * (b.mean - a.mean);
          r.sim_se = (std::isfinite(a.se) && std::isfinite(b.se)) ? (1 - f) * a.se + f * b.se : kNaN;
          r.residual = e.yield_GPa - r.sim;
          const double s2 =
              std::pow(e.err_GPa.value_or(0.0), 2) + std::pow(std::isfinite(r.sim_se) ? r.sim_se : 0.0, 2);
          r.z = s2 > 0.0 ? r.residual / std::sqrt(s2) : kNaN;
          r.status = "ok";
          break;
        }
        if (r.status == "ok") break;
      }
      residuals.push_back(r);
    }
  }

  // ---- text ----
  std::ostringstream txt;
  txt << fmt::format("surfkmc {} ({}) compare\n", kVersion, kGitHash);
  txt << fmt::format("results: {} ({})\n", table.file.string(), table.hash);
  if (!table.provenance.empty()) txt << "  run:" << table.provenance << '\n';
  for (const auto& n : table.notes) txt << "  " << n << '\n';
  txt << fmt::format("paper targets: {}\n", targets.path.string());
  if (exp)
    txt << fmt::format("experimental data: {} ({}), {} points\n", exp->path.string(), exp->hash, exp->points.size());
  txt << "Fig. 1 of Wang et al. 2021 has no published numbers: the paper's yield strengths are not compared here.\n\n";

  if (table.has_strength)
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
  for (const auto& [k, g] : groups)
    lines.push_back(
        {g.material, g.rate, g.temperature, g.diameter, 0,
         fmt::format("{:<8} {:>10.3g} {:>7.1f} {:>8.2f} {:>9} {:>7} {:>4} {:>3} | {:>9} {:>7}", g.material, g.rate,
                     g.temperature, g.diameter, fmtNum(g.mean), fmtNum(g.se), g.n, g.not_nucleated, "", "")});
  if (exp)
    for (const auto& e : exp->points)
      lines.push_back({e.material, e.strain_rate_per_s, e.temperature_K, e.diameter_nm, 1,
                       fmt::format("{:<8} {:>10.3g} {:>7.1f} {:>8.2f} {:>9} {:>7} {:>4} {:>3} | {:>9.3f} {:>7}  {}",
                                   e.material, e.strain_rate_per_s, e.temperature_K, e.diameter_nm, "", "", "", "",
                                   e.yield_GPa, fmtNum(e.err_GPa.value_or(kNaN)), e.source)});
  std::stable_sort(lines.begin(), lines.end(), [](const Line& a, const Line& b) {
    return std::tie(a.material, a.rate, a.t, a.d, a.order) < std::tie(b.material, b.rate, b.t, b.d, b.order);
  });
  for (const auto& l : lines) txt << l.text << '\n';

  txt << fmt::format(
      "\nCritical diameter D_c = diameter of the maximum mean σ_y(D) per (material, rate, T); "
      "[16%, 84%] of its bootstrap distribution ({} resamples of the replicas, seed {}), the fraction "
      "of resamples agreeing, and the diameters within one combined stderr of the maximum\n",
      kBootstrapResamples, kBootstrapSeed);
  for (const auto& c : dcs) {
    txt << fmt::format("{:<8} {:>10.3g} {:>7.1f}  ", std::get<0>(c.key), std::get<1>(c.key), std::get<2>(c.key));
    if (c.status == "too_few_diameters") {
      txt << "fewer than two diameters: no D_c\n";
      continue;
    }
    std::string within;
    for (double d : c.within_one_se) within += (within.empty() ? "" : ", ") + fmt::format("{:g}", d);
    txt << fmt::format("D_c = {:g} nm [{:g}, {:g}], support {:.2f}, within 1 se: {{{}}}", c.dc, c.lo, c.hi, c.support,
                       within);
    if (c.status == "at_smallest_diameter")
      txt << " — maximum at the smallest diameter: smaller is stronger over the range (no softening)";
    if (c.status == "at_largest_diameter")
      txt << " — maximum at the largest diameter: smaller is weaker over the whole range (D_c ≥ this)";
    if (c.paper_nm) txt << fmt::format("; paper: ~{:g} nm", *c.paper_nm);
    txt << '\n';
  }

  txt << "\nApparent activation volume Ω_app = k_BT Δln ε̇ / Δσ_y from adjacent strain rates at equal material, "
         "T and D (error propagated from the two stderrs)\n";
  if (pairs.empty()) txt << "  no condition was simulated at two strain rates: no Ω_app\n";
  for (const auto& p : pairs)
    txt << fmt::format(
        "{:<8} D {:>7.2f} nm  T {:>6.1f} K  {:.3g} -> {:.3g} /s  Δσ {:>8} GPa  Ω {:>8} ± {:<8} b³  {}{}\n", p.material,
        p.diameter, p.temperature, p.slow, p.fast, fmtNum(p.d_sigma, "{:.4f}"), fmtNum(p.omega_b3, "{:.4g}"),
        fmtNum(p.omega_err_b3, "{:.2g}"), p.regime.empty() ? "(no paper regime)" : p.regime,
        p.status == "ok" ? "" : "  [" + p.status + "]");
  if (!regimes.empty()) txt << "  pooled per regime: k_BT / (mean over its pairs of Δσ_y/Δln ε̇)\n";
  for (const auto& r : regimes)
    txt << fmt::format(
        "  regime {:<14} T {:>6.1f} K: Ω_app = {} ± {} b³ over {} pair(s){}; paper ≈ {:g} b³ "
        "(ratio {})\n",
        r.regime, r.temperature, fmtNum(r.omega_b3, "{:.4g}"), fmtNum(r.err_b3, "{:.2g}"), r.pairs,
        r.without_error > 0 ? fmt::format(" ({} without error left out)", r.without_error) : std::string(),
        r.paper_b3, fmtNum(r.omega_b3 / r.paper_b3, "{:.3g}"));

  txt << "\nTargets (docs/model.md#targets; resolved = beyond 2 combined standard errors)\n"
      << targetsMarkdown(verdicts);

  txt << "\nStep velocity: ";
  if (!table.has_step_velocity) {
    txt << "not in these results (no step_velocity_nm_per_s column); skipped\n";
  } else {
    txt << fmt::format("paper: Ag 0.2–1 nm/s ({:g}–{:g}), Pt immobile\n", targets.ag_step_velocity_min_nm_per_s,
                       targets.ag_step_velocity_max_nm_per_s);
    for (const auto& [k, g] : groups) {
      const Stats s = stats(g.velocities);
      if (s.n > 0)
        txt << fmt::format("{:<8} {:>10.3g} {:>7.1f} {:>8.2f}  {} ± {} nm/s (n {})\n", g.material, g.rate,
                           g.temperature, g.diameter, fmtNum(s.mean, "{:.4g}"), fmtNum(s.se, "{:.2g}"), s.n);
    }
  }

  if (exp) {
    txt << "\nResiduals exp − sim (sim interpolated linearly in D at the same material, rate ±5 %, T ±1 K; "
           "z = residual / √(err² + se²))\n";
    for (const auto& r : residuals) {
      txt << fmt::format("{}:{}: {:<6} D {:>7.2f} nm  {:.3g} /s  {:.1f} K  exp {:.3f}  ", exp->path.string(),
                         r.point.line, r.point.material, r.point.diameter_nm, r.point.strain_rate_per_s,
                         r.point.temperature_K, r.point.yield_GPa);
      if (r.status == "ok")
        txt << fmt::format("sim {} ± {}  residual {:+.3f} GPa  z {}\n", fmtNum(r.sim), fmtNum(r.sim_se), r.residual,
                           fmtNum(r.z, "{:+.2f}"));
      else
        txt << r.status << '\n';
    }
  }

  // ---- JSON ----
  json j;
  j["surfkmc"] = {{"version", kVersion}, {"git", kGitHash}};
  j["results"] = {{"file", table.file.string()},
                  {"hash", table.hash},
                  {"provenance", table.provenance},
                  {"key_sources", table.notes}};
  j["observations"] = targets.path.string();
  j["fig1_numbers_published"] = false;
  j["method"] = {{"group_by", {"material", "strain_rate_per_s", "temperature_K", "diameter_nm"}},
                 {"yield", table.has_strength ? "strength_GPa: highest stress before the first nucleation (flow "
                                                "stress of replicas that did not nucleate)"
                                              : "yield_stress_GPa of the nucleated replicas"},
                 {"stderr", "sample std / sqrt(n) over the replicas averaged"},
                 {"critical_diameter", "argmax of mean yield over diameters; bootstrap over replicas"},
                 {"bootstrap_resamples", kBootstrapResamples},
                 {"bootstrap_seed", kBootstrapSeed},
                 {"bootstrap_interval", "16th-84th percentile"},
                 {"activation_volume", "k_BT dln(rate)/dsigma between adjacent rates at equal material, T, D"},
                 {"regime_pooling",
                  "k_BT / mean over the regime's pairs of dsigma/dln(rate), per (regime, T); pairs without a stderr "
                  "left out when others have one; stderr sqrt(sum of squared pair stderrs)/n, propagated"}};
  j["groups"] = json::array();
  for (const auto& [k, g] : groups) {
    json gj = {{"material", g.material},
               {"strain_rate_per_s", g.rate},
               {"temperature_K", g.temperature},
               {"diameter_nm", g.diameter},
               {"n", g.n},
               {"not_nucleated", g.not_nucleated},
               {"yield_mean_GPa", num(g.mean)},
               {"yield_std_GPa", num(g.sd)},
               {"yield_stderr_GPa", num(g.se)}};
    if (!g.velocities.empty()) {
      const Stats s = stats(g.velocities);
      gj["step_velocity_mean_nm_per_s"] = num(s.mean);
      gj["step_velocity_stderr_nm_per_s"] = num(s.se);
    }
    j["groups"].push_back(gj);
  }
  j["critical_diameters"] = json::array();
  for (const auto& c : dcs)
    j["critical_diameters"].push_back({{"material", std::get<0>(c.key)},
                                       {"strain_rate_per_s", std::get<1>(c.key)},
                                       {"temperature_K", std::get<2>(c.key)},
                                       {"status", c.status},
                                       {"diameters_nm", c.diameters},
                                       {"critical_diameter_nm", num(c.dc)},
                                       {"bootstrap_lo_nm", num(c.lo)},
                                       {"bootstrap_hi_nm", num(c.hi)},
                                       {"bootstrap_support", num(c.support)},
                                       {"within_one_stderr_nm", c.within_one_se},
                                       {"paper_nm", c.paper_nm ? json(*c.paper_nm) : json(nullptr)}});
  j["activation_volumes"] = {{"pairs", json::array()}, {"regimes", json::array()}};
  for (const auto& p : pairs)
    j["activation_volumes"]["pairs"].push_back({{"material", p.material},
                                                {"diameter_nm", p.diameter},
                                                {"temperature_K", p.temperature},
                                                {"rate_slow_per_s", p.slow},
                                                {"rate_fast_per_s", p.fast},
                                                {"delta_sigma_GPa", num(p.d_sigma)},
                                                {"sensitivity_GPa", num(p.sensitivity.per_ln_rate_GPa)},
                                                {"sensitivity_stderr_GPa", num(p.sensitivity.std_error_GPa)},
                                                {"omega_A3", num(p.omega_A3)},
                                                {"omega_stderr_A3", num(p.omega_err_A3)},
                                                {"omega_b3", num(p.omega_b3)},
                                                {"omega_stderr_b3", num(p.omega_err_b3)},
                                                {"regime", p.regime},
                                                {"status", p.status}});
  for (const auto& r : regimes)
    j["activation_volumes"]["regimes"].push_back({{"regime", r.regime},
                                                  {"material", r.material},
                                                  {"temperature_K", r.temperature},
                                                  {"pairs", r.pairs},
                                                  {"pairs_without_error", r.without_error},
                                                  {"omega_b3", num(r.omega_b3)},
                                                  {"omega_stderr_b3", num(r.err_b3)},
                                                  {"paper_b3", num(r.paper_b3)}});
  j["targets"] = json::array();
  for (const auto& v : verdicts)
    j["targets"].push_back(
        {{"id", v.id}, {"paper", v.paper}, {"simulated", v.simulated}, {"verdict", v.verdict}, {"role", v.role}});
  j["step_velocity"] = table.has_step_velocity ? json{{"paper_Ag_min_nm_per_s", targets.ag_step_velocity_min_nm_per_s},
                                                      {"paper_Ag_max_nm_per_s", targets.ag_step_velocity_max_nm_per_s}}
                                               : json(nullptr);
  if (exp) {
    j["experiment"] = {{"file", exp->path.string()}, {"hash", exp->hash}, {"residuals", json::array()}};
    for (const auto& r : residuals)
      j["experiment"]["residuals"].push_back({{"line", r.point.line},
                                              {"material", r.point.material},
                                              {"diameter_nm", r.point.diameter_nm},
                                              {"strain_rate_per_s", r.point.strain_rate_per_s},
                                              {"temperature_K", r.point.temperature_K},
                                              {"yield_GPa", r.point.yield_GPa},
                                              {"err_GPa", r.point.err_GPa ? json(*r.point.err_GPa) : json(nullptr)},
                                              {"source", r.point.source},
                                              {"status", r.status},
                                              {"sim_GPa", num(r.sim)},
                                              {"sim_stderr_GPa", num(r.sim_se)},
                                              {"residual_GPa", num(r.residual)},
                                              {"z", num(r.z)}});
  } else {
    j["experiment"] = nullptr;
  }

  // ---- figure ----
  FigureSpec fig;
  fig.title = "Yield strength vs diameter";
  fig.xlabel = "diameter D (nm)";
  fig.ylabel = "yield strength (GPa)";
  for (const auto& [key, gs] : series) {
    Series s;
    s.label = fmt::format("sim {} {:.3g}/s {:g} K", std::get<0>(key), std::get<1>(key), std::get<2>(key));
    for (const Group* g : gs) {
      s.x.push_back(g->diameter);
      s.y.push_back(g->mean);
      s.err.push_back(std::isfinite(g->se) ? g->se : 0.0);
    }
    fig.series.push_back(s);
  }
  if (exp) {
    std::map<SeriesKey, Series> exp_series;
    for (const auto& e : exp->points) {
      Series& s = exp_series[{e.material, e.strain_rate_per_s, e.temperature_K}];
      s.label = fmt::format("data {} {:.3g}/s {:g} K", e.material, e.strain_rate_per_s, e.temperature_K);
      s.x.push_back(e.diameter_nm);
      s.y.push_back(e.yield_GPa);
      s.err.push_back(e.err_GPa.value_or(0.0));
    }
    for (auto& [k, s] : exp_series) fig.series.push_back(s);
  }
  const fs::path png = dir / "compare_yield_vs_diameter.png";
  const bool figure = writeFigure(fig, png);
  j["figure"] = figure ? json(png.filename().string()) : json(nullptr);
  if (!figure) txt << "\nfigure: not written (gnuplot unavailable or failed); script in compare_yield_vs_diameter.gp\n";

  writeFileAtomically(dir / "compare.txt", txt.str());
  writeFileAtomically(dir / "compare.json", j.dump(2) + "\n");
  writeFileAtomically(dir / "targets.md", targetsMarkdown(verdicts));
  out << txt.str();
  out << fmt::format("\nwritten: {}, {}{}\n", (dir / "compare.txt").string(), (dir / "compare.json").string(),
                     figure ? ", " + png.string() : std::string());
}

}  // namespace surfkmc::app
