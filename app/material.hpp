// SPDX-License-Identifier: MIT
// A material's parameters in engine units (Å, eV, s, GPa), each with the source it came from.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>

#include "app/source_location.hpp"
#include "kmc/energetics_params.hpp"
#include "kmc/hop_table.hpp"
#include "kmc/strain_energy_profile.hpp"
#include "nucleation/nucleation_parameters.hpp"

namespace surfkmc::app {

/// Where one parameter came from, as written in the materials file.
struct ParameterSource {
  double value = 0.0;  ///< as written, in `unit`
  std::string unit;
  std::string source;
  /// Reliability tag (docs/parameters.md#tags): V verified in a source, D derived (arithmetic in the
  /// source note), R recalled from the literature and not checked, A assumed (no source found).
  std::string tag;
};

/// The interatomic potential a material names for the atomistic layer (docs/atomistic.md).
struct PotentialReference {
  /// Name of an installed KIM portable model, e.g. "EAM_Dynamo_WuTrinkle_2009_CuAg__MO_270337113239_005".
  std::string kim_model;
  /// The species symbol the model knows this metal by.
  std::string species;
  /// Why this model (citation, choice), as written in the file.
  std::string source;
};

/// Where the material's computed nucleation barriers are (optional key `nucleation_barriers: {file, source}`).
/// The file is read only by a scenario with `nucleation.model: computed` (loadNucleationBarriers), so a
/// copy of a shipped material file loads anywhere as long as that model is not asked for.
/// A data file a material names (`nucleation_barriers:`, `hop_catalogue:`): where, and why.
struct DataFileReference {
  std::string written;         ///< `file` as written
  std::filesystem::path file;  ///< resolved against the material file's folder
  std::string source;          ///< why these barriers, as written
  SourceLocation location;     ///< of `file`'s value, for errors found when it is read
};

using NucleationBarrierReference = DataFileReference;

/// `hop_catalogue.strain_response: {low, high, source}`: the same hops computed at a compressive and a
/// tensile axial strain (`surfkmc atomistic hops --axial-strain`), which give each hop class its own
/// response to stress (kmc::addStrainResponse).
struct HopStrainFiles {
  DataFileReference low;
  DataFileReference high;
};

/// The hop catalogue, read: the barrier table built from `surfkmc atomistic hops` (kmc/hop_table.hpp).
struct HopCatalogueFile {
  std::filesystem::path file;
  std::string hash;  ///< SourceFile::hash() of its bytes (an input of every run that uses it)
  kmc::HopTable table;
  /// The strained catalogues (low, then high) and their hashes, when the material names them.
  std::vector<std::pair<std::filesystem::path, std::string>> strain_files;
};

/// The computed nucleation barriers, read: the power-law fits of `surfkmc atomistic nucleation`.
/// How the computed barriers become a law ΔG(σ) per site (`nucleation_barriers.law`).
enum class NucleationBarrierLaw {
  kPower,      ///< `power`: the fit Q*(1 − σ/σ_ath)^α the file holds per site (the default)
  kTabulated,  ///< `tabulated`: the file's usable points, interpolated in ln ΔG (nucleation::BarrierTable)
};

struct NucleationBarrierFile {
  std::filesystem::path file;
  NucleationBarrierLaw law = NucleationBarrierLaw::kPower;
  std::string hash;  ///< SourceFile::hash() of its bytes (an input of every run that uses it)
  nucleation::ComputedLaws laws;
  /// The nominal axial stress of the unstrained segment (the edge's point at ε = 0) [GPa]: with the box at
  /// the bulk lattice length its core is unstrained, so this is the segment's surface-stress force per area.
  double segment_stress_GPa = 0.0;
  double segment_diameter_A = 0.0;  ///< the cylinder the laws were computed on [Å]
};

/// The class laws of Eq. 2 of Wang et al. 2021 (docs/model.md#nucleation): a typed-in athermal stress and
/// activation volume per site class, lowered with step height and pit size towards a floor. They are the
/// calibrated model's (docs/calibration.md §3), read only by `nucleation.model: linear` or `power`; the
/// shipped materials keep them in a file of their own (`linear_law:`), apart from the potential's physics.
/// Activation volumes are given in b³ in the file and held in Å³ here.
struct LinearNucleationLaw {
  /// Athermal stress σ_ath [GPa] and activation volume Ω [Å³] of a pristine facet edge or corner.
  double edge_sigma_ath_GPa = 0.0;
  double edge_activation_volume_A3 = 0.0;
  /// The same for a monatomic surface step (the h = 1 base of multi-layer steps).
  double step_sigma_ath_GPa = 0.0;
  double step_activation_volume_A3 = 0.0;
  /// The same for a single-vacancy pit (the m = 1 base of larger pits).
  double pit_sigma_ath_GPa = 0.0;
  double pit_activation_volume_A3 = 0.0;
  /// σ_ath(h) = σ_ath,step · (floor + (1 − floor) e^{−decay (h − 1)}) for a step of height h.
  double step_height_floor = 1.0;
  double step_height_decay = 0.0;
  /// σ_ath(m) = σ_ath,pit · (floor + (1 − floor) e^{−decay (m − 1)}) for a pit of m vacancies.
  double pit_size_floor = 1.0;
  double pit_size_decay = 0.0;
};

/// Parameters of one FCC metal. Plain doubles in engine units; `sources` keeps provenance by
/// the materials-file key (e.g. "bond_energy_eV").
struct Material {
  std::string name;     ///< e.g. "Ag"
  std::string species;  ///< chemical symbol written to extXYZ files
  std::filesystem::path source_path;
  std::string source_hash;  ///< SourceFile::hash() of the materials file

