// SPDX-License-Identifier: MIT
// The rejection-free (BKL / n-fold way) engine: per-atom total rates in a sum tree, local updates.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <variant>
#include <vector>

#include "core/random_stream.hpp"
#include "kmc/acceleration_report.hpp"
#include "kmc/composition_rejection.hpp"
#include "kmc/energetics.hpp"
#include "kmc/observer.hpp"
#include "kmc/rate_scaler.hpp"
#include "kmc/step_result.hpp"
#include "kmc/strain_energy_profile.hpp"
#include "kmc/super_move_params.hpp"
#include "kmc/super_moves.hpp"
#include "kmc/tree_selector.hpp"
#include "lattice/lattice.hpp"

namespace surfkmc::kmc {

/// How the engine picks the atom that moves. Composition–rejection is the default: its updates are
/// O(1) while each tree update walks log2(mobile atoms) levels (~11 on a 5 nm wire, ~15 on a 20 nm
/// one), so it costs ~20 % fewer instructions per event there (callgrind, bench_kmc wires).
enum class Selector : std::uint8_t {
  kSumTree,               ///< binary sum tree over the mobile atoms: O(log N), exact totals
  kCompositionRejection,  ///< power-of-two groups with rejection: O(1) updates
};

/// Engine switches.
struct EngineOptions {
  Selector selector = Selector::kCompositionRejection;
  /// After every event, recompute every rate from scratch and throw RuntimeError on any
  /// difference (slow: O(sites) per event; for tests and debugging).
  bool checking = false;
  /// Adaptive scaling of quasi-equilibrated pairs (off by default; see RateScaler).
  RateScalingParams rate_scaling{};
  /// Strain-energy site term u_el (off by default; see StrainEnergyProfile).
  StrainEnergyParams strain_energy{};
  /// Exact first-passage super-moves of lone adatoms (off by default; see SuperMoveParams).
  SuperMoveParams super_moves{};
};

/// Bortz–Kalos–Lebowitz (J. Comput. Phys. 17, 10, 1975) rejection-free KMC on a Lattice.
///
/// Each atom that can move owns a slot in a sum tree holding its total rate (sum of its allowed
/// hops, stress-free; the common stress factor multiplies the total). An event picks an atom by
/// tree descent, reuses the remainder of the same uniform to pick one of its hops, moves it and
/// recomputes exactly the atoms whose rate can have changed (see updateAfterHop). The engine
/// must be the only writer of the lattice between rebuildRates() calls.
///
/// Optional, all off by default and then costing one predictable branch per hop: rate scaling
/// (EngineOptions::rate_scaling; the table entries times RateScaler's α, windows closed inside
/// the event loop, O(mobile atoms) per window), the strain-energy site term
/// (EngineOptions::strain_energy; hop rates times g_j/g_i from per-site factors, skipped while
/// the profile is uniform; see below) and first-passage super-moves of lone adatoms
/// (EngineOptions::super_moves; SuperMoves). accelerationReport() says what they did.
///
/// Exact u_el by rejection. The factors g in the stored rates are those of the profile's last
/// commit, while the exact ones move with every atom that changes slab and with σ. Without
/// super-moves the engine keeps the kinetics exact by thinning: it draws waiting times from the
/// stored total times B = exp(b), b = StrainEnergyProfile::hopBound(), and accepts a drawn hop
/// i → j with probability exp(δ_j − δ_i − b), δ = ln g_exact − ln g_used of the slab (≤ 1 while
/// no slab is out of tolerance, which a refresh restores). Each hop then fires at exactly
/// table·g_j/g_i with the current g; a rejected draw moves the clock and nothing else. An
/// interlayer transit's entry is thinned the same way and its exits weighed with the exact g.
/// The profile is then refreshed at StrainEnergyParams::thinned_refresh_tolerance, which sets only
/// the cost. With super-moves (whose basin solutions read the stored factors) the factors in use
/// stand as they are, within stress_refresh_tolerance.
class Engine {
  friend class SuperMoves;

 public:
  /// Keeps a reference to `lattice` (which must outlive the engine); throws InputError for bad
  /// parameters.
  Engine(lattice::Lattice& lattice, const EnergeticsParams& params, RandomStream rng, EngineOptions options = {});
  Engine(Engine&&) noexcept;
  ~Engine();

