// SPDX-License-Identifier: MIT
// Saving and restoring the engine's state, for checkpoints that resume a run bit for bit.
#include <algorithm>
#include <cmath>
#include <string>
#include <variant>

#include "core/binary_reader.hpp"
#include "core/binary_writer.hpp"
#include "core/error.hpp"
#include "kmc/engine.hpp"

namespace surfkmc::kmc {

namespace {

// Bumped whenever what saveState() writes changes; a checkpoint of another layout is refused.
constexpr std::uint32_t kEngineStateVersion = 6;  // 5: transit counts; 6: u_el rejections

}  // namespace

void Engine::saveState(BinaryWriter& out) const {
  out.writeTag("ENGN");
  out.write(kEngineStateVersion);
  out.write(static_cast<std::uint8_t>(options_.selector));
  out.write(static_cast<std::uint8_t>(scaler_.has_value()));
  out.write(static_cast<std::uint8_t>(uel_enabled_));
  out.write(static_cast<std::uint8_t>(super_.has_value()));
  out.writeArray(stats_.by_class);
  out.write(stats_.events);
  out.write(stats_.time_s);
  out.write(stats_.uncatalogued_events);
  out.write(stats_.transits);
  out.write(stats_.transit_returns);
  out.write(stats_.u_el_rejections);
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
  if (super_) super_->saveState(out);
}

void Engine::restoreState(BinaryReader& in) {
  in.expectTag("ENGN");
  if (in.read<std::uint32_t>() != kEngineStateVersion) in.fail("engine state of another surfkmc version");
  const auto selector = in.read<std::uint8_t>();
  const bool scaling = in.read<std::uint8_t>() != 0;
  const bool uel = in.read<std::uint8_t>() != 0;
  const bool super = in.read<std::uint8_t>() != 0;
  if (selector != static_cast<std::uint8_t>(options_.selector) || scaling != scaler_.has_value() ||
      uel != uel_enabled_ || super != super_.has_value())
    in.fail("the engine was saved with other options (selector, rate scaling, strain energy or super-moves)");
  in.readArray(stats_.by_class);
  stats_.events = in.read<std::int64_t>();
  stats_.time_s = in.read<double>();
  stats_.uncatalogued_events = in.read<std::int64_t>();
  stats_.transits = in.read<std::int64_t>();
  stats_.transit_returns = in.read<std::int64_t>();
  stats_.u_el_rejections = in.read<std::int64_t>();
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
    updateThinning();
  }
  std::visit([&in](auto& sel) { sel.restoreState(in); }, selector_);
  if (super_) super_->restoreState(*this, in);
  if (options_.checking) verifyRates();
}

}  // namespace surfkmc::kmc
