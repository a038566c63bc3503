// SPDX-License-Identifier: MIT
// Plain vs rate-scaled (or super-move) KMC on a small Ag wire: observables per buffer (or per
// super-move trigger), mean ± standard error over seeds.
//
// Usage: acceleration_validation [temperature_K] [end_time_s] [seeds] [stress_GPa] [super|scaled] [first_seed]
//        [settings] > data.dat
// (settings: comma-separated buffers, or after_hops with `super` — negative: with the shape cache
// off — instead of the default list; 0 = plain)
// (stress_GPa "both" or absent: σ = 0 and 2 GPa).
// One row per (σ, buffer): buffer 0 stands for plain KMC (scaling disabled). With the fifth argument
// `super`, the rows are plain KMC (0) and super-moves in basins of up to 32 sites after 1, 2, 16
// lone hops (the buffer column holds after_hops). Columns: stress_GPa
// buffer D_s D_s_se adatoms adatoms_se broken broken_se rough rough_se accel events cpu_s D_s_median,
// then the defect atoms by kind over time (mean, se): low_n_1, low_n_2 (n ≤ 6: adatoms, step
// adatoms, kinks) and high_n_1, high_n_2 (n ≥ 7 off flat facets: steps, edges), time-averaged over
// the first (1) and second (2) half of the run.
// D_s is heavy-tailed (a seed in which an adatom wanders along a narrow facet strip, around the
// periodic axis, can outweigh all others), so its median over seeds is printed too.
// D_s = Σ_i |Δr_i|² / (4 t N_surface) [Å²/s] (unwrapped hop sums; N_surface = atoms with n < 12 at
// the start); adatoms (n ≤ 3), broken bonds Σ(12 − n) and roughness (RMS radial spread of the
// atoms with n ≤ 9 [Å]) are time averages over 40 equally spaced samples. A benchmark program,
// not library code, so it prints.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <string>
#include <vector>

#include "core/statistics.hpp"
#include "kmc/engine.hpp"
#include "kmc/transport_observer.hpp"
#include "lattice/surface.hpp"
#include "lattice/wire_builder.hpp"
#include "tests/unit/kmc/bond_counting_sets.hpp"

