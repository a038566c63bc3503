// SPDX-License-Identifier: MIT
// What the events of a production KMC run are made of, to say what limits the simulated time per event
// (issue 16's time-scale target): an as-cut Ag wire on the production energetics (the potential's hop
// catalogue with its interlayer transits, tests/unit/kmc/production_energetics.hpp), plain exact KMC,
// warmed up, then every event of a recording window is classified by its (n_i, n_j, c) and by whether
// the atom's next move takes it straight back to the site it came from (a flicker that an exact
// acceleration of detach–return pairs could at best remove).
//
// Usage: event_anatomy [diameter_nm] [length_nm] [temperature_K] [stress_GPa] [warm_s] [events] [seed] [key]
//        > out.txt
// (defaults 10 25 300 0 1 2e7 16 class; stress_GPa ≠ 0: each hop's own strain slope at σ/E<112> and u_el on;
// key `environment`: each hop's barrier from its 18-site environment, the production default since session 31).
// A benchmark program, not library code, so it prints.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <string>
#include <tuple>
#include <unordered_map>
#include <vector>

#include "kmc/engine.hpp"
#include "kmc/observer.hpp"
#include "lattice/wire_builder.hpp"
#include "production_energetics.hpp"

namespace {

using namespace surfkmc;
using namespace surfkmc::kmc;

/// (n_i, n_j, c, transit) of an event.
using Key = std::tuple<int, int, int, bool>;

struct Tally {
  std::int64_t events = 0;
  std::int64_t undone = 0;  // the atom's next move took it back to this event's origin
};

/// Records every event: per key, per atom, and which moves the atom's next move undid.
class Anatomy final : public Observer {
 public:
  void onEvent(const Engine& /*engine*/, const StepResult& r) override {
    ++events_;
    span_s_ += r.dt_s;
    const Key key{r.n_i, r.n_j, r.common, r.transit};
    ++tally_[key].events;
    Last& last = last_[r.atom];
    if (last.seen && last.to == r.from && last.from == r.to) {
      ++tally_[last.key].undone;
      ++undone_;
    }
    last = {true, r.from, r.to, key};
    ++per_atom_[r.atom];
    // The atom's path with every immediate back-and-forth cancelled: a move to the site before the last
    // one pops, any other move pushes. What is left is the path an acceleration that removed every
    // shuttle for free would still have to make, move by move.
    std::vector<lattice::SiteIndex>& path = path_[r.atom];
    if (path.empty()) path.push_back(r.from);
    if (path.size() >= 2 && path[path.size() - 2] == r.to)
      path.pop_back();
    else
      path.push_back(r.to);
  }

  void print(const Engine& e) const {
    const double n = static_cast<double>(events_);
    std::printf("# window: %lld events over %.6g s of simulated time: %.4g events per simulated second\n",
                static_cast<long long>(events_), span_s_, n / span_s_);
    std::printf("# undone by the atom's next move: %lld events (%.4f of all)\n", static_cast<long long>(undone_),
                static_cast<double>(undone_) / n);
    std::int64_t reduced = 0;
    for (const auto& [atom, path] : path_) reduced += static_cast<std::int64_t>(path.size()) - 1;
    std::printf("# moves left when every back-and-forth of an atom is cancelled: %lld (events / that = %.3g)\n",
                static_cast<long long>(reduced), n / static_cast<double>(std::max<std::int64_t>(reduced, 1)));
    std::vector<std::int64_t> counts;
    for (const auto& [atom, c] : per_atom_) counts.push_back(c);
    std::sort(counts.rbegin(), counts.rend());
    std::printf("# the busiest atoms' shares of the events:");
    for (std::size_t i = 0; i < std::min<std::size_t>(5, counts.size()); ++i)
      std::printf(" %.4f", static_cast<double>(counts[i]) / n);
    std::printf(" (a super-move of one atom at a time saves at most the busiest one's share)\n");
    std::int64_t top10 = 0, top100 = 0;
    for (std::size_t i = 0; i < counts.size(); ++i) {
      if (i < 10) top10 += counts[i];
      if (i < 100) top100 += counts[i];
    }
    std::printf("# atoms that moved: %zu of %lld; the 10 busiest made %.4f of the events, the 100 busiest %.4f\n",
                counts.size(), static_cast<long long>(e.lattice().atomCount()), static_cast<double>(top10) / n,
                static_cast<double>(top100) / n);
    std::vector<std::pair<Key, Tally>> rows(tally_.begin(), tally_.end());
    std::sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) { return a.second.events > b.second.events; });
    std::printf("# n_i n_j c transit barrier_eV class share undone_share\n");
    for (const auto& [key, t] : rows) {
      const auto [ni, nj, c, transit] = key;
      const double barrier = transit ? e.energetics().barrier_eV(ni, 2, c) : e.energetics().barrier_eV(ni, nj, c);
      std::printf("%d %d %d %d %.4f %s %.6f %.4f\n", ni, nj, c, transit ? 1 : 0, barrier,
                  eventClassName(classifyHop(ni, nj, c, e.energetics().params().es_max_common)),
                  static_cast<double>(t.events) / n, static_cast<double>(t.undone) / static_cast<double>(t.events));
    }
  }

 private:
  struct Last {
    bool seen = false;
    lattice::SiteIndex from = 0, to = 0;
    Key key{};
  };
  std::int64_t events_ = 0, undone_ = 0;
  double span_s_ = 0.0;
  std::map<Key, Tally> tally_;
  std::unordered_map<lattice::AtomId, Last> last_;
  std::unordered_map<lattice::AtomId, std::int64_t> per_atom_;
  std::unordered_map<lattice::AtomId, std::vector<lattice::SiteIndex>> path_;
};

}  // namespace