  /// Performs one event: Δt = −ln(u)/R, then the hop (or a super-move, when one is due). Throws
  /// RuntimeError if R = 0.
  StepResult step();
  /// Runs until `limits`; calls `observer` (may be null) after every event. Stopping on time is
  /// exact: the drawn waiting time that would cross until_time_s is discarded (memoryless), and
  /// the clock set to until_time_s; a super-move under way is stopped there exactly, its atom put
  /// where the basin's distribution at that time says (and it carries on in the next run). A frozen
  /// surface (R = 0, mobileAtoms() == 0) has no next event: the clock goes to until_time_s if the
  /// limits set one, and stays where it is otherwise. Returns the number of events performed.
  std::int64_t run(const RunLimits& limits, Observer* observer = nullptr);

  /// New axial stress σ [GPa]: O(1) through the V_m factor (see Energetics); with u_el enabled
  /// also O(slabs) to check the profile, plus an O(sites) refresh if some rate moved by more than
  /// strain_energy.stress_refresh_tolerance. With a per-hop strain response (Energetics::strainResponse)
  /// a new σ refills the table and refreshes every mobile atom's rate exactly: O(mobile atoms).
  void setStress(double stress_GPa) {
    if (energetics_.setStress(stress_GPa)) refreshForNewTable();
    if (uel_enabled_) checkProfile();
  }
  /// Freezes u_el to the given value per x-slab [eV] (cells_x values) and refreshes every rate;
  /// requires strain_energy.enabled. Slab changes then no longer alter it (a fixed site energy).
  void setStrainEnergyProfile(const std::vector<double>& u_el_eV);
  /// What rate scaling and u_el did so far (O(pairs)).
  AccelerationReport accelerationReport() const;
  /// Σ over atoms of the rates without rate scaling [1/s], stress and u_el included: O(mobile atoms).
  double unscaledTotalRate() const;
  /// The u_el profile bookkeeping (valid when strain_energy.enabled).
  const StrainEnergyProfile& strainEnergyProfile() const { return profile_; }
  /// The rate scaler, if enabled.
  const RateScaler* rateScaler() const { return scaler_ ? &*scaler_ : nullptr; }
  /// New temperature [K]: refills the table and every rate, O(sites).
  void setTemperature(double temperature_K);
  /// Recomputes all rates from the lattice (after the caller changed it, e.g. placed atoms).
  void rebuildRates();
  /// Throws RuntimeError unless every stored rate equals its from-scratch value exactly.
  void verifyRates() const;

  /// Total rate R [1/s], stress included.
  double totalRate() const { return baseTotal() * energetics_.stressFactor(); }
  /// Total rate [1/s] of the atom on site s (0 if vacant or immobile), stress included.
  double siteRate(lattice::SiteIndex s) const;
  /// Number of atoms with a non-zero rate.
  std::int64_t mobileAtoms() const {
    return std::visit([](const auto& sel) { return sel.size(); }, selector_);
  }

  double time_s() const { return stats_.time_s; }
  std::int64_t events() const { return stats_.events; }
  const EventStatistics& statistics() const { return stats_; }
  const lattice::Lattice& lattice() const { return lattice_; }
  const Energetics& energetics() const { return energetics_; }
  const RandomStream& random() const { return rng_; }

  /// Rates set from their priors instead of computed since the engine was built (environment key; a diagnostic of
  /// the engine, not of the physics: neither checkpointed nor in any output but the benchmark's).
  std::int64_t ratesRestored() const { return rates_restored_; }

  /// Heap bytes held by the engine itself (not the lattice).
  std::size_t bytes() const;

  /// Writes the engine's complete state for a checkpoint (kmc/engine_checkpoint.cpp): clock and
  /// event counts, random stream, stress and temperature, rate-scaler and u_el bookkeeping, and
  /// the selector exactly as it is (its order and running sums decide which event a random number
  /// picks, so they are copied, not rebuilt), then the super-moves' state (SuperMoves::saveState).
  /// Not the lattice: save that with saveOccupancy().
  void saveState(BinaryWriter& out) const;
  /// Restores what saveState() wrote, for an engine built with the same parameters and options on
  /// the same specimen whose occupancy was restored first (Lattice::restoreOccupancy). The run then
  /// continues bit for bit as the saved one would have. O(sites); throws InputError on a mismatch.
  void restoreState(BinaryReader& in);

