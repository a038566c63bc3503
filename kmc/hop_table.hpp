// SPDX-License-Identifier: MIT
// A barrier table E_a(n_i, n_j, c) from CI-NEB barriers of sampled hops (a hop catalogue), in exact
// detailed balance with a pair Hamiltonian whose bond energy comes from the same samples' end states.
#pragma once

#include <cstdint>
#include <limits>
#include <vector>

namespace surfkmc::kmc {

/// A sample without an environment key (HopBarrierSample::environment).
inline constexpr std::uint32_t kNoEnvironment = std::numeric_limits<std::uint32_t>::max();

/// One computed hop of class (n_i, n_j, c), in its own direction.
struct HopBarrierSample {
  int n_i = 0;
  int n_j = 0;
  int c = 0;
  double forward_eV = 0.0;
  double backward_eV = 0.0;
  /// E_final − E_initial of the relaxed end states [eV].
  double delta_eV = 0.0;
  enum class Status {
    kValid,     ///< converged, both end states minima at their sites
    kUnstable,  ///< an end state is no minimum at its site (the atom slides away, or falls back)
    kFailed,    ///< the NEB did not converge: says nothing about the hop
  } status = Status::kValid;
  /// The pair key of the hop's environment (HopEnvironmentIndex::pairKey: one key for a hop and its reverse),
  /// or kNoEnvironment.
  std::uint32_t environment = kNoEnvironment;
};

/// One way into a rim site (a vacant site with n_min − 1 occupied neighbours besides the mover), computed
/// as a whole crossing over it (docs/model.md#interlayer): an atom with n occupied neighbours and c occupied
/// common neighbours with the rim enters it and goes on to a stable site on its far side.
struct RimEntrySample {
  int n = 0;
  int c = 0;
  /// The crossing's barrier from this side [eV].
  double barrier_eV = 0.0;
  /// Whether a valid NEB gave it; an invalid one says the potential holds no crossing from here.
  bool valid = false;
};

/// The table and what it rests on.
struct HopTable {
  /// EnergeticsParams::barrier_table_eV: finite, +inf (no such hop) or NaN (not catalogued).
  std::vector<double> barrier_eV;
  /// ε of H = −ε·(nearest-neighbour bonds): ΔE = ε (n_i − n_j) fitted by least squares through zero to
  /// the valid samples' end-state energies [eV]. The table obeys detailed balance with this H.
  double pair_energy_eV = 0.0;
  /// RMS of ΔE − ε (n_i − n_j) over the valid samples [eV].
  double pair_energy_rms_eV = 0.0;
  /// Unordered pairs {(a, b, c), (b, a, c)} with a valid sample, with only unstable ones, with none.
  int catalogued_pairs = 0;
  int forbidden_pairs = 0;
  int valid_samples = 0;
  /// K of each entry's pair (the same for a hop and its reverse) [eV]; NaN where no valid sample.
  std::vector<double> kra_eV;

  /// The response to the wire's axial strain e (addStrainResponse); empty without one. Per entry dE_a/de
  /// [eV per unit strain] = dK/de ± (dε/de)(n_i − n_j)/2, so a hop and its reverse keep ΔE = ε(e)(n_i − n_j).
  std::vector<double> strain_slope_eV;
  /// dε/de [eV] of the pair energy.
  double pair_energy_strain_slope_eV = 0.0;
  /// Catalogued pairs with a sample valid at all three strains (their dK/de is measured); the rest take 0.
  int strain_resolved_pairs = 0;
  /// Samples valid at all three strains, on which the slopes rest.
  int strain_paired_samples = 0;
  /// The two strains the response was taken between.
  double strain_low = 0.0, strain_high = 0.0;

  /// Rim entries (n, n_min − 1, c) with a barrier from the crossings (addRimEntries), and with only invalid
  /// crossings (no transit from there); the valid samples they rest on.
  int rim_entries = 0;
  int rim_forbidden_entries = 0;
  int rim_valid_samples = 0;
  /// Rim entries whose strain slope is measured (addRimStrainResponse).
  int rim_strain_resolved_entries = 0;

