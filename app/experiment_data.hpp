// SPDX-License-Identifier: MIT
// Yield data users bring (docs/data_format.md): one CSV row per measured yield strength.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace surfkmc::app {

/// One measured yield strength of a nanowire.
struct ExperimentPoint {
  std::string material;            ///< materials name, e.g. "Ag" (data/materials/<material>.yaml)
  double diameter_nm = 0.0;        ///< wire diameter D [nm]
  double strain_rate_per_s = 0.0;  ///< ε̇ [1/s]
  double temperature_K = 300.0;    ///< T [K]
  double yield_GPa = 0.0;          ///< σ_y [GPa]
  std::optional<double> err_GPa;   ///< one-standard-deviation error of σ_y [GPa], if given
  std::string source;              ///< citation, figure, or "illustrative"
  int line = 0;                    ///< 1-based line in the file, for messages
};

/// The rows of one yield-data file.
struct ExperimentData {
  std::filesystem::path path;
  std::string hash;  ///< SourceFile::hash() of the file's bytes
  std::vector<ExperimentPoint> points;
};

/// Column names of the format, in documentation order.
const std::vector<std::string>& experimentColumns();

/// Reads a yield-data CSV. Throws InputError `file:line:column: column 'name': bad value '...'`.
ExperimentData loadExperimentData(const std::filesystem::path& path);

}  // namespace surfkmc::app
