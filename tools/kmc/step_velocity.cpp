// SPDX-License-Identifier: MIT
// Step velocity, plain vs accelerated KMC: a one-layer Ag island beside a straight step on a (111)
// slab ripens into the step (tests/unit/kmc/island_decay.hpp), on the production Ag energetics (the
// potential's hop catalogue; tests/unit/kmc/production_energetics.hpp). The island's size N(t), its
// half-life and the mean velocity of its edge, mean ± standard error over seeds.
//
// Usage: step_velocity [temperature_K] [end_time_s] [seeds] [stress_GPa] [methods...] > data.dat
// (stress_GPa ≠ 0: each hop's own strain slope at σ/E<112>, and the strain-energy site term u_el on). methods: plain,
// super<after_hops> (super-moves in basins of up to 32 sites), scaled<buffer> (rate scaling,
// min_rate_per_s 100, windows of 2000 events: the island is gone within ~2e4 events), plain_no_transits (plain,
// without the catalogue's interlayer transits: the ablation of docs/model.md#interlayer), wire<D> (plain, on the top
// (111) facet of an as-cut D nm cylinder wire 6 nm long instead of the slab: islandBesideStepOnWire), env (plain, the
// barriers keyed by environment: kmc.hop_key: environment), envwire<D> (both); default: plain super16 scaled300
// scaled30.
// Output: per method a block "# method M" with rows "t N N_se adatoms adatoms_se", then a line
// "# censored M k of n seeds", "# summary M t_half t_half_se v_step v_step_se acceleration events cpu_s" and
// "# measurement key=value ..." (material, method, geometry slab|wire, diameter_nm (0 on the slab), temperature_K,
// stress_GPa, t_end_s, seeds, censored, v_nm_per_s, v_se_nm_per_s, build): the line `surfkmc compare --step-velocity`
// reads (docs/data_format.md). A benchmark program, not library code, so it prints.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "core/version.hpp"
#include "island_decay.hpp"
#include "production_energetics.hpp"

namespace {

using namespace surfkmc;
using namespace surfkmc::kmc;

constexpr int kSamples = 40;
constexpr double kWireLength_A = 60.0;

EngineOptions optionsFor(const std::string& method, double stress_GPa) {
  EngineOptions o;
  o.strain_energy.enabled = stress_GPa != 0.0;
  if (method.rfind("super", 0) == 0) {
    o.super_moves = {.enabled = true, .after_hops = std::atoi(method.c_str() + 5), .basin_sites = 32};
  } else if (method.rfind("scaled", 0) == 0) {
    o.rate_scaling.enabled = true;
    o.rate_scaling.buffer = std::atof(method.c_str() + 6);
    o.rate_scaling.min_rate_per_s = 100.0;
    o.rate_scaling.window_events = 2000;
  }
  return o;
}

}  // namespace

