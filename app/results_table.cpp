// SPDX-License-Identifier: MIT
// Reading simulated yield stresses from a results folder.
#include "app/results_table.hpp"

#include <fmt/format.h>
#include <algorithm>

#include <fstream>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "app/csv_table.hpp"
#include "app/number_range.hpp"
#include "app/safe_name.hpp"
#include "app/scenario_loader.hpp"
#include "app/source_file.hpp"
#include "core/error.hpp"
#include "core/units.hpp"

namespace surfkmc::app {
namespace {

std::optional<std::size_t> firstColumn(const CsvTable& t, const std::vector<std::string>& names) {
  for (const auto& n : names)
    if (const auto c = t.column(n)) return c;
  return std::nullopt;
}

/// The scenario path in a provenance line `surfkmc V (H) scenario=PATH scenario_hash=...`.
std::optional<std::string> scenarioPath(const std::string& provenance) {
  const auto b = provenance.find(" scenario=");
  if (b == std::string::npos) return std::nullopt;
  const auto start = b + 10;
  auto e = provenance.find(" scenario_hash=", start);
  if (e == std::string::npos) e = provenance.find(' ', start);
  return provenance.substr(start, e == std::string::npos ? std::string::npos : e - start);
}

/// The base scenario, loaded on first need; its failure is kept to explain a missing column.
class ScenarioFallback {
 public:
  ScenarioFallback(const CsvTable& t, std::filesystem::path dir) : table_(t), dir_(std::move(dir)) {}

  const Scenario& get(const std::string& column_names) {
    if (!tried_) load();
    if (!scenario_)
      throw InputError(table_.source()
                           .location(table_.headerLine() - 1, 0)
                           .message("", "no column " + column_names +
                                            ", and the scenario of the provenance line cannot supply it: " + why_ +
                                            (column_names.find("temperature") != std::string::npos
                                                 ? " (or give compare --temperature)"
                                                 : "")));
    return *scenario_;
  }
  const std::string& describe() const { return used_; }

 private:
  void load() {
    tried_ = true;
    const std::string prov = table_.leadingComments().empty() ? std::string() : table_.leadingComments().front();
    const auto path = scenarioPath(prov);
    if (!path || path->empty()) {
      why_ = "the file has no '# surfkmc ... scenario=PATH' line";
      return;
    }
    std::filesystem::path p(*path);
    // Relative paths were relative to where the run started: usually the folder that holds results/<name>.
    if (!std::filesystem::exists(p) && p.is_relative())
      for (const auto& base : {dir_, dir_.parent_path().parent_path()})
        if (std::filesystem::exists(base / p)) {
          p = base / p;
          break;
        }
    try {
      scenario_ = loadScenario(p);
      used_ = p.string();
      const auto h = prov.find(" scenario_hash=");
      if (h != std::string::npos) {
        const auto v = prov.substr(h + 15, prov.find(' ', h + 15) - (h + 15));
        if (v != scenario_->source_hash)
          used_ += " (WARNING: changed since the run: hash " + scenario_->source_hash + ", the run had " + v + ")";
      }
    } catch (const Error& e) {
      why_ = std::string(e.what());
    }
  }

