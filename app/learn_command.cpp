// SPDX-License-Identifier: MIT
// `surfkmc learn`: the hop catalogue grown by the environments a KMC run meets and the catalogue lacks.
#include "app/learn_command.hpp"

#include <fmt/format.h>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <cmath>
#include <cstdint>
#include <map>
#include <optional>
#include <ostream>
#include <set>
#include <string>
#include <system_error>
#include <vector>

#include "app/atomic_file.hpp"
#include "app/atomistic_material.hpp"
#include "app/hop_samples.hpp"
#include "app/material.hpp"
#include "app/material_loader.hpp"
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
}

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

}  // namespace

void learnCommand(const LearnOptions& o, std::ostream& out) {
  checkLearnOptions(o);
  std::vector<Scenario> scenarios;
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
    if (!scenarios.empty() && (s.material.source_hash != scenarios.front().material.source_hash ||
                               s.material.hop_catalogue->file != scenarios.front().material.hop_catalogue->file))
      throw InputError(path.string() + ": material '" + s.material.name + "' is not the material file of " +
                       o.scenarios.front().string() + "; learn grows one catalogue, so every scenario names the same");
    scenarios.push_back(std::move(s));
  }
  const Material& m = scenarios.front().material;
  if (std::filesystem::exists(o.out / "hops.json"))
    throw InputError("--out: '" + o.out.string() +
                     "' already holds a hops.json; learn writes a new catalogue and replaces none");
  const auto start = Clock::now();

  // The catalogue as the material names it (loadScenario has read and checked every field it uses), and the
  // settings its samples were computed with.
  const at::PotentialSpec spec = potentialSpec(m);
  double a0 = 0.0;
  {
    at::KimPotential pot(spec);
    a0 = at::equilibriumLatticeConstant(pot, m.lattice_constant_A);
  }
  std::vector<GrownFile> files;
  double radius_A = 0.0, shell_A = 0.0;
  at::BarrierSettings neb_settings;
  std::filesystem::path reading = m.hop_catalogue->file;
  try {
    files.push_back({readCatalogueJson(reading), o.out / "hops.json", 0.0});
    if (m.hop_catalogue_strain) {
      for (const auto& [ref, name] : {std::pair{&m.hop_catalogue_strain->low, "hops_strain_low.json"},
                                      std::pair{&m.hop_catalogue_strain->high, "hops_strain_high.json"}}) {
        reading = ref->file;
        GrownFile f{readCatalogueJson(reading), o.out / name, 0.0};
        f.axial_strain = f.json.at("settings").at("axial_strain").get<double>();
        files.push_back(std::move(f));
      }
    }
    reading = m.hop_catalogue->file;
    const nlohmann::json& settings = files.front().json.at("settings");
    radius_A = settings.value("free_radius_A", 10.0);
    shell_A = settings.value("shell_A", 6.5);
    neb_settings = catalogueSettings(settings, a0);
  } catch (const nlohmann::json::exception& e) {
    throw InputError(reading.string() + ": a hop catalogue whose settings `learn` cannot read (" + e.what() + ")");
  }
  const int n_min = kmc::EnergeticsParams{}.n_min;
  // Only now, with every input read, is the results folder made.
  std::error_code ec;
  std::filesystem::create_directories(o.out, ec);
  if (ec || !std::filesystem::is_directory(o.out))
    throw InputError("--out: cannot create folder '" + o.out.string() + "'");

  std::string command = "surfkmc learn";
  nlohmann::json runs = nlohmann::json::array();
  for (std::size_t k = 0; k < scenarios.size(); ++k) {
    const Scenario& s = scenarios[k];
    command += " " + o.scenarios[k].string();
    runs.push_back({{"scenario", o.scenarios[k].string()},
                    {"scenario_hash", s.source_hash},
                    {"seed", s.seed},
                    {"temperature_K", s.kmc->temperature_K},
                    {"duration_s", s.kmc->duration_s ? nlohmann::json(*s.kmc->duration_s) : nlohmann::json(nullptr)},
                    {"max_events", s.kmc->max_events ? nlohmann::json(*s.kmc->max_events) : nlohmann::json(nullptr)},
                    {"interlayer", s.kmc->interlayer}});
  }
  command += fmt::format(" --out DIR --rounds {} --target {} --max-new {}", o.rounds, o.target, o.max_new);
  nlohmann::json learn = {{"command", command},
                          {"runs", runs},
                          {"every_run", {{"hop_key", "environment"}, {"acceleration", "none"}, {"stress_GPa", 0.0}}},
                          {"base_file", m.hop_catalogue->written},
                          {"base_hash", loadHopCatalogue(m, n_min).hash},
                          {"target", o.target},
                          {"max_new", o.max_new},
                          {"provenance", potentialProvenance(m, o.threads)},
                          {"rounds", nlohmann::json::array()}};
  const auto writeAll = [&] {
    // The strained files first: a catalogue whose base file is there has its strained files too.
    for (std::size_t k = files.size(); k-- > 0;) {
      files[k].json["learn"] = learn;
      writeFileAtomically(files[k].out, files[k].json.dump(2) + "\n");
    }
  };

  out << fmt::format(
      "{} with {}: learning environments on {} scenario(s) (each one's KMC alone, exact, environment key), target "
      "share {:.3g}\n{:>5} {:>8} {:>12} {:>11} {:>12} {:>11} {:>12} {:>9}  {}\n",
      m.name, spec.kim_model, scenarios.size(), o.target, "round", "T [K]", "events", "time [s]", "uncatalogued",
      "share", "environments", "wall [s]", "scenario");
  Material current = m;
  const at::HopEnvironments environments;
  std::set<std::uint32_t> attempted;
  bool converged = false;
  tbb::task_arena arena(o.threads);
  for (int round = 0;; ++round) {
    HopCatalogueFile catalogue = loadHopCatalogue(current, n_min, true);
    current.hop_table = std::move(catalogue.table);
    // Every scenario's run at once; each is its own engine on its own specimen, so the order they finish in
    // changes nothing.
    std::vector<std::optional<UncataloguedSampler>> samplers(scenarios.size());
    std::vector<kmc::EventStatistics> stats(scenarios.size());
    std::vector<double> wall_s(scenarios.size());
    arena.execute([&] {
      tbb::parallel_for(std::size_t{0}, scenarios.size(), [&](std::size_t k) {
        const auto run_start = Clock::now();
        const Scenario& s = scenarios[k];
        Material own = current;
        if (!s.kmc->interlayer) kmc::removeRimEntries(*own.hop_table, n_min);
        lattice::BuiltWire built = buildSpecimen(s);
        kmc::Engine engine(built.lattice, energeticsFor(own, s.kmc->temperature_K),
                           RandomStream(s.seed, StreamId::kKmc));
        samplers[k].emplace(environments, attempted, o.max_new);
        kmc::RunLimits limits;
        if (s.kmc->duration_s) limits.until_time_s = *s.kmc->duration_s;
        if (s.kmc->max_events) limits.max_events = *s.kmc->max_events;
        engine.run(limits, &*samplers[k]);
        stats[k] = engine.statistics();
        wall_s[k] = std::chrono::duration<double>(Clock::now() - run_start).count();
      });
    });

    // The environments to compute: each one lacked, once, in the order the runs met them, scenario by scenario.
    std::vector<const HopSample*> chosen;
    std::vector<std::uint32_t> chosen_keys;
    std::vector<std::int64_t> chosen_events;
    std::set<std::uint32_t> seen;
    nlohmann::json row = {{"round", round},
                          {"environment_entries", current.hop_table->environment_keys.size()},
                          {"runs", nlohmann::json::array()}};
    converged = true;
    for (std::size_t k = 0; k < scenarios.size(); ++k) {
      const UncataloguedSampler& sampler = *samplers[k];
      const double share =
          stats[k].events > 0 ? static_cast<double>(stats[k].uncatalogued_events) / static_cast<double>(stats[k].events)
                              : 0.0;
      converged = converged && share < o.target;
      row["runs"].push_back({{"scenario", o.scenarios[k].string()},
                             {"kmc_events", stats[k].events},
                             {"kmc_time_s", stats[k].time_s},
                             {"uncatalogued_events", stats[k].uncatalogued_events},
                             {"uncatalogued_event_fraction", share},
                             {"uncatalogued_environments", sampler.eventsByKey().size()},
                             {"uncatalogued_events_of_environments_tried_before", sampler.eventsOfAttempted()},
                             {"wall_time_s", wall_s[k]}});
      out << fmt::format("{:>5} {:>8.4g} {:>12} {:>11.4g} {:>12} {:>11.3g} {:>12} {:>9.0f}  {}\n", round,
                         scenarios[k].kmc->temperature_K, stats[k].events, stats[k].time_s,
                         stats[k].uncatalogued_events, share, sampler.eventsByKey().size(), wall_s[k],
                         o.scenarios[k].string());
      for (std::size_t i = 0; i < sampler.samples().size(); ++i) {
        const std::uint32_t key = sampler.keys()[i];
        if (static_cast<int>(chosen.size()) >= o.max_new || !seen.insert(key).second) continue;
        chosen.push_back(&sampler.samples()[i]);
        chosen_keys.push_back(key);
        std::int64_t events = 0;
        for (const auto& other : samplers) {
          const auto at = other->eventsByKey().find(key);
          events += at == other->eventsByKey().end() ? 0 : at->second;
        }
        chosen_events.push_back(events);
      }
    }
    if (converged || round == o.rounds || chosen.empty()) {
      learn["rounds"].push_back(row);
      break;
    }
    // One performed hop per environment, at every strain of the catalogue.
    const auto neb_start = Clock::now();
    std::vector<at::ProcessGeometry> processes;
    for (const HopSample* sample : chosen) {
      processes.push_back(at::cutProcess(at::hopProcess(*sample->lattice, sample->hop, a0), radius_A, shell_A));
      processes.back().name = fmt::format("({},{},{}) learned", sample->cls.n_i, sample->cls.n_j, sample->cls.c);
    }
    int valid = 0, unstable = 0, failed = 0;
    for (std::size_t f = 0; f < files.size(); ++f) {
      at::BarrierSettings settings = neb_settings;
      settings.axial_strain = files[f].axial_strain;
      const std::vector<at::ProcessResult> results = at::computeBarriers(spec, processes, settings, o.threads);
      for (std::size_t k = 0; k < results.size(); ++k) {
        const HopOutcome x = outcomeOf(*chosen[k], results[k]);
        nlohmann::json j = sampleJson(*chosen[k], x, results[k]);
        j["source"] = "learned";
        j["learn_round"] = round;
        j["uncatalogued_events_in_round"] = chosen_events[k];
        files[f].json.at("samples").push_back(std::move(j));
        if (f != 0) continue;
        valid += x.valid ? 1 : 0;
        unstable += x.unstable ? 1 : 0;
        failed += !x.valid && !x.unstable ? 1 : 0;
      }
    }
    attempted.insert(chosen_keys.begin(), chosen_keys.end());
    const double neb_s = std::chrono::duration<double>(Clock::now() - neb_start).count();
    row["computed"] = {{"environments", processes.size()},
                       {"valid", valid},
                       {"unstable", unstable},
                       {"not_converged", failed},
                       {"nebs", processes.size() * files.size()},
                       {"wall_time_s", neb_s}};
    out << fmt::format(
        "      computed {} environments ({} CI-NEBs): {} valid, {} unstable, {} not converged; {:.0f} s\n",
        processes.size(), processes.size() * files.size(), valid, unstable, failed, neb_s);
    learn["rounds"].push_back(row);
    learn["converged"] = false;
    writeAll();
    // The next round reads the grown files, through the same reader as a material that names them.
    current.hop_catalogue->file = files[0].out;
    current.hop_catalogue->written = files[0].out.string();
    if (current.hop_catalogue_strain) {
      current.hop_catalogue_strain->low.file = files[1].out;
      current.hop_catalogue_strain->low.written = files[1].out.string();
      current.hop_catalogue_strain->high.file = files[2].out;
      current.hop_catalogue_strain->high.written = files[2].out.string();
    }
  }
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