 private:
  double computeRate(lattice::SiteIndex a) const { return computeRate(a, rateTable()); }
  double computeRate(lattice::SiteIndex a, const double* table) const;
  /// computeRate's sum, with the hop walk's environment entries (kEnvironments) or without.
  template <bool kEnvironments>
  double rateOf(lattice::SiteIndex a, const double* table, const EnvironmentLookup& envs) const;
  /// An atom's rate without u_el from scratch (0 for an immobile coordination): computeRate's plain branch with the
  /// table and n_min given, inlined into the loops below.
  template <bool kEnvironments>
  [[gnu::always_inline]] inline double freshRate(lattice::SiteIndex a, const double* table, int n_min,
                                                 const EnvironmentLookup& envs) const;
  /// updateAfterHop's hot loop on the class key: the rates of `refresh`, set with the selector fixed.
  template <class Sel>
  [[gnu::always_inline]] inline void refreshRates(Sel& sel, const lattice::SiteIndex* refresh, int count);
  /// The rates of `refresh` on the environment key, out of line: each atom's prior rate where the last move that
  /// re-rated it was `undoes` (kNoMove: none), else computed; each keeps its rate before this move, and `self`.
  template <class Sel>
  [[gnu::noinline]] void refreshEnvironmentRates(Sel& sel, const lattice::SiteIndex* refresh, int count,
                                                 const EnvironmentLookup& envs, std::uint64_t undoes,
                                                 std::uint64_t self);
  /// The key of the move from → to in prior_move_.
  static std::uint64_t moveKey(lattice::SiteIndex from, lattice::SiteIndex to) {
    return (static_cast<std::uint64_t>(static_cast<std::uint32_t>(from)) << 32) | static_cast<std::uint32_t>(to);
  }
  static constexpr std::uint64_t kNoMove = ~std::uint64_t{0};
  /// Starts a new epoch (rates changed other than by a move): no prior kept so far is read again.
  void newEpoch();
  const double* rateTable() const { return scaled_ ? scaled_table_.data() : energetics_.table(); }
  /// The environment entries for the hop walk (kmc/hop_walk.hpp): null index without them.
  EnvironmentLookup environments() const {
    return {energetics_.environmentIndex(), energetics_.environmentRates(), env_.data()};
  }
  void refreshMobileRates();
  /// After the energetics refilled its table at the same T (a new σ with a strain response): the scaled
  /// table, every mobile atom's rate, and no solved basin kept (their rates changed). A rate is zero
  /// exactly where a barrier is infinite, which σ does not change, so the mobile atoms stay the same.
  void refreshForNewTable();
  void refreshSiteFactors();
  void checkProfile();
  /// Sets thin_bound_ and thin_factor_ from the profile (see "Exact u_el by rejection").
  void updateThinning();
  void endWindow();
  double baseTotal() const {
    return std::visit([](const auto& sel) { return sel.total(); }, selector_);
  }
  double storedRate(lattice::SiteIndex s) const;
  void setRate(lattice::SiteIndex s, double rate);
  void resumSelector();
  // The event loop's pieces, each for one selector type (so the selector's calls inline), and the
  // non-template forms for the callers outside the loop, which dispatch on selector_.
  template <class Sel>
  double drawWait(Sel& sel);
  double drawWait();
  template <class Sel>
  StepResult perform(Sel& sel, double dt_s);
  StepResult perform(double dt_s);
  template <class Sel>
  void updateAfterHop(Sel& sel, lattice::SiteIndex i, lattice::SiteIndex j, int d);
  /// Moves the atom on `from` along direction d and updates the rates; into a rim site
  /// (Energetics::rimTarget) it goes on at once to one of the rim's exits (docs/model.md#interlayer).
  /// Fills result.to, n_j, transit, via and jump; returns false when the exit drawn was `from` itself or one
  /// of its neighbours (a null event: the lattice and every rate are then as before).
  template <class Sel>
  bool hop(Sel& sel, lattice::SiteIndex from, int d, StepResult& result);
  bool hop(lattice::SiteIndex from, int d, StepResult& result);
  void updateAfterHop(lattice::SiteIndex i, lattice::SiteIndex j, int d);
  void refreshStepMasks();
  void moveAtom(lattice::SiteIndex from, lattice::SiteIndex to);
  template <bool kObserve, bool kSuperMoves, class Sel>
  std::int64_t runLoop(Sel& sel, const RunLimits& limits, Observer* observer);

