// SPDX-License-Identifier: MIT
// `surfkmc learn`: the hop catalogue grown by the environments a KMC run meets and the catalogue lacks.
#include "app/learn_command.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <cmath>
#include <cstdint>
#include <iostream>
#include <map>
#include <memory>
#include <optional>
#include <ostream>
#include <set>
#include <sstream>
#include <string>
#include <system_error>
#include <vector>

#include "app/atomic_file.hpp"
#include "app/atomistic_material.hpp"
#include "app/hop_samples.hpp"
#include "app/loading_section.hpp"
#include "app/material.hpp"
#include "app/material_loader.hpp"
#include "app/rank_team.hpp"
#include "app/scenario_loader.hpp"
#include "app/source_file.hpp"
#include "app/specimen.hpp"
#include "atomistic/crystal_properties.hpp"
#include "core/error.hpp"
#include "core/random_stream.hpp"
#include "kmc/engine.hpp"
#include "kmc/hop_environment_index.hpp"
#include "kmc/hop_table.hpp"
#include "kmc/observer.hpp"

namespace surfkmc::app {
namespace {

namespace at = atomistic;
using Clock = std::chrono::steady_clock;

void checkLearnOptions(const LearnOptions& o) {
  checkThreadCount(o.threads);
  if (o.out.empty()) throw InputError("--out DIR is required");
  if (o.rounds < 0 || o.rounds > 50) throw InputError("--rounds must lie in [0, 50], got " + std::to_string(o.rounds));
  if (!std::isfinite(o.target) || o.target <= 0.0 || o.target >= 1.0)
    throw InputError(fmt::format("--target must lie in (0, 1), got {}", o.target));
  if (o.max_new < 1 || o.max_new > 100000)
    throw InputError("--max-new must lie in [1, 100000], got " + std::to_string(o.max_new));
  if (o.stresses_GPa.empty() || o.stresses_GPa.size() > 8)
    throw InputError(fmt::format("--stress-GPa takes 1 to 8 values, got {}", o.stresses_GPa.size()));
  for (std::size_t i = 0; i < o.stresses_GPa.size(); ++i) {
    const double sigma = o.stresses_GPa[i];
    if (!std::isfinite(sigma) || std::abs(sigma) > 10.0)
      throw InputError(fmt::format("--stress-GPa: each value must lie in [-10, 10] GPa, got {}", sigma));
    for (std::size_t j = 0; j < i; ++j)
      if (o.stresses_GPa[j] == sigma) throw InputError(fmt::format("--stress-GPa: {} is given twice", sigma));
  }
}

/// One KMC run of a round: a scenario at one held stress.
struct LearnRun {
  std::size_t scenario = 0;
  double stress_GPa = 0.0;
};

/// Keeps, for each environment (pair key) of a performed hop that the engine counted as uncatalogued, how many
/// such events it had; and, for the first `capacity` of them not yet attempted, the event as a sample (its
/// reverse on the lattice just after it, which crosses the same saddle and has the same pair key).
class UncataloguedSampler : public kmc::Observer {
 public:
  UncataloguedSampler(const at::HopEnvironments& environments, const std::set<std::uint32_t>& attempted, int capacity)
      : environments_(environments), attempted_(attempted), capacity_(static_cast<std::size_t>(capacity)) {}

  void onEvent(const kmc::Engine& engine, const kmc::StepResult& step) override {
    const kmc::EventStatistics& stats = engine.statistics();
    if (stats.uncatalogued_events == counted_) return;
    counted_ = stats.uncatalogued_events;
    // The engine counts only hops to a site outside the rim (kmc/engine.cpp), and learn runs no super-moves.
    if (step.transit || step.super_move) throw InvariantError("learn: an uncatalogued event that is no single hop");
    const int back = lattice::oppositeDirection(step.direction);
    const std::uint32_t key = kmc::HopEnvironmentIndex::pairKey(environments_.key(engine.lattice(), step.to, back));
    const auto [it, fresh] = events_by_key_.try_emplace(key, 0);
    ++it->second;
    if (!fresh || attempted_.contains(key) || samples_.size() >= capacity_) return;
    samples_.push_back(eventSample(engine.lattice(), environments_, step.from, step.to, step.direction,
                                   {step.n_i, step.n_j, step.common}, stats.events));
    keys_.push_back(key);
  }

