// SPDX-License-Identifier: MIT
// The scenario's `kmc:` section: temperature, how long to run, output cadence, self-checks.
#pragma once

#include <cstdint>
#include <optional>

namespace surfkmc::app {

class MapReader;

/// KMC run control, in engine units. At least one of duration_s and max_events is set; the run
/// stops at whichever comes first.
struct KmcSection {
  /// Temperature T [K], in (0, 3000].
  double temperature_K = 300.0;
  /// Physical time to simulate [s].
  std::optional<double> duration_s;
  /// Number of KMC events after which to stop.
  std::optional<std::int64_t> max_events;
  /// Interval between extXYZ snapshots [s]; none if unset.
  std::optional<double> snapshot_every_s;
  /// Interval between time-series rows [s]; the runner's default if unset.
  std::optional<double> timeseries_every_s;
  /// Cross-check incremental rate updates against full recomputation (slow; for testing).
  bool checking = false;
  /// Where the hop barriers come from: "bond_counting" (the material's ε_b and terrace barriers) or
  /// "catalogue" (the material's hop_catalogue: CI-NEB barriers of its potential).
  std::string energetics = "bond_counting";
  /// With "catalogue": whether the catalogue's crossings make interlayer transits events (docs/model.md#interlayer).
  /// false leaves them out (an ablation); no effect on a catalogue without crossings or on bond counting.
  bool interlayer = true;
  /// With "catalogue": how a hop finds its barrier. "class": the entry of its (n_i, n_j, c) class; "environment":
  /// the entry of its 18-site environment where the catalogue holds one, else its class entry (docs/model.md,
  /// "Barriers keyed by environment"). Exact kinetics only (no rate scaling, no super-moves). Not stated
  /// (hop_key_stated false), the scenario loader resolves it: "environment" on a catalogue with environment keys
  /// and exact kinetics, "class" otherwise.
  std::string hop_key = "class";
  bool hop_key_stated = false;

  /// Throws InputError naming the field.
  void validate() const;
};

/// Reads a `kmc:` map (keys temperature_K, duration_s, max_events, snapshot_every_s,
/// timeseries_every_s, checking, energetics, interlayer, hop_key) with located errors; calls finish() and validate().
KmcSection readKmcSection(MapReader& map);

}  // namespace surfkmc::app
