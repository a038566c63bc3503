// SPDX-License-Identifier: MIT
// extXYZ snapshots of a run.
#include "kmc/snapshot_observer.hpp"

#include <sstream>
#include <utility>

#include "core/binary_reader.hpp"
#include "core/binary_writer.hpp"
#include "kmc/engine.hpp"
#include "lattice/ext_xyz.hpp"

namespace surfkmc::kmc {

SnapshotObserver::SnapshotObserver(std::ostream& out, std::string species, const Sampling& sampling)
    : out_(out), species_(std::move(species)), clock_(sampling) {}

void SnapshotObserver::onStart(const Engine& engine) {
  clock_.schedule(engine.events(), engine.time_s());
  write(engine);
}

void SnapshotObserver::onEvent(const Engine& engine, const StepResult& /*step*/) {
  if (clock_.due(engine.events(), engine.time_s())) write(engine);
}

void SnapshotObserver::onFinish(const Engine& engine) {
  if (last_events_ != engine.events()) write(engine);
}

void SnapshotObserver::write(const Engine& engine) {
  std::ostringstream info;
  info.precision(12);
  info << "time_s=" << engine.time_s() << " events=" << engine.events();
  lattice::writeExtXyz(out_, engine.lattice(), species_, info.str());
  last_events_ = engine.events();
  ++frames_;
}

void SnapshotObserver::saveState(BinaryWriter& out) const {
  out.writeTag("SNOB");
  clock_.saveState(out);
  out.write(frames_);
  out.write(last_events_);
}

void SnapshotObserver::restoreState(BinaryReader& in) {
  in.expectTag("SNOB");
  clock_.restoreState(in);
  frames_ = in.read<std::int64_t>();
  last_events_ = in.read<std::int64_t>();
}

}  // namespace surfkmc::kmc
