// SPDX-License-Identifier: MIT
// Finished replica results as files, exact to the bit, complete, checksummed.
#include "app/replica_record.hpp"

#include <fmt/format.h>

#include <cmath>
#include <limits>
#include <nlohmann/json.hpp>

#include "app/atomic_file.hpp"
#include "app/source_file.hpp"
#include "core/error.hpp"
#include "nucleation/site_class.hpp"

namespace surfkmc {
namespace {

using nlohmann::json;

/// Record format: 2 holds everything the reports write (stop reason, site counts, acceleration
/// report), non-finite numbers as text, and a checksum.
constexpr int kRecordFormat = 2;
/// Largest record accepted [bytes]: samples are capped (CoupledRun), so a real record is far smaller.
constexpr std::size_t kMaxRecordBytes = std::size_t{256} << 20;

/// A double that survives JSON: finite values as numbers (shortest exact form), others as text
/// (JSON has no NaN or infinity; nlohmann would write null).
json exact(double v) {
  if (std::isfinite(v)) return v;
  if (std::isnan(v)) return "nan";
  return v > 0 ? "inf" : "-inf";
}

double number(const json& j) {
  if (j.is_number()) return j.get<double>();
  if (j.is_string()) {
    const std::string& s = j.get_ref<const std::string&>();
    if (s == "nan") return std::numeric_limits<double>::quiet_NaN();
    if (s == "inf") return std::numeric_limits<double>::infinity();
    if (s == "-inf") return -std::numeric_limits<double>::infinity();
  }
  return j.get<double>();  // throws json::type_error naming what it is
}

}  // namespace

namespace kmc {

namespace {

json biasJson(const RateScalingBias& b) {
  return {{"probes", b.probes},
          {"transport_ratio", exact(b.transport_ratio)},
          {"standard_error", exact(b.standard_error)},
          {"probe_time_s", exact(b.probe_time_s)},
          {"plain_events", exact(b.plain_events)},
          {"scaled_events", exact(b.scaled_events)},
          {"acceleration", exact(b.acceleration)}};
}

/// Not measured when absent (records written before the bias was).
RateScalingBias biasFrom(const json& j, const char* key) {
  RateScalingBias r;
  const auto b = j.find(key);
  if (b == j.end()) return r;
  r.probes = b->at("probes").get<int>();
  r.transport_ratio = number(b->at("transport_ratio"));
  r.standard_error = number(b->at("standard_error"));
  r.probe_time_s = number(b->at("probe_time_s"));
  r.plain_events = number(b->at("plain_events"));
  r.scaled_events = number(b->at("scaled_events"));
  r.acceleration = number(b->at("acceleration"));
  return r;
}

}  // namespace

void to_json(json& j, const AccelerationReport& a) {
  json pairs = json::array();
  for (const ScaledPair& p : a.scaled_pairs) pairs.push_back({p.n_i, p.n_j, p.common, exact(p.scale)});
  j = {{"rate_scaling_enabled", a.rate_scaling_enabled},
       {"scaling_windows", a.scaling_windows},
       {"scale_refreshes", a.scale_refreshes},
       {"scale_resets", a.scale_resets},
       {"scaled_pairs", pairs},
       {"smallest_scale", exact(a.smallest_scale)},
       {"effective_acceleration", exact(a.effective_acceleration)},
       {"max_acceleration", exact(a.max_acceleration)},
       {"accounted_time_s", exact(a.accounted_time_s)},
       {"super_moves_enabled", a.super_moves_enabled},
       {"super_moves", a.super_moves},
       {"super_move_exits", a.super_move_exits},
       {"basin_solves", a.basin_solves},
       {"basin_cache_hits", a.basin_cache_hits},
       {"super_move_hops", exact(a.super_move_hops)},
       {"super_move_acceleration", exact(a.super_move_acceleration)},
       {"strain_energy_enabled", a.strain_energy_enabled},
       {"profile_refreshes", a.profile_refreshes},
       {"profile_drift", exact(a.profile_drift)},
       {"profile_rejections", a.profile_rejections}};
  if (a.rate_scaling_bias.measured()) j["rate_scaling_bias"] = biasJson(a.rate_scaling_bias);
  if (a.rate_scaling_bias_at_end.measured()) j["rate_scaling_bias_at_end"] = biasJson(a.rate_scaling_bias_at_end);
}

void from_json(const json& j, AccelerationReport& a) {
  a.rate_scaling_enabled = j.at("rate_scaling_enabled").get<bool>();
  a.scaling_windows = j.at("scaling_windows").get<std::int64_t>();
  a.scale_refreshes = j.at("scale_refreshes").get<std::int64_t>();
  a.scale_resets = j.at("scale_resets").get<std::int64_t>();
  a.scaled_pairs.clear();
  for (const json& p : j.at("scaled_pairs"))
    a.scaled_pairs.push_back({p.at(0).get<int>(), p.at(1).get<int>(), p.at(2).get<int>(), number(p.at(3))});
  a.smallest_scale = number(j.at("smallest_scale"));
  a.effective_acceleration = number(j.at("effective_acceleration"));
  a.max_acceleration = number(j.at("max_acceleration"));
  a.accounted_time_s = number(j.at("accounted_time_s"));
  a.super_moves_enabled = j.at("super_moves_enabled").get<bool>();
  a.super_moves = j.at("super_moves").get<std::int64_t>();
  a.super_move_exits = j.at("super_move_exits").get<std::int64_t>();
  a.basin_solves = j.at("basin_solves").get<std::int64_t>();
  a.basin_cache_hits = j.at("basin_cache_hits").get<std::int64_t>();
  a.super_move_hops = number(j.at("super_move_hops"));
  a.super_move_acceleration = number(j.at("super_move_acceleration"));
  a.strain_energy_enabled = j.at("strain_energy_enabled").get<bool>();
  a.profile_refreshes = j.at("profile_refreshes").get<std::int64_t>();
  a.profile_drift = number(j.at("profile_drift"));
  a.profile_rejections = j.at("profile_rejections").get<std::int64_t>();
  a.rate_scaling_bias = biasFrom(j, "rate_scaling_bias");
  a.rate_scaling_bias_at_end = biasFrom(j, "rate_scaling_bias_at_end");
}

}  // namespace kmc

namespace coupling {

/// A sample is an array (records hold thousands of them): the order below is the format.
void to_json(json& j, const CoupledSample& c) {
  j = {exact(c.time_s),
       exact(c.applied_strain),
       exact(c.stress_GPa),
       exact(c.diffusion_strain),
       exact(c.slip_strain),
       exact(c.surface_diffusivity_A2_per_s),
       exact(c.hazard_per_s),
       exact(c.cumulative_hazard),
       c.events,
       c.sites,
       c.max_step_height,
       c.pit_vacancies};
}

void from_json(const json& s, CoupledSample& c) {
  c.time_s = number(s.at(0));
  c.applied_strain = number(s.at(1));
  c.stress_GPa = number(s.at(2));
  c.diffusion_strain = number(s.at(3));
  c.slip_strain = number(s.at(4));
  c.surface_diffusivity_A2_per_s = number(s.at(5));
  c.hazard_per_s = number(s.at(6));
  c.cumulative_hazard = number(s.at(7));
  c.events = s.at(8).get<std::int64_t>();
  c.sites = s.at(9).get<decltype(c.sites)>();
  c.max_step_height = s.at(10).get<int>();
  c.pit_vacancies = s.at(11).get<std::int64_t>();
}

/// A slip event is an array too: the order below is the format.
void to_json(json& j, const SlipEvent& e) {
  j = {exact(e.time_s),
       exact(e.applied_strain),
       exact(e.nucleation_stress_GPa),
       exact(e.stress_before_GPa),
       exact(e.stress_after_GPa),
       exact(e.diffusion_strain),
       exact(e.slip_strain_before),
       exact(e.cumulative_hazard),
       static_cast<int>(e.site_class),
       e.site_size,
       e.site,
       {exact(e.position_A.x), exact(e.position_A.y), exact(e.position_A.z)},
       e.system,
       e.atoms_moved};
}

void from_json(const json& s, SlipEvent& e) {
  e.time_s = number(s.at(0));
  e.applied_strain = number(s.at(1));
  e.nucleation_stress_GPa = number(s.at(2));
  e.stress_before_GPa = number(s.at(3));
  e.stress_after_GPa = number(s.at(4));
  e.diffusion_strain = number(s.at(5));
  e.slip_strain_before = number(s.at(6));
  e.cumulative_hazard = number(s.at(7));
  const int cls = s.at(8).get<int>();
  if (cls < 0 || cls >= nucleation::kSiteClassCount) throw InputError("bad site_class " + std::to_string(cls));
  e.site_class = static_cast<nucleation::SiteClass>(cls);
  e.site_size = s.at(9).get<int>();
  e.site = s.at(10).get<lattice::SiteIndex>();
  const json& pos = s.at(11);
  e.position_A = {number(pos.at(0)), number(pos.at(1)), number(pos.at(2))};
  e.system = s.at(12).get<int>();
  e.atoms_moved = s.at(13).get<std::int64_t>();
}

}  // namespace coupling

namespace app {

namespace fs = std::filesystem;

void to_json(json& j, const ReplicaOutput& o) {
  const coupling::CoupledResult& r = o.result;
  j = {{"point", o.point},
       {"replica", o.replica},
       {"nucleated", r.nucleated},
       {"stop_reason", coupling::stopReasonName(r.stop_reason)},
       {"yield_stress_GPa", exact(r.yield_stress_GPa)},
       {"yield_strain", exact(r.yield_strain)},
       {"time_s", exact(r.time_s)},
       {"site_class", static_cast<int>(r.site_class)},
       {"site_size", r.site_size},
       {"site", r.site},
       {"position_A", {exact(r.position_A.x), exact(r.position_A.y), exact(r.position_A.z)}},
       {"events", r.events},
       {"uncatalogued_events", r.uncatalogued_events},
       {"interlayer_transits", r.interlayer_transits},
       {"surface_diffusivity_A2_per_s", exact(r.surface_diffusivity_A2_per_s)},
       {"acceleration", r.acceleration},
       {"atoms_initial", o.atoms_initial},
       {"atoms_final", o.atoms_final},
       {"wall_time_s", exact(o.wall_time_s)},
       {"samples", r.samples},
       {"slips", r.slips}};
}

void from_json(const json& j, ReplicaOutput& o) {
  o.point = j.at("point").get<std::uint64_t>();
  o.replica = j.at("replica").get<std::uint64_t>();
  coupling::CoupledResult& r = o.result;
  r.nucleated = j.at("nucleated").get<bool>();
  const std::string stop_reason = j.at("stop_reason").get<std::string>();
  const std::optional<coupling::StopReason> reason = coupling::parseStopReason(stop_reason);
  if (!reason) throw RuntimeError("replica record: unknown stop_reason '" + stop_reason + "'");
  r.stop_reason = *reason;
  r.yield_stress_GPa = number(j.at("yield_stress_GPa"));
  r.yield_strain = number(j.at("yield_strain"));
  r.time_s = number(j.at("time_s"));
  const int cls = j.at("site_class").get<int>();
  if (cls < 0 || cls >= nucleation::kSiteClassCount) throw InputError("bad site_class " + std::to_string(cls));
  r.site_class = static_cast<nucleation::SiteClass>(cls);
  r.site_size = j.at("site_size").get<int>();
  r.site = j.at("site").get<lattice::SiteIndex>();
  const json& pos = j.at("position_A");
  r.position_A = {number(pos.at(0)), number(pos.at(1)), number(pos.at(2))};
  r.events = j.at("events").get<std::int64_t>();
  r.uncatalogued_events = j.value("uncatalogued_events", std::int64_t{0});  // absent in records of 0.1.x builds
  r.interlayer_transits = j.value("interlayer_transits", std::int64_t{0});  // absent before interlayer transits
  r.surface_diffusivity_A2_per_s = number(j.at("surface_diffusivity_A2_per_s"));
  r.acceleration = j.at("acceleration").get<kmc::AccelerationReport>();
  o.atoms_initial = j.at("atoms_initial").get<std::int64_t>();
  o.atoms_final = j.at("atoms_final").get<std::int64_t>();
  o.wall_time_s = number(j.at("wall_time_s"));
  r.samples = j.at("samples").get<std::vector<coupling::CoupledSample>>();
  // Records written before slip events existed have none.
  r.slips =
      j.contains("slips") ? j.at("slips").get<std::vector<coupling::SlipEvent>>() : std::vector<coupling::SlipEvent>{};
}

namespace {

/// Checksum of a record without its "checksum" member (the text nlohmann writes is canonical:
/// sorted keys, shortest exact numbers).
std::string checksumOf(const json& record) { return SourceFile("record", record.dump()).hash(); }

}  // namespace

fs::path replicaRecordPath(const fs::path& dir, std::uint64_t point, std::uint64_t replica) {
  return dir / fmt::format("p{:05}_r{:04}.json", point, replica);
}

void saveReplicaRecord(const fs::path& file, const ReplicaOutput& o, const std::string& inputs_hash) {
  json record = o;
  record["format"] = kRecordFormat;
  record["inputs_hash"] = inputs_hash;
  record["checksum"] = checksumOf(record);
  writeFileAtomically(file, record.dump() + "\n");
}

std::optional<ReplicaOutput> loadReplicaRecord(const fs::path& file, std::uint64_t point, std::uint64_t replica,
                                               const std::string& inputs_hash) {
  std::error_code ec;
  if (!fs::exists(fs::symlink_status(file, ec))) return std::nullopt;
  // SourceFile::read: a regular file of bounded size only (a FIFO would hang, /dev/zero never end).
  const SourceFile text = SourceFile::read(file, kMaxRecordBytes);
  try {
    json j = json::parse(text.text());
    if (!j.is_object() || !j.contains("format") || j.at("format") != kRecordFormat)
      throw InputError(file.string() + ": a result record of another surfkmc version; delete it to recompute it");
    const std::string stored = j.at("checksum").get<std::string>();
    j.erase("checksum");
    if (checksumOf(j) != stored)
      throw InputError(file.string() + ": result record damaged (checksum " + checksumOf(j) + ", stored " + stored +
                       "); delete it to recompute it");
    if (j.at("inputs_hash").get<std::string>() != inputs_hash)
      throw InputError(file.string() + ": from a run with other inputs (hash " +
                       j.at("inputs_hash").get<std::string>() + ", now " + inputs_hash +
                       "); resume only with unchanged scenario and material files, or start afresh with --force");
    if (j.at("point").get<std::uint64_t>() != point || j.at("replica").get<std::uint64_t>() != replica)
      throw InputError(file.string() + ": holds point " + std::to_string(j.at("point").get<std::uint64_t>()) +
                       " replica " + std::to_string(j.at("replica").get<std::uint64_t>()) + ", not what its name says");
    ReplicaOutput o;
    try {
      o = j.get<ReplicaOutput>();
    } catch (const InputError& e) {
      throw InputError(file.string() + ": " + e.what());
    }
    return o;
  } catch (const json::exception& e) {
    throw InputError(file.string() + ": unreadable result record (" + e.what() + "); delete it to recompute it");
  }
}

}  // namespace app
}  // namespace surfkmc
