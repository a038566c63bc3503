// SPDX-License-Identifier: MIT
// The scenario's `kmc:` section.
#include "app/kmc_section.hpp"

#include <cmath>

#include "app/map_reader.hpp"
#include "core/error.hpp"

namespace surfkmc::app {
namespace {

constexpr double kMaxTemperature_K = 3000.0;
/// Upper bound on times [s]: far beyond any experiment, small enough that sums stay exact-ish.
constexpr double kMaxTime_s = 1.0e12;
constexpr std::int64_t kMaxEvents = std::int64_t{1} << 62;

}  // namespace

void KmcSection::validate() const {
  require(std::isfinite(temperature_K) && temperature_K > 0.0 && temperature_K <= kMaxTemperature_K,
          "temperature_K must be > 0 and ≤ 3000");
  require(!duration_s || (std::isfinite(*duration_s) && *duration_s > 0.0), "duration_s must be > 0");
  require(!max_events || *max_events > 0, "max_events must be > 0");
  require(!snapshot_every_s || (std::isfinite(*snapshot_every_s) && *snapshot_every_s > 0.0),
          "snapshot_every_s must be > 0");
  require(!timeseries_every_s || (std::isfinite(*timeseries_every_s) && *timeseries_every_s > 0.0),
          "timeseries_every_s must be > 0");
}

KmcSection readKmcSection(MapReader& map) {
  KmcSection k;
  k.temperature_K = map.numberOr("temperature_K", NumberRange::positive(kMaxTemperature_K), k.temperature_K);
  k.duration_s = map.optionalNumber("duration_s", NumberRange::positive(kMaxTime_s));
  k.max_events = map.optionalInteger("max_events", 1, kMaxEvents);
  k.snapshot_every_s = map.optionalNumber("snapshot_every_s", NumberRange::positive(kMaxTime_s));
  k.timeseries_every_s = map.optionalNumber("timeseries_every_s", NumberRange::positive(kMaxTime_s));
  k.checking = map.booleanOr("checking", k.checking);
  if (map.has("energetics")) k.energetics = map.choice("energetics", {"bond_counting", "catalogue"});
  k.interlayer = map.booleanOr("interlayer", k.interlayer);
  if (map.has("hop_key")) {
    k.hop_key = map.choice("hop_key", {"class", "environment"});
    k.hop_key_stated = true;
  }
  map.finish();
  map.locateErrors("", [&] { k.validate(); });
  return k;
}

}  // namespace surfkmc::app
