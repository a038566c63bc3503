// SPDX-License-Identifier: MIT
// `surfkmc atomistic hops`: the hops a KMC surface offers, by class and environment, and CI-NEB
// barriers of sampled hops from the material's potential, set against the KMC's rate table.
#include "app/hops_command.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <map>
#include <memory>
#include <optional>
#include <ostream>
#include <set>

#include "app/atomic_file.hpp"
#include "app/atomistic_material.hpp"
#include "app/hop_samples.hpp"
#include "app/json_records.hpp"
#include "app/material.hpp"
#include "app/scenario_loader.hpp"
#include "app/specimen.hpp"
#include "atomistic/crystal_properties.hpp"
#include "atomistic/hop_catalogue.hpp"
#include "core/error.hpp"
#include "core/random_stream.hpp"
#include "kmc/energetics.hpp"
#include "kmc/engine.hpp"
#include "kmc/hop_table.hpp"

namespace surfkmc::app {
namespace {

namespace at = atomistic;

using Sample = HopSample;
using Outcome = HopOutcome;

void checkHopsOptions(const HopsOptions& o) {
  checkThreadCount(o.threads);
  if (o.out.empty()) throw InputError("--out DIR is required");
  if (o.per_class < 1 || o.per_class > 1000)
    throw InputError("--per-class must lie in [1, 1000], got " + std::to_string(o.per_class));
  if (o.frames < 1 || o.frames > 1000)
    throw InputError("--frames must lie in [1, 1000], got " + std::to_string(o.frames));
  if (!std::isfinite(o.free_radius_A) || o.free_radius_A < 6.0 || o.free_radius_A > 30.0)
    throw InputError(fmt::format("--radius must lie in [6, 30] Å, got {}", o.free_radius_A));
  if (!std::isfinite(o.shell_A) || o.shell_A < 6.5 || o.shell_A > 20.0)
    throw InputError(
        fmt::format("--shell must lie in [6.5, 20] Å (beyond the potentials' cutoffs), got {}", o.shell_A));
  if (!std::isfinite(o.axial_strain) || std::abs(o.axial_strain) > 0.1)
    throw InputError(fmt::format("--axial-strain must lie in [-0.1, 0.1], got {}", o.axial_strain));
  if (o.min_to < 0 || o.min_to > 11) throw InputError("--min-to must lie in [0, 11], got " + std::to_string(o.min_to));
  if (o.crossings != "on" && o.crossings != "off")
    throw InputError("--crossings must be on or off, got '" + o.crossings + "'");
}

/// Reservoir sampling: every candidate offered is kept with the same probability, k / (candidates so far).
struct Reservoir {
  std::int64_t seen = 0;
  std::vector<Sample> samples;
  /// Whether the next candidate is kept, and in which slot.
  std::optional<std::size_t> offer(RandomStream& pick, int capacity) {
    ++seen;
    if (static_cast<int>(samples.size()) < capacity) {
      samples.emplace_back();
      return samples.size() - 1;
    }
    const std::uint64_t slot = pick.below(static_cast<std::uint64_t>(seen));
    if (slot < static_cast<std::uint64_t>(capacity)) return static_cast<std::size_t>(slot);
    return std::nullopt;
  }
};

/// Per class of the frames' hops: occurrences, their summed table rate, their environments, samples.
struct ClassCensus {
  std::int64_t hops = 0;
  double rate_per_s = 0.0;
  std::set<std::uint32_t> environments;
  Reservoir reservoir;
};

/// Counts the KMC's events by class and samples them (the lattice is copied only for a kept sample).
class EventSampler : public kmc::Observer {
 public:
  EventSampler(const at::HopEnvironments& environments, RandomStream& pick, int capacity)
      : environments_(environments), pick_(pick), capacity_(capacity) {}

  void onEvent(const kmc::Engine& engine, const kmc::StepResult& step) override {
    if (step.transit) {  // two bonds through a rim site: no nearest-neighbour hop to reverse
      ++events_;
      return;
    }
    const at::HopClass cls{step.n_i, step.n_j, step.common};
    Reservoir& r = by_class_[cls];
    const auto slot = r.offer(pick_, capacity_);
    ++events_;
    if (!slot) return;
    r.samples[*slot] = eventSample(engine.lattice(), environments_, step.from, step.to, step.direction, cls, events_);
  }

