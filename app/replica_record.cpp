// SPDX-License-Identifier: MIT
// Finished replica results as files, exact to the bit.
#include "app/replica_record.hpp"

#include <fmt/format.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "app/atomic_file.hpp"
#include "core/error.hpp"
#include "nucleation/site_class.hpp"

namespace surfkmc::app {

namespace fs = std::filesystem;
using nlohmann::json;

fs::path replicaRecordPath(const fs::path& dir, std::uint64_t point, std::uint64_t replica) {
  return dir / fmt::format("p{:05}_r{:04}.json", point, replica);
}

void saveReplicaRecord(const fs::path& file, const ReplicaOutput& o, const std::string& scenario_hash) {
  const coupling::CoupledResult& r = o.result;
  json samples = json::array();
  for (const coupling::CoupledSample& c : r.samples)
    samples.push_back({c.time_s, c.applied_strain, c.stress_GPa, c.diffusion_strain, c.slip_strain,
                       c.surface_diffusivity_A2_per_s, c.hazard_per_s, c.cumulative_hazard, c.events});
  const json record = {{"scenario_hash", scenario_hash},
                       {"point", o.point},
                       {"replica", o.replica},
                       {"nucleated", r.nucleated},
                       {"yield_stress_GPa", r.yield_stress_GPa},
                       {"yield_strain", r.yield_strain},
                       {"time_s", r.time_s},
                       {"site_class", static_cast<int>(r.site_class)},
                       {"site_size", r.site_size},
                       {"site", r.site},
                       {"position_A", {r.position_A.x, r.position_A.y, r.position_A.z}},
                       {"events", r.events},
                       {"surface_diffusivity_A2_per_s", r.surface_diffusivity_A2_per_s},
                       {"atoms_initial", o.atoms_initial},
                       {"atoms_final", o.atoms_final},
                       {"wall_time_s", o.wall_time_s},
                       {"samples", samples}};
  writeFileAtomically(file, record.dump() + "\n");
}

std::optional<ReplicaOutput> loadReplicaRecord(const fs::path& file, std::uint64_t point, std::uint64_t replica,
                                               const std::string& scenario_hash) {
  std::error_code ec;
  if (!fs::exists(file, ec)) return std::nullopt;
  std::ifstream in(file, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  try {
    const json j = json::parse(text.str());
    if (j.at("scenario_hash").get<std::string>() != scenario_hash)
      throw InputError(file.string() + ": from a run of another version of the scenario (hash " +
                       j.at("scenario_hash").get<std::string>() + ", now " + scenario_hash +
                       "); resume only an unchanged scenario, or start afresh without --resume");
    ReplicaOutput o;
    o.point = j.at("point").get<std::uint64_t>();
    o.replica = j.at("replica").get<std::uint64_t>();
    if (o.point != point || o.replica != replica)
      throw InputError(file.string() + ": holds point " + std::to_string(o.point) + " replica " +
                       std::to_string(o.replica) + ", not what its name says");
    coupling::CoupledResult& r = o.result;
    r.nucleated = j.at("nucleated").get<bool>();
    r.yield_stress_GPa = j.at("yield_stress_GPa").get<double>();
    r.yield_strain = j.at("yield_strain").get<double>();
    r.time_s = j.at("time_s").get<double>();
    const int cls = j.at("site_class").get<int>();
    if (cls < 0 || cls >= nucleation::kSiteClassCount) throw InputError(file.string() + ": bad site_class");
    r.site_class = static_cast<nucleation::SiteClass>(cls);
    r.site_size = j.at("site_size").get<int>();
    r.site = j.at("site").get<lattice::SiteIndex>();
    const json& pos = j.at("position_A");
    r.position_A = {pos.at(0).get<double>(), pos.at(1).get<double>(), pos.at(2).get<double>()};
    r.events = j.at("events").get<std::int64_t>();
    r.surface_diffusivity_A2_per_s = j.at("surface_diffusivity_A2_per_s").get<double>();
    o.atoms_initial = j.at("atoms_initial").get<std::int64_t>();
    o.atoms_final = j.at("atoms_final").get<std::int64_t>();
    o.wall_time_s = j.at("wall_time_s").get<double>();
    for (const json& s : j.at("samples")) {
      coupling::CoupledSample c;
      c.time_s = s.at(0).get<double>();
      c.applied_strain = s.at(1).get<double>();
      c.stress_GPa = s.at(2).get<double>();
      c.diffusion_strain = s.at(3).get<double>();
      c.slip_strain = s.at(4).get<double>();
      c.surface_diffusivity_A2_per_s = s.at(5).get<double>();
      c.hazard_per_s = s.at(6).get<double>();
      c.cumulative_hazard = s.at(7).get<double>();
      c.events = s.at(8).get<std::int64_t>();
      r.samples.push_back(c);
    }
    return o;
  } catch (const json::exception& e) {
    throw InputError(file.string() + ": unreadable result record (" + e.what() + "); delete it to recompute it");
  }
}

}  // namespace surfkmc::app
