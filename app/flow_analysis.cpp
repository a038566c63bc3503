// SPDX-License-Identifier: MIT
// `compare` on flowing runs: slip events, flow stress, stress drops, reloading slopes against E.
#include "app/flow_analysis.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <map>
#include <optional>
#include <tuple>

#include "app/csv_table.hpp"
#include "app/effect_text.hpp"
#include "app/json_records.hpp"
#include "app/number_range.hpp"
#include "core/statistics.hpp"

namespace surfkmc::app {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

/// Least-squares slope of y on x; NaN for fewer than 3 points or no spread in x.
double slope(const std::vector<std::pair<double, double>>& xy) {
  if (xy.size() < 3) return kNaN;
  double mx = 0.0, my = 0.0;
  for (const auto& [x, y] : xy) {
    mx += x;
    my += y;
  }
  mx /= static_cast<double>(xy.size());
  my /= static_cast<double>(xy.size());
  double sxy = 0.0, sxx = 0.0;
  for (const auto& [x, y] : xy) {
    sxy += (x - mx) * (y - my);
    sxx += (x - mx) * (x - mx);
  }
  return sxx > 0.0 ? sxy / sxx : kNaN;
}

}  // namespace

std::map<std::pair<int, int>, ReloadSlopes> reloadSlopes(const std::filesystem::path& stress_strain_csv) {
  const CsvTable t = CsvTable::read(stress_strain_csv, kMaxTableBytes);
  const std::size_t point = t.requireColumn("point"), replica = t.requireColumn("replica");
  const std::size_t strain = t.requireColumn("applied_strain"), stress = t.requireColumn("stress_GPa");
  const std::size_t event = t.requireColumn("event");
  // Per replica, its stretches in order: the first is the loading before any slip.
  std::map<std::pair<int, int>, std::vector<std::vector<std::pair<double, double>>>> stretches;
  for (std::size_t r = 0; r < t.rows(); ++r) {
    const auto key = std::make_pair(static_cast<int>(t.number(r, point, NumberRange::closed(0.0, 1.0e9))),
                                    static_cast<int>(t.number(r, replica, NumberRange::closed(0.0, 1.0e9))));
    auto& s = stretches[key];
    if (s.empty()) s.emplace_back();
    const std::string& what = t.cell(r, event);
    if (what == "slip") {
      s.emplace_back();
    } else if (what == "sample") {
      s.back().emplace_back(t.number(r, strain, NumberRange::closed(-1.0, 1.0)),
                            t.number(r, stress, NumberRange::closed(-1000.0, 1000.0)));
    } else {
      t.fail(r, event, "bad value '" + what + "'; allowed: sample, slip");
    }
  }
  std::map<std::pair<int, int>, ReloadSlopes> out;
  for (const auto& [key, s] : stretches) {
    ReloadSlopes k{slope(s.front()), kNaN};
    double sum = 0.0;
    int n = 0;
    for (std::size_t i = 1; i < s.size(); ++i) {
      const double v = slope(s[i]);
      if (!std::isfinite(v)) continue;
      sum += v;
      ++n;
    }
    if (n > 0) k.between_slips_GPa = sum / n;
    out[key] = k;
  }
  return out;
}

