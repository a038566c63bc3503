// SPDX-License-Identifier: MIT
// `surfkmc fit`: Eq. 2 (σ_ath, Ω, ln Ñν_D) fitted to yield data σ_y(ε̇, T) by weighted least squares.
#pragma once

#include <filesystem>
#include <iosfwd>
#include <optional>
#include <string>

namespace surfkmc::app {

struct FitOptions {
  std::filesystem::path data;  ///< CSV (docs/data_format.md, or a sweep's points.csv with renamed columns)
  /// Rows of this material only, and its E and b; required when the file has no single material.
  std::optional<std::string> material;
  std::string strain_rate_column = "strain_rate_per_s";
  std::string temperature_column = "temperature_K";
  std::string yield_column = "yield_GPa";
  std::string error_column = "err_GPa";  ///< optional in the file
  /// T [K] for every row when the file has no temperature column.
  std::optional<double> temperature_K;
  std::optional<double> fix_sigma_ath_GPa;
  std::optional<double> fix_ln_prefactor;
  /// JSON output; default: the data file with extension `.fit.json`.
  std::optional<std::filesystem::path> output;
};

/// Loads the data, fits Eq. 2 (nucleation::fitEq2), prints the parameters with standard errors and
/// writes them as JSON. Throws InputError (located) for bad files and for unidentifiable parameters.
void fitCommand(const FitOptions& options, std::ostream& out);

}  // namespace surfkmc::app