  const std::vector<HopSample>& samples() const { return samples_; }
  const std::vector<std::uint32_t>& keys() const { return keys_; }
  /// Uncatalogued events per environment (pair key).
  const std::map<std::uint32_t, std::int64_t>& eventsByKey() const { return events_by_key_; }
  /// Uncatalogued events of environments already attempted in an earlier round (their NEB gave no entry).
  std::int64_t eventsOfAttempted() const {
    std::int64_t n = 0;
    for (const auto& [key, count] : events_by_key_)
      if (attempted_.contains(key)) n += count;
    return n;
  }

 private:
  const at::HopEnvironments& environments_;
  const std::set<std::uint32_t>& attempted_;
  std::size_t capacity_;
  std::int64_t counted_ = 0;
  std::map<std::uint32_t, std::int64_t> events_by_key_;
  std::vector<HopSample> samples_;
  std::vector<std::uint32_t> keys_;
};

nlohmann::json readCatalogueJson(const std::filesystem::path& file) {
  return nlohmann::json::parse(SourceFile::read(file, kMaxDataFileBytes).text());
}

/// The NEB settings the catalogue's own samples were computed with (its `settings`), so learned samples are
/// computed alike; this build's defaults where the file does not say.
at::BarrierSettings catalogueSettings(const nlohmann::json& settings, double a0) {
  at::BarrierSettings b;
  b.lattice_constant_A = a0;
  b.neb.fire.max_steps = kHopNebMaxSteps;
  b.relax_tolerance = settings.value("relax_tolerance_eV_A", b.relax_tolerance);
  b.neb.images = settings.value("neb_images", b.neb.images + 2) - 2;
  b.neb.spring = settings.value("neb_spring_eV_A2", b.neb.spring);
  b.neb.force_tolerance = settings.value("neb_force_tolerance_eV_A", b.neb.force_tolerance);
  b.neb.fire.max_steps = settings.value("neb_max_steps", b.neb.fire.max_steps);
  b.validate();
  return b;
}

/// A catalogue file as learn grows it: its JSON and where it is written.
struct GrownFile {
  nlohmann::json json;
  std::filesystem::path out;
  double axial_strain = 0.0;
};

/// What every rank reads before any work: the scenarios, the catalogue files as they are, and the settings their
/// samples were computed with.
struct LearnInputs {
  std::vector<Scenario> scenarios;
  at::PotentialSpec spec;
  double a0 = 0.0;
  std::vector<GrownFile> files;
  double radius_A = 0.0;
  double shell_A = 0.0;
  at::BarrierSettings neb_settings;
};

LearnInputs readInputs(const LearnOptions& o) {
  checkLearnOptions(o);
  LearnInputs in;
  for (const std::filesystem::path& path : o.scenarios) {
    Scenario s = loadScenario(path);
    if (!s.kmc) throw InputError(path.string() + ": `learn` runs the scenario's KMC, so it needs a `kmc:` section");
    if (!s.kmc->duration_s && !s.kmc->max_events)
      throw InputError(path.string() +
                       ": `learn` runs the scenario's KMC alone, so it needs kmc.duration_s or "
                       "kmc.max_events (a loading: section's duration does not apply)");
    if (s.kmc->energetics != "catalogue")
      throw InputError(path.string() +
                       ": `learn` grows the material's hop catalogue, so it needs "
                       "kmc.energetics: catalogue (got '" +
                       s.kmc->energetics + "')");
    if (s.material.potential.kim_model.empty())
      throw InputError(path.string() + ": material '" + s.material.name + "' names no potential");
    if (!in.scenarios.empty() && (s.material.source_hash != in.scenarios.front().material.source_hash ||
                                  s.material.hop_catalogue->file != in.scenarios.front().material.hop_catalogue->file))
      throw InputError(path.string() + ": material '" + s.material.name + "' is not the material file of " +
                       o.scenarios.front().string() + "; learn grows one catalogue, so every scenario names the same");
    in.scenarios.push_back(std::move(s));
  }
  const Material& m = in.scenarios.front().material;
  if (std::filesystem::exists(o.out / "hops.json"))
    throw InputError("--out: '" + o.out.string() +
                     "' already holds a hops.json; learn writes a new catalogue and replaces none");

  // The catalogue as the material names it (loadScenario has read and checked every field it uses), and the
  // settings its samples were computed with.
  in.spec = potentialSpec(m);
  {
    at::KimPotential pot(in.spec);
    in.a0 = at::equilibriumLatticeConstant(pot, m.lattice_constant_A);
  }
  std::filesystem::path reading = m.hop_catalogue->file;
  try {
    in.files.push_back({readCatalogueJson(reading), o.out / "hops.json", 0.0});
    if (m.hop_catalogue_strain) {
      for (const auto& [ref, name] : {std::pair{&m.hop_catalogue_strain->low, "hops_strain_low.json"},
                                      std::pair{&m.hop_catalogue_strain->high, "hops_strain_high.json"}}) {
        reading = ref->file;
        GrownFile f{readCatalogueJson(reading), o.out / name, 0.0};
        f.axial_strain = f.json.at("settings").at("axial_strain").get<double>();
        in.files.push_back(std::move(f));
      }
    }
    reading = m.hop_catalogue->file;
    const nlohmann::json& settings = in.files.front().json.at("settings");
    in.radius_A = settings.value("free_radius_A", 10.0);
    in.shell_A = settings.value("shell_A", 6.5);
    in.neb_settings = catalogueSettings(settings, in.a0);
  } catch (const nlohmann::json::exception& e) {
    throw InputError(reading.string() + ": a hop catalogue whose settings `learn` cannot read (" + e.what() + ")");
  }
  return in;
}

/// Whether every rank read the inputs: rank 0 makes the results folder, says so to the others and returns true;
/// rank 0 throws the first failure (its own, or a rank's that could not read what it could); the other ranks
/// return false when rank 0 stops, so that the failure is reported once.
bool agreeOnInputs(RankTeam& team, std::exception_ptr failure, const std::filesystem::path& out_dir) {
  const std::vector<std::string> verdicts = team.gather(failure ? "failed" : "ok");
  if (team.rank() != 0) {
    if (team.broadcast("") != "go") return false;
    if (failure) team.abort(failure, std::cerr);  // rank 0 read what this rank could not: no orderly way on
    return true;
  }
  std::exception_ptr stop = failure;
  for (std::size_t r = 1; r < verdicts.size() && !stop; ++r)
    if (verdicts[r] != "ok")
      stop = std::make_exception_ptr(RuntimeError("learn: rank " + std::to_string(r) +
                                                  " could not read the inputs rank 0 read (a file system the ranks "
                                                  "do not share?)"));
  if (!stop) {
    // Only now, with every input read, is the results folder made.
    std::error_code ec;
    std::filesystem::create_directories(out_dir, ec);
    if (ec || !std::filesystem::is_directory(out_dir))
      stop = std::make_exception_ptr(InputError("--out: cannot create folder '" + out_dir.string() + "'"));
  }
  team.broadcast(stop ? "stop" : "go");
  if (stop) std::rethrow_exception(stop);
  return true;
}

/// What one run of a round gives rank 0.
struct RunReport {
  kmc::EventStatistics stats;
  double wall_s = 0.0;
  std::map<std::uint32_t, std::int64_t> events_by_key;
  std::int64_t events_of_attempted = 0;
  std::vector<std::uint32_t> sample_keys;
};

nlohmann::json reportJson(std::size_t k, const kmc::EventStatistics& stats, double wall_s,
                          const UncataloguedSampler& sampler) {
  nlohmann::json by_key = nlohmann::json::array();
  for (const auto& [key, count] : sampler.eventsByKey()) by_key.push_back({key, count});
  return {{"run", k},
          {"events", stats.events},
          {"time_s", stats.time_s},
          {"uncatalogued_events", stats.uncatalogued_events},
          {"wall_s", wall_s},
          {"events_by_key", by_key},
          {"events_of_attempted", sampler.eventsOfAttempted()},
          {"sample_keys", sampler.keys()}};
}

/// A chosen environment: sample `sample` of run `run`'s sampler, its key and its uncatalogued events.
struct Chosen {
  std::size_t run = 0;
  std::size_t sample = 0;
  std::uint32_t key = 0;
  std::int64_t events = 0;
};

}  // namespace

void learnCommand(const LearnOptions& o, std::ostream& shown) {
  const std::unique_ptr<RankTeam> team = launchedTeam("learn");
  const int rank = team->rank();
  const int ranks = team->size();
  const bool root = rank == 0;
  std::ostringstream silent;  // what the other ranks would print: rank 0 prints for all
  std::ostream& out = root ? shown : silent;

  LearnInputs in;
  std::exception_ptr failure;
  try {
    in = readInputs(o);
  } catch (...) {
    failure = std::current_exception();
  }
  if (!agreeOnInputs(*team, failure, o.out)) return;
  const std::vector<Scenario>& scenarios = in.scenarios;
  std::vector<GrownFile>& files = in.files;
  const Material& m = scenarios.front().material;
  const auto start = Clock::now();
  const int n_min = kmc::EnergeticsParams{}.n_min;

  std::string command = "surfkmc learn";
  nlohmann::json runs = nlohmann::json::array();
  for (std::size_t k = 0; k < scenarios.size(); ++k) {
    const Scenario& s = scenarios[k];
    command += ' ';  // not " " + path: GCC 12 warns falsely (-Wrestrict) on that once inlined here
    command += o.scenarios[k].string();
    runs.push_back({{"scenario", o.scenarios[k].string()},
                    {"scenario_hash", s.source_hash},
                    {"seed", s.seed},
                    {"temperature_K", s.kmc->temperature_K},
                    {"duration_s", s.kmc->duration_s ? nlohmann::json(*s.kmc->duration_s) : nlohmann::json(nullptr)},
                    {"max_events", s.kmc->max_events ? nlohmann::json(*s.kmc->max_events) : nlohmann::json(nullptr)},
                    {"interlayer", s.kmc->interlayer}});
  }
  command += fmt::format(" --out DIR --rounds {} --target {} --max-new {}", o.rounds, o.target, o.max_new);
  if (o.stresses_GPa != std::vector<double>{0.0})
    command += fmt::format(" --stress-GPa {}", fmt::join(o.stresses_GPa, ","));
  // Scenario by scenario, stress by stress.
  std::vector<LearnRun> all_runs;
  for (std::size_t k = 0; k < scenarios.size(); ++k)
    for (const double sigma : o.stresses_GPa) all_runs.push_back({k, sigma});
  nlohmann::json provenance = potentialProvenance(m, o.threads);
  provenance["ranks"] = ranks;
  nlohmann::json learn = {
      {"command", command},
      {"runs", runs},
      {"every_run", {{"hop_key", "environment"}, {"acceleration", "none"}, {"stresses_GPa", o.stresses_GPa}}},
      {"base_file", m.hop_catalogue->written},
      {"base_hash", loadHopCatalogue(m, n_min).hash},
      {"target", o.target},
      {"max_new", o.max_new},
      {"provenance", provenance},
      {"rounds", nlohmann::json::array()}};
  const auto writeAll = [&] {
    // The strained files first: a catalogue whose base file is there has its strained files too.
    for (std::size_t k = files.size(); k-- > 0;) {
      files[k].json["learn"] = learn;
      writeFileAtomically(files[k].out, files[k].json.dump(2) + "\n");
    }
  };

  out << fmt::format(
      "{} with {}: learning environments on {} scenario(s) at {} held stress(es) (each run the KMC alone, exact, "
      "environment key), target share {:.3g}{}\n{:>5} {:>8} {:>8} {:>12} {:>11} {:>12} {:>11} {:>12} {:>9}  {}\n",
      m.name, in.spec.kim_model, scenarios.size(), o.stresses_GPa.size(), o.target,
      ranks > 1 ? fmt::format(", over {} MPI ranks", ranks) : std::string(), "round", "T [K]", "σ [GPa]", "events",
      "time [s]", "uncatalogued", "share", "environments", "wall [s]", "scenario");
  // Run k runs on rank k mod ranks, which also computes the environments its run is the first to lack; rank 0
  // gathers what they give, in run order, so the catalogue is the same for any number of ranks or threads.
  std::vector<std::size_t> mine;
  for (std::size_t k = static_cast<std::size_t>(rank); k < all_runs.size(); k += static_cast<std::size_t>(ranks))
    mine.push_back(k);
  Material current = m;
  const at::HopEnvironments environments;
  std::set<std::uint32_t> attempted;
  bool converged = false;
  tbb::task_arena arena(o.threads);
  for (int round = 0;; ++round) {
    // This rank's runs at once; each is its own engine on its own specimen, so the order they finish in changes
    // nothing. A failure here cannot wait for the other ranks: it ends the job (alone: it is thrown).
    std::vector<std::optional<UncataloguedSampler>> samplers(all_runs.size());
    nlohmann::json reports = nlohmann::json::array();
    try {
      HopCatalogueFile catalogue = loadHopCatalogue(current, n_min, true);
      current.hop_table = std::move(catalogue.table);
      std::vector<kmc::EventStatistics> stats(all_runs.size());
      std::vector<double> wall_s(all_runs.size());
      arena.execute([&] {
        tbb::parallel_for(std::size_t{0}, mine.size(), [&](std::size_t i) {
          const std::size_t k = mine[i];
          const auto run_start = Clock::now();
          const Scenario& s = scenarios[all_runs[k].scenario];
          Material own = current;
          if (!s.kmc->interlayer) kmc::removeRimEntries(*own.hop_table, n_min);
          lattice::BuiltWire built = buildSpecimen(s);
          // Under load as a loaded run has it (app/replica_runner.cpp): each hop's strain slope at the held stress,
          // and the strain-energy term unless the scenario's loading turns it off. At zero stress the term is zero,
          // and it stays off so that the run is the unloaded `surfkmc run` of the scenario, event for event.
          kmc::EnergeticsParams energetics = energeticsFor(own, s.kmc->temperature_K);
          energetics.stress_GPa = all_runs[k].stress_GPa;
          kmc::EngineOptions options;
          if (all_runs[k].stress_GPa != 0.0)
            options.strain_energy = strainEnergyFor(own, s.loading.value_or(LoadingSection{}));
          kmc::Engine engine(built.lattice, energetics, RandomStream(s.seed, StreamId::kKmc), options);
          samplers[k].emplace(environments, attempted, o.max_new);
          kmc::RunLimits limits;
          if (s.kmc->duration_s) limits.until_time_s = *s.kmc->duration_s;
          if (s.kmc->max_events) limits.max_events = *s.kmc->max_events;
          engine.run(limits, &*samplers[k]);
          stats[k] = engine.statistics();
          wall_s[k] = std::chrono::duration<double>(Clock::now() - run_start).count();
        });
      });
      for (const std::size_t k : mine) reports.push_back(reportJson(k, stats[k], wall_s[k], *samplers[k]));
    } catch (...) {
      team->abort(std::current_exception(), std::cerr);
    }

    // Rank 0: the environments to compute, each one lacked once, in the order the runs met them, run by run; the
    // others learn which.
    std::vector<Chosen> chosen;
    nlohmann::json row;
    const std::vector<std::string> gathered = team->gather(reports.dump());
    nlohmann::json decision = {{"stop", false}, {"chosen", nlohmann::json::array()}};
    if (root) {
      std::vector<RunReport> report(all_runs.size());
      for (const std::string& text : gathered)
        for (const nlohmann::json& j : nlohmann::json::parse(text)) {
          RunReport& r = report[j.at("run").get<std::size_t>()];
          r.stats.events = j.at("events").get<std::int64_t>();
          r.stats.time_s = j.at("time_s").get<double>();
          r.stats.uncatalogued_events = j.at("uncatalogued_events").get<std::int64_t>();
          r.wall_s = j.at("wall_s").get<double>();
          for (const nlohmann::json& e : j.at("events_by_key"))
            r.events_by_key[e.at(0).get<std::uint32_t>()] = e.at(1).get<std::int64_t>();
          r.events_of_attempted = j.at("events_of_attempted").get<std::int64_t>();
          r.sample_keys = j.at("sample_keys").get<std::vector<std::uint32_t>>();
        }
      std::set<std::uint32_t> seen;
      row = {{"round", round},
             {"environment_entries", current.hop_table->environment_keys.size()},
             {"runs", nlohmann::json::array()}};
      converged = true;
      for (std::size_t k = 0; k < all_runs.size(); ++k) {
        const RunReport& r = report[k];
        const std::size_t sk = all_runs[k].scenario;
        const double share =
            r.stats.events > 0 ? static_cast<double>(r.stats.uncatalogued_events) / static_cast<double>(r.stats.events)
                               : 0.0;
        converged = converged && share < o.target;
        row["runs"].push_back({{"scenario", o.scenarios[sk].string()},
                               {"stress_GPa", all_runs[k].stress_GPa},
                               {"kmc_events", r.stats.events},
                               {"kmc_time_s", r.stats.time_s},
                               {"uncatalogued_events", r.stats.uncatalogued_events},
                               {"uncatalogued_event_fraction", share},
                               {"uncatalogued_environments", r.events_by_key.size()},
                               {"uncatalogued_events_of_environments_tried_before", r.events_of_attempted},
                               {"wall_time_s", r.wall_s}});
        out << fmt::format("{:>5} {:>8.4g} {:>8.3g} {:>12} {:>11.4g} {:>12} {:>11.3g} {:>12} {:>9.0f}  {}\n", round,
                           scenarios[sk].kmc->temperature_K, all_runs[k].stress_GPa, r.stats.events, r.stats.time_s,
                           r.stats.uncatalogued_events, share, r.events_by_key.size(), r.wall_s,
                           o.scenarios[sk].string());
        for (std::size_t i = 0; i < r.sample_keys.size(); ++i) {
          const std::uint32_t key = r.sample_keys[i];
          if (static_cast<int>(chosen.size()) >= o.max_new || !seen.insert(key).second) continue;
          std::int64_t events = 0;
          for (const RunReport& other : report) {
            const auto at = other.events_by_key.find(key);
            events += at == other.events_by_key.end() ? 0 : at->second;
          }
          chosen.push_back({k, i, key, events});
        }
      }
      decision["stop"] = converged || round == o.rounds || chosen.empty();
      for (const Chosen& c : chosen) decision["chosen"].push_back({c.run, c.sample, c.key, c.events});
    }
    decision = nlohmann::json::parse(team->broadcast(decision.dump()));
    if (decision.at("stop").get<bool>()) {
      if (root) learn["rounds"].push_back(row);
      break;
    }
    if (!root)
      for (const nlohmann::json& c : decision.at("chosen"))
        chosen.push_back({c.at(0).get<std::size_t>(), c.at(1).get<std::size_t>(), c.at(2).get<std::uint32_t>(),
                          c.at(3).get<std::int64_t>()});

    // One performed hop per environment, at every strain of the catalogue, each on the rank that sampled it.
    const auto neb_start = Clock::now();
    nlohmann::json computed = nlohmann::json::array();
    try {
      std::vector<std::size_t> which;  // indices into chosen that this rank holds
      std::vector<at::ProcessGeometry> processes;
      for (std::size_t c = 0; c < chosen.size(); ++c) {
        if (chosen[c].run % static_cast<std::size_t>(ranks) != static_cast<std::size_t>(rank)) continue;
        const HopSample& sample = samplers[chosen[c].run]->samples()[chosen[c].sample];
        which.push_back(c);
        processes.push_back(
            at::cutProcess(at::hopProcess(*sample.lattice, sample.hop, in.a0), in.radius_A, in.shell_A));
        processes.back().name = fmt::format("({},{},{}) learned", sample.cls.n_i, sample.cls.n_j, sample.cls.c);
      }
      for (std::size_t f = 0; f < files.size(); ++f) {
        at::BarrierSettings settings = in.neb_settings;
        settings.axial_strain = files[f].axial_strain;
        const std::vector<at::ProcessResult> results =
            processes.empty() ? std::vector<at::ProcessResult>{}
                              : at::computeBarriers(in.spec, processes, settings, o.threads);
        for (std::size_t i = 0; i < results.size(); ++i) {
          const Chosen& c = chosen[which[i]];
          const HopSample& sample = samplers[c.run]->samples()[c.sample];
          const HopOutcome x = outcomeOf(sample, results[i]);
          computed.push_back({{"chosen", which[i]},
                              {"file", f},
                              {"valid", x.valid},
                              {"unstable", x.unstable},
                              {"sample", sampleJson(sample, x, results[i])}});
        }
      }
    } catch (...) {
      team->abort(std::current_exception(), std::cerr);
    }
    const std::vector<std::string> results = team->gather(computed.dump());
    for (const Chosen& c : chosen) attempted.insert(c.key);
    if (root) {
      // Appended in the order chosen, file by file, whichever rank computed them.
      std::vector<std::vector<nlohmann::json>> by_file(files.size(), std::vector<nlohmann::json>(chosen.size()));
      for (const std::string& text : results)
        for (nlohmann::json& j : nlohmann::json::parse(text)) {
          // The slot first: json's assignment takes its operand by value, moved from before the left side is read.
          nlohmann::json& slot = by_file.at(j.at("file").get<std::size_t>()).at(j.at("chosen").get<std::size_t>());
          slot = std::move(j);
        }
      int valid = 0, unstable = 0, failed = 0;
      for (std::size_t f = 0; f < files.size(); ++f)
        for (std::size_t c = 0; c < chosen.size(); ++c) {
          nlohmann::json& x = by_file[f][c];
          if (x.is_null()) throw InvariantError("learn: no rank computed a chosen environment");
          nlohmann::json j = std::move(x.at("sample"));
          j["source"] = "learned";
          j["learn_round"] = round;
          j["uncatalogued_events_in_round"] = chosen[c].events;
          files[f].json.at("samples").push_back(std::move(j));
          if (f != 0) continue;
          const bool is_valid = x.at("valid").get<bool>();
          const bool is_unstable = x.at("unstable").get<bool>();
          valid += is_valid ? 1 : 0;
          unstable += is_unstable ? 1 : 0;
          failed += !is_valid && !is_unstable ? 1 : 0;
        }
      const double neb_s = std::chrono::duration<double>(Clock::now() - neb_start).count();
      row["computed"] = {{"environments", chosen.size()},
                         {"valid", valid},
                         {"unstable", unstable},
                         {"not_converged", failed},
                         {"nebs", chosen.size() * files.size()},
                         {"wall_time_s", neb_s}};
      out << fmt::format(
          "      computed {} environments ({} CI-NEBs): {} valid, {} unstable, {} not converged; {:.0f} s\n",
          chosen.size(), chosen.size() * files.size(), valid, unstable, failed, neb_s);
      learn["rounds"].push_back(row);
      learn["converged"] = false;
      writeAll();
    }
    // The next round reads the grown files, through the same reader as a material that names them, once rank 0
    // has written them.
    team->broadcast("written");
    current.hop_catalogue->file = files[0].out;
    current.hop_catalogue->written = files[0].out.string();
    if (current.hop_catalogue_strain) {
      current.hop_catalogue_strain->low.file = files[1].out;
      current.hop_catalogue_strain->low.written = files[1].out.string();
      current.hop_catalogue_strain->high.file = files[2].out;
      current.hop_catalogue_strain->high.written = files[2].out.string();
    }
  }
  if (!root) return;
  learn["converged"] = converged;
  learn["learned_environments"] = attempted.size();
  learn["wall_time_s"] = std::chrono::duration<double>(Clock::now() - start).count();
  writeAll();
  out << fmt::format("{}: {} environments learned; written: {}\n",
                     converged ? "converged (every run's uncatalogued share below the target)"
                               : "not converged (a run's uncatalogued share at or above the target)",
                     attempted.size(), files[0].out.string());
}

}  // namespace surfkmc::app