  /// Cubic lattice constant a [Å].
  double lattice_constant_A = 0.0;
  /// Young's modulus along the <112> wire axis E [GPa] (Eq. 1 loading law).
  double youngs_modulus_112_GPa = 0.0;
  /// Full Burgers vector b = a/√2 [Å] (unit of activation volumes).
  double burgers_vector_A = 0.0;
  /// Atomic volume Ω_at = a³/4 [Å³].
  double atomic_volume_A3 = 0.0;
  /// KMC hop attempt frequency ν₀ [1/s].
  double attempt_frequency_per_s = 0.0;
  /// Nearest-neighbour bond energy ε_b [eV].
  double bond_energy_eV = 0.0;
  /// Adatom hop barrier on a (111) terrace [eV] (measured; the KMC's E_0 is calibrated to it).
  double terrace_barrier_111_eV = 0.0;
  /// Adatom hop barrier on a (100) terrace [eV].
  double terrace_barrier_100_eV = 0.0;
  /// Ehrlich–Schwoebel extra barrier at a (111) step edge E_ES [eV].
  double ehrlich_schwoebel_eV = 0.0;
  /// Bulk melting point [K] (optional key): `check` warns about temperatures at or above it.
  std::optional<double> melting_point_K;
  /// Debye frequency ν_D, the nucleation attempt frequency [1/s].
  double debye_frequency_per_s = 0.0;
  /// Meyer–Neldel temperature T_MN [K] of the nucleation activation entropy ΔS = ΔG/T_MN (optional key;
  /// used only by scenarios with `nucleation.activation_entropy: meyer_neldel`).
  std::optional<double> meyer_neldel_temperature_K;
  /// Activation volume of surface migration V_m [Å³] (the file gives it in b³; sign is physical).
  double migration_activation_volume_A3 = 0.0;

  /// The class laws of Eq. 2 (`nucleation.model: linear` or `power`), when known: written in the file, or read
  /// from `linear_law.file` by loadLinearLaw(). They are calibrated, not computed (docs/calibration.md §3).
  std::optional<LinearNucleationLaw> linear_law;
  /// `linear_law: {file, source}`: where the class laws of Eq. 2 are, when they are not in the file itself.
  std::optional<DataFileReference> linear_law_file;
  /// SourceFile::hash() of that file once loadLinearLaw() has read it (an input of every run that uses it).
  std::string linear_law_hash;
  /// Geometric constant C of the Coble-type creep law ε̇_diff = C σ Ω² ν_s D_s / (k_B T D³).
  double coble_constant = 0.0;

  /// How E_0(c) of the saddle classes follows from the terrace barriers: "terrace_pair" (c = 1 from
  /// the (111) barrier, c ≥ 2 from the (100) one) or "uniform" (one E_0 for every class, from (111):
  /// the (100) barrier then comes out as E_111 + ε_b). See energeticsFor().
  std::string saddle_model = "terrace_pair";
  /// The potential for `surfkmc atomistic`; empty kim_model if the file names none.
  PotentialReference potential;
  /// Computed nucleation barriers of that potential, if the file names them.
  std::optional<NucleationBarrierReference> nucleation_barriers;
  /// `nucleation_barriers.law`: `power` (default) or `tabulated`.
  NucleationBarrierLaw nucleation_barrier_law = NucleationBarrierLaw::kPower;
  /// `hop_catalogue: {file, source}`: CI-NEB barriers of the KMC's hops from the potential (optional).
  std::optional<DataFileReference> hop_catalogue;
  /// `hop_catalogue.strain_response`, if the file names it.
  std::optional<HopStrainFiles> hop_catalogue_strain;
  /// The table energeticsFor() uses instead of bond counting; set only when a scenario asks for
  /// `kmc.energetics: catalogue` (the scenario loader reads the file).
  std::optional<kmc::HopTable> hop_table;
  std::map<std::string, ParameterSource> sources;

  /// Throws InputError if a value is non-finite, out of physical range, or b and Ω_at disagree
  /// with a by more than 1 %.
  void validate() const;
};

/// How the KMC's barriers answer to the axial stress, as summary.json names it: "per_hop" (each hop class
/// with its slope from the strained catalogues) or "migration_volume" (one factor exp(σV_m/k_BT) for all).
std::string stressResponseName(const Material& m);

/// The KMC energetics of a material at temperature T [K] (no stress). With saddle_model
/// "terrace_pair" E_0(c) reproduces both measured terrace barriers (kmc::e0FromTerraceBarriers);
/// with "uniform" every saddle class gets E_0 = E_111 − 3ε_b (docs/model.md#surface-kinetics).
kmc::EnergeticsParams energeticsFor(const Material& material, double temperature_K);

struct LoadingSection;
/// The strain-energy site term of a loaded run: on unless `loading.strain_energy` is false, with the material's
/// E<112> and atomic volume and the loading's refresh tolerance.
kmc::StrainEnergyParams strainEnergyFor(const Material& material, const LoadingSection& loading);

}  // namespace surfkmc::app