  const CsvTable& table_;
  std::filesystem::path dir_;
  bool tried_ = false;
  std::optional<Scenario> scenario_;
  std::string why_;
  std::string used_;
};

enum class KeySource { kColumn, kSummary, kScenario };

/// Per-point material, diameter and rate of a sweep's summary.json (`"mode": "sweep"`, `points`).
struct SweepSummary {
  struct Point {
    std::string material;
    double diameter_nm = 0.0;
    double strain_rate_per_s = 0.0;
    double temperature_K = 0.0;  ///< 0 when the summary predates the field
    /// The point's `ablation`; nullopt when the summary predates the field.
    std::optional<coupling::Ablation> ablation;
    /// Its values of the swept keys compare does not group by (`values` as text; strings unquoted).
    Variant others;
  };
  std::map<int, Point> points;
  /// Swept keys (points[].values) that compare does not group by, with the values each took.
  std::map<std::string, std::set<std::string>> other_keys;
};

/// The swept keys compare groups by, under their sweep names, and `ablation`, which it keeps apart.
bool groupedKey(const std::string& key) {
  for (const auto* names : {&kMaterialColumns, &kDiameterColumns, &kStrainRateColumns, &kTemperatureColumns})
    if (std::find(names->begin(), names->end(), key) != names->end()) return true;
  return key == "ablation";
}

/// Largest summary.json read [bytes]: a sweep of the most points writes a few MB.
constexpr std::size_t kMaxSummaryBytes = std::size_t{64} << 20;

/// Empty when the file is absent, not a sweep summary, or unreadable: the other sources then apply.
SweepSummary readSweepSummary(const std::filesystem::path& file) {
  SweepSummary s;
  // Only a regular file is read (a FIFO would block, a device never end), and of bounded size.
  std::error_code ec;
  if (!std::filesystem::is_regular_file(file, ec)) return s;
  std::string text;
  try {
    text = SourceFile::read(file, kMaxSummaryBytes).text();
  } catch (const InputError&) {
    return s;
  }
  const auto j = nlohmann::json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_object() || j.value("mode", "") != "sweep" || !j.contains("points") ||
      !j["points"].is_array())
    return s;
  for (const auto& p : j["points"]) {
    if (!p.is_object() || !p.contains("point") || !p["point"].is_number_integer()) continue;
    SweepSummary::Point q;
    if (p.contains("material") && p["material"].is_string()) q.material = p["material"].get<std::string>();
    if (p.contains("diameter_nm") && p["diameter_nm"].is_number()) q.diameter_nm = p["diameter_nm"].get<double>();
    if (p.contains("strain_rate_per_s") && p["strain_rate_per_s"].is_number())
      q.strain_rate_per_s = p["strain_rate_per_s"].get<double>();
    if (p.contains("temperature_K") && p["temperature_K"].is_number())
      q.temperature_K = p["temperature_K"].get<double>();
    if (p.contains("ablation") && p["ablation"].is_string())
      q.ablation = coupling::parseAblation(p["ablation"].get<std::string>());
    if (p.contains("values") && p["values"].is_object())
      for (const auto& [key, value] : p["values"].items())
        if (!groupedKey(key)) {
          q.others[key] = value.is_string() ? value.get<std::string>() : value.dump();
          s.other_keys[key].insert(q.others[key]);
        }
    s.points[p["point"].get<int>()] = q;
  }
  return s;
}

/// The physics each material's runs used (PhysicsUsed), from a sweep's or a run's summary.json. A material
/// is left out if any of its entries lacks the fields; empty when the file is absent or unreadable.
std::map<std::string, PhysicsUsed> readPhysicsUsed(const std::filesystem::path& file) {
  std::map<std::string, PhysicsUsed> used;
  std::error_code ec;
  if (!std::filesystem::is_regular_file(file, ec)) return used;
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(SourceFile::read(file, kMaxSummaryBytes).text(), nullptr, false);
  } catch (const InputError&) {
    return used;
  }
  if (j.is_discarded() || !j.is_object()) return used;
  std::vector<const nlohmann::json*> entries;
  if (j.value("mode", "") == "sweep" && j.contains("points") && j["points"].is_array()) {
    for (const auto& p : j["points"]) entries.push_back(&p);
  } else if (j.value("mode", "") == "coupled") {
    entries.push_back(&j);
  }
  std::set<std::string> unknown;
  for (const nlohmann::json* e : entries) {
    if (!e->is_object() || !e->contains("material") || !(*e)["material"].is_string()) continue;
    const std::string material = (*e)["material"].get<std::string>();
    const auto field = [&](const char* key) -> std::optional<std::string> {
      if (!e->contains(key)) return std::nullopt;
      const nlohmann::json& v = (*e)[key];
      return v.is_string() ? v.get<std::string>() : std::string();  // "" for null: that part did not run
    };
    const auto energetics = field("energetics");
    const auto model = field("nucleation_model");
    if (!energetics || !model) {
      unknown.insert(material);
      continue;
    }
    const auto response = field("stress_response");
    PhysicsUsed& u = used[material];
    if (!energetics->empty()) {
      u.energetics.insert(*energetics);
      if (response && !response->empty()) u.stress_responses.insert(*response);
    }
    if (!model->empty()) {
      u.nucleation_models.insert(*model);
      // Before `loading.creep` existed every loaded run had the Coble law.
      const auto creep = field("creep");
      u.creep_laws.insert(creep && !creep->empty() ? *creep : std::string("coble"));
      // Before `nucleation.activation_entropy` existed no run had one.
      const auto entropy = field("activation_entropy");
      u.activation_entropies.insert(entropy && !entropy->empty() ? *entropy : std::string("none"));
    }
  }
  for (const std::string& m : unknown) used.erase(m);
  return used;
}

std::string joined(const std::vector<std::string>& names) {
  std::string s;
  for (const auto& n : names) s += (s.empty() ? "'" : " or '") + n + "'";
  return s;
}