  const std::map<at::HopClass, Reservoir>& byClass() const { return by_class_; }
  std::int64_t events() const { return events_; }

 private:
  const at::HopEnvironments& environments_;
  RandomStream& pick_;
  int capacity_;
  std::map<at::HopClass, Reservoir> by_class_;
  std::int64_t events_ = 0;
};

std::string classLabel(const at::HopClass& c) { return fmt::format("({},{},{})", c.n_i, c.n_j, c.c); }

/// The smallest number of environments, most rate first, that hold `share` of the total rate.
std::int64_t environmentsForShare(std::vector<double> rates, double share) {
  std::sort(rates.begin(), rates.end(), std::greater<>());
  double total = 0.0;
  for (double r : rates) total += r;
  double sum = 0.0;
  std::int64_t n = 0;
  for (double r : rates) {
    if (sum >= share * total) break;
    sum += r;
    ++n;
  }
  return n;
}

/// The barrier table's forward barriers against the NEB's, over the valid samples a table covers.
struct TableErrors {
  int compared = 0;
  int not_covered = 0;  ///< valid samples whose pair the predicting table forbids or does not hold
  double rms_eV = 0.0;
  double max_abs_eV = 0.0;
  nlohmann::json toJson() const {
    return {{"compared", compared},
            {"not_covered", not_covered},
            {"rms_eV", compared > 0 ? numberOrNull(rms_eV) : nlohmann::json(nullptr)},
            {"max_abs_eV", compared > 0 ? numberOrNull(max_abs_eV) : nlohmann::json(nullptr)}};
  }
  std::string text() const {
    return compared == 0 ? std::string("none compared")
                         : fmt::format("RMS {:.3f} eV, max {:.3f} eV over {} samples ({} not covered)", rms_eV,
                                       max_abs_eV, compared, not_covered);
  }
};

kmc::HopBarrierSample tableSample(const Outcome& x) {
  kmc::HopBarrierSample s{
      x.cls.n_i, x.cls.n_j, x.cls.c, x.forward_eV, x.backward_eV, x.delta_eV, kmc::HopBarrierSample::Status::kValid};
  if (!x.valid)
    s.status = x.unstable ? kmc::HopBarrierSample::Status::kUnstable : kmc::HopBarrierSample::Status::kFailed;
  return s;
}

/// Sample k's half (0 or 1): alternate samples, so both halves hold every class sampled twice or more.
std::vector<int> heldOutHalves(std::size_t n) {
  std::vector<int> half(n);
  for (std::size_t k = 0; k < n; ++k) half[k] = static_cast<int>(k % 2);
  return half;
}

/// With `half` empty: the table of all samples against each of them. Otherwise each half's valid samples
/// against the table built from the other half alone.
TableErrors tableErrors(const std::vector<Outcome>& outcomes, const std::vector<int>& half, int n_min) {
  TableErrors e;
  double sum_sq = 0.0;
  for (int predicted = 0; predicted < (half.empty() ? 1 : 2); ++predicted) {
    std::vector<kmc::HopBarrierSample> training;
    for (std::size_t k = 0; k < outcomes.size(); ++k)
      if (half.empty() || half[k] != predicted) training.push_back(tableSample(outcomes[k]));
    kmc::HopTable table;
    try {
      table = kmc::buildHopTable(training, n_min);
    } catch (const InvariantError&) {
      continue;  // nothing to fit ε to in this half
    }
    for (std::size_t k = 0; k < outcomes.size(); ++k) {
      const Outcome& x = outcomes[k];
      if (!x.valid || (!half.empty() && half[k] != predicted) || x.cls.n_i < n_min || x.cls.n_j < n_min) continue;
      const double e_a =
          table.barrier_eV[static_cast<std::size_t>(kmc::Energetics::index(x.cls.n_i, x.cls.n_j, x.cls.c))];
      if (!std::isfinite(e_a)) {
        ++e.not_covered;
        continue;
      }
      const double d = e_a - x.forward_eV;
      sum_sq += d * d;
      e.max_abs_eV = std::max(e.max_abs_eV, std::abs(d));
      ++e.compared;
    }
  }
  if (e.compared > 0) e.rms_eV = std::sqrt(sum_sq / e.compared);
  return e;
}

/// The forward barriers of a class's valid samples of one source.
struct ClassBarriers {
  int sampled = 0;
  int valid = 0;
  double mean_eV = 0.0;
  double min_eV = INFINITY;
  double max_eV = -INFINITY;
  double kra_eV = 0.0;
  std::string text() const {
    return valid == 0 ? std::string("—") : fmt::format("{:.3f} ({:.3f}–{:.3f})", mean_eV, min_eV, max_eV);
  }
};

ClassBarriers barriersOf(const std::vector<Outcome>& outcomes, const at::HopClass& cls, bool from_event) {
  ClassBarriers b;
  for (const Outcome& x : outcomes) {
    if (x.cls != cls || x.from_event != from_event) continue;
    ++b.sampled;
    if (!x.valid) continue;
    ++b.valid;
    b.mean_eV += x.forward_eV;
    b.kra_eV += 0.5 * (x.forward_eV + x.backward_eV);
    b.min_eV = std::min(b.min_eV, x.forward_eV);
    b.max_eV = std::max(b.max_eV, x.forward_eV);
  }
  if (b.valid > 0) {
    b.mean_eV /= b.valid;
    b.kra_eV /= b.valid;
  }
  return b;
}

/// The KMC table's barrier of a class, +inf where its rule or its barrier table forbids the hop.
double tableBarrier(const kmc::Energetics& table, const at::HopClass& cls) {
  return table.barrier_eV(cls.n_i, cls.n_j, cls.c);
}

std::string tableText(const kmc::Energetics& table, const at::HopClass& cls) {
  const double e = tableBarrier(table, cls);
  return std::isfinite(e) ? fmt::format("{:.3f}", e) : std::string("forbidden");
}

nlohmann::json classJson(const at::HopClass& cls, const ClassBarriers& b, const kmc::Energetics& table) {
  const bool allowed = std::isfinite(tableBarrier(table, cls));
  const auto ifValid = [&](double v) { return b.valid == 0 ? nlohmann::json(nullptr) : numberOrNull(v); };
  return {{"class", {cls.n_i, cls.n_j, cls.c}},
          {"sampled", b.sampled},
          {"valid", b.valid},
          {"barrier_forward_mean_eV", ifValid(b.mean_eV)},
          {"barrier_forward_min_eV", ifValid(b.min_eV)},
          {"barrier_forward_max_eV", ifValid(b.max_eV)},
          {"kra_mean_eV", ifValid(b.kra_eV)},
          {"allowed_by_table", allowed},
          {"table_barrier_eV", allowed ? nlohmann::json(tableBarrier(table, cls)) : nlohmann::json(nullptr)}};
}

/// One crossing NEB of a rim sample: the hop over the rim to exit `exit`, or the exchange with `partner`.
struct CrossingJob {
  std::size_t sample = 0;  ///< index into the samples
  std::size_t exit = 0;    ///< index into the sample's exits
  int partner = -1;        ///< index into the exit's exchange partners; −1 for the hop
  std::size_t process = 0;
};

/// A crossing NEB's result, forward from a (the rim sample's origin) to the exit.
struct CrossingOutcome {
  bool valid = false;
  double forward_eV = 0.0;
  double backward_eV = 0.0;
  double delta_eV = 0.0;
};

CrossingOutcome crossingOutcome(const at::ProcessResult& r) {
  // The same rule as a sample's (outcomeOf), never reversed.
  return {r.converged && r.end_states_stable && r.barrier_forward_eV >= kHopBarrierlessEV &&
              r.barrier_backward_eV >= kHopBarrierlessEV,
          r.barrier_forward_eV, r.barrier_backward_eV, r.final_energy_eV - r.initial_energy_eV};
}

nlohmann::json mechanismJson(const at::ProcessResult& r, const CrossingOutcome& x) {
  return {
      {"status", nebStatusOf(r, x.valid)}, {"barrier_forward_eV", x.forward_eV}, {"barrier_backward_eV", x.backward_eV},
      {"delta_energy_eV", x.delta_eV},     {"neb_steps", r.neb_steps},           {"wall_time_s", r.wall_time_s}};
}

/// Mean, least and largest of some barriers [eV], null when there are none.
struct Spread {
  int count = 0;
  double sum = 0.0;
  double min = INFINITY;
  double max = -INFINITY;
  void add(double v) {
    ++count;
    sum += v;
    min = std::min(min, v);
    max = std::max(max, v);
  }
  nlohmann::json json(double Spread::*field) const {
    return count == 0 ? nlohmann::json(nullptr) : numberOrNull(this->*field);
  }
  nlohmann::json mean() const { return count == 0 ? nlohmann::json(nullptr) : numberOrNull(sum / count); }
  std::string text() const {
    return count == 0 ? std::string("—") : fmt::format("{:.3f} ({:.3f}–{:.3f})", sum / count, min, max);
  }
};

}  // namespace

void atomisticHopsCommand(const HopsOptions& o, std::ostream& out) {
  checkHopsOptions(o);
  const Scenario s = loadScenario(o.scenario);
  if (!s.kmc || !s.kmc->duration_s)
    throw InputError(o.scenario.string() + ": `atomistic hops` needs a `kmc:` section with duration_s");
  if (s.loading)
    throw InputError(o.scenario.string() + ": `atomistic hops` runs the KMC alone; remove the `loading:` section");
  const Material& m = s.material;
  if (m.potential.kim_model.empty())
    throw InputError(o.scenario.string() + ": material '" + m.name + "' names no potential");
  std::error_code ec;
  std::filesystem::create_directories(o.out, ec);
  if (ec || !std::filesystem::is_directory(o.out))
    throw InputError("--out: cannot create folder '" + o.out.string() + "'");
  const auto start = std::chrono::steady_clock::now();
  const at::PotentialSpec spec = potentialSpec(m);
  double a0 = 0.0;
  {
    at::KimPotential pot(spec);
    a0 = at::equilibriumLatticeConstant(pot, m.lattice_constant_A);
  }

  // The KMC, exact (no acceleration), on the scenario's specimen; frames at the start and at F even times.
  lattice::BuiltWire built = buildSpecimen(s);
  const kmc::EnergeticsParams params = energeticsFor(m, s.kmc->temperature_K);
  const kmc::Energetics table(params);
  kmc::Engine engine(built.lattice, params, RandomStream(s.seed, StreamId::kKmc));
  const at::HopEnvironments environments;
  RandomStream pick(s.seed, StreamId::kHopSampling);
  EventSampler events(environments, pick, o.per_class);
  std::map<at::HopClass, ClassCensus> census;
  std::map<std::uint32_t, double> environment_rate;
  std::int64_t total_hops = 0;
  double total_rate = 0.0;
  for (int f = 0; f <= o.frames; ++f) {
    if (f > 0) {
      kmc::RunLimits limits;
      limits.until_time_s = *s.kmc->duration_s * f / o.frames;
      if (s.kmc->max_events) limits.max_events = *s.kmc->max_events - engine.events();
      engine.run(limits, &events);
    }
    const auto frame = std::make_shared<const lattice::Lattice>(built.lattice);
    for (const at::LatticeHop& h : at::enumerateHops(built.lattice, environments, params.n_min, o.min_to)) {
      ClassCensus& c = census[h.cls];
      const double rate = table.baseRate(h.cls.n_i, h.cls.n_j, h.cls.c);  // 0 where the hop is forbidden
      ++c.hops;
      ++total_hops;
      c.rate_per_s += rate;
      total_rate += rate;
      c.environments.insert(h.environment);
      // A key fixes its class (the symmetries keep i's and j's neighbours apart), so summing by key is by environment.
      environment_rate[h.environment] += rate;
      if (const auto slot = c.reservoir.offer(pick, o.per_class))
        c.reservoir.samples[*slot] = {frame, h, h.cls, false, f, -1};
    }
  }
  const double kmc_time_s = engine.time_s();
  const std::int64_t kmc_events = engine.events();

  std::vector<at::ProcessGeometry> processes;
  std::vector<const Sample*> sampled;
  const auto add = [&](const Sample& sample) {
    processes.push_back(at::cutProcess(at::hopProcess(*sample.lattice, sample.hop, a0), o.free_radius_A, o.shell_A));
    processes.back().name = classLabel(sample.cls);
    sampled.push_back(&sample);
  };
  for (const auto& [cls, c] : census)
    for (const Sample& sample : c.reservoir.samples) add(sample);
  for (const auto& [cls, r] : events.byClass())
    for (const Sample& sample : r.samples) add(sample);
  // Crossings over each rim site a frame sample goes to (docs/atomistic.md, "Hop barriers on KMC surfaces",
  // item 8): after the samples' NEBs, in sample, exit and partner order, so the samples' own results and the
  // order are the same as without them, whatever the thread count.
  const std::size_t sample_count = processes.size();
  std::vector<std::vector<at::RimExit>> exits(sample_count);
  std::vector<CrossingJob> jobs;
  if (o.crossings == "on") {
    for (std::size_t k = 0; k < sample_count; ++k) {
      const Sample& sample = *sampled[k];
      if (sample.reversed || sample.cls.n_j != 2) continue;
      exits[k] = at::rimExits(*sample.lattice, sample.hop);
      for (std::size_t x = 0; x < exits[k].size(); ++x) {
        const at::RimExit& exit = exits[k][x];
        jobs.push_back({k, x, -1, processes.size()});
        processes.push_back(
            at::cutProcess(at::crossingHopProcess(*sample.lattice, sample.hop, exit, a0), o.free_radius_A, o.shell_A));
        processes.back().name = classLabel(sample.cls) + " crossing hop";
        for (std::size_t e = 0; e < exit.exchange_partners.size(); ++e) {
          jobs.push_back({k, x, static_cast<int>(e), processes.size()});
          processes.push_back(at::cutProcess(
              at::crossingExchangeProcess(*sample.lattice, sample.hop, exit, exit.exchange_partners[e], a0),
              o.free_radius_A, o.shell_A));
          processes.back().name = classLabel(sample.cls) + " crossing exchange";
        }
      }
    }
  }
  at::BarrierSettings settings;
  settings.lattice_constant_A = a0;
  settings.axial_strain = o.axial_strain;
  // A hop's band converges in ≲ 200 FIRE steps (Ag, all valid samples of data/energetics/Ag_hops_v1.json);
  // one that has not after 2000 is reported as not converged instead of running to the default 20000.
  settings.neb.fire.max_steps = kHopNebMaxSteps;
  const std::vector<at::ProcessResult> results = at::computeBarriers(spec, processes, settings, o.threads);

  // Per sample, in the sampled class's own direction.
  std::vector<Outcome> outcomes;
  nlohmann::json samples = nlohmann::json::array();
  for (std::size_t k = 0; k < sample_count; ++k) {
    outcomes.push_back(outcomeOf(*sampled[k], results[k]));
    samples.push_back(sampleJson(*sampled[k], outcomes.back(), results[k]));
  }

  // Crossings: per exit, every mechanism and the best valid one (lowest forward barrier; the hop on a tie).
  std::map<at::HopClass, std::pair<int, int>> rim_samples;  // rim entry class → (samples, with a valid crossing)
  std::map<at::HopClass, Spread> rim_lowest;                // … → the samples' lowest valid forward barriers
  std::map<at::HopClass, Spread> ascent_best;               // ascent entry (n_to, 2, c_to) → best backward barriers
  std::map<at::HopClass, int> ascent_exits;
  int crossing_valid_hops = 0, crossing_valid_exchanges = 0, exits_with_best = 0, exits_total = 0;
  int lowest_by_hop = 0, lowest_by_exchange = 0;
  for (std::size_t j = 0, k = 0; k < sample_count; ++k) {
    if (o.crossings != "on" || sampled[k]->reversed || sampled[k]->cls.n_j != 2) continue;
    nlohmann::json crossings = nlohmann::json::array();
    std::optional<std::pair<double, bool>> lowest;  // (forward barrier, by exchange)
    for (std::size_t x = 0; x < exits[k].size(); ++x) {
      const at::RimExit& exit = exits[k][x];
      const at::HopClass ascent{exit.n_to, 2, exit.c_to};
      ++exits_total;
      ++ascent_exits[ascent];
      nlohmann::json row = {
          {"n_to", exit.n_to}, {"c_to", exit.c_to}, {"k_is_neighbour_of_origin", exit.neighbour_of_origin}};
      std::optional<CrossingOutcome> best;
      std::string best_mechanism;
      nlohmann::json exchanges = nlohmann::json::array();
      std::optional<std::size_t> lowest_exchange;
      double lowest_exchange_eV = INFINITY;
      for (; j < jobs.size() && jobs[j].sample == k && jobs[j].exit == x; ++j) {
        const at::ProcessResult& r = results[jobs[j].process];
        const CrossingOutcome c = crossingOutcome(r);
        nlohmann::json m = mechanismJson(r, c);
        if (jobs[j].partner < 0) {
          row["hop"] = m;
          if (c.valid) ++crossing_valid_hops;
        } else {
          m["lowest_valid"] = false;
          exchanges.push_back(m);
          if (c.valid) {
            ++crossing_valid_exchanges;
            if (c.forward_eV < lowest_exchange_eV) {
              lowest_exchange_eV = c.forward_eV;
              lowest_exchange = exchanges.size() - 1;
            }
          }
        }
        if (c.valid && (!best || c.forward_eV < best->forward_eV)) {
          best = c;
          best_mechanism = jobs[j].partner < 0 ? "hop" : "exchange";
        }
      }
      if (lowest_exchange) exchanges[*lowest_exchange]["lowest_valid"] = true;
      row["exchanges"] = exchanges;
      if (best) {
        row["best"] = {{"mechanism", best_mechanism},
                       {"barrier_forward_eV", best->forward_eV},
                       {"barrier_backward_eV", best->backward_eV},
                       {"delta_energy_eV", best->delta_eV}};
        ++exits_with_best;
        ascent_best[ascent].add(best->backward_eV);
        if (!lowest || best->forward_eV < lowest->first) lowest = {best->forward_eV, best_mechanism == "exchange"};
      } else {
        row["best"] = nullptr;
      }
      crossings.push_back(row);
    }
    auto& [count, with_valid] = rim_samples[sampled[k]->cls];
    ++count;
    if (lowest) {
      ++with_valid;
      rim_lowest[sampled[k]->cls].add(lowest->first);
      ++(lowest->second ? lowest_by_exchange : lowest_by_hop);
    }
    samples[k]["crossings"] = crossings;
  }
  nlohmann::json crossing_summary = nullptr;
  std::string crossing_text;
  if (o.crossings == "on") {
    nlohmann::json rim = nlohmann::json::array(), ascent = nlohmann::json::array();
    crossing_text = fmt::format(
        "crossings over the rim sites: {} NEBs; {} valid by hop, {} by exchange; {} of {} exits with a valid "
        "crossing\n{:>11} {:>8} {:>11} {:>28}\n",
        jobs.size(), crossing_valid_hops, crossing_valid_exchanges, exits_with_best, exits_total, "rim entry",
        "samples", "crossing", "lowest E_f [eV] mean (range)");
    for (const auto& [cls, n] : rim_samples) {
      const Spread& b = rim_lowest[cls];
      rim.push_back({{"class", {cls.n_i, cls.n_j, cls.c}},
                     {"samples", n.first},
                     {"samples_with_valid_crossing", n.second},
                     {"lowest_forward_mean_eV", b.mean()},
                     {"lowest_forward_min_eV", b.json(&Spread::min)},
                     {"lowest_forward_max_eV", b.json(&Spread::max)}});
      crossing_text += fmt::format("{:>11} {:>8} {:>11} {:>28}\n", classLabel(cls), n.first, n.second, b.text());
    }
    crossing_text +=
        fmt::format("{:>11} {:>8} {:>11} {:>28}\n", "ascent", "exits", "with best", "best E_b [eV] mean (range)");
    for (const auto& [cls, n] : ascent_exits) {
      const Spread& b = ascent_best[cls];
      ascent.push_back({{"class", {cls.n_i, cls.n_j, cls.c}},
                        {"exits", n},
                        {"count", b.count},
                        {"best_backward_mean_eV", b.mean()},
                        {"best_backward_min_eV", b.json(&Spread::min)},
                        {"best_backward_max_eV", b.json(&Spread::max)}});
      crossing_text += fmt::format("{:>11} {:>8} {:>11} {:>28}\n", classLabel(cls), n, b.count, b.text());
    }
    crossing_summary = {{"nebs", jobs.size()},
                        {"exits", exits_total},
                        {"exits_with_valid_crossing", exits_with_best},
                        {"valid_hops", crossing_valid_hops},
                        {"valid_exchanges", crossing_valid_exchanges},
                        {"samples_lowest_by_hop", lowest_by_hop},
                        {"samples_lowest_by_exchange", lowest_by_exchange},
                        {"rim_entry_classes", rim},
                        {"ascent_entry_classes", ascent}};
  }
  // ε from the end states, ΔE = ε (n_i − n_j): the fit the KMC's table makes (kmc::buildHopTable).
  double pair_eV = std::nan("");
  {
    std::vector<kmc::HopBarrierSample> all;
    for (const Outcome& x : outcomes) all.push_back(tableSample(x));
    try {
      pair_eV = kmc::buildHopTable(all, params.n_min).pair_energy_eV;
    } catch (const InvariantError&) {
      // no valid sample with n_i ≠ n_j: no ε (null in hops.json)
    }
  }
  const TableErrors in_sample = tableErrors(outcomes, {}, params.n_min);
  const TableErrors held_out = tableErrors(outcomes, heldOutHalves(outcomes.size()), params.n_min);

  // The frames' classes (every hop offered), then the events' classes (every hop performed).
  nlohmann::json classes = nlohmann::json::array();
  std::string table_text =
      fmt::format("hops offered by the frames:\n{:>11} {:>9} {:>9} {:>6} {:>6} {:>22} {:>10}\n", "class", "hops %",
                  "rate %", "envs", "valid", "NEB E_a [eV] mean (range)", "table [eV]");
  for (const auto& [cls, c] : census) {
    const ClassBarriers b = barriersOf(outcomes, cls, false);
    nlohmann::json row = classJson(cls, b, table);
    row["hops"] = c.hops;
    row["hop_share"] = static_cast<double>(c.hops) / static_cast<double>(total_hops);
    row["rate_share"] = total_rate > 0.0 ? c.rate_per_s / total_rate : 0.0;
    row["environments"] = c.environments.size();
    classes.push_back(row);
    table_text += fmt::format("{:>11} {:>9.4f} {:>9.4f} {:>6} {:>6} {:>22} {:>10}\n", classLabel(cls),
                              100.0 * static_cast<double>(c.hops) / static_cast<double>(total_hops),
                              total_rate > 0.0 ? 100.0 * c.rate_per_s / total_rate : 0.0, c.environments.size(),
                              fmt::format("{}/{}", b.valid, b.sampled), b.text(), tableText(table, cls));
  }
  nlohmann::json event_classes = nlohmann::json::array();
  table_text += fmt::format("hops performed by the KMC:\n{:>11} {:>10} {:>9} {:>6} {:>22} {:>10}\n", "class", "events",
                            "events %", "valid", "NEB E_a [eV] mean (range)", "table [eV]");
  double events_without_barrier = 0.0;
  for (const auto& [cls, r] : events.byClass()) {
    const ClassBarriers b = barriersOf(outcomes, cls, true);
    const bool known = barriersOf(outcomes, cls, false).valid + b.valid > 0;
    if (!known) events_without_barrier += static_cast<double>(r.seen);
    nlohmann::json row = classJson(cls, b, table);
    row["events"] = r.seen;
    row["event_share"] = static_cast<double>(r.seen) / static_cast<double>(std::max<std::int64_t>(1, events.events()));
    event_classes.push_back(row);
    table_text += fmt::format(
        "{:>11} {:>10} {:>9.4f} {:>6} {:>22} {:>10}\n", classLabel(cls), r.seen,
        100.0 * static_cast<double>(r.seen) / static_cast<double>(std::max<std::int64_t>(1, events.events())),
        fmt::format("{}/{}", b.valid, b.sampled), b.text(), tableText(table, cls));
  }

  std::vector<double> env_rates;
  for (const auto& [key, rate] : environment_rate) env_rates.push_back(rate);
  const double wall_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  nlohmann::json j;
  j["provenance"] = potentialProvenance(m, o.threads);
  j["provenance"]["scenario"] = o.scenario.string();
  j["provenance"]["scenario_hash"] = s.source_hash;
  j["command"] = fmt::format(
      "surfkmc atomistic hops {} --out DIR --per-class {} --frames {} --radius {} --shell {} --axial-strain {} "
      "--min-to {} --crossings {}",
      o.scenario.string(), o.per_class, o.frames, o.free_radius_A, o.shell_A, o.axial_strain, o.min_to, o.crossings);
  j["settings"] = {{"lattice_constant_A", a0},
                   {"kmc_lattice_constant_A", m.lattice_constant_A},
                   {"temperature_K", s.kmc->temperature_K},
                   {"kmc_duration_s", *s.kmc->duration_s},
                   {"frames", o.frames + 1},
                   {"per_class", o.per_class},
                   {"min_from", params.n_min},
                   {"min_to", o.min_to},
                   {"free_radius_A", o.free_radius_A},
                   {"shell_A", o.shell_A},
                   {"axial_strain", o.axial_strain},
                   {"relax_tolerance_eV_A", settings.relax_tolerance},
                   {"neb_images", settings.neb.images + 2},
                   {"neb_spring_eV_A2", settings.neb.spring},
                   {"neb_force_tolerance_eV_A", settings.neb.force_tolerance},
                   {"neb_max_steps", settings.neb.fire.max_steps},
                   {"crossings", o.crossings == "on"}};
  j["kmc"] = {{"time_s", kmc_time_s}, {"events", kmc_events}, {"atoms", built.lattice.atomCount()}};
  j["census"] = {{"hops", total_hops},
                 {"classes", census.size()},
                 {"environments", environment_rate.size()},
                 {"environments_for_99_percent_of_rate", environmentsForShare(env_rates, 0.99)},
                 {"environments_for_99_99_percent_of_rate", environmentsForShare(env_rates, 0.9999)}};
  j["pair_energy_from_end_states_eV"] = numberOrNull(pair_eV);
  j["table_errors"] = {{"in_sample", in_sample.toJson()}, {"held_out", held_out.toJson()}};
  j["classes"] = classes;
  j["event_classes"] = event_classes;
  j["events_in_classes_without_a_valid_barrier"] =
      events.events() > 0 ? events_without_barrier / static_cast<double>(events.events()) : 0.0;
  j["samples"] = samples;
  if (o.crossings == "on") j["crossing_summary"] = crossing_summary;
  j["wall_time_s"] = wall_s;
  writeFileAtomically(o.out / "hops.json", j.dump(2) + "\n");

  out << fmt::format("{} with {} (a0 = {:.4f} Å): {} frames of a {}-atom specimen over {:.3g} s of KMC ({} events)\n",
                     m.name, spec.kim_model, a0, o.frames + 1, built.lattice.atomCount(), kmc_time_s, kmc_events);
  out << fmt::format(
      "{} hops in {} classes and {} environments; {} environments hold 99 % of the table's rate, {} "
      "hold 99.99 %\n",
      total_hops, census.size(), environment_rate.size(), environmentsForShare(env_rates, 0.99),
      environmentsForShare(env_rates, 0.9999));
  out << table_text;
  out << fmt::format("events in classes without a valid barrier: {:.3g} %\n",
                     events.events() > 0 ? 100.0 * events_without_barrier / static_cast<double>(events.events()) : 0.0);
  out << fmt::format("pair energy from the end states, ΔE = ε (n_i − n_j): ε = {:.4f} eV (table: ε_b = {:.4f} eV)\n",
                     pair_eV, params.bond_energy_eV);
  out << fmt::format(
      "barrier table (kmc/hop_table.hpp) against each valid NEB's forward barrier: {} in sample; "
      "{} held out (two halves, each predicted by the table of the other)\n",
      in_sample.text(), held_out.text());
  out << crossing_text;
  out << fmt::format("{} NEBs in {:.0f} s; written: {}\n", results.size(), wall_s, (o.out / "hops.json").string());
}

}  // namespace surfkmc::app