std::map<std::pair<int, int>, SlipStepSurvival> slipStepSurvival(const std::filesystem::path& series_dir) {
  std::map<std::pair<int, int>, SlipStepSurvival> out;
  std::error_code ec;
  if (!std::filesystem::is_directory(series_dir, ec)) return out;
  for (std::filesystem::directory_iterator it(series_dir, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    int point = 0, replica = 0;
    if (it->path().extension() != ".csv" || std::sscanf(name.c_str(), "p%d_r%d.csv", &point, &replica) != 2) continue;
    const CsvTable t = CsvTable::read(it->path(), kMaxTableBytes);
    const auto steps = t.column("sites_slip_step");
    if (!steps || t.rows() == 0) continue;
    const std::size_t slip = t.requireColumn("slip_strain");
    SlipStepSurvival s;
    double stretch_first = -1.0;  // < 0: before the first slip
    double previous_slip = t.number(0, slip, NumberRange::closed(0.0, 1.0));
    double previous_count = 0.0;
    for (std::size_t r = 0; r < t.rows(); ++r) {
      const double now_slip = t.number(r, slip, NumberRange::closed(0.0, 1.0));
      const double count = t.number(r, *steps, NumberRange::closed(0.0, 1.0e9));
      if (now_slip > previous_slip) {  // the first sample after a slip: a new stretch
        if (stretch_first > 0.0) {
          s.first += stretch_first;
          s.last += previous_count;
        }
        stretch_first = count;
      }
      previous_slip = now_slip;
      previous_count = count;
    }
    if (stretch_first > 0.0) {
      s.first += stretch_first;
      s.last += previous_count;
    }
    if (s.first > 0.0) {
      s.surviving = s.last / s.first;
      out[{point, replica}] = s;
    }
  }
  return out;
}

std::vector<FlowCondition> flowConditions(const ResultsTable& table,
                                          const std::map<std::pair<int, int>, ReloadSlopes>& slopes,
                                          const std::map<std::string, double>& youngs_GPa,
                                          const std::map<std::pair<int, int>, SlipStepSurvival>& survival) {
  using Key = std::tuple<coupling::Ablation, std::string, double, double, double>;
  std::map<Key, std::vector<const SimulatedYield*>> groups;
  for (const SimulatedYield& y : table.rows)
    if (y.slip_events && *y.slip_events > 0)
      groups[{y.ablation, y.material, y.diameter_nm, y.strain_rate_per_s, y.temperature_K}].push_back(&y);
  std::vector<FlowCondition> out;
  for (const auto& [key, rows] : groups) {
    FlowCondition c;
    std::tie(c.ablation, c.material, c.diameter_nm, c.strain_rate_per_s, c.temperature_K) = key;
    c.replicas = static_cast<int>(rows.size());
    const auto e = youngs_GPa.find(c.material);
    c.youngs_modulus_GPa = e == youngs_GPa.end() ? kNaN : e->second;
    const auto admit = [](const SimulatedYield*) { return true; };
    c.slip_events = meanStdErr(rows, admit, [](const SimulatedYield* y) { return double(*y->slip_events); });
    const auto has = [](const std::optional<double>& v) { return v.has_value() && std::isfinite(*v); };
    c.flow_stress_GPa = meanStdErr(
        rows, [&](const SimulatedYield* y) { return has(y->flow_stress_GPa); },
        [](const SimulatedYield* y) { return *y->flow_stress_GPa; });
    c.stress_drop_GPa = meanStdErr(
        rows, [&](const SimulatedYield* y) { return has(y->mean_stress_drop_GPa); },
        [](const SimulatedYield* y) { return *y->mean_stress_drop_GPa; });
    const auto ratio = [&](const SimulatedYield* y, double ReloadSlopes::*member) {
      const auto s = slopes.find({y->point, y->replica});
      return s == slopes.end() ? kNaN : s->second.*member / c.youngs_modulus_GPa;
    };
    c.loading_over_E = meanStdErr(
        rows, [&](const SimulatedYield* y) { return std::isfinite(ratio(y, &ReloadSlopes::before_first_slip_GPa)); },
        [&](const SimulatedYield* y) { return ratio(y, &ReloadSlopes::before_first_slip_GPa); });
    c.reloading_over_E = meanStdErr(
        rows, [&](const SimulatedYield* y) { return std::isfinite(ratio(y, &ReloadSlopes::between_slips_GPa)); },
        [&](const SimulatedYield* y) { return ratio(y, &ReloadSlopes::between_slips_GPa); });
    const auto surviving = [&](const SimulatedYield* y) { return survival.find({y->point, y->replica}); };
    c.slip_steps_surviving = meanStdErr(
        rows, [&](const SimulatedYield* y) { return surviving(y) != survival.end(); },
        [&](const SimulatedYield* y) { return surviving(y)->second.surviving; });
    c.flow_effect_GPa = c.flow_effect_se_GPa = kNaN;
    out.push_back(std::move(c));
  }
  // Ablated conditions against the full model's at the same (material, D, ε̇, T): paired replica by replica when
  // both arms hold the same replicas (a sweep's ablation arms share their random streams), else the standard
  // errors combined.
  const auto flowByReplica = [](const std::vector<const SimulatedYield*>& rows) {
    std::vector<std::pair<int, double>> by;
    for (const SimulatedYield* y : rows)
      if (y->flow_stress_GPa && std::isfinite(*y->flow_stress_GPa)) by.emplace_back(y->replica, *y->flow_stress_GPa);
    return by;
  };
  for (FlowCondition& c : out) {
    if (c.ablation == coupling::Ablation::kNone) continue;
    for (const FlowCondition& full : out)
      if (full.ablation == coupling::Ablation::kNone && full.material == c.material &&
          full.diameter_nm == c.diameter_nm && full.strain_rate_per_s == c.strain_rate_per_s &&
          full.temperature_K == c.temperature_K && full.flow_stress_GPa.n >= 2 && c.flow_stress_GPa.n >= 2) {
        c.flow_effect_GPa = full.flow_stress_GPa.mean - c.flow_stress_GPa.mean;
        c.flow_effect_se_GPa = std::hypot(full.flow_stress_GPa.se, c.flow_stress_GPa.se);
        if (const auto d = pairedDifferences(flowByReplica(groups.at({full.ablation, full.material, full.diameter_nm,
                                                                      full.strain_rate_per_s, full.temperature_K})),
                                             flowByReplica(groups.at({c.ablation, c.material, c.diameter_nm,
                                                                      c.strain_rate_per_s, c.temperature_K})))) {
          const MeanStdErr m = meanStdErr(*d);
          c.flow_effect_GPa = m.mean;
          c.flow_effect_se_GPa = m.se;
          c.flow_effect_paired = true;
        }
      }
  }
  return out;
}

namespace {
/// How far a least-squares slope of exactly elastic reloading can sit from E by floating-point rounding alone (its
/// slope ÷ E comes out 1 ± a few 1e-16, with a standard error of the same size); far below any physical scatter.
constexpr double kSlopeRoundoff = 1.0e-9;
}  // namespace

TargetVerdict flowVerdict(const std::vector<FlowCondition>& conditions) {
  TargetVerdict v;
  v.id = "T7";
  v.paper = "during plastic flow Ag softens (reloading below E, Fig. 5m), Pt reloads linearly";
  v.role = "predicted";
  const auto pick = [&](const std::string& material) -> const FlowCondition* {
    const FlowCondition* best = nullptr;
    for (const FlowCondition& c : conditions) {
      if (c.ablation != coupling::Ablation::kNone || c.material != material || c.temperature_K != 300.0 ||
          c.reloading_over_E.n < 2)
        continue;
      if (!best || c.replicas > best->replicas ||
          (c.replicas == best->replicas && c.strain_rate_per_s < best->strain_rate_per_s))
        best = &c;
    }
    return best;
  };
  const FlowCondition* ag = pick("Ag");
  const FlowCondition* pt = pick("Pt");
  if (!ag || !pt) {
    v.verdict = Verdict::kNotEvaluated;
    return v;
  }
  const MeanStdErr& a = ag->reloading_over_E;
  const MeanStdErr& p = pt->reloading_over_E;
  const double combined = std::hypot(a.se, p.se);
  v.simulated = fmt::format(
      "reloading slope ÷ E: Ag {:.3f} ± {:.3f} (D {:g} nm, {:g} /s), Pt {:.3f} ± {:.3f} (D {:g} nm, {:g} /s)", a.mean,
      a.se, ag->diameter_nm, ag->strain_rate_per_s, p.mean, p.se, pt->diameter_nm, pt->strain_rate_per_s);
  // Resolved means beyond 2 standard errors and beyond rounding: a slope of E up to rounding is at E.
  if (1.0 - a.mean > 2.0 * a.se + kSlopeRoundoff && p.mean - a.mean > 2.0 * combined + kSlopeRoundoff) {
    v.verdict = Verdict::kHolds;
  } else if (a.mean - 1.0 >= 2.0 * a.se - kSlopeRoundoff || a.mean - p.mean > 2.0 * combined + kSlopeRoundoff) {
    v.verdict = Verdict::kFails;
  } else {
    v.verdict = Verdict::kNotResolved;
  }
  return v;
}

namespace {

std::string meanSe(const MeanStdErr& m, int digits) {
  if (m.n == 0) return "–";
  if (m.n == 1 || !std::isfinite(m.se)) return fmt::format("{:.{}f}", m.mean, digits);
  return fmt::format("{:.{}f} ± {:.{}f}", m.mean, digits, m.se, digits);
}

}  // namespace

std::string flowPaperObservations() {
  return "What the paper saw (Wang et al. 2021, seed text; no numbers are published for these curves):\n"
         "- Ag before the first dislocation: the stress rose linearly with the applied strain (before point a of "
         "Fig. 5m and in Supplementary Fig. 11i).\n"
         "- Each plastic event dropped the stress sharply (Figs. 2g, h, j, l and 5b, i, l).\n"
         "- 13.1 nm Ag (Fig. 5m, points b–h): after yield, two slip steps migrated towards the thick ends and the "
         "reloading was not linear-elastic: diffusional creep softened it. The 30 nm Ag wire did the same "
         "(Supplementary Fig. 11i, points b–e).\n"
         "- Where surface diffusion was very limited the reloading showed no obvious softening (Fig. 5m points i–k, "
         "Fig. 2m points h–l of the 6.6 nm Ag wire).\n"
         "- Pt: no step migration was seen before nucleation; its slip steps stay (the paper attributes this to Pt's "
         "higher diffusion barrier).\n";
}

std::string flowMarkdown(const std::vector<FlowCondition>& conditions, bool with_paper) {
  std::string md =
      "| material | ablation | D [nm] | ε̇ [1/s] | T [K] | replicas | slip events | flow stress [GPa] | "
      "effect on the flow stress, full − ablated [GPa] | stress drop [GPa] | "
      "dσ/dε ÷ E before the first slip | dσ/dε ÷ E between slips | slip-step sites surviving to the next slip |\n"
      "|---|---|---|---|---|---|---|---|---|---|---|---|---|\n";
  for (const FlowCondition& c : conditions) {
    std::string effect = "–";
    if (std::isfinite(c.flow_effect_GPa))
      effect = effectText(c.flow_effect_GPa, c.flow_effect_se_GPa, c.flow_effect_paired) +
               (std::abs(c.flow_effect_GPa) > 2.0 * c.flow_effect_se_GPa ? ", resolved" : ", not resolved");
    md +=
        fmt::format("| {} | {} | {:g} | {:g} | {:g} | {} | {} | {} | {} | {} | {} | {} | {} |\n", c.material,
                    coupling::ablationName(c.ablation), c.diameter_nm, c.strain_rate_per_s, c.temperature_K, c.replicas,
                    meanSe(c.slip_events, 1), meanSe(c.flow_stress_GPa, 3), effect, meanSe(c.stress_drop_GPa, 3),
                    meanSe(c.loading_over_E, 3), meanSe(c.reloading_over_E, 3), meanSe(c.slip_steps_surviving, 2));
  }
  md +=
      "\nMean ± standard error over replicas. Flow stress: the time-averaged stress from the first slip on. "
      "dσ/dε: least-squares slope of stress against applied strain over each stretch of at least 3 samples; "
      "1 is elastic loading, below 1 means diffusion took up strain. Slip-step sites surviving: detected slip-step "
      "sites at the end of each stretch between slips over those at its start (1: they stay; 0: healed), from "
      "the series of `sweep --series` (– without). Effect: paired (the mean of replica-by-replica "
      "differences and its standard error) when both arms hold the same replicas, else the two standard errors "
      "combined; resolved beyond 2 standard errors, with at least 2 flowing replicas on each side.\n";
  if (with_paper) md += "\n" + flowPaperObservations();
  return md;
}

void to_json(nlohmann::json& j, const FlowCondition& c) {
  j = {{"material", c.material},
       {"ablation", coupling::ablationName(c.ablation)},
       {"flow_effect_GPa", std::isfinite(c.flow_effect_GPa) ? nlohmann::json(c.flow_effect_GPa) : nlohmann::json()},
       {"flow_effect_se_GPa",
        std::isfinite(c.flow_effect_se_GPa) ? nlohmann::json(c.flow_effect_se_GPa) : nlohmann::json()},
       {"flow_effect_paired", c.flow_effect_paired},
       {"diameter_nm", c.diameter_nm},
       {"strain_rate_per_s", c.strain_rate_per_s},
       {"temperature_K", c.temperature_K},
       {"replicas", c.replicas},
       {"slip_events", c.slip_events},
       {"flow_stress_GPa", c.flow_stress_GPa},
       {"mean_stress_drop_GPa", c.stress_drop_GPa},
       {"youngs_modulus_GPa", c.youngs_modulus_GPa},
       {"loading_slope_over_E", c.loading_over_E},
       {"reloading_slope_over_E", c.reloading_over_E},
       {"slip_steps_surviving", c.slip_steps_surviving}};
}

}  // namespace surfkmc::app