  /// Environment entries (addEnvironments): pair keys, K [eV] (+inf: only unstable samples), and dK/de [eV per
  /// unit strain] (addEnvironmentStrainResponse; NaN: not measured, the class pair's is used).
  std::vector<std::uint32_t> environment_keys;
  std::vector<double> environment_kra_eV;
  std::vector<double> environment_kra_strain_slope_eV;
  /// Valid samples the environment entries rest on, and entries whose dK/de is measured.
  int environment_valid_samples = 0;
  int environment_strain_resolved = 0;
};

/// Builds the table over the hops with n_i, n_j ≥ n_min (and n_i < 12); entries outside that stay +inf.
/// A hop and its reverse, (a, b, c) and (b, a, c), cross the same saddle, so they are built together:
///   * with valid samples in either direction: the kinetically resolved barrier K = mean over them of
///     (E_f + E_b)/2 and E_a(a → b) = K + ΔH/2, E_a(b → a) = K − ΔH/2 with ΔH = ε (a − b); where
///     K < |ΔH|/2 (a saddle below the higher end state) the barriers become max(0, ±ΔH);
///   * with only unstable samples: +inf both ways (the potential holds no atom at one of the sites);
///   * otherwise (unsampled, or only failed NEBs): NaN both ways, the bond-counting fallback.
/// Either way E_a(a → b) − E_a(b → a) = ε (a − b), so with the fallback's bond energy set to ε the rates obey
/// detailed balance with H exactly. Throws InvariantError without a valid sample with n_i ≠ n_j.
HopTable buildHopTable(const std::vector<HopBarrierSample>& samples, int n_min);

/// Adds to `table` (buildHopTable of `at_zero`) its response to axial strain, from the same hops computed at
/// strains `low` < 0 < `high`: the three lists hold one hop per index (the same sample, strained). Only
/// samples valid at all three strains count, and each enters as a paired difference, so a change of which
/// samples are valid cannot pose as a slope:
///   * per pair, dK/de = mean over its samples of (K_high − K_low)/(high − low), K = (E_f + E_b)/2 (else 0);
///   * dε/de by least squares through zero of (ΔE_high − ΔE_low)/(high − low) against n_i − n_j.
/// Entries without a K of their own (forbidden, not catalogued) get slope 0: the fallback follows ε(e) through
/// EnergeticsParams. Throws InvariantError unless low < 0 < high, the lists have one length and each index
/// holds one class in all three, and `table` has the table layout.
void addStrainResponse(HopTable& table, const std::vector<HopBarrierSample>& at_zero,
                       const std::vector<HopBarrierSample>& at_low, double low,
                       const std::vector<HopBarrierSample>& at_high, double high);

/// Fills the rim entries (n, n_min − 1, c) of `table` from crossings: the mean barrier of the entry's valid
/// samples, +inf where it has only invalid ones; the others stay +inf. A rim entry has no reverse entry (the
/// rim is left at once, with the weights detailed balance fixes: Energetics::transitExitFactor), so it is no
/// pair and is not clamped. Throws InvariantError for a sample outside n in [n_min, 11], c in [0, 4], or a
/// table without the barrier-table layout.
void addRimEntries(HopTable& table, const std::vector<RimEntrySample>& samples, int n_min);

/// Forbids every rim entry (n, n_min − 1, c) again and sets rim_entries to 0: the table without interlayer
/// transits (`kmc.interlayer: false`); the rest of the table stays.
void removeRimEntries(HopTable& table, int n_min);

/// Drops every environment entry (keys, KRAs, their strain slopes and counts): the table the class key reads, bit
/// for bit the one read without environments (the class entries never rest on learned samples).
void removeEnvironmentEntries(HopTable& table);

/// The rim entries' strain response, from the same crossings computed at strains low < 0 < high (one entry
/// sample per index in all three lists): per entry the mean of (E_high − E_low)/(high − low) over the samples
/// valid at all three strains, else 0. Needs addStrainResponse first (it sizes strain_slope_eV). Throws
/// InvariantError on lists of different lengths or classes.
void addRimStrainResponse(HopTable& table, const std::vector<RimEntrySample>& at_zero,
                          const std::vector<RimEntrySample>& at_low, double low,
                          const std::vector<RimEntrySample>& at_high, double high, int n_min);

/// Adds to `table` one entry per environment (pair key) of the samples with n_i, n_j ≥ n_min (rim hops keep their
/// class entries): K = the mean of (E_f + E_b)/2 over its valid samples; +inf where it has only unstable ones (the
/// potential holds no atom at one of its sites); no entry where it has only failed ones. The barriers follow as
/// for a class pair, E_a = K ± ΔH/2 with the table's ε (Energetics), so detailed balance holds with any mix of
/// environment and class entries: a hop and its reverse read one entry. Entries are in increasing key order.
/// Throws InvariantError for a key beyond 18 bits.
void addEnvironments(HopTable& table, const std::vector<HopBarrierSample>& samples, int n_min);

/// Each environment entry's dK/de from the same hops at strains low < 0 < high (one hop per index in all three
/// lists), as addStrainResponse does per pair: the mean of (K_high − K_low)/(high − low) over its samples valid at
/// all three strains; NaN (the class pair's slope) where none is. Needs addEnvironments first. Throws
/// InvariantError on lists of different lengths or keys, or unless low < 0 < high.
void addEnvironmentStrainResponse(HopTable& table, const std::vector<HopBarrierSample>& at_zero,
                                  const std::vector<HopBarrierSample>& at_low, double low,
                                  const std::vector<HopBarrierSample>& at_high, double high);

}  // namespace surfkmc::kmc