  lattice::Lattice& lattice_;
  Energetics energetics_;
  RandomStream rng_;
  EngineOptions options_;
  lattice::SiteIndex sentinel_ = 0;

  // Per site: bit d (0..11) set if neighbour d is occupied; bit 16 + d set if neighbour d is the
  // sentinel (detail::kOccupancyBits, detail::kSentinelShift in kmc/hop_walk.hpp). One load gives a
  // site's whole neighbourhood, so rates need no per-neighbour loads.
  std::vector<std::uint32_t> env_;

  // Environment key only (else empty). Per site: the rate of its atom before the last move that re-rated it
  // (prior_rate_) and that move (prior_move_, moveKey(from, to)); for a site last filled by a move, the epoch of
  // that move (prior_epoch_). The epoch moves on whenever rates change other than by a move (a new table, u_el, a
  // rebuild), so a mover's record from before says its priors are stale. About half the atoms a move re-rates on a
  // 300 K Ag wire get their priors back this way (refreshEnvironmentRates; docs/methods.md).
  std::vector<double> prior_rate_;
  std::vector<std::uint64_t> prior_move_;
  std::vector<std::uint32_t> prior_epoch_;
  std::uint32_t epoch_ = 1;
  std::int64_t rates_restored_ = 0;

  // The atoms with a non-zero rate, keyed by site (EngineOptions::selector picks the type).
  std::variant<CompositionRejection, TreeSelector> selector_;

  // Per hop direction d: bitmasks (over directions from i, resp. from j = i + d) of the 4
  // common-neighbour directions and of the 7 neighbours of i (resp. j) that are neither i, j nor
  // common. updateAfterHop walks these masks against the occupancy bits of env_.
  std::array<std::uint32_t, lattice::kNeighbourCount> common_mask_{};
  std::array<std::uint32_t, lattice::kNeighbourCount> only_i_mask_{};
  std::array<std::uint32_t, lattice::kNeighbourCount> only_j_mask_{};
  // Per mover coordination n_a (0..12): bit m set if the rate table in use has some entry of row
  // n_a that differs between n_j = m and n_j = m + 1 (any c). A vacant site whose coordination
  // moves between m + 1 and m + 2 changes the rate of a neighbouring atom a only if bit m of
  // nj_step_[n_a] is set. nj_step_any_ is the union over n_a. Refilled whenever the table changes
  // (refreshStepMasks); for the bond-counting table only the n_min threshold has a step.
  std::array<std::uint16_t, kCoordinationValues> nj_step_{};
  std::uint16_t nj_step_any_ = 0;

  EventStatistics stats_;

  // Rate scaling: the scaled table (base × α) used when any α < 1 (the windows' acceleration
  // account is the scaler's own).
  std::optional<RateScaler> scaler_;
  RateScaler::Table scales_{};
  RateScaler::Table scaled_table_{};
  bool scaled_ = false;
  std::vector<lattice::SiteIndex> mobile_scratch_;

  // Strain energy: per-site factor g (its slab's) when the profile is non-uniform.
  bool uel_enabled_ = false;
  bool uel_active_ = false;
  bool uel_frozen_ = false;
  StrainEnergyProfile profile_;
  std::vector<double> site_g_;
  // Thinning of stale u_el factors: b and B = exp(b) while the profile can drift (no super-moves), else 0 and 1.
  double thin_bound_ = 0.0;
  double thin_factor_ = 1.0;

  // First-passage super-moves: their state and algorithms (a friend, see SuperMoves).
  std::optional<SuperMoves> super_;
};

}  // namespace surfkmc::kmc