/// Where each key of the rows comes from, and the columns the rows are read from.
class ResultsReader {
 public:
  ResultsReader(const CsvTable& t, const std::filesystem::path& dir, ResultsTable& res)
      : t_(t), res_(res), fallback_(t, dir), summary_(readSweepSummary(dir / "summary.json")) {
    replica_ = t.requireColumn("replica");
    yield_ = t.requireColumn("yield_stress_GPa");
    point_ = t.column("point");
    velocity_ = t.column("step_velocity_nm_per_s");
    strength_ = t.column("strength_GPa");
    material_ = firstColumn(t, kMaterialColumns);
    diameter_ = firstColumn(t, kDiameterColumns);
    rate_ = firstColumn(t, kStrainRateColumns);
    temperature_ = firstColumn(t, kTemperatureColumns);
    ablation_ = t.column("ablation");
    slips_ = t.column("slip_events");
    flow_ = t.column("flow_stress_GPa");
    drop_ = t.column("mean_stress_drop_GPa");
    res.has_slip_events = slips_.has_value();
    res.has_step_velocity = velocity_.has_value();
    res.has_strength = strength_.has_value();
  }

  const SweepSummary& summary() const { return summary_; }

  /// Each key: a column; else, for a sweep, the per-point value in summary.json; else one value for
  /// the whole file from the scenario of the provenance line. Notes say which.
  void resolveKeys(std::optional<double> temperature_K) {
    material_src_ =
        key("material", kMaterialColumns, true, [&](const Scenario& s) { return material_value_ = s.material.name; });
    diameter_src_ = key("diameter_nm", kDiameterColumns, true, [&](const Scenario& s) {
      if (s.wire.shape != lattice::Shape::kCylinder || !(s.wire.diameter_A > 0.0))
        throw InputError(t_.source().location(-1, -1).message(
            "", "no diameter column, and the scenario's geometry is not a cylinder with diameter_nm"));
      diameter_value_ = units::angstromToNm(s.wire.diameter_A);
      return fmt::format("{:g}", diameter_value_);
    });
    rate_src_ = key("strain_rate_per_s", kStrainRateColumns, true, [&](const Scenario& s) {
      if (!s.loading || !s.loading->strain_rate_per_s)
        throw InputError(t_.source().location(-1, -1).message(
            "", "no strain-rate column, and the scenario has no loading.strain_rate_per_s"));
      rate_value_ = *s.loading->strain_rate_per_s;
      return fmt::format("{:g}", rate_value_);
    });
    resolveAblation();
    if (temperature_K && !temperature_) {
      temperature_value_ = *temperature_K;
      res_.notes.push_back(fmt::format("temperature_K: {:g} from --temperature", temperature_value_));
      return;
    }
    // Sweeps write each point's temperature into summary.json; older summaries fall back to the scenario.
    const bool summary_has_temperature =
        !summary_.points.empty() && std::all_of(summary_.points.begin(), summary_.points.end(),
                                                [](const auto& q) { return q.second.temperature_K > 0.0; });
    temperature_src_ = key("temperature_K", kTemperatureColumns, summary_has_temperature, [&](const Scenario& s) {
      temperature_value_ = temperatureK(s);
      return fmt::format("{:g}", temperature_value_);
    });
  }

  /// Row r, located errors at its cells.
  SimulatedYield row(std::size_t r) {
    SimulatedYield y;
    y.line = t_.line(r);
    y.replica = static_cast<int>(t_.number(r, replica_, NumberRange::closed(0, 1e9)));
    if (point_) y.point = static_cast<int>(t_.number(r, *point_, NumberRange::closed(0, 1e9)));
    y.material = material(r, y.point);
    y.diameter_nm = pick(diameter_src_, r, diameter_, NumberRange::positive(1.0e4), diameter_value_,
                         [&] { return summaryPoint(r, y.point).diameter_nm; });
    y.strain_rate_per_s = pick(rate_src_, r, rate_, NumberRange::positive(1.0e12), rate_value_,
                               [&] { return summaryPoint(r, y.point).strain_rate_per_s; });
    y.temperature_K = pick(temperature_src_, r, temperature_, NumberRange::positive(5000.0), temperature_value_,
                           [&] { return summary_.points.at(y.point).temperature_K; });
    // A replica that did not nucleate is written as nan (run) or left empty.
    const std::string& ys = t_.cell(r, yield_);
    if (!(ys.empty() || ys == "nan" || ys == "NaN" || ys == "-nan"))
      y.yield_GPa = t_.number(r, yield_, NumberRange::closed(-1000.0, 1000.0));
    if (strength_) y.strength_GPa = t_.optionalNumber(r, *strength_, NumberRange::closed(-1000.0, 1000.0));
    if (velocity_) y.step_velocity_nm_per_s = t_.optionalNumber(r, *velocity_, NumberRange::closed(-1e6, 1e6));
    if (slips_) y.slip_events = static_cast<int>(t_.number(r, *slips_, NumberRange::closed(0.0, 1.0e9)));
    // nan (written for a replica without slips) or empty: none.
    const auto finite = [&](const std::optional<std::size_t>& c) -> std::optional<double> {
      if (!c) return std::nullopt;
      const std::string& v = t_.cell(r, *c);
      if (v.empty() || v == "nan" || v == "NaN" || v == "-nan") return std::nullopt;
      return t_.number(r, *c, NumberRange::closed(-1000.0, 1000.0));
    };
    y.flow_stress_GPa = finite(flow_);
    y.mean_stress_drop_GPa = finite(drop_);
    y.ablation = ablation(r, y.point);
    if (point_ && !res_.variant_keys.empty()) {
      const auto q = summary_.points.find(y.point);
      for (const std::string& key : res_.variant_keys) {
        const bool known = q != summary_.points.end() && q->second.others.count(key) > 0;
        if (!known)
          t_.fail(r, *point_,
                  "summary.json gives point " + std::to_string(y.point) + " no value of the swept key '" +
                      printableText(key, 100) + "', which other points vary");
        y.variant[key] = q->second.others.at(key);
      }
    }
    return y;
  }

