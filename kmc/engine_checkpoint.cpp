// SPDX-License-Identifier: MIT
// Saving and restoring the engine's state, for checkpoints that resume a run bit for bit.
#include <algorithm>
#include <cmath>
#include <memory>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "core/binary_reader.hpp"
#include "core/binary_writer.hpp"
#include "core/error.hpp"
#include "kmc/engine.hpp"
#include "kmc/first_passage_chain.hpp"

namespace surfkmc::kmc {

namespace {

// Bumped whenever what saveState() writes changes; a checkpoint of another layout is refused.
constexpr std::uint32_t kEngineStateVersion = 3;

}  // namespace

void Engine::saveState(BinaryWriter& out) const {
  out.writeTag("ENGN");
  out.write(kEngineStateVersion);
  out.write(static_cast<std::uint8_t>(options_.selector));
  out.write(static_cast<std::uint8_t>(scaler_.has_value()));
  out.write(static_cast<std::uint8_t>(uel_enabled_));
  out.write(static_cast<std::uint8_t>(super_enabled_));
  out.writeArray(stats_.by_class);
  out.write(stats_.events);
  out.write(stats_.time_s);
  rng_.saveState(out);
  out.write(energetics_.params().temperature_K);
  out.write(energetics_.params().stress_GPa);
  if (scaler_) {
    scaler_->saveState(out);
    out.writeArray(scales_);
    out.write(static_cast<std::uint8_t>(scaled_));
    scaler_->saveAccount(out);
  }
  if (uel_enabled_) {
    out.write(static_cast<std::uint8_t>(uel_frozen_));
    profile_.saveState(out);
  }
  // Both selectors write what the engine wrote before they were types of their own (layout 3).
  std::visit([&out](const auto& sel) { sel.saveState(out); }, selector_);
  if (super_enabled_) {
    // The cached basin is saved as its sites in their order: its chain is rebuilt from them bit for
    // bit, and a basin searched afresh from another start could be cut or ordered differently.
    out.write(static_cast<std::uint8_t>(pending_));
    out.write(pending_site_);
    out.write(streak_);
    out.write(streak_site_);
    out.write(super_moves_);
    out.write(super_move_exits_);
    out.write(basin_solves_);
    out.write(super_move_hops_);
    out.writeVector(basin_);
    // The shape cache, entry by entry in the order of their hashes: which basins a resumed run
    // finds solved, and so its counters, are those of the uninterrupted run.
    out.write(basin_cache_hits_);
    std::vector<std::uint64_t> hashes;
    hashes.reserve(shape_cache_.size());
    for (const auto& [hash, entry] : shape_cache_) hashes.push_back(hash);
    std::sort(hashes.begin(), hashes.end());
    out.write(static_cast<std::uint64_t>(hashes.size()));
    for (std::uint64_t hash : hashes) {
      const ShapeEntry& e = shape_cache_.at(hash);
      out.write(hash);
      out.writeVector(e.key);
      e.chain->saveState(out);
      out.writeVector(e.offset);
      out.writeVector(e.delta);
      out.writeVector(e.exit);
      out.writeVector(e.internal);
    }
  }
}

void Engine::restoreState(BinaryReader& in) {
  in.expectTag("ENGN");
  if (in.read<std::uint32_t>() != kEngineStateVersion) in.fail("engine state of another surfkmc version");
  const auto selector = in.read<std::uint8_t>();
  const bool scaling = in.read<std::uint8_t>() != 0;
  const bool uel = in.read<std::uint8_t>() != 0;
  const bool super = in.read<std::uint8_t>() != 0;
  if (selector != static_cast<std::uint8_t>(options_.selector) || scaling != scaler_.has_value() ||
      uel != uel_enabled_ || super != super_enabled_)
    in.fail("the engine was saved with other options (selector, rate scaling, strain energy or super-moves)");
  in.readArray(stats_.by_class);
  stats_.events = in.read<std::int64_t>();
  stats_.time_s = in.read<double>();
  rng_.restoreState(in);
  const auto temperature_K = in.read<double>();
  const auto stress_GPa = in.read<double>();
  if (!(temperature_K > 0.0) || !std::isfinite(stress_GPa)) in.fail("bad engine temperature or stress");
  if (temperature_K != energetics_.params().temperature_K) energetics_.setTemperature(temperature_K);
  energetics_.setStress(stress_GPa);
  if (scaler_) {
    scaler_->restoreState(in);
    in.readArray(scales_);
    scaled_ = in.read<std::uint8_t>() != 0;
    scaler_->restoreAccount(in);
  }
  bool frozen = false;
  if (uel_enabled_) frozen = in.read<std::uint8_t>() != 0;

  // Everything derived from the lattice (occupancy masks, the scaled table from the restored
  // scales, scratch) comes from a rebuild; the profile is built afresh from the lattice so it has
  // this engine's parameters, then overwritten by the saved one, and so is the selector.
  uel_frozen_ = false;
  rebuildRates();
  if (uel_enabled_) {
    profile_.restoreState(in);
    uel_frozen_ = frozen;
    std::fill(site_g_.begin(), site_g_.end(), 1.0);
    refreshSiteFactors();
  }
  std::visit([&in](auto& sel) { sel.restoreState(in); }, selector_);
  if (super_enabled_) {
    const auto pending = in.read<std::uint8_t>();
    if (pending > static_cast<std::uint8_t>(Pending::kExcluding)) in.fail("bad pending super-move state");
    pending_ = static_cast<Pending>(pending);
    pending_site_ = in.read<lattice::SiteIndex>();
    streak_ = in.read<int>();
    streak_site_ = in.read<lattice::SiteIndex>();
    super_moves_ = in.read<std::int64_t>();
    super_move_exits_ = in.read<std::int64_t>();
    const auto solves = in.read<std::int64_t>();
    super_move_hops_ = in.read<double>();
    std::vector<lattice::SiteIndex> basin = in.readVector<lattice::SiteIndex>();
    const auto bad_site = [&](lattice::SiteIndex s) { return s < 0 || s >= lattice_.siteCount(); };
    std::vector<lattice::SiteIndex> sorted = basin;
    std::sort(sorted.begin(), sorted.end());
    if (bad_site(pending_site_) || bad_site(streak_site_) || std::any_of(basin.begin(), basin.end(), bad_site) ||
        std::adjacent_find(sorted.begin(), sorted.end()) != sorted.end())
      in.fail("the super-move state does not fit this lattice");
    if (!basin.empty()) {
      const auto atom = std::find_if(basin.begin(), basin.end(), [&](lattice::SiteIndex s) { return lattice_.occupied(s); });
      if (atom == basin.end()) in.fail("the saved basin holds no atom");
      const lattice::SiteIndex atom_site = *atom;
      basin_ = std::move(basin);
      if (!solveBasin(atom_site)) in.fail("the saved basin cannot be solved");
    }
    basin_solves_ = solves;
    basin_cache_hits_ = in.read<std::int64_t>();
    shape_cache_.clear();
    const auto entries = in.read<std::uint64_t>();
    if (entries > static_cast<std::uint64_t>(options_.super_moves.cache_shapes))
      in.fail("the shape cache holds more basins than super_move_cache_shapes allows");
    for (std::uint64_t k = 0; k < entries; ++k) {
      const auto hash = in.read<std::uint64_t>();
      ShapeEntry e;
      e.key = in.readVector<std::uint64_t>();
      auto chain = std::make_shared<FirstPassageChain>();
      chain->restoreState(in);
      e.chain = std::move(chain);
      e.offset = in.readVector<lattice::Vec3>();
      e.delta = in.readVector<double>();
      e.exit = in.readVector<double>();
      e.internal = in.readVector<double>();
      const auto n = static_cast<std::size_t>(e.chain->size());
      if (e.key.empty() || e.key[0] != n || e.offset.size() != n || e.delta.size() != n || e.exit.size() != n ||
          e.internal.size() != n)
        in.fail("a cached basin does not fit together");
      shape_cache_.emplace(hash, std::move(e));
    }
  }
  if (options_.checking) verifyRates();
}

}  // namespace surfkmc::kmc
