// SPDX-License-Identifier: MIT
// `compare` on flowing runs: slip events, flow stress, stress drops, reloading slopes against E.
#include "app/flow_analysis.hpp"

#include <fmt/format.h>

#include <cmath>
#include <limits>
#include <tuple>

#include "app/csv_table.hpp"
#include "app/json_records.hpp"
#include "app/number_range.hpp"

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

std::vector<FlowCondition> flowConditions(const ResultsTable& table,
                                          const std::map<std::pair<int, int>, ReloadSlopes>& slopes,
                                          const std::map<std::string, double>& youngs_GPa) {
  using Key = std::tuple<std::string, double, double, double>;
  std::map<Key, std::vector<const SimulatedYield*>> groups;
  for (const SimulatedYield& y : table.rows)
    if (y.ablation == coupling::Ablation::kNone && y.slip_events && *y.slip_events > 0)
      groups[{y.material, y.diameter_nm, y.strain_rate_per_s, y.temperature_K}].push_back(&y);
  std::vector<FlowCondition> out;
  for (const auto& [key, rows] : groups) {
    FlowCondition c;
    std::tie(c.material, c.diameter_nm, c.strain_rate_per_s, c.temperature_K) = key;
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
    out.push_back(std::move(c));
  }
  return out;
}

namespace {

std::string meanSe(const MeanStdErr& m, int digits) {
  if (m.n == 0) return "–";
  if (m.n == 1 || !std::isfinite(m.se)) return fmt::format("{:.{}f}", m.mean, digits);
  return fmt::format("{:.{}f} ± {:.{}f}", m.mean, digits, m.se, digits);
}

}  // namespace

std::string flowMarkdown(const std::vector<FlowCondition>& conditions) {
  std::string md =
      "| material | D [nm] | ε̇ [1/s] | T [K] | replicas | slip events | flow stress [GPa] | stress drop [GPa] | "
      "dσ/dε ÷ E before the first slip | dσ/dε ÷ E between slips |\n"
      "|---|---|---|---|---|---|---|---|---|---|\n";
  for (const FlowCondition& c : conditions)
    md += fmt::format("| {} | {:g} | {:g} | {:g} | {} | {} | {} | {} | {} | {} |\n", c.material, c.diameter_nm,
                      c.strain_rate_per_s, c.temperature_K, c.replicas, meanSe(c.slip_events, 1),
                      meanSe(c.flow_stress_GPa, 3), meanSe(c.stress_drop_GPa, 3), meanSe(c.loading_over_E, 3),
                      meanSe(c.reloading_over_E, 3));
  md +=
      "\nMean ± standard error over replicas. Flow stress: the time-averaged stress from the first slip on. "
      "dσ/dε: least-squares slope of stress against applied strain over each stretch of at least 3 samples; "
      "1 is elastic loading, below 1 means diffusion took up strain.\n\n"
      "What the paper saw (Wang et al. 2021, seed text; no numbers are published for these curves):\n"
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
  return md;
}

void to_json(nlohmann::json& j, const FlowCondition& c) {
  j = {{"material", c.material},
       {"diameter_nm", c.diameter_nm},
       {"strain_rate_per_s", c.strain_rate_per_s},
       {"temperature_K", c.temperature_K},
       {"replicas", c.replicas},
       {"slip_events", c.slip_events},
       {"flow_stress_GPa", c.flow_stress_GPa},
       {"mean_stress_drop_GPa", c.stress_drop_GPa},
       {"youngs_modulus_GPa", c.youngs_modulus_GPa},
       {"loading_slope_over_E", c.loading_over_E},
       {"reloading_slope_over_E", c.reloading_over_E}};
}

}  // namespace surfkmc::app
