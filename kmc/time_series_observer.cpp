// SPDX-License-Identifier: MIT
// CSV time series of a run.
#include "kmc/time_series_observer.hpp"

#include <algorithm>
#include <cmath>
#include <ostream>

#include "core/binary_reader.hpp"
#include "core/binary_writer.hpp"
#include "kmc/engine.hpp"

namespace surfkmc::kmc {

SurfaceSample measureSurface(const Engine& engine, RoughnessMode mode) {
  const lattice::Lattice& lat = engine.lattice();
  SurfaceSample s;
  s.time_s = engine.time_s();
  s.events = engine.events();
  s.by_class = engine.statistics().by_class;
  const lattice::Vec3 len = lat.boxLengths();
  const double yc = 0.5 * len.y;
  const double zc = 0.5 * len.z;
  double sum = 0.0;
  double sum2 = 0.0;
  std::int64_t surface = 0;
  for (lattice::SiteIndex site = 0; site < lat.siteCount(); ++site) {
    if (!lat.occupied(site)) continue;
    const int n = lat.coordination(site);
    if (n <= 3) ++s.adatoms;
    if (n >= lattice::kNeighbourCount) continue;
    s.broken_bonds += lattice::kNeighbourCount - n;
    const lattice::Vec3 p = lat.position(site);
    const double r = (mode == RoughnessMode::kRadial) ? std::hypot(p.y - yc, p.z - zc) : std::abs(p.y - yc);
    sum += r;
    sum2 += r * r;
    ++surface;
  }
  // Surface energy of the bond-counting model: each broken bond costs ε_b/2 (docs/model.md#surface-kinetics).
  s.surface_energy_eV = 0.5 * engine.energetics().params().bond_energy_eV * static_cast<double>(s.broken_bonds);
  if (surface > 0) {
    const double mean = sum / static_cast<double>(surface);
    s.roughness_A = std::sqrt(std::max(0.0, sum2 / static_cast<double>(surface) - mean * mean));
  }
  return s;
}

TimeSeriesObserver::TimeSeriesObserver(std::ostream& out, const Sampling& sampling, RoughnessMode mode)
    : out_(out), clock_(sampling), mode_(mode) {}

void TimeSeriesObserver::onStart(const Engine& engine) {
  out_ << "time_s,events";
  for (int c = 0; c < kEventClassCount; ++c) out_ << ',' << eventClassName(static_cast<EventClass>(c));
  out_ << ",adatoms,broken_bonds,surface_energy_eV,roughness_A\n";
  clock_.schedule(engine.events(), engine.time_s());
  write(engine);
}

void TimeSeriesObserver::onEvent(const Engine& engine, const StepResult& /*step*/) {
  if (clock_.due(engine.events(), engine.time_s())) write(engine);
}

void TimeSeriesObserver::onFinish(const Engine& engine) {
  if (last_.events != engine.events() || last_.time_s != engine.time_s()) write(engine);
}

void TimeSeriesObserver::write(const Engine& engine) {
  last_ = measureSurface(engine, mode_);
  const auto precision = out_.precision(12);
  out_ << last_.time_s << ',' << last_.events;
  for (const auto n : last_.by_class) out_ << ',' << n;
  out_ << ',' << last_.adatoms << ',' << last_.broken_bonds << ',' << last_.surface_energy_eV << ','
       << last_.roughness_A << '\n';
  out_.precision(precision);
  ++rows_;
}

void TimeSeriesObserver::saveState(BinaryWriter& out) const {
  out.writeTag("TSOB");
  clock_.saveState(out);
  out.write(last_.time_s);
  out.write(last_.events);
  out.writeArray(last_.by_class);
  out.write(last_.adatoms);
  out.write(last_.broken_bonds);
  out.write(last_.surface_energy_eV);
  out.write(last_.roughness_A);
  out.write(rows_);
}

void TimeSeriesObserver::restoreState(BinaryReader& in) {
  in.expectTag("TSOB");
  clock_.restoreState(in);
  last_.time_s = in.read<double>();
  last_.events = in.read<std::int64_t>();
  in.readArray(last_.by_class);
  last_.adatoms = in.read<std::int64_t>();
  last_.broken_bonds = in.read<std::int64_t>();
  last_.surface_energy_eV = in.read<double>();
  last_.roughness_A = in.read<double>();
  rows_ = in.read<std::int64_t>();
}

}  // namespace surfkmc::kmc
