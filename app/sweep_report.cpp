// SPDX-License-Identifier: MIT
// Writing a sweep's results.
#include "app/sweep_report.hpp"

#include <fmt/format.h>

#include <cmath>
#include <fstream>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <ostream>
#include <set>
#include <sstream>

#include "app/acceleration_section.hpp"
#include "app/atomic_file.hpp"
#include "app/citation.hpp"
#include "app/experiment_data.hpp"
#include "app/figure.hpp"
#include "app/json_records.hpp"
#include "app/replica_markers.hpp"
#include "app/source_file.hpp"
#include "core/error.hpp"
#include "core/parse_number.hpp"
#include "core/statistics.hpp"
#include "core/units.hpp"
#include "kmc/rate_scaling_bias.hpp"
#include "nucleation/site_class.hpp"

namespace surfkmc::app {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

/// Statistics of one point's replicas: how many ran and nucleated, and mean ± SE of one quantity.
struct Stats {
  int replicas = 0;
  int nucleated = 0;
  MeanStdErr value;
};

/// Mean, std and stderr of `value` over the replicas that `counts` admits; `nucleated` counts the
/// replicas that nucleated, whatever is averaged.
template <class Counts, class Value>
Stats replicaStats(const std::vector<ReplicaOutput>& replicas, Counts counts, Value value) {
  const MeanStdErr m = meanStdErr(
      replicas, [&](const ReplicaOutput& o) { return counts(o.result); },
      [&](const ReplicaOutput& o) { return value(o.result); });
  Stats s{static_cast<int>(replicas.size()), 0, m};
  for (const ReplicaOutput& o : replicas)
    if (o.result.nucleated) ++s.nucleated;
  return s;
}

/// The stress at first nucleation, over the replicas that nucleated.
Stats yieldStats(const std::vector<ReplicaOutput>& replicas) {
  return replicaStats(
      replicas, [](const coupling::CoupledResult& r) { return r.nucleated; },
      [](const coupling::CoupledResult& r) { return r.yield_stress_GPa; });
}

/// A replica cut short by a cap (kmc.max_events) before it nucleated: its strength is only a lower
/// bound, so it is listed (stop_reason) but left out of means.
bool cutShort(const coupling::CoupledResult& r) {
  return !r.nucleated && r.stop_reason == coupling::StopReason::kMaxEvents;
}

/// The strength (coupling::CoupledResult::strength_GPa), over every replica not cut short.
Stats strengthStats(const std::vector<ReplicaOutput>& replicas) {
  return replicaStats(
      replicas, [](const coupling::CoupledResult& r) { return !cutShort(r); },
      [](const coupling::CoupledResult& r) { return r.strength_GPa(); });
}

json numberOrNull(double v) { return std::isfinite(v) ? json(v) : json(nullptr); }

/// A swept value as JSON: a number when the text is one, else the text.
json valueJson(const std::string& text) {
  if (const auto v = parseWhole<double>(text); v && std::isfinite(*v)) return *v;
  return text;
}

std::string csvField(const std::string& s) {
  if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
  std::string q = "\"";
  for (char c : s) q += c == '"' ? std::string("\"\"") : std::string(1, c);
  return q + "\"";
}

double diameterNm(const Scenario& s) {
  const lattice::WireSpec& w = s.wire;
  const double d = w.shape == lattice::Shape::kCylinder ? (w.gauge ? w.gauge->diameter_A : w.diameter_A)
                                                        : std::sqrt(4.0 / units::kPi * w.width_A * w.thickness_A);
  return units::angstromToNm(d);
}

double strainRate(const Scenario& s) {
  return s.loading && s.loading->strain_rate_per_s ? *s.loading->strain_rate_per_s : 0.0;
}
/// ε̇ [1/s], NaN for a scenario without loading (a CSV cell: "nan", as for a missing yield).
double strainRateOrNaN(const Scenario& s) {
  return s.loading && s.loading->strain_rate_per_s ? *s.loading->strain_rate_per_s : std::nan("");
}

std::string lastSegment(const std::string& key) {
  const std::size_t dot = key.rfind('.');
  return dot == std::string::npos ? key : key.substr(dot + 1);
}

bool isDiameterKey(const std::string& key) { return key == "geometry" || lastSegment(key) == "diameter_nm"; }

/// The series a point belongs to in yield-vs-diameter: material, rate and any other swept value.
std::string seriesLabel(const SweepPlan& plan, const SweepPoint& p) {
  std::string label = fmt::format("{}, {:g} /s", p.scenario.material.name, strainRate(p.scenario));
  for (std::size_t k = 0; k < plan.keys.size(); ++k) {
    const std::string& key = plan.keys[k];
    if (isDiameterKey(key) || key == "material" || key == "loading.strain_rate_per_s") continue;
    label += ", " + lastSegment(key) + "=" + p.values[k];
  }
  return label;
}

/// Experimental points of the sweep's materials, one series per material and source.
std::vector<Series> experimentSeries(const ExperimentData& data, const std::set<std::string>& materials) {
  std::map<std::string, Series> by_label;
  for (const ExperimentPoint& e : data.points) {
    if (!materials.count(e.material)) continue;
    const std::string label = "exp. " + e.material + ": " + e.source;
    Series& s = by_label[label];
    s.label = label;
    s.x.push_back(e.diameter_nm);
    s.y.push_back(e.yield_GPa);
    s.err.push_back(e.err_GPa.value_or(0.0));
  }
  std::vector<Series> out;
  for (auto& [label, s] : by_label) out.push_back(std::move(s));
  return out;
}

/// What the report says about one point's replicas.
struct PointSummary {
  Stats yield;     ///< stress at first nucleation, over the nucleated replicas
  Stats strength;  ///< strength, over the replicas not cut short
  std::map<std::string, int> stop_reasons;
  int cut_short = 0;
  /// Runs that went on after nucleating (loading.until: max_strain): slip events per replica (over
  /// all replicas), flow stress and mean stress drop (over the replicas with a slip).
  bool flows = false;
  MeanStdErr slip_events, flow_stress, stress_drop;
  /// Rate scaling's measured bias, pooled over the replicas (rate scaling on only).
  bool rate_scaling = false;
  kmc::RateScalingBias bias, bias_at_end;
};

std::vector<PointSummary> summarisePoints(const SweepPlan& plan,
                                          const std::vector<std::vector<ReplicaOutput>>& results) {
  std::vector<PointSummary> out;
  for (const SweepPoint& p : plan.points) {
    const std::vector<ReplicaOutput>& replicas = results[p.index];
    PointSummary s;
    s.yield = yieldStats(replicas);
    s.strength = strengthStats(replicas);
    s.flows = p.scenario.loading && p.scenario.loading->until_max_strain;
    if (s.flows) {
      const auto all = [](const ReplicaOutput&) { return true; };
      const auto slipped = [](const ReplicaOutput& o) { return !o.result.slips.empty(); };
      s.slip_events =
          meanStdErr(replicas, all, [](const ReplicaOutput& o) { return static_cast<double>(o.result.slips.size()); });
      s.flow_stress = meanStdErr(replicas, slipped, [](const ReplicaOutput& o) { return o.result.flowStress_GPa(); });
      s.stress_drop =
          meanStdErr(replicas, slipped, [](const ReplicaOutput& o) { return o.result.meanStressDrop_GPa(); });
    }
    std::vector<kmc::RateScalingBias> biases, at_end;
    for (const ReplicaOutput& o : replicas) {
      ++s.stop_reasons[coupling::stopReasonName(o.result.stop_reason)];
      if (cutShort(o.result)) ++s.cut_short;
      biases.push_back(o.result.acceleration.rate_scaling_bias);
      at_end.push_back(o.result.acceleration.rate_scaling_bias_at_end);
    }
    s.rate_scaling = p.scenario.acceleration.enabled;
    s.bias = kmc::poolRateScalingBias(biases);
    s.bias_at_end = kmc::poolRateScalingBias(at_end);
    out.push_back(std::move(s));
  }
  return out;
}

std::string stressStrainText(const SweepPlan& plan, const std::vector<std::vector<ReplicaOutput>>& results,
                             const Provenance& prov) {
  std::ostringstream curves;
  // event: `sample` (an analysis boundary) or `slip` (a slip event, with the stress just before it in
  // stress_GPa and just after in stress_after_GPa, placed before the sample at its time).
  curves << prov.csvComment()
         << "\npoint,replica,time_s,applied_strain,stress_GPa,diffusion_strain,slip_strain,cumulative_hazard,"
            "event,stress_after_GPa,site_class,x_A,y_A,z_A\n";
  for (const SweepPoint& p : plan.points)
    for (const ReplicaOutput& o : results[p.index]) {
      const std::vector<coupling::SlipEvent>& slips = o.result.slips;
      std::size_t k = 0;
      const auto slipRow = [&](const coupling::SlipEvent& e) {
        curves << fmt::format("{},{},{},{},{},{},{},{},slip,{},{},{},{},{}\n", p.index, o.replica, e.time_s,
                              e.applied_strain, e.stress_before_GPa, e.diffusion_strain, e.slip_strain_before,
                              e.cumulative_hazard, e.stress_after_GPa, nucleation::siteClassName(e.site_class),
                              e.position_A.x, e.position_A.y, e.position_A.z);
      };
      for (const coupling::CoupledSample& c : o.result.samples) {
        for (; k < slips.size() && slips[k].time_s <= c.time_s; ++k) slipRow(slips[k]);
        curves << fmt::format("{},{},{},{},{},{},{},{},sample,,,,,\n", p.index, o.replica, c.time_s, c.applied_strain,
                              c.stress_GPa, c.diffusion_strain, c.slip_strain, c.cumulative_hazard);
      }
      for (; k < slips.size(); ++k) slipRow(slips[k]);
    }
  return curves.str();
}

/// The replica counts and statistics of a point (summary.json's `points`, less what names the point).
void to_json(json& j, const PointSummary& s) {
  j = {{"replicas", s.yield.replicas}, {"nucleated", s.yield.nucleated},    {"stop_reasons", s.stop_reasons},
       {"cut_short", s.cut_short},     {"yield_stress_GPa", s.yield.value}, {"strength_GPa", s.strength.value}};
  if (s.rate_scaling) {
    j["rate_scaling_bias"] = rateScalingBiasJson(s.bias);
    j["rate_scaling_bias_at_end"] = rateScalingBiasJson(s.bias_at_end);
  }
  if (s.flows)
    j["flow"] = {
        {"slip_events", s.slip_events}, {"flow_stress_GPa", s.flow_stress}, {"mean_stress_drop_GPa", s.stress_drop}};
}

json pointJson(const SweepPlan& plan, const SweepPoint& p, const PointSummary& s) {
  json values = json::object();
  for (std::size_t k = 0; k < plan.keys.size(); ++k) values[plan.keys[k]] = valueJson(p.values[k]);
  json j = s;
  j.update({{"point", p.index},
            {"values", values},
            {"material", p.scenario.material.name},
            {"diameter_nm", diameterNm(p.scenario)},
            {"strain_rate_per_s", numberOrNull(strainRate(p.scenario))},
            {"temperature_K", temperatureK(p.scenario)},
            {"energetics", p.scenario.kmc ? json(p.scenario.kmc->energetics) : json(nullptr)},
            {"hop_key", p.scenario.kmc ? json(p.scenario.kmc->hop_key) : json(nullptr)},
            {"stress_response", stressResponseName(p.scenario.material)},
            {"nucleation_model", p.scenario.loading ? json(p.scenario.nucleation.model) : json(nullptr)},
            {"creep", p.scenario.loading ? json(creepName(*p.scenario.loading)) : json(nullptr)},
            {"activation_entropy", p.scenario.loading ? json(p.scenario.nucleation.activation_entropy) : json(nullptr)},
            {"ablation", coupling::ablationName(p.scenario.ablation)}});
  return j;
}

json summaryJson(const SweepPlan& plan, const std::vector<PointSummary>& summaries, const Provenance& prov,
                 const std::optional<fs::path>& data_file, const std::optional<ExperimentData>& data) {
  json points = json::array();
  for (const SweepPoint& p : plan.points) points.push_back(pointJson(plan, p, summaries[p.index]));
  CiteList cite;
  for (const SweepPoint& p : plan.points) cite.add(p.scenario);
  json summary = {{"scenario", plan.points.front().scenario.name},
                  {"mode", "sweep"},
                  {"keys", plan.keys},
                  {"points", points},
                  {"cite", cite.toJson()},
                  {"provenance", prov.toJson()}};
  // The data drawn in the figure is an input of the report: named with its hash.
  std::error_code ec;
  if (data)
    summary["data"] = {{"file", fs::absolute(*data_file, ec).lexically_normal().string()}, {"hash", data->hash}};
  return summary;
}

/// Strength vs diameter, one series per material, rate and other swept values, every replica marked
/// by how it ended (nucleated, crept, cut short), with the measured points.
FigureSpec yieldFigure(const SweepPlan& plan, const std::vector<PointSummary>& summaries,
                       const std::vector<std::vector<ReplicaOutput>>& results,
                       const std::optional<ExperimentData>& data) {
  FigureSpec fig;
  fig.title = "Yield strength vs diameter (" + plan.points.front().scenario.name + ")";
  fig.xlabel = "Diameter D (nm)";
  fig.ylabel = "Strength (GPa), mean ± standard error";
  std::map<std::string, std::size_t> series_of;
  std::set<std::string> materials;
  for (const SweepPoint& p : plan.points) {
    materials.insert(p.scenario.material.name);
    const Stats& st = summaries[p.index].strength;
    if (st.replicas == 0) continue;
    const std::string label = seriesLabel(plan, p);
    if (!series_of.count(label)) {
      series_of[label] = fig.series.size();
      fig.series.push_back(Series{label, {}, {}, {}, false, SeriesStyle::kMeanBand});
    }
    Series& s = fig.series[series_of[label]];
    s.x.push_back(diameterNm(p.scenario));
    s.y.push_back(st.value.mean);
    s.err.push_back(std::isfinite(st.value.se) ? st.value.se : 0.0);
  }
  addReplicaStrengths(fig, plan, results);
  if (data)
    for (Series& s : experimentSeries(*data, materials)) fig.series.push_back(std::move(s));
  return fig;
}

/// Replica 0 of every point.
FigureSpec stressStrainFigure(const SweepPlan& plan, const std::vector<std::vector<ReplicaOutput>>& results) {
  FigureSpec fig;
  fig.title = "Stress-strain, replica 0 of each point (" + plan.points.front().scenario.name + ")";
  fig.xlabel = "Applied strain";
  fig.ylabel = "Stress (GPa)";
  for (const SweepPoint& p : plan.points) {
    const std::vector<ReplicaOutput>& replicas = results[p.index];
    if (replicas.empty()) continue;
    Series s;
    s.label = fmt::format("{}: {}, D {:g} nm", p.index, p.scenario.material.name, diameterNm(p.scenario));
    for (std::size_t k = 0; k < plan.keys.size(); ++k)
      if (!isDiameterKey(plan.keys[k]) && plan.keys[k] != "material")
        s.label += ", " + lastSegment(plan.keys[k]) + "=" + p.values[k];
    s.line = true;
    // With the stress just before each slip, so the drops show.
    const std::vector<coupling::SlipEvent>& slips = replicas.front().result.slips;
    std::size_t k = 0;
    for (const coupling::CoupledSample& c : replicas.front().result.samples) {
      for (; k < slips.size() && slips[k].time_s <= c.time_s; ++k) {
        s.x.push_back(slips[k].applied_strain);
        s.y.push_back(slips[k].stress_before_GPa);
      }
      s.x.push_back(c.applied_strain);
      s.y.push_back(c.stress_GPa);
    }
    fig.series.push_back(std::move(s));
  }
  addCurveEnds(fig, plan, results);
  return fig;
}

void printPointTable(const SweepPlan& plan, const std::vector<PointSummary>& summaries, std::ostream& out) {
  out << fmt::format("{:>5}  {:<8} {:>7}  {:>10}  {:>22}  {:>5}  {:>22}\n", "point", "material", "D [nm]", "rate [1/s]",
                     "yield [GPa] mean ± se", "n", "strength [GPa] mean ± se");
  auto meanText = [](const Stats& st, int n) {
    return n == 0   ? std::string("-")
           : n == 1 ? fmt::format("{:.3f}", st.value.mean)
                    : fmt::format("{:.3f} ± {:.3f}", st.value.mean, st.value.se);
  };
  for (const SweepPoint& p : plan.points) {
    const Stats& st = summaries[p.index].yield;
    const Stats& sg = summaries[p.index].strength;
    out << fmt::format("{:>5}  {:<8} {:>7.3g}  {:>10.3g}  {:>22}  {:>2}/{}  {:>22}\n", p.index,
                       p.scenario.material.name, diameterNm(p.scenario), strainRate(p.scenario),
                       meanText(st, st.nucleated), st.nucleated, st.replicas, meanText(sg, sg.replicas));
  }
}

void printWhereTheFilesAre(const fs::path& dir, const std::vector<std::string>& figures, std::ostream& out) {
  out << "results in " << printableText(dir.string(), 4096) << ": points.csv, stress_strain.csv, summary.json\n";
  if (figures.empty()) {
    out << "figures: none (gnuplot missing or failed; the .gp scripts are in " << printableText(dir.string(), 4096)
        << ")\n";
    return;
  }
  out << "figures:";
  for (const std::string& f : figures) out << ' ' << printableText((dir / f).string(), 4096);
  out << '\n';
}

}  // namespace