namespace {

using namespace surfkmc;
using namespace surfkmc::kmc;

constexpr double kAgLattice_A = 4.0857;
constexpr double kBurgers_A = 2.889;

struct Sample {
  double ds = 0, adatoms = 0, broken = 0, rough = 0, accel = 0, events = 0;
  // Defect atoms (surface atoms off flat facets) by kind, time-averaged over the first and second
  // half of the run: n ≤ 6 (adatoms, step adatoms, kinks) and n ≥ 7 (straight steps, facet edges).
  double low_n[2] = {0, 0}, high_n[2] = {0, 0};
};

Sample runOne(double temperature_K, double stress_GPa, double buffer, bool super_moves, double end_s,
              std::uint64_t seed) {
  lattice::WireSpec spec;
  spec.shape = lattice::Shape::kCylinder;
  spec.diameter_A = 25.0;
  spec.length_A = 50.0;
  lattice::BuiltWire w = lattice::buildWire(kAgLattice_A, spec);
  lattice::Lattice& lat = w.lattice;
  EnergeticsParams p = silverParams(temperature_K);
  p.migration_volume_A3 = 0.1 * kBurgers_A * kBurgers_A * kBurgers_A;
  p.stress_GPa = stress_GPa;
  EngineOptions o;
  o.strain_energy.enabled = stress_GPa != 0.0;
  if (super_moves && buffer != 0.0) {
    // A negative setting: after |setting| hops, with the shape cache off.
    o.super_moves = {.enabled = true,
                     .after_hops = static_cast<int>(std::abs(buffer)),
                     .basin_sites = 32,
                     .cache_shapes = buffer < 0.0 ? 0 : 256};
  } else if (buffer > 0.0) {
    o.rate_scaling.enabled = true;
    o.rate_scaling.buffer = buffer;
    o.rate_scaling.min_rate_per_s = 100.0;
  }
  std::int64_t n_surface = 0;
  for (lattice::SiteIndex s = 0; s < lat.siteCount(); ++s)
    if (lat.occupied(s) && lat.coordination(s) < 12) ++n_surface;
  Engine e(lat, p, RandomStream(seed, StreamId::kKmc), o);
  TransportObserver disp(lat.nextAtomId(), 1);
  const lattice::Vec3 box = lat.boxLengths();
  Sample out;
  constexpr int kSamples = 40;
  for (int k = 1; k <= kSamples; ++k) {
    e.run({.until_time_s = end_s * k / kSamples}, &disp);
    double adatoms = 0, broken = 0, r1 = 0, r2 = 0, nr = 0, low_n = 0, high_n = 0;
    for (lattice::SiteIndex s = 0; s < lat.siteCount(); ++s) {
      if (!lat.occupied(s)) continue;
      const int n = lat.coordination(s);
      adatoms += n <= 3;
      broken += 12 - n;
      if (n < 12 && lattice::classifyAtom(lat, s) == lattice::SiteKind::kOther) (n <= 6 ? low_n : high_n) += 1;
      if (n <= 9) {
        const lattice::Vec3 q = lat.position(s);
        const double r = std::hypot(q.y - 0.5 * box.y, q.z - 0.5 * box.z);
        r1 += r;
        r2 += r * r;
        nr += 1;
      }
    }
    out.adatoms += adatoms / kSamples;
    const int half = k <= kSamples / 2 ? 0 : 1;
    out.low_n[half] += low_n / (kSamples / 2);
    out.high_n[half] += high_n / (kSamples / 2);
    out.broken += broken / kSamples;
    out.rough += std::sqrt(std::max(0.0, r2 / nr - (r1 / nr) * (r1 / nr))) / kSamples;
  }
  out.ds = disp.sumSquareDisplacement() / (4.0 * end_s * static_cast<double>(n_surface));
  out.accel = e.accelerationReport().effective_acceleration;
  out.events = static_cast<double>(e.events());
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  const double temperature = argc > 1 ? std::atof(argv[1]) : 500.0;
  const double end_s = argc > 2 ? std::atof(argv[2]) : 2.0e-4;
  const int seeds = argc > 3 ? std::atoi(argv[3]) : 8;
  const bool super_moves = argc > 5 && std::string(argv[5]) == "super";
  const std::uint64_t first_seed = argc > 6 ? std::strtoull(argv[6], nullptr, 10) : 1000;
  std::vector<double> buffers = super_moves ? std::vector<double>{0.0, 1.0, 2.0, 16.0}
                                            : std::vector<double>{0.0, 1000.0, 300.0, 100.0, 30.0, 10.0, 3.0};
  if (argc > 7) {
    buffers.clear();
    for (const char* p = argv[7]; *p != '\0';) {
      char* end = nullptr;
      buffers.push_back(std::strtod(p, &end));
      p = *end == ',' ? end + 1 : end;
      if (end == p && *p != '\0') break;
    }
  }
  std::printf("# T = %g K, t_end = %g s, %d seeds from %llu, D = 2.5 nm, L = 5 nm Ag cylinder\n", temperature, end_s,
              seeds, static_cast<unsigned long long>(first_seed));
  std::printf(
      "# stress_GPa buffer D_s D_s_se adatoms adatoms_se broken broken_se rough rough_se accel events cpu_s "
      "D_s_median low_n_1 low_n_1_se low_n_2 low_n_2_se high_n_1 high_n_1_se high_n_2 high_n_2_se\n");
  std::vector<double> stresses = {0.0, 2.0};
  if (argc > 4 && std::string(argv[4]) != "both") stresses = {std::atof(argv[4])};
  for (double stress : stresses) {
    for (double buffer : buffers) {
      const auto t0 = std::chrono::steady_clock::now();
      std::vector<Sample> xs;
      for (int s = 0; s < seeds; ++s)
        xs.push_back(
            runOne(temperature, stress, buffer, super_moves, end_s, first_seed + static_cast<std::uint64_t>(s)));
      const double cpu = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
      auto stat = [&](auto f, double& mean, double& se) {
        const MeanStdErr s = meanStdErr(
            xs, [](const Sample&) { return true; }, f);
        mean = s.mean;
        se = s.se;
      };
      double m[5], e[5];
      stat([](const Sample& x) { return x.ds; }, m[0], e[0]);
      stat([](const Sample& x) { return x.adatoms; }, m[1], e[1]);
      stat([](const Sample& x) { return x.broken; }, m[2], e[2]);
      stat([](const Sample& x) { return x.rough; }, m[3], e[3]);
      stat([](const Sample& x) { return x.accel; }, m[4], e[4]);
      double ev = 0;
      for (const auto& x : xs) ev += x.events / seeds;
      std::vector<double> ds;
      for (const auto& x : xs) ds.push_back(x.ds);
      std::sort(ds.begin(), ds.end());
      const std::size_t h = ds.size() / 2;
      const double median = ds.size() % 2 == 1 ? ds[h] : 0.5 * (ds[h - 1] + ds[h]);
      std::printf("%g %g %.6g %.3g %.6g %.3g %.6g %.3g %.6g %.3g %.4g %.4g %.3g %.6g", stress, buffer, m[0], e[0], m[1],
                  e[1], m[2], e[2], m[3], e[3], m[4], ev, cpu, median);
      for (int h = 0; h < 2; ++h) {
        double mean = 0, se = 0;
        stat([&](const Sample& x) { return x.low_n[h]; }, mean, se);
        std::printf(" %.5g %.3g", mean, se);
      }
      for (int h = 0; h < 2; ++h) {
        double mean = 0, se = 0;
        stat([&](const Sample& x) { return x.high_n[h]; }, mean, se);
        std::printf(" %.5g %.3g", mean, se);
      }
      std::printf("\n");
      std::fflush(stdout);
    }
  }
}
