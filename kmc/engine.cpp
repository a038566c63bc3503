// SPDX-License-Identifier: MIT
// The rejection-free engine: selection, hop, exact local rate updates.
#include "kmc/engine.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <limits>
#include <string>
#include <type_traits>
#include <variant>

#include "core/error.hpp"
#include "core/units.hpp"
#include "kmc/hop_walk.hpp"

namespace surfkmc::kmc {

using lattice::kNeighbourCount;
using lattice::SiteIndex;

namespace {

constexpr int dot(lattice::CubicVec a, lattice::CubicVec b) { return a.i * b.i + a.j * b.j + a.k * b.k; }

constexpr std::uint32_t kOccBits = detail::kOccupancyBits;
using detail::forEachOpenHop;
using detail::kPopcount12;
using detail::kSentinelShift;

// Most atoms one hop can change: j, the 11 other atoms around i, the 7 only around j, and up to 11
// atoms around each of the vacant sites next to i or j: the 14 next to exactly one of them, and with
// environment entries also the 4 common ones.
constexpr int kMaxRefresh = 1 + 11 + 7 + 18 * 11;

// Σ over the open hops of an atom (env, neighbours nb, row n_i of the table) of their table entries,
// in direction order 0..11: the one definition of a rate without u_el, used by computeRate and by
// the inlined loop of updateAfterHop, so both give the same bits.
template <bool kEnvironments>
inline double plainRateSum(std::uint32_t env, const SiteIndex* nb, const std::uint8_t* coord, const double* row,
                           const std::uint32_t* common_mask, const EnvironmentLookup& envs) {
  double sum = 0.0;
  forEachOpenHop<kEnvironments>(env, nb, coord, row, common_mask, envs,
                                [&sum](int, double entry, SiteIndex) { sum += entry; });
  return sum;
}

}  // namespace

Engine::Engine(lattice::Lattice& lattice, const EnergeticsParams& params, RandomStream rng, EngineOptions options)
    : lattice_(lattice), energetics_(params), rng_(rng), options_(options), sentinel_(lattice.sentinel()) {
  if (options_.selector == Selector::kSumTree) selector_.emplace<TreeSelector>();
  const auto& frame = lattice_.frame();
  for (int d = 0; d < kNeighbourCount; ++d) {
    std::uint32_t mask = 0;
    for (int m : frame.commonDirections(d)) mask |= 1u << m;
    common_mask_[d] = mask;
    std::uint32_t only_i = 0;
    std::uint32_t only_j = 0;
    for (int m = 0; m < kNeighbourCount; ++m) {
      if (m != d && !((mask >> m) & 1u)) only_i |= 1u << m;
      // j + m is i itself, a common neighbour (a nearest-neighbour vector from i), or only j's.
      const lattice::CubicVec v = lattice::kDirections[d] + lattice::kDirections[m];
      if (dot(v, v) != 0 && dot(v, v) != 2) only_j |= 1u << m;
    }
    if (std::popcount(only_i) != 7 || std::popcount(only_j) != 7)
      throw RuntimeError("FCC pair must have 7 + 7 unshared neighbours");
    only_i_mask_[d] = only_i;
    only_j_mask_[d] = only_j;
  }
  if (options_.rate_scaling.enabled) {
    scaler_.emplace(options_.rate_scaling);
    scales_.fill(1.0);
  }
  uel_enabled_ = options_.strain_energy.enabled;
  if (uel_enabled_) options_.strain_energy.validate();
  if (options_.super_moves.enabled) super_.emplace(options_.super_moves, lattice_.siteCount());
  if (energetics_.environmentIndex() != nullptr && (scaler_ || super_))
    throw InputError(
        "barriers keyed by environment (kmc.hop_key: environment) run with exact kinetics only: rate scaling and "
        "super-moves act on class pairs");
  rebuildRates();
}

Engine::Engine(Engine&&) noexcept = default;
Engine::~Engine() = default;

void Engine::rebuildRates() {
  if (super_) super_->forgetSolvedBasins();
  const std::size_t sites = static_cast<std::size_t>(lattice_.siteCount()) + 1;
  std::visit(
      [&](auto& sel) {
        if constexpr (std::is_same_v<std::decay_t<decltype(sel)>, TreeSelector>) {
          sel.reset(static_cast<std::int64_t>(sites), lattice_.atomCount());
        } else {
          sel.reset(static_cast<std::int64_t>(sites));
        }
      },
      selector_);
  env_.assign(sites, 0);
  for (SiteIndex s = 0; s < lattice_.siteCount(); ++s) {
    const SiteIndex* nb = lattice_.neighbours(s);
    std::uint32_t e = 0;
    for (int d = 0; d < kNeighbourCount; ++d) {
      e |= static_cast<std::uint32_t>(lattice_.occupied(nb[d])) << d;
      e |= static_cast<std::uint32_t>(nb[d] == sentinel_) << (kSentinelShift + d);
    }
    env_[static_cast<std::size_t>(s)] = e;
  }
  if (scaler_) {
    for (int k = 0; k < RateScaler::kEntries; ++k)
      scaled_table_[static_cast<std::size_t>(k)] = energetics_.table()[k] * scales_[static_cast<std::size_t>(k)];
    mobile_scratch_.reserve(sites);
  }
  refreshStepMasks();
  if (uel_enabled_) {
    if (!uel_frozen_) {
      // Without super-moves the drift is corrected by rejection, and the threshold only sets the cost.
      StrainEnergyParams params = options_.strain_energy;
      if (!super_) params.stress_refresh_tolerance = params.thinned_refresh_tolerance;
      profile_ = StrainEnergyProfile(lattice_, params);
    }
    profile_.setState(energetics_.params().stress_GPa, units::thermalEnergy_eV(energetics_.params().temperature_K));
    profile_.commit();
    site_g_.assign(sites, 1.0);
    mobile_scratch_.reserve(sites);
    refreshSiteFactors();
    updateThinning();
  }
  for (SiteIndex s = 0; s < lattice_.siteCount(); ++s)
    if (lattice_.occupied(s)) setRate(s, computeRate(s));
  resumSelector();
  if (energetics_.environmentIndex() != nullptr) {
    prior_rate_.assign(sites, 0.0);
    prior_move_.assign(sites, kNoMove);
    prior_epoch_.assign(sites, 0);
  }
  newEpoch();
}

void Engine::newEpoch() {
  // After 2^32 − 1 epochs the counter would come back to values on record: clear the records first.
  if (++epoch_ == 0) {
    std::fill(prior_epoch_.begin(), prior_epoch_.end(), 0u);
    epoch_ = 1;
  }
}

void Engine::setTemperature(double temperature_K) {
  energetics_.setTemperature(temperature_K);
  rebuildRates();
}

void Engine::refreshSiteFactors() {
  uel_active_ = profile_.nonUniform();
  if (!uel_active_) return;
  const int slabs = profile_.slabCount();
  const std::size_t per_slab = static_cast<std::size_t>(lattice_.siteCount()) / static_cast<std::size_t>(slabs);
  for (int x = 0; x < slabs; ++x) {
    const double g = std::exp(profile_.lnFactor(x));
    std::fill_n(site_g_.begin() + static_cast<std::ptrdiff_t>(per_slab * static_cast<std::size_t>(x)), per_slab, g);
  }
}

// Recomputes the rate of every atom that can have one. Rate scaling and u_el factors never turn a
// zero rate into a non-zero one (α > 0, g > 0), so the atoms with a rate are exactly the mobile
// ones and no other site needs a visit: O(mobile atoms).
void Engine::refreshMobileRates() {
  mobile_scratch_.clear();
  std::visit(
      [&](const auto& sel) {
        sel.forEachKey([&](std::int64_t k) { mobile_scratch_.push_back(static_cast<SiteIndex>(k)); });
      },
      selector_);
  for (SiteIndex s : mobile_scratch_) setRate(s, computeRate(s));
  resumSelector();
  newEpoch();  // every prior rate is of the rates before
}

void Engine::refreshForNewTable() {
  if (scaler_)
    for (int k = 0; k < RateScaler::kEntries; ++k)
      scaled_table_[static_cast<std::size_t>(k)] = energetics_.table()[k] * scales_[static_cast<std::size_t>(k)];
  refreshMobileRates();
  if (super_) super_->forgetSolvedBasins();
}

void Engine::checkProfile() {
  if (profile_.setState(energetics_.params().stress_GPa, units::thermalEnergy_eV(energetics_.params().temperature_K))) {
    profile_.commit();
    refreshSiteFactors();
    refreshMobileRates();
    if (super_) super_->forgetSolvedBasins();
  }
  updateThinning();
}

void Engine::updateThinning() {
  thin_bound_ = (uel_enabled_ && !super_ && profile_.canDrift()) ? profile_.hopBound() : 0.0;
  thin_factor_ = std::exp(thin_bound_);
}

void Engine::setStrainEnergyProfile(const std::vector<double>& u_el_eV) {
  require(uel_enabled_, "setStrainEnergyProfile needs strain_energy.enabled");
  profile_.freeze(u_el_eV);
  uel_frozen_ = true;
  rebuildRates();
}

double Engine::unscaledTotalRate() const {
  double sum = 0.0;
  std::visit(
      [&](const auto& sel) {
        sel.forEachKey([&](std::int64_t k) { sum += computeRate(static_cast<SiteIndex>(k), energetics_.table()); });
      },
      selector_);
  return sum * energetics_.stressFactor();
}

// Window end of the rate scaler. The acceleration of the window just finished is the trapezoid of
// R_unscaled/R_scaled between its start (scales just set) and now (same scales); both totals are
// over the same configurations, so their ratio is the factor by which each event's waiting time
// exceeds plain KMC's there.
void Engine::endWindow() {
  const double unscaled = unscaledTotalRate();
  scaler_->closeWindow(stats_.time_s, unscaled / totalRate());
  // The fast/slow judgement uses the rates in force, stress included.
  RateScaler::Table base{};
  for (int k = 0; k < RateScaler::kEntries; ++k)
    base[static_cast<std::size_t>(k)] = energetics_.table()[k] * energetics_.stressFactor();
  if (scaler_->update(base.data(), scales_)) {
    bool any = false;
    for (int k = 0; k < RateScaler::kEntries; ++k) {
      scaled_table_[static_cast<std::size_t>(k)] = energetics_.table()[k] * scales_[static_cast<std::size_t>(k)];
      any = any || scales_[static_cast<std::size_t>(k)] < 1.0;
    }
    scaled_ = any;
    refreshStepMasks();
    refreshMobileRates();
    if (super_) super_->forgetSolvedBasins();
  }
  scaler_->openWindow(stats_.time_s, unscaled / totalRate());
}

AccelerationReport Engine::accelerationReport() const {
  AccelerationReport r;
  r.rate_scaling_enabled = scaler_.has_value();
  if (scaler_) {
    r.scaling_windows = scaler_->windows();
    r.scale_refreshes = scaler_->refreshes();
    r.scale_resets = scaler_->resets();
    r.smallest_scale = scaler_->smallestScale();
    for (int ni = 0; ni < kCoordinationValues - 1; ++ni)
      for (int nj = ni; nj < kTargetValues; ++nj)
        for (int c = 0; c < kCommonValues; ++c) {
          const double a = scales_[static_cast<std::size_t>(Energetics::index(ni, nj, c))];
          if (a < 1.0) r.scaled_pairs.push_back({ni, nj, c, a});
        }
    if (scaler_->accountedTime_s() > 0.0) r.effective_acceleration = scaler_->effectiveAcceleration();
    r.max_acceleration = scaler_->maxAcceleration();
    r.accounted_time_s = scaler_->accountedTime_s();
  }
  if (super_) super_->report(r, stats_.events);
  r.strain_energy_enabled = uel_enabled_;
  if (uel_enabled_) {
    r.profile_refreshes = profile_.refreshes();
    r.profile_drift = profile_.maxDrift();
    r.profile_rejections = stats_.u_el_rejections;
  }
  return r;
}

// Sum of the allowed hop rates of the atom on a, in direction order 0..11. Every caller (update,
// selection, verification) goes through this same arithmetic, so the results agree bit for bit.
double Engine::computeRate(SiteIndex a, const double* table) const {
  const EnvironmentLookup envs = environments();
  return envs.index != nullptr ? rateOf<true>(a, table, envs) : rateOf<false>(a, table, envs);
}

template <bool kEnvironments>
double Engine::rateOf(SiteIndex a, const double* table, const EnvironmentLookup& envs) const {
  const std::uint8_t* coord = lattice_.coordinationData();
  const int n_i = coord[a];
  if (n_i >= kNeighbourCount || n_i < energetics_.params().n_min) return 0.0;
  const std::uint32_t env = env_[static_cast<std::size_t>(a)];
  const SiteIndex* nb = lattice_.neighbours(a);
  const double* row = table + n_i * kRateRowStride;
  if (uel_active_) {
    // rate_ij = table · g_j / g_i (StrainEnergyProfile): exp-free, the factors are per site.
    const double* g = site_g_.data();
    double sum = 0.0;
    forEachOpenHop<kEnvironments>(env, nb, coord, row, common_mask_.data(), envs,
                                  [&sum, g](int, double entry, SiteIndex t) { sum += entry * g[t]; });
    return sum / g[a];
  }
  return plainRateSum<kEnvironments>(env, nb, coord, row, common_mask_.data(), envs);
}

double Engine::storedRate(SiteIndex s) const {
  return std::visit([s](const auto& sel) { return sel.rate(s); }, selector_);
}

double Engine::siteRate(SiteIndex s) const { return storedRate(s) * energetics_.stressFactor(); }

void Engine::setRate(SiteIndex s, double rate) {
  std::visit([s, rate](auto& sel) { sel.set(s, rate); }, selector_);
}

void Engine::resumSelector() {
  std::visit([](auto& sel) { sel.resum(); }, selector_);
}

template <class Sel>
double Engine::drawWait(Sel& sel) {
  double total = sel.total();
  if (!(total > 0.0) && sel.size() > 0) {
    sel.resum();  // rounding drift of a running sum (composition–rejection), not a real zero
    total = sel.total();
  }
  // A frozen surface (R = 0: no atom has an allowed hop) waits forever; nothing is drawn.
  if (!(total > 0.0)) return std::numeric_limits<double>::infinity();
  // BKL waiting time: Δt = −ln(u) / R with u uniform in (0, 1]; R bounds the exact total by thin_factor_.
  return rng_.exponential() / (total * energetics_.stressFactor() * thin_factor_);
}

double Engine::drawWait() {
  return std::visit([this](auto& sel) { return drawWait(sel); }, selector_);
}

StepResult Engine::step() {
  while (super_ && super_->pending()) {
    StepResult r;
    if (super_->performPending(*this, 1.0e300, r) != SuperMoves::Outcome::kNothing) return r;
  }
  const double dt = drawWait();
  if (std::isinf(dt))
    throw RuntimeError("KMC total rate is zero: no atom has an allowed hop (after " + std::to_string(stats_.events) +
                       " events, t = " + std::to_string(stats_.time_s) + " s)");
  StepResult r = perform(dt);
  // A transit that came back is no event: draw the next one (its waiting time adds to the clock).
  while (r.to == r.from) {
    const double waited = r.dt_s;
    const double more = drawWait();
    if (std::isinf(more)) throw RuntimeError("KMC total rate is zero after a transit came back");
    r = perform(more);
    r.dt_s += waited;
  }
  return r;
}

StepResult Engine::perform(double dt_s) {
  return std::visit([this, dt_s](auto& sel) { return perform(sel, dt_s); }, selector_);
}

template <class Sel>
StepResult Engine::perform(Sel& sel, double dt_s) {
  double u = 0.0;
  const auto from = static_cast<SiteIndex>(sel.select(rng_, u));

  // Walk the hops of `from` in the order computeRate sums them; u is uniform in [0, rate(from)).
  const std::uint8_t* coord = lattice_.coordinationData();
  const SiteIndex* nb = lattice_.neighbours(from);
  const int n_i = coord[from];
  const std::uint32_t env = env_[static_cast<std::size_t>(from)];
  const std::uint32_t occ = env & kOccBits;
  const double* row = rateTable() + n_i * kRateRowStride;
  int chosen = -1;
  int last_allowed = -1;
  // With u_el the stored rate is Σ_d table·g_j / g_i: walk Σ table·g_j against u·g_i instead.
  const double* g = site_g_.data();
  if (uel_active_) u *= g[from];
  const auto choose = [&](int d, double r, SiteIndex t) {
    if (uel_active_) r *= g[t];
    if (r == 0.0) return false;
    last_allowed = d;
    if (u < r) {
      chosen = d;
      return true;
    }
    u -= r;
    return false;
  };
  if (const EnvironmentLookup envs = environments(); envs.index != nullptr)
    forEachOpenHop<true>(env, nb, coord, row, common_mask_.data(), envs, choose);
  else
    forEachOpenHop<false>(env, nb, coord, row, common_mask_.data(), envs, choose);
  if (chosen < 0) chosen = last_allowed;  // rounding at the top end of the atom's range
  if (chosen < 0) throw RuntimeError("selected atom has no allowed hop");

  StepResult result;
  result.from = from;
  result.direction = chosen;
  result.atom = lattice_.atomAt(from);
  result.dt_s = dt_s;
  result.n_i = n_i;
  result.common = kPopcount12[occ & common_mask_[chosen]];
  const int entry = Energetics::index(n_i, coord[nb[chosen]] - 1, result.common);
  // Not held by the catalogue: with environment entries, a hop (not into a rim) whose environment has none; else a
  // hop whose class entry comes from the bond-counting fallback.
  const HopEnvironmentIndex* index = energetics_.environmentIndex();
  const bool uncatalogued = index != nullptr ? !energetics_.rimTarget(coord[nb[chosen]] - 1) &&
                                                   index->entry(occ, env_[static_cast<std::size_t>(nb[chosen])],
                                                                chosen) == HopEnvironmentIndex::kNoEntry
                                             : energetics_.uncatalogued(entry);
  stats_.time_s += dt_s;
  if (thin_bound_ > 0.0) {
    // Thinning of the stale u_el factors (class comment): accept with exp(δ_j − δ_i − b) ≤ 1.
    const double ln_accept =
        profile_.drift(profile_.slabOf(nb[chosen])) - profile_.drift(profile_.slabOf(from)) - thin_bound_;
    if (rng_.uniform() >= std::exp(ln_accept)) {
      ++stats_.u_el_rejections;
      result.to = from;
      return result;
    }
  }
  if (!hop(sel, from, chosen, result)) [[unlikely]] {
    // The atom entered a rim site and came back: a null event (the clock moved, nothing else), which the
    // callers know by to == from.
    ++stats_.transit_returns;
    result.to = from;
    return result;
  }
  result.event_class = classifyHop(result.n_i, result.n_j, result.common, energetics_.params().es_max_common);
  ++stats_.events;
  ++stats_.by_class[static_cast<int>(result.event_class)];
  stats_.uncatalogued_events += uncatalogued ? 1 : 0;
  if (uel_enabled_ && profile_.onMove(from, result.to)) checkProfile();
  if (scaler_ && scaler_->record(entry)) endWindow();
  if (super_) super_->afterHop(result);
  if (options_.checking && !(super_ && super_->excluding())) verifyRates();
  return result;
}

bool Engine::hop(SiteIndex from, int d, StepResult& result) {
  return std::visit([&](auto& sel) { return hop(sel, from, d, result); }, selector_);
}

// An interlayer transit (docs/model.md#interlayer) treats the rim site t as a state of the pair Hamiltonian
// that the atom leaves at once: it exits to a neighbour m of t with n_m ≥ n_min (the origin included) with
// weight w_m = k(m → t) · exp(ε (n_m − n_rim) / k_B T) · g_m, where k(m → t) is the table's rate of the hop
// from m into t (as if the atom started on m) and g_m the u_el factor. The rates out of t are then those that
// detailed balance with H = −ε·(bonds) (plus u_el) fixes, and so is the transit a → k as a whole:
// k(a → t) w_k / k(k → t) w_a = exp(−(H_k − H_a) / k_B T). The weights depend only on the state with the atom
// on t, so they are the same whichever exit it came from. An exit to the origin or to one of its neighbours is a
// null event (the latter move is the ordinary hop between neighbours, with its own table rate); the ratio above
// holds for every other pair of exits, which are never neighbours of one another's origin.
template <class Sel>
bool Engine::hop(Sel& sel, SiteIndex from, int d, StepResult& result) {
  const std::uint8_t* coord = lattice_.coordinationData();
  const SiteIndex t = lattice_.neighbour(from, d);
  if (!energetics_.rimTarget(coord[t] - 1)) [[likely]] {
    result.to = t;
    result.n_j = coord[t] - 1;
    moveAtom(from, t);
    updateAfterHop(sel, from, t, d);
    return true;
  }
  moveAtom(from, t);
  const SiteIndex* nt = lattice_.neighbours(t);
  const std::uint32_t env_t = env_[static_cast<std::size_t>(t)];
  const std::uint32_t occ_t = env_t & kOccBits;
  const int n_rim = coord[t];
  const int n_min = energetics_.params().n_min;
  const double* table = rateTable();
  std::array<double, kNeighbourCount> weight{};
  double total = 0.0;
  std::uint32_t open = ~(occ_t | (env_t >> kSentinelShift)) & kOccBits;
  while (open != 0) {
    const int e = std::countr_zero(open);
    open &= open - 1;
    const SiteIndex m = nt[e];
    const int n_m = coord[m] - 1;
    if (n_m < n_min) continue;
    const int c_m = kPopcount12[occ_t & common_mask_[static_cast<std::size_t>(e)]];
    double w = table[Energetics::index(n_m, n_rim, c_m)] * energetics_.transitExitFactor(n_m);
    if (uel_active_) w *= site_g_[static_cast<std::size_t>(m)];
    if (thin_bound_ > 0.0) w *= std::exp(profile_.drift(profile_.slabOf(m)));  // the exact g_m
    weight[static_cast<std::size_t>(e)] = w;
    total += w;
  }
  double v = rng_.uniform() * total;
  int exit = -1;
  for (int e = 0; e < kNeighbourCount; ++e) {
    const double w = weight[static_cast<std::size_t>(e)];
    if (w == 0.0) continue;
    exit = e;
    if (v < w) break;
    v -= w;
  }
  if (exit < 0) throw RuntimeError("interlayer transit: the rim site has no exit");
  const SiteIndex k = nt[exit];
  // Back to the origin, or to one of its neighbours (that move is the ordinary hop from -> k, which the table
  // already gives; docs/model.md#interlayer): a null event.
  const SiteIndex* nf = lattice_.neighbours(from);
  if (k == from || std::find(nf, nf + kNeighbourCount, k) != nf + kNeighbourCount) {
    moveAtom(t, from);
    return false;
  }
  result.n_j = coord[k] - 1;  // its occupied neighbours but the atom on t
  updateAfterHop(sel, from, t, d);
  moveAtom(t, k);
  updateAfterHop(sel, t, k, exit);
  ++stats_.transits;
  result.to = k;
  result.transit = true;
  result.via = t;
  result.jump = lattice_.bondVector(d) + lattice_.bondVector(exit);
  return true;
}

void Engine::moveAtom(SiteIndex from, SiteIndex to) {
  lattice_.move(from, to);
  // `from` is neighbour oppositeDirection(d) of its neighbour in direction d.
  const SiteIndex* nf = lattice_.neighbours(from);
  const SiteIndex* nt = lattice_.neighbours(to);
  for (int d = 0; d < kNeighbourCount; ++d)
    env_[static_cast<std::size_t>(nf[d])] &= ~(1u << lattice::oppositeDirection(d));
  for (int d = 0; d < kNeighbourCount; ++d)
    env_[static_cast<std::size_t>(nt[d])] |= 1u << lattice::oppositeDirection(d);
  env_[static_cast<std::size_t>(sentinel_)] = 0;
}

void Engine::refreshStepMasks() {
  const double* table = rateTable();
  nj_step_any_ = 0;
  for (int n_a = 0; n_a < kCoordinationValues; ++n_a) {
    std::uint16_t mask = 0;
    for (int m = 0; m + 1 < kTargetValues; ++m)
      for (int c = 0; c < kCommonValues; ++c)
        if (table[Energetics::index(n_a, m, c)] != table[Energetics::index(n_a, m + 1, c)])
          mask = static_cast<std::uint16_t>(mask | (1u << m));
    nj_step_[static_cast<std::size_t>(n_a)] = mask;
    nj_step_any_ = static_cast<std::uint16_t>(nj_step_any_ | mask);
  }
}

// Which rates a hop i → j can change. The rate of the atom on a depends on the occupancy of a and
// of its neighbours N(a) (n_a and the common-neighbour counts) and on the coordination of its
// vacant neighbours t (n_t). The hop changes occupancy only at i and j, and coordination only at
// N(i) ∪ N(j) minus the 4 common neighbours (they lose i and gain j). So the rate of a can change
// only if a ∈ {i, j} ∪ N(i) ∪ N(j) (the core: i, j and the atoms among the 18 other sites), or a
// neighbours a vacant site t among the 14 sites in exactly one of N(i), N(j), and then only through
// the one hop a → t, whose n_j moves by one. The table entry of that hop changes with n_j only where
// the table has a step in n_j (nj_step_: for bond counting, only across n_min), so a is recomputed
// only then. Vacant sites other than i had and keep rate 0, so they are never touched. The core
// sites are distinct and found from the occupancy bits alone; the rare extra atoms reached through
// a t may repeat a core atom or each other, which only recomputes the same value again.
void Engine::updateAfterHop(SiteIndex i, SiteIndex j, int d) {
  std::visit([&](auto& sel) { updateAfterHop(sel, i, j, d); }, selector_);
}

template <class Sel>
void Engine::updateAfterHop(Sel& sel, SiteIndex i, SiteIndex j, int d) {
  const SiteIndex* ni = lattice_.neighbours(i);
  const SiteIndex* nj = lattice_.neighbours(j);
  const std::uint32_t env_i = env_[static_cast<std::size_t>(i)];
  const std::uint32_t env_j = env_[static_cast<std::size_t>(j)];
  const std::uint8_t* coord = lattice_.coordinationData();
  std::array<SiteIndex, kMaxRefresh> refresh;
  int count = 0;
  refresh[count++] = j;
  std::uint32_t core_i = env_i & (common_mask_[d] | only_i_mask_[d]);
  while (core_i != 0) {
    refresh[count++] = ni[std::countr_zero(core_i)];
    core_i &= core_i - 1;
  }
  std::uint32_t core_j = env_j & only_j_mask_[d];
  while (core_j != 0) {
    refresh[count++] = nj[std::countr_zero(core_j)];
    core_j &= core_j - 1;
  }
  if (energetics_.environmentIndex() != nullptr) {
    // With environment entries a hop a → t reads every site next to a or t, so the move changes the rate of every
    // atom beside a vacant site next to i or j: the 14 unshared ones and also the 4 common ones, whose
    // coordination (all the class key sees) it leaves as it was. All of them are recomputed, each once: most of
    // them are core atoms or beside several of those sites, and recomputing them again would cost half the event
    // (measured). The queued bit marks who is listed, and is cleared as soon as the list is complete.
    for (int k = 0; k < count; ++k) env_[static_cast<std::size_t>(refresh[k])] |= detail::kQueuedBit;
    auto beside = [&](SiteIndex t) {
      const SiteIndex* nt = lattice_.neighbours(t);
      std::uint32_t occ = env_[static_cast<std::size_t>(t)] & kOccBits;
      while (occ != 0) {
        const SiteIndex a = nt[std::countr_zero(occ)];
        occ &= occ - 1;
        std::uint32_t& word = env_[static_cast<std::size_t>(a)];
        if (word & detail::kQueuedBit) continue;
        word |= detail::kQueuedBit;
        refresh[count++] = a;
      }
    };
    std::uint32_t vac_i = ~(env_i | (env_i >> kSentinelShift)) & (only_i_mask_[d] | common_mask_[d]);
    while (vac_i != 0) {
      beside(ni[std::countr_zero(vac_i)]);
      vac_i &= vac_i - 1;
    }
    std::uint32_t vac_j = ~(env_j | (env_j >> kSentinelShift)) & only_j_mask_[d];
    while (vac_j != 0) {
      beside(nj[std::countr_zero(vac_j)]);
      vac_j &= vac_j - 1;
    }
    for (int k = 0; k < count; ++k) env_[static_cast<std::size_t>(refresh[k])] &= ~detail::kQueuedBit;
  } else if (nj_step_any_ != 0) {
    // t changed coordination between lo and lo + 1, so the hops into it between n_j = lo − 1 and
    // lo. With lo = 0 its only neighbour in the fuller state is i (now vacant) or j (in the core).
    auto around = [&](SiteIndex t, int lo) {
      if (lo == 0) return;
      const int m = lo - 1;
      if (!((nj_step_any_ >> m) & 1u)) return;
      const SiteIndex* nt = lattice_.neighbours(t);
      std::uint32_t occ = env_[static_cast<std::size_t>(t)] & kOccBits;
      while (occ != 0) {
        const SiteIndex a = nt[std::countr_zero(occ)];
        occ &= occ - 1;
        if (a != j && ((nj_step_[coord[a]] >> m) & 1u)) refresh[count++] = a;
      }
    };
    // Vacant real sites among the unshared neighbours: not occupied, not the sentinel.
    std::uint32_t vac_i = ~(env_i | (env_i >> kSentinelShift)) & only_i_mask_[d];
    while (vac_i != 0) {
      const SiteIndex t = ni[std::countr_zero(vac_i)];
      vac_i &= vac_i - 1;
      around(t, coord[t]);  // lost neighbour i: coord[t] + 1 → coord[t]
    }
    std::uint32_t vac_j = ~(env_j | (env_j >> kSentinelShift)) & only_j_mask_[d];
    while (vac_j != 0) {
      const SiteIndex t = nj[std::countr_zero(vac_j)];
      vac_j &= vac_j - 1;
      around(t, coord[t] - 1);  // gained neighbour j: coord[t] − 1 → coord[t]
    }
  }

  if (uel_active_) {
    sel.set(i, 0.0);
    // No prior is kept or read here: u_el turns on or off only through refreshMobileRates or rebuildRates, which
    // start a new epoch, so no prior from before it is read after.
    for (int k = 0; k < count; ++k) sel.set(refresh[k], computeRate(refresh[k]));
    return;
  }
  // The hot loop: computeRate's plain branch and setRate with the selector fixed, inlined. With environment
  // entries the same loop reads them; that instance is kept out of line, so that the class path stays as it was.
  if (const EnvironmentLookup envs = environments(); envs.index != nullptr) [[unlikely]] {
    // The mover's own record says whether anything next to i changed since it came: it was re-rated by every
    // such change, and as the first listed of the move j → i that brought it, its record is that move's.
    const bool mover_kept = prior_move_[static_cast<std::size_t>(i)] == moveKey(j, i) &&
                            prior_epoch_[static_cast<std::size_t>(i)] == epoch_;
    sel.set(i, 0.0);
    refreshEnvironmentRates(sel, refresh.data(), count, envs, mover_kept ? moveKey(j, i) : kNoMove, moveKey(i, j));
    prior_epoch_[static_cast<std::size_t>(j)] = epoch_;
    return;
  }
  sel.set(i, 0.0);
  refreshRates(sel, refresh.data(), count);
}

template <bool kEnvironments>
double Engine::freshRate(SiteIndex a, const double* table, int n_min, const EnvironmentLookup& envs) const {
  const std::uint8_t* coord = lattice_.coordinationData();
  const int n_a = coord[a];
  if (n_a >= kNeighbourCount || n_a < n_min) return 0.0;
  return plainRateSum<kEnvironments>(env_[static_cast<std::size_t>(a)], lattice_.neighbours(a), coord,
                                     table + n_a * kRateRowStride, common_mask_.data(), envs);
}

template <class Sel>
void Engine::refreshRates(Sel& sel, const SiteIndex* refresh, int count) {
  const double* table = rateTable();
  const int n_min = energetics_.params().n_min;
  for (int k = 0; k < count; ++k) sel.set(refresh[k], freshRate<false>(refresh[k], table, n_min, {}));
}

// The rates of the listed atoms on the environment key (docs/methods.md#moves-taken-back).
// An atom's rate reads the occupancy of its neighbours and of the neighbours of its vacant ones (its region), and
// any move that changes a site of its region lists it (updateAfterHop). Take a move j → i (`undoes`) and later the
// move i → j that takes it back. The region of an atom on a that j → i listed, before and after that move, differs
// only next to i, and every change next to i re-rated the mover on i. So if neither the mover (updateAfterHop
// passes kNoMove otherwise, or when the rates have changed otherwise since: a new table, u_el, a rebuild) nor the
// atom on a was re-rated since j → i, every site a's rate reads is as it was before j → i, and a's rate is the one it
// had then: prior_rate_[a]. An atom consulted now was listed by j → i (the two moves list the same atoms but for i
// and j), so its record is of that move, made in the mover's epoch. Every other rate is computed, j's (the first
// listed) always: no record of it names j → i, since a move keeps none for the site it empties. Either way an atom's
// rate before this move is kept as its prior. The selector is set in list order with the values a computation
// would give, so the run is the same event for event (EnvironmentTable.RatesTakenBackStayExact).
template <class Sel>
void Engine::refreshEnvironmentRates(Sel& sel, const SiteIndex* refresh, int count, const EnvironmentLookup& envs,
                                     std::uint64_t undoes, std::uint64_t self) {
  const double* table = rateTable();
  const int n_min = energetics_.params().n_min;
  for (int k = 0; k < count; ++k) {
    const SiteIndex a = refresh[k];
    const auto slot = static_cast<std::size_t>(a);
    const double before = sel.rate(a);
    double rate = 0.0;
    if (undoes != kNoMove && prior_move_[slot] == undoes) {
      rate = prior_rate_[slot];
      ++rates_restored_;
    } else {
      rate = freshRate<true>(a, table, n_min, envs);
    }
    prior_rate_[slot] = before;
    prior_move_[slot] = self;
    sel.set(a, rate);
  }
}

template <bool kObserve, bool kSuperMoves, class Sel>
std::int64_t Engine::runLoop(Sel& sel, const RunLimits& limits, Observer* observer) {
  std::int64_t done = 0;
  while (done < limits.max_events) {
    if (kSuperMoves && super_->pending()) [[unlikely]] {
      StepResult r;
      const SuperMoves::Outcome outcome = super_->performPending(*this, limits.until_time_s, r);
      if (outcome == SuperMoves::Outcome::kNothing) continue;
      ++done;
      if constexpr (kObserve) observer->onEvent(*this, r);
      if (outcome == SuperMoves::Outcome::kStopped) break;
      continue;
    }
    const double dt = drawWait(sel);
    if (stats_.time_s + dt > limits.until_time_s) {
      // A frozen surface reaches a given time limit with no event; without one it stays where it is.
      if (std::isfinite(dt) || limits.until_time_s < RunLimits{}.until_time_s) stats_.time_s = limits.until_time_s;
      break;
    }
    const StepResult r = perform(sel, dt);
    if (r.to == r.from) [[unlikely]]
      continue;  // a transit that came back: no event
    ++done;
    if constexpr (kObserve) observer->onEvent(*this, r);
  }
  return done;
}

std::int64_t Engine::run(const RunLimits& limits, Observer* observer) {
  require(limits.max_events >= 0, "max_events must be >= 0");
  require(limits.until_time_s >= stats_.time_s, "until_time_s lies in the past of the simulation");
  // Without super-moves nothing is ever pending, and the loop does not look.
  return std::visit(
      [&](auto& sel) -> std::int64_t {
        if (observer == nullptr)
          return super_ ? runLoop<false, true>(sel, limits, nullptr) : runLoop<false, false>(sel, limits, nullptr);
        observer->onStart(*this);
        const std::int64_t done =
            super_ ? runLoop<true, true>(sel, limits, observer) : runLoop<true, false>(sel, limits, observer);
        observer->onFinish(*this);
        return done;
      },
      selector_);
}

void Engine::verifyRates() const {
  for (SiteIndex s = 0; s < lattice_.siteCount(); ++s) {
    const double expected = lattice_.occupied(s) ? computeRate(s) : 0.0;
    const double stored = storedRate(s);
    if (stored != expected)
      throw RuntimeError("KMC checking mode: rate of site " + std::to_string(s) + " is " + std::to_string(stored) +
                         " but recomputes to " + std::to_string(expected) + " after " + std::to_string(stats_.events) +
                         " events");
  }
  for (SiteIndex s = 0; s < lattice_.siteCount(); ++s) {
    const SiteIndex* nb = lattice_.neighbours(s);
    for (int d = 0; d < kNeighbourCount; ++d)
      if (((env_[static_cast<std::size_t>(s)] >> d) & 1u) != static_cast<std::uint32_t>(lattice_.occupied(nb[d])))
        throw RuntimeError("KMC checking mode: occupancy mask of site " + std::to_string(s) + " is stale");
    if (env_[static_cast<std::size_t>(s)] & detail::kQueuedBit)
      throw RuntimeError("KMC checking mode: site " + std::to_string(s) + " is still marked queued between events");
  }
  if (const auto* tree = std::get_if<TreeSelector>(&selector_)) tree->verify();
  // Thinning needs every acceptance exp(δ_j − δ_i − b) ≤ 1: no slab drifted past b/2.
  if (thin_bound_ > 0.0)
    for (int x = 0; x < profile_.slabCount(); ++x)
      if (std::abs(profile_.drift(x)) > 0.5 * thin_bound_ * (1.0 + 1e-12))
        throw RuntimeError("KMC checking mode: u_el factor of slab " + std::to_string(x) + " drifted by " +
                           std::to_string(profile_.drift(x)) + ", past the thinning bound");
}

std::size_t Engine::bytes() const {
  return std::visit([](const auto& sel) { return sel.bytes(); }, selector_) + env_.capacity() * sizeof(std::uint32_t) +
         prior_rate_.capacity() * sizeof(double) + prior_move_.capacity() * sizeof(std::uint64_t) +
         prior_epoch_.capacity() * sizeof(std::uint32_t) + mobile_scratch_.capacity() * sizeof(SiteIndex) +
         site_g_.capacity() * sizeof(double) + (super_ ? super_->bytes() : 0);
}

}  // namespace surfkmc::kmc