std::string stressStrainCsv(const SweepPlan& plan, const std::vector<std::vector<ReplicaOutput>>& results,
                            const Provenance& prov) {
  return stressStrainText(plan, results, prov);
}

nlohmann::json pointsJson(const SweepPlan& plan, const std::vector<std::vector<ReplicaOutput>>& results) {
  const std::vector<PointSummary> summaries = summarisePoints(plan, results);
  json points = json::array();
  for (const SweepPoint& p : plan.points) points.push_back(pointJson(plan, p, summaries[p.index]));
  return points;
}

std::string pointsCsv(const SweepPlan& plan, const std::vector<std::vector<ReplicaOutput>>& results,
                      const Provenance& prov) {
  std::ostringstream points;
  points << prov.csvComment() << "\npoint,replica";
  for (const std::string& key : plan.keys) points << ',' << csvField(key);
  // strain_rate_per_s and temperature_K last (added later; columns are only ever appended): `fit` reads them.
  points << ",yield_stress_GPa,yield_strain,time_s,site_class,events,wall_time_s,strength_GPa,stop_reason,"
            "strain_rate_per_s,temperature_K,slip_events,flow_stress_GPa,mean_stress_drop_GPa\n";
  for (const SweepPoint& p : plan.points)
    for (const ReplicaOutput& o : results[p.index]) {
      const coupling::CoupledResult& r = o.result;
      points << p.index << ',' << o.replica;
      for (const std::string& v : p.values) points << ',' << csvField(v);
      // Shortest exact form ({}): the file then holds the bits, so runs compare exactly.
      points << fmt::format(
          ",{},{},{},{},{},{:.3f},{},{},{},{},{},{},{}\n", r.nucleated ? r.yield_stress_GPa : std::nan(""),
          r.nucleated ? r.yield_strain : std::nan(""), r.time_s,
          r.nucleated ? nucleation::siteClassName(r.site_class) : "none", r.events, o.wall_time_s, r.strength_GPa(),
          csvField(coupling::stopReasonName(r.stop_reason)), strainRateOrNaN(p.scenario), temperatureK(p.scenario),
          r.slips.size(), r.flowStress_GPa(), r.meanStressDrop_GPa());
    }
  return points.str();
}