int main(int argc, char** argv) {
  const double diameter_nm = argc > 1 ? std::atof(argv[1]) : 10.0;
  const double length_nm = argc > 2 ? std::atof(argv[2]) : 25.0;
  const double temperature = argc > 3 ? std::atof(argv[3]) : 300.0;
  const double stress = argc > 4 ? std::atof(argv[4]) : 0.0;
  const double warm_s = argc > 5 ? std::atof(argv[5]) : 1.0;
  const auto window = static_cast<std::int64_t>(argc > 6 ? std::atof(argv[6]) : 2.0e7);
  const auto seed = static_cast<std::uint64_t>(argc > 7 ? std::atoll(argv[7]) : 16);
  const std::string key = argc > 8 ? argv[8] : "class";
  if (key != "class" && key != "environment") {
    std::fprintf(stderr, "event_anatomy: key must be class or environment, not '%s'\n", key.c_str());
    return 2;
  }
  const bool environments = key == "environment";

  const app::Material ag = testing::shippedMaterial("Ag");
  lattice::WireSpec spec;
  spec.diameter_A = 10.0 * diameter_nm;
  spec.length_A = 10.0 * length_nm;
  lattice::BuiltWire built = lattice::buildWire(ag.lattice_constant_A, spec);
  EngineOptions options;
  options.strain_energy.enabled = stress != 0.0;
  Engine engine(built.lattice, testing::productionEnergetics("Ag", temperature, stress, environments),
                RandomStream(seed, StreamId::kKmc), options);
  std::printf(
      "# Ag wire D = %g nm, L = %g nm (%lld atoms), T = %g K, sigma = %g GPa, seed %llu; production catalogue, "
      "%s key, plain KMC\n",
      diameter_nm, length_nm, static_cast<long long>(built.lattice.atomCount()), temperature, stress,
      static_cast<unsigned long long>(seed), key.c_str());
  const auto t0 = std::chrono::steady_clock::now();
  RunLimits warm;
  warm.until_time_s = warm_s;
  engine.run(warm);
  const double warm_cpu = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::printf("# warm-up: %lld events to t = %g s in %.1f s of CPU\n", static_cast<long long>(engine.events()), warm_s,
              warm_cpu);
  Anatomy anatomy;
  RunLimits record;
  record.max_events = window;
  const auto t1 = std::chrono::steady_clock::now();
  engine.run(record, &anatomy);
  const double cpu = std::chrono::duration<double>(std::chrono::steady_clock::now() - t1).count();
  std::printf("# recording: %.1f s of CPU (%.3g events/s with the observer)\n", cpu, static_cast<double>(window) / cpu);
  anatomy.print(engine);
}