 private:
  /// `ablation`: a column (swept); else per point from summary.json; else the scenario's, when it can
  /// be read; else none (results from before the key existed).
  void resolveAblation() {
    if (ablation_) {
      res_.notes.push_back("ablation: column ablation");
      ablation_src_ = KeySource::kColumn;
      return;
    }
    if (point_ && !summary_.points.empty() &&
        std::all_of(summary_.points.begin(), summary_.points.end(),
                    [](const auto& q) { return q.second.ablation.has_value(); })) {
      res_.notes.push_back("ablation: per sweep point from summary.json");
      ablation_src_ = KeySource::kSummary;
      return;
    }
    ablation_src_ = KeySource::kScenario;
    try {
      ablation_value_ = fallback_.get("'ablation'").ablation;
      if (ablation_value_ != coupling::Ablation::kNone)
        res_.notes.push_back(std::string("ablation: ") + coupling::ablationName(ablation_value_) + " from scenario " +
                             fallback_.describe());
    } catch (const InputError&) {
      ablation_value_ = coupling::Ablation::kNone;  // no scenario to say otherwise: the model itself
    }
  }

  coupling::Ablation ablation(std::size_t r, int point_index) const {
    if (ablation_src_ == KeySource::kColumn) {
      const std::string& v = t_.cell(r, *ablation_);
      const auto a = coupling::parseAblation(v);
      if (!a)
        t_.fail(r, *ablation_, "bad value '" + printableText(v, 80) + "'; allowed: none, frozen_surface, as_cut_sites");
      return *a;
    }
    if (ablation_src_ == KeySource::kSummary) return *summary_.points.at(point_index).ablation;
    return ablation_value_;
  }

  KeySource key(const std::string& name, const std::vector<std::string>& columns, bool in_summary,
                const std::function<std::string(const Scenario&)>& from_scenario) {
    if (const auto c = firstColumn(t_, columns)) {
      res_.notes.push_back(name + ": column " + t_.header()[*c]);
      return KeySource::kColumn;
    }
    if (in_summary && point_ && !summary_.points.empty()) {
      res_.notes.push_back(name + ": per sweep point from summary.json");
      return KeySource::kSummary;
    }
    const std::string v = from_scenario(fallback_.get(joined(columns)));
    res_.notes.push_back(name + ": " + v + " from scenario " + fallback_.describe());
    return KeySource::kScenario;
  }

  /// A number key of row r from where resolveKeys() found it.
  template <class FromSummary>
  double pick(KeySource src, std::size_t r, std::optional<std::size_t> column, const NumberRange& range,
              double scenario_value, FromSummary from_summary) const {
    if (src == KeySource::kColumn) return t_.number(r, *column, range);
    return src == KeySource::kSummary ? from_summary() : scenario_value;
  }

  const SweepSummary::Point& summaryPoint(std::size_t r, int point_index) const {
    const auto it = summary_.points.find(point_index);
    if (it == summary_.points.end())
      t_.fail(r, *point_, "point " + std::to_string(point_index) + " is not in summary.json");
    const auto& q = it->second;
    if (q.material.empty() || !(q.diameter_nm > 0.0) || !(q.strain_rate_per_s > 0.0))
      t_.fail(r, *point_,
              "summary.json gives point " + std::to_string(point_index) +
                  " no material, diameter_nm or strain_rate_per_s (a sweep over a non-cylinder "
                  "geometry or a stress-controlled loading cannot be compared)");
    return q;
  }

