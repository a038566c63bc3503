// SPDX-License-Identifier: MIT
// The one unit system of surfkmc (eV, Å, s, K, GPa) and every conversion between units.
#pragma once

namespace surfkmc::units {

/// Boltzmann constant k_B [eV/K] (CODATA 2018, exact).
inline constexpr double kBoltzmann_eV_per_K = 8.617333262e-5;
/// Planck constant h [eV s] (CODATA 2018, exact).
inline constexpr double kPlanck_eV_s = 4.135667696e-15;
/// 1 GPa · Å³ in eV: 1e9 Pa × 1e-30 m³ = 1e-21 J = 1e-21 / 1.602176634e-19 eV.
inline constexpr double kGPaCubicAngstrom_eV = 1.0e-21 / 1.602176634e-19;
/// Euler–Mascheroni constant γ_E (mean of the standard Gumbel law).
inline constexpr double kEulerGamma = 0.57721566490153286061;
inline constexpr double kPi = 3.14159265358979323846;

/// Surface energy: 1 eV/Å² in J/m² (1.602176634e-19 J / 1e-20 m²).
inline constexpr double kEvPerA2ToJPerM2 = 1.602176634e-19 / 1.0e-20;

/// Length: nanometres to ångström.
constexpr double nmToAngstrom(double nm) { return nm * 10.0; }
/// Length: ångström to nanometres.
constexpr double angstromToNm(double a) { return a * 0.1; }
/// Length: ångström to metres.
constexpr double angstromToM(double a) { return a * 1.0e-10; }
/// Area: Å²/s to m²/s.
constexpr double angstrom2PerSToM2PerS(double v) { return v * 1.0e-20; }
/// Energy of a stress acting through a volume: σ [GPa] × V [Å³] → eV.
constexpr double gpaVolumeToEV(double gpa, double volume_A3) { return gpa * volume_A3 * kGPaCubicAngstrom_eV; }
/// Energy density: eV/Å³ → GPa.
constexpr double eVPerA3ToGPa(double e) { return e / kGPaCubicAngstrom_eV; }
/// Thermal energy k_B T [eV] at temperature T [K].
constexpr double thermalEnergy_eV(double temperature_K) { return kBoltzmann_eV_per_K * temperature_K; }

}  // namespace surfkmc::units
