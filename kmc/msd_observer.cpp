// SPDX-License-Identifier: MIT
// Mean-square displacement of tagged atoms.
#include "kmc/msd_observer.hpp"

#include <ostream>
#include <string>
#include <utility>

#include "core/error.hpp"
#include "kmc/engine.hpp"

namespace surfkmc::kmc {

MsdObserver::MsdObserver(std::ostream& out, const Sampling& sampling, std::vector<lattice::AtomId> tagged)
    : out_(out), clock_(sampling), tagged_(std::move(tagged)) {}

void MsdObserver::onStart(const Engine& engine) {
  const lattice::Lattice& lat = engine.lattice();
  disp_.assign(static_cast<std::size_t>(lat.nextAtomId()), lattice::Vec3{});
  if (tagged_.empty()) {
    for (lattice::SiteIndex s = 0; s < lat.siteCount(); ++s)
      if (lat.occupied(s)) tagged_.push_back(lat.atomAt(s));
  }
  for (const lattice::AtomId id : tagged_)
    require(id >= 0 && id < lat.nextAtomId(), "MsdObserver: tagged atom id " + std::to_string(id) + " does not exist");
  out_ << "time_s,events,msd_A2\n";
  clock_.schedule(engine.events(), engine.time_s());
  write(engine);
}

void MsdObserver::onEvent(const Engine& engine, const StepResult& step) {
  lattice::Vec3& d = disp_[static_cast<std::size_t>(step.atom)];
  const lattice::Vec3 b = step.displacement(engine.lattice());
  d += b;
  if (clock_.due(engine.events(), engine.time_s())) write(engine);
}

void MsdObserver::onFinish(const Engine& engine) {
  if (last_events_ != engine.events()) write(engine);
}

double MsdObserver::meanSquareDisplacement() const {
  if (tagged_.empty()) return 0.0;
  double sum = 0.0;
  for (const lattice::AtomId id : tagged_) {
    const lattice::Vec3& d = disp_[static_cast<std::size_t>(id)];
    sum += lattice::norm2(d);
  }
  return sum / static_cast<double>(tagged_.size());
}

void MsdObserver::write(const Engine& engine) {
  const auto precision = out_.precision(12);
  out_ << engine.time_s() << ',' << engine.events() << ',' << meanSquareDisplacement() << '\n';
  out_.precision(precision);
  last_events_ = engine.events();
}

}  // namespace surfkmc::kmc
