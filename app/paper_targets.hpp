// SPDX-License-Identifier: MIT
// The paper's numbers compare checks against, read from data/experiments/wang2021_observations.yaml.
#pragma once

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace surfkmc::app {

/// One activation-volume regime of Wang et al. 2021 (target T4).
struct ActivationVolumeTarget {
  std::string name;                       ///< key in the file, e.g. "Ag_below_15nm"
  std::string material;                   ///< "Ag"
  std::optional<double> diameter_min_nm;  ///< regime holds for D ≥ this [nm]
  std::optional<double> diameter_max_nm;  ///< regime holds for D < this [nm]
  double value_b3 = 0.0;                  ///< Ω in units of b³ (approximate, "~" in the paper)

  /// Whether a wire of `material` and diameter D [nm] belongs to this regime.
  bool covers(const std::string& m, double diameter_nm) const;
};

/// A critical diameter the paper states (target T2).
struct CriticalDiameterTarget {
  std::string material;
  double strain_rate_per_s = 0.0;
  double value_nm = 0.0;
};

struct PaperTargets {
  std::filesystem::path path;
  std::vector<ActivationVolumeTarget> activation_volumes;
  std::vector<CriticalDiameterTarget> critical_diameters;
  /// Ag lateral step velocity range [nm/s] (target T5).
  double ag_step_velocity_min_nm_per_s = 0.0;
  double ag_step_velocity_max_nm_per_s = 0.0;
};

/// data/experiments/wang2021_observations.yaml beside the shipped materials ($SURFKMC_DATA_DIR aware).
std::filesystem::path defaultObservationsPath();

/// Reads the targets. Throws InputError located in the file.
PaperTargets loadPaperTargets(const std::filesystem::path& path);

/// Experimental and simulated strain rates are "the same" within 5 % (the paper gives "~1e-3 /s").
inline constexpr double kSameRateRelTol = 0.05;
inline bool sameStrainRate(double a, double b) { return std::abs(a - b) <= kSameRateRelTol * std::max(a, b); }
/// A standard error that is not finite (a single replica) counts as zero.
inline double seOrZero(double se) { return std::isfinite(se) ? se : 0.0; }

}  // namespace surfkmc::app