int main(int argc, char** argv) {
  const double temperature = argc > 1 ? std::atof(argv[1]) : 500.0;
  const double end_s = argc > 2 ? std::atof(argv[2]) : 1.5e-5;
  const int seeds = argc > 3 ? std::atoi(argv[3]) : 40;
  const double stress = argc > 4 ? std::atof(argv[4]) : 0.0;
  std::vector<std::string> methods;
  for (int i = 5; i < argc; ++i) methods.emplace_back(argv[i]);
  if (methods.empty()) methods = {"plain", "super16", "scaled300", "scaled30"};
  const testing::IslandBesideStep g = testing::islandBesideStep();
  std::printf(
      "# T = %g K, sigma = %g GPa, t_end = %g s, %d seeds; (111) slab 6 x 6 nm, island of %lld atoms "
      "(R0 = %.2f A) beside a straight step\n",
      temperature, stress, end_s, seeds, static_cast<long long>(g.island_atoms),
      testing::IslandBesideStep::edgeRadius(static_cast<double>(g.island_atoms)));
  const EnergeticsParams production = testing::productionEnergetics("Ag", temperature, stress);
  const EnergeticsParams production_env = testing::productionEnergetics("Ag", temperature, stress, true);
  for (const std::string& method : methods) {
    const bool environment = method.rfind("env", 0) == 0;
    EnergeticsParams p = environment ? production_env : production;
    if (method == "plain_no_transits") p.interlayer_transit = false;
    const auto t0 = std::chrono::steady_clock::now();
    std::vector<testing::IslandDecay> runs;
    const std::string shape = environment ? method.substr(3) : method;
    const bool wire = shape.rfind("wire", 0) == 0;
    const double wire_diameter_A = wire ? 10.0 * std::atof(shape.c_str() + 4) : 0.0;
    if (wire) {
      const testing::IslandBesideStep w = testing::islandBesideStepOnWire(wire_diameter_A, kWireLength_A);
      std::printf("# %s: %lld-atom wire, island of %lld atoms (R0 = %.2f A) on its top facet\n", method.c_str(),
                  static_cast<long long>(w.lattice.atomCount()), static_cast<long long>(w.island_atoms),
                  testing::IslandBesideStep::edgeRadius(static_cast<double>(w.island_atoms)));
    }
    for (int s = 0; s < seeds; ++s) {
      const std::uint64_t seed = 3000 + static_cast<std::uint64_t>(s);
      runs.push_back(
          wire ? testing::runIslandDecay(p, optionsFor("plain", stress), end_s, kSamples, seed,
                                         testing::islandBesideStepOnWire(wire_diameter_A, kWireLength_A))
               : testing::runIslandDecay(p, optionsFor(environment ? "plain" : method, stress), end_s, kSamples, seed));
    }
    const double cpu = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    std::printf("# method %s\n# t N N_se adatoms adatoms_se\n", method.c_str());
    for (std::size_t k = 0; k < kSamples; ++k) {
      const testing::MeanSe n = testing::meanSe(runs, [&](const testing::IslandDecay& r) { return r.atoms[k]; });
      const testing::MeanSe a = testing::meanSe(runs, [&](const testing::IslandDecay& r) { return r.adatoms[k]; });
      std::printf("%.6g %.4g %.3g %.4g %.3g\n", end_s * static_cast<double>(k + 1) / kSamples, n.mean, n.se, a.mean,
                  a.se);
    }
    const testing::MeanSe th = testing::meanSe(runs, [](const testing::IslandDecay& r) { return r.t_half_s; });
    const testing::MeanSe v =
        testing::meanSe(runs, [](const testing::IslandDecay& r) { return r.step_velocity_A_per_s; });
    const testing::MeanSe acc =
        testing::meanSe(runs, [](const testing::IslandDecay& r) { return r.effective_acceleration; });
    const testing::MeanSe ev =
        testing::meanSe(runs, [](const testing::IslandDecay& r) { return static_cast<double>(r.events); });
    const auto censored =
        std::count_if(runs.begin(), runs.end(), [&](const testing::IslandDecay& r) { return r.t_half_s >= end_s; });
    std::printf(
        "# censored %s %lld of %d seeds (the island not half gone by t_end: t_half counted as t_end, so the "
        "mean t_half is a lower bound and v an upper one)\n",
        method.c_str(), static_cast<long long>(censored), seeds);
    std::printf("# summary %s %.4g %.3g %.4g %.3g %.4g %.4g %.3g\n", method.c_str(), th.mean, th.se, v.mean, v.se,
                acc.mean, ev.mean, cpu);
    // v_step is in Å/s; the measurement line is in nm/s.
    std::printf(
        "# measurement material=Ag method=%s geometry=%s diameter_nm=%g temperature_K=%g stress_GPa=%g t_end_s=%g "
        "seeds=%d censored=%lld "
        "v_nm_per_s=%.4g v_se_nm_per_s=%.3g hop_key=%s build=%s\n\n\n",
        method.c_str(), wire ? "wire" : "slab", 0.1 * wire_diameter_A, temperature, stress, end_s, seeds,
        static_cast<long long>(censored), 0.1 * v.mean, 0.1 * v.se, environment ? "environment" : "class", kGitHash);
    std::fflush(stdout);
  }
}