void writeSweepReport(const SweepPlan& plan, const std::vector<std::vector<ReplicaOutput>>& results,
                      const fs::path& dir, const Provenance& prov, const std::optional<fs::path>& data_file,
                      std::ostream& out) {
  const std::vector<PointSummary> summaries = summarisePoints(plan, results);
  for (const SweepPoint& p : plan.points)
    if (summaries[p.index].cut_short > 0)
      out << fmt::format(
          "warning: point {}: {} of {} replicas stopped at kmc.max_events before nucleating; they are "
          "left out of the strength mean (stop_reason in points.csv)\n",
          p.index, summaries[p.index].cut_short, summaries[p.index].yield.replicas);
  for (const SweepPoint& p : plan.points)
    if (const auto warning = rateScalingBiasWarning(summaries[p.index].bias, summaries[p.index].bias_at_end,
                                                    fmt::format("point {}: ", p.index)))
      std::cerr << *warning;
  // One reading of the data file (loadExperimentData checks it): its hash in summary.json, its points in the figure.
  std::optional<ExperimentData> data;
  std::error_code ec;
  if (data_file && fs::is_regular_file(*data_file, ec)) data = loadExperimentData(*data_file);
  writeFileAtomically(dir / "points.csv", pointsCsv(plan, results, prov));
  writeFileAtomically(dir / "stress_strain.csv", stressStrainCsv(plan, results, prov));
  writeFileAtomically(dir / "summary.json", summaryJson(plan, summaries, prov, data_file, data).dump(2) + "\n");

  std::vector<std::string> figures;
  std::set<double> diameters;
  for (const SweepPoint& p : plan.points) diameters.insert(diameterNm(p.scenario));
  if (diameters.size() > 1) {
    if (data_file && !data)
      out << "no data file at " << data_file->string() << "; the figure has no experimental points\n";
    if (writeFigure(yieldFigure(plan, summaries, results, data), dir / "yield_vs_diameter.png"))
      figures.push_back("yield_vs_diameter.png");
  }
  if (writeFigure(stressStrainFigure(plan, results), dir / "stress_strain.png")) figures.push_back("stress_strain.png");
  printPointTable(plan, summaries, out);
  printWhereTheFilesAre(dir, figures, out);
}

}  // namespace surfkmc::app
