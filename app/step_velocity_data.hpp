// SPDX-License-Identifier: MIT
// Step-velocity measurements for the paper's T5 (docs/data_format.md#step-velocity): the
// "# measurement" lines that tools/kmc/step_velocity writes, read with located errors.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace surfkmc::app {

/// One measured lateral step velocity: an island ripening into a step, mean over seeds.
struct StepVelocityMeasurement {
  std::string material;      ///< materials name, e.g. "Ag"
  std::string method;        ///< the tool's method, e.g. "plain" or "wire10"
  std::string geometry;      ///< "slab" (a (111) slab) or "wire" (the top facet of an as-cut wire)
  double diameter_nm = 0.0;  ///< the wire's diameter; 0 on the slab
  double temperature_K = 0.0, stress_GPa = 0.0, t_end_s = 0.0;
  int seeds = 0;
  /// Seeds whose island was not half gone by t_end_s: with any, the velocity is an upper bound.
  int censored = 0;
  double v_nm_per_s = 0.0, v_se_nm_per_s = 0.0;
  /// The key the hops' barriers were read by: "class" or "environment" (kmc.hop_key). A line without the field
  /// was written before the tool reported it, when its methods named env… ran the environment key and every other
  /// the class key; the reader says which it took.
  std::string hop_key = "class";
  std::string build;  ///< the surfkmc build (git hash) that measured it
  std::filesystem::path file;
  int line = 0;  ///< 1-based line of the measurement in `file`
};

/// Every "# measurement key=value ..." line of `path`, in file order (other lines are ignored).
/// Throws InputError located at file:line:column for an unknown or missing key, a bad value, or a
/// file with no measurement line.
std::vector<StepVelocityMeasurement> loadStepVelocityFile(const std::filesystem::path& path);

}  // namespace surfkmc::app