  /// The value names a materials file and reaches labels: a material's name, nothing else.
  std::string material(std::size_t r, int point_index) const {
    if (material_src_ == KeySource::kColumn) {
      const std::string& m = t_.cell(r, *material_);
      if (m.empty()) t_.fail(r, *material_, "missing value");
      if (!isSafeName(m))
        t_.fail(r, *material_,
                "bad value '" + printableText(m, 80) + "'; allowed: a materials name (" + kSafeNameRule + ")");
      return m;
    }
    std::string m = material_src_ == KeySource::kSummary ? summaryPoint(r, point_index).material : material_value_;
    if (!isSafeName(m))
      throw InputError(t_.source().location(-1, -1).message(
          "",
          "material '" + printableText(m, 80) + "' of the results is not a materials name (" + kSafeNameRule + ")"));
    return m;
  }

  const CsvTable& t_;
  ResultsTable& res_;
  ScenarioFallback fallback_;
  const SweepSummary summary_;
  std::size_t replica_ = 0, yield_ = 0;
  std::optional<std::size_t> point_, velocity_, strength_, material_, diameter_, rate_, temperature_, ablation_, slips_,
      flow_, drop_;
  KeySource material_src_ = KeySource::kScenario, diameter_src_ = KeySource::kScenario,
            rate_src_ = KeySource::kScenario, temperature_src_ = KeySource::kScenario,
            ablation_src_ = KeySource::kScenario;
  coupling::Ablation ablation_value_ = coupling::Ablation::kNone;
  std::string material_value_;
  double diameter_value_ = 0.0, rate_value_ = 0.0, temperature_value_ = 300.0;
};

}  // namespace

std::string variantLabel(const Variant& variant) {
  std::string label;
  for (const auto& [key, value] : variant)
    label += (label.empty() ? "" : ", ") + printableText(key, 100) + " = " + printableText(value, 100);
  return label;
}

std::vector<ResultsTable> splitByVariant(const ResultsTable& table) {
  std::vector<ResultsTable> parts;
  for (const SimulatedYield& y : table.rows) {
    auto part = std::find_if(parts.begin(), parts.end(), [&](const ResultsTable& t) { return t.variant == y.variant; });
    if (part == parts.end()) {
      ResultsTable t = table;
      t.rows.clear();
      t.variant = y.variant;
      parts.push_back(std::move(t));
      part = std::prev(parts.end());
    }
    part->rows.push_back(y);
  }
  if (parts.empty()) parts.push_back(table);
  return parts;
}

ResultsTable loadResultsTable(const std::filesystem::path& dir, std::optional<double> temperature_K) {
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec))
    throw InputError(dir.string() + ": not a results folder (no such directory)");
  std::filesystem::path file = dir / "points.csv";
  if (!std::filesystem::exists(file, ec)) file = dir / "yield.csv";
  if (!std::filesystem::exists(file, ec))
    throw InputError(dir.string() + ": no points.csv (a sweep) or yield.csv (a run) in this folder");
  const CsvTable t = CsvTable::read(file, kMaxTableBytes);

  ResultsTable res;
  res.file = file;
  res.hash = t.source().hash();
  if (!t.leadingComments().empty()) res.provenance = t.leadingComments().front();
  ResultsReader reader(t, dir, res);
  reader.resolveKeys(temperature_K);
  for (const auto& [key, values] : reader.summary().other_keys)
    if (values.size() > 1) res.variant_keys.push_back(key);

  // Replicas cut short by kmc.max_events before nucleating: their strength is only a lower bound,
  // so they are left out (as the sweep report leaves them out of its means), and a note says so.
  const auto stop_reason = t.column("stop_reason");
  std::size_t cut_short = 0;
  for (std::size_t r = 0; r < t.rows(); ++r) {
    if (stop_reason && t.cell(r, *stop_reason) == "max_events")
      ++cut_short;
    else
      res.rows.push_back(reader.row(r));
  }
  if (cut_short > 0)
    res.notes.push_back(std::to_string(cut_short) +
                        " replicas stopped at kmc.max_events before nucleating are left out (stop_reason)");
  if (res.rows.empty()) throw InputError(t.source().location(-1, -1).message("", "no data rows after the header"));
  res.physics = readPhysicsUsed(dir / "summary.json");
  return res;
}

}  // namespace surfkmc::app
