// SPDX-License-Identifier: MIT
// Parameters of the bond-counting hop barrier (docs/model.md#surface-kinetics), as a plain validated struct.
#pragma once

#include <array>
#include <cstdint>
#include <vector>

namespace surfkmc::kmc {

/// Largest number of occupied common neighbours of a nearest-neighbour pair in FCC.
inline constexpr int kMaxCommon = 4;
/// Entries of a barrier table over (n_i = 0..12, n_j = 0..11, c = 0..4), laid out as Energetics::index.
inline constexpr int kBarrierTableSize = 13 * 12 * (kMaxCommon + 1);

/// Barrier of a hop i → j (docs/model.md#surface-kinetics):
///   E_a = E_0(c) + ε_b·n_i + E_ES·[c ≤ c_ES] − σ·V_m,   k = ν_0 exp(−E_a / k_B T),
/// with n_i the occupied neighbours of i and c the occupied common neighbours of i and j. The
/// hop is allowed iff n_i ≥ n_min and n_j ≥ n_min (n_j: occupied neighbours of j other than i).
struct EnergeticsParams {
  /// Attempt frequency ν_0 [1/s].
  double attempt_frequency_per_s = 1.0e12;
  /// Lateral bond energy ε_b [eV].
  double bond_energy_eV = 0.16;
  /// Saddle term E_0(c) [eV], indexed by the occupied common-neighbour count c = 0..4.
  std::array<double, kMaxCommon + 1> e0_by_common_eV{};
  /// Ehrlich–Schwoebel extra E_ES [eV], added when c ≤ es_max_common.
  double es_barrier_eV = 0.0;
  /// Largest common-neighbour count at which the ES extra applies (0: only fully open saddles).
  int es_max_common = 0;
  /// Minimum occupied neighbours an atom needs before (n_i) and after (n_j) a hop.
  int n_min = 3;
  /// Temperature T [K].
  double temperature_K = 300.0;
  /// Axial stress σ [GPa] (tension positive).
  double stress_GPa = 0.0;
  /// Migration activation volume V_m [Å³]; the barrier falls by σ·V_m.
  double migration_volume_A3 = 0.0;
  /// Barriers E_a(n_i, n_j, c) [eV] from a hop catalogue (kmc/hop_table.hpp), indexed as
  /// Energetics::index; empty: bond counting throughout. Per entry: finite = the barrier; +inf = no such
  /// hop (rate 0); NaN = not catalogued, so the bond-counting formula above gives it. The hop rule
  /// n_i, n_j ≥ n_min still bounds the state space.
  std::vector<double> barrier_table_eV;
  /// The barriers' response to the wire's axial strain e = σ · axial_compliance_per_GPa (issue 16 item 4;
  /// kmc/hop_table.hpp, addStrainResponse). Empty: none, and stress acts only through V_m. Otherwise
  /// kBarrierTableSize entries dE_a/de [eV] beside barrier_table_eV, a catalogue is required, V_m must be 0
  /// (the per-hop response replaces the global factor), and at strain e the table's entry is
  /// E_a + e · slope while the bond-counting fallback's bond energy is ε_b + e · bond_energy_strain_slope_eV.
  /// A hop and its reverse are then clamped as a pair (where the saddle falls below the higher end state:
  /// max(0, ±ΔH)), so detailed balance with H = −ε(e)·bonds holds at every stress.
  std::vector<double> barrier_strain_slope_eV;
  /// Interlayer transits (docs/model.md#interlayer): an atom may also hop into a rim site, a vacant site
  /// with n_j = n_min − 1 occupied neighbours besides it, at the rate of the table's finite entry
  /// (n_i, n_min − 1, c), and goes on at once to one of the rim's stable exits. Needs a barrier table;
  /// rim entries come only from it (NaN or +inf there: no transit from that class).
  bool interlayer_transit = false;
  /// dε_b/de [eV] of the fallback's (and the pair Hamiltonian's) bond energy.
  double bond_energy_strain_slope_eV = 0.0;
  /// Axial strain per GPa of axial stress, 1/E<112> [1/GPa]; > 0 with a strain response.
  double axial_compliance_per_GPa = 0.0;
  /// Barriers keyed by environment (kmc/hop_environment_index.hpp; kmc.hop_key: environment): the pair keys of
  /// the environments a catalogue holds, each with its K [eV] (+inf: no such hop) and dK/de [eV per unit strain]
  /// (NaN: the class pair's). A hop whose environment is here crosses a saddle at
  /// E_a = K(e) + ε(e)(n_i − n_j)/2 (clamped as a pair, as the class table), with ε(e) the bond energy above;
  /// any other hop takes its class entry. Empty: class entries throughout. Needs a barrier table.
  std::vector<std::uint32_t> environment_keys;
  std::vector<double> environment_kra_eV;
  std::vector<double> environment_kra_strain_slope_eV;

  bool strainResponse() const { return !barrier_strain_slope_eV.empty(); }

  /// Throws InputError naming the first offending field.
  void validate() const;
};

/// E_0(c) from the two measured terrace barriers, so that a (111) adatom (n_i = 3, c = 1) hops
/// with barrier `terrace_111_eV` and a (100) adatom (n_i = 4, c = 2) with `terrace_100_eV`,
/// whatever ε_b is:  E_0(1) = E_111 − 3ε_b,  E_0(2) = E_100 − 4ε_b.
/// The other classes have no terrace datum, so they borrow the nearest measured saddle:
///  * c = 0 (the pair shares no occupied neighbour: hopping over a step edge or off a lone
///    ridge) takes E_0(1), the most open measured saddle; the ES extra (c ≤ es_max_common)
///    is what makes it harder, so the ES datum is not counted twice.
///  * c = 3, 4 (a saddle squeezed between three or four atoms, e.g. along a step foot or in a
///    groove) take E_0(2): the (100) hollow-to-hollow saddle (two atoms at the bridge) is the most
///    confined measured one, and bond counting already rewards the extra neighbours through
///    n_i and n_j, so no further term is invented.
std::array<double, kMaxCommon + 1> e0FromTerraceBarriers(double terrace_111_eV, double terrace_100_eV,
                                                         double bond_energy_eV);

}  // namespace surfkmc::kmc
