// SPDX-License-Identifier: MIT
// Exact first-passage super-moves of lone adatoms: the basin, its absorbing chain, the draw and
// the checkpoint.
//
// While an atom A wanders among lone sites and nothing else moves, the state is (A's site x, the
// frozen rest). It leaves that set either by a hop of A to a site outside the basin or by an event
// of any other atom, whose total rate κ(x) depends on where A is. So A's stay is an absorbing chain
// on the basin with absorption exit(x) + κ(x) (FirstPassageChain), and drawing the exit time, the
// site A is on at that time and the channel reproduces the plain trajectory's law exactly. κ is
// split as κ(x) = κ(ref) + δ(x): δ holds the rates of the atoms within two hops of x or ref, which
// are all that A's position changes, so the decomposition is cached and κ(ref) — which every
// event elsewhere changes — enters as the uniform `extra` rate.
#include "kmc/super_moves.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <utility>

#include "core/binary_reader.hpp"
#include "core/binary_writer.hpp"
#include "core/error.hpp"
#include "kmc/engine.hpp"
#include "kmc/first_passage_chain.hpp"
#include "kmc/hop_walk.hpp"

namespace surfkmc::kmc {

using lattice::kNeighbourCount;
using lattice::SiteIndex;

namespace {

// The rate of an atom depends on the occupancy within two hops of it; the basin's rates depend on
// the atoms within two hops of its sites. Together: four hops.
constexpr int kDependenceHops = 4;

using detail::kOccupancyBits;
using detail::kSentinelShift;

double squaredDistance(const lattice::Vec3& a, const lattice::Vec3& b) {
  const double dx = a.x - b.x;
  const double dy = a.y - b.y;
  const double dz = a.z - b.z;
  return dx * dx + dy * dy + dz * dz;
}

}  // namespace

SuperMoves::SuperMoves(const SuperMoveParams& params, std::int64_t site_count) : params_(params) {
  params_.validate();
  const std::size_t sites = static_cast<std::size_t>(site_count) + 1;
  basin_index_.assign(sites, -1);
  stamp_.assign(sites, 0u);
  mark_.assign(sites, 0u);
  basin_.reserve(static_cast<std::size_t>(params_.basin_sites));
  occupation_.reserve(static_cast<std::size_t>(params_.basin_sites));
}

void SuperMoves::invalidateBasin() {
  for (SiteIndex s : basin_) basin_index_[static_cast<std::size_t>(s)] = -1;
  basin_.clear();
}

std::size_t SuperMoves::shapeCacheBytes() const {
  std::size_t sum = 0;
  for (const auto& [hash, e] : shape_cache_) {
    const auto n = static_cast<std::size_t>(e.chain->size());
    sum += e.key.capacity() * sizeof(std::uint64_t) + (n * n + 3 * n) * sizeof(double) +
           e.offset.capacity() * sizeof(lattice::Vec3) +
           (e.delta.capacity() + e.exit.capacity() + e.internal.capacity()) * sizeof(double);
  }
  return sum;
}

std::size_t SuperMoves::bytes() const {
  return (basin_index_.capacity() + stamp_.capacity() + mark_.capacity()) * sizeof(std::uint32_t) + shapeCacheBytes();
}

void SuperMoves::report(AccelerationReport& r, std::int64_t events) const {
  r.super_moves_enabled = true;
  r.super_moves = super_moves_;
  r.super_move_exits = super_move_exits_;
  r.basin_solves = basin_solves_;
  r.basin_cache_hits = basin_cache_hits_;
  r.super_move_hops = super_move_hops_;
  if (events > 0)
    r.super_move_acceleration = (static_cast<double>(events - super_moves_ + super_move_exits_) + super_move_hops_) /
                                static_cast<double>(events);
}

void SuperMoves::forgetSolvedBasins() {
  invalidateBasin();
  shape_cache_.clear();
}

std::uint32_t SuperMoves::nextMark() {
  if (++mark_epoch_ == 0) {
    std::fill(mark_.begin(), mark_.end(), 0u);
    mark_epoch_ = 1;
  }
  return mark_epoch_;
}

template <class F>
void SuperMoves::forEachWithin2(const Engine& e, SiteIndex s, F&& f) {
  // Copied out of the engine, so the stores to mark_ (which may alias them) force no reloads.
  const SiteIndex sentinel = e.sentinel_;
  const lattice::Lattice& lat = e.lattice_;
  auto visit = [&](SiteIndex a) {
    if (a == sentinel || mark_[static_cast<std::size_t>(a)] == mark_epoch_) return;
    mark_[static_cast<std::size_t>(a)] = mark_epoch_;
    f(a);
  };
  visit(s);
  const SiteIndex* nb = lat.neighbours(s);
  for (int d = 0; d < kNeighbourCount; ++d) visit(nb[d]);
  for (int d = 0; d < kNeighbourCount; ++d) {
    if (nb[d] == sentinel) continue;
    const SiteIndex* nn = lat.neighbours(nb[d]);
    for (int k = 0; k < kNeighbourCount; ++k) visit(nn[k]);
  }
}

// Visits the allowed hops of the atom on x (open, with a non-zero rate: stress-free, scaled table,
// u_el) in direction order, as f(d, rate, target); f may stop the walk by returning true.
template <class F>
void SuperMoves::forEachHop(const Engine& e, SiteIndex x, F&& f) {
  const std::uint8_t* coord = e.lattice_.coordinationData();
  const int n_i = coord[x];
  if (n_i >= kNeighbourCount || n_i < e.energetics_.params().n_min) return;
  const double* g = e.site_g_.data();
  // Super-moves are refused with environment entries (Engine's constructor), so the class walk.
  detail::forEachOpenHop<false>(e.env_[static_cast<std::size_t>(x)], e.lattice_.neighbours(x), coord,
                                e.rateTable() + n_i * kRateRowStride, e.common_mask_.data(), e.environments(),
                                [&](int d, double r, SiteIndex t) {
                                  if (e.uel_active_) r *= g[t] / g[x];
                                  if (r == 0.0) return false;
                                  return detail::callStops(f, d, r, t);
                                });
}

bool SuperMoves::buildBasin(Engine& e, SiteIndex start) {
  invalidateBasin();
  const lattice::Lattice& lat = e.lattice_;
  const std::uint8_t* coord = lat.coordinationData();
  const SiteIndex* around_start = lat.neighbours(start);
  const auto lone = [&](SiteIndex y) {
    if (y == e.sentinel_ || lat.occupied(y)) return false;
    const bool next_to_atom =
        std::find(around_start, around_start + kNeighbourCount, y) != around_start + kNeighbourCount;
    return coord[y] - static_cast<int>(next_to_atom) == kLoneCoordination;
  };
  const std::size_t limit = static_cast<std::size_t>(params_.basin_sites);
  const std::uint32_t mark = nextMark();
  basin_.push_back(start);
  basin_tree_.assign(1, 0);
  mark_[static_cast<std::size_t>(start)] = mark;
  for (std::size_t head = 0; head < basin_.size() && basin_.size() < limit; ++head) {
    const SiteIndex* nb = lat.neighbours(basin_[head]);
    for (int d = 0; d < kNeighbourCount && basin_.size() < limit; ++d) {
      const SiteIndex y = nb[d];
      if (mark_[static_cast<std::size_t>(y)] == mark || !lone(y)) continue;
      mark_[static_cast<std::size_t>(y)] = mark;
      basin_.push_back(y);
      basin_tree_.push_back(0);
      basin_tree_[head] = static_cast<std::uint16_t>(basin_tree_[head] | (1u << d));
    }
  }
  if (basin_.size() < 2 || params_.cache_shapes == 0) return solveBasin(e, start);

  stampRegion(e);
  if (!shapeKey(e)) return solveBasin(e, start, true);
  if (const auto hit = shape_cache_.find(shape_hash_); hit != shape_cache_.end() && hit->second.key == shape_key_) {
    const ShapeEntry& entry = hit->second;
    for (std::size_t i = 0; i < basin_.size(); ++i)
      basin_index_[static_cast<std::size_t>(basin_[i])] = static_cast<std::int32_t>(i);
    chain_ = entry.chain;
    basin_offset_ = entry.offset;
    basin_delta_ = entry.delta;
    basin_exit_ = entry.exit;
    basin_internal_ = entry.internal;
    occupation_.resize(basin_.size());
    ++basin_cache_hits_;
    return true;
  }
  if (!solveBasin(e, start, true)) return false;
  if (shape_cache_.size() >= static_cast<std::size_t>(params_.cache_shapes)) shape_cache_.clear();
  shape_cache_[shape_hash_] = ShapeEntry{shape_key_, chain_, basin_offset_, basin_delta_, basin_exit_, basin_internal_};
  return true;
}

// The dependence region: every site within kDependenceHops of the basin, found breadth-first from
// the basin's sites in their order; stamped for afterHop(), with the directions in which each
// site's search discovered new sites (region_tree_) for shapeKey().
void SuperMoves::stampRegion(const Engine& e) {
  if (++stamp_epoch_ == 0) {
    std::fill(stamp_.begin(), stamp_.end(), 0u);
    stamp_epoch_ = 1;
  }
  region_.assign(basin_.begin(), basin_.end());
  for (SiteIndex s : region_) stamp_[static_cast<std::size_t>(s)] = stamp_epoch_;
  region_tree_.assign(region_.size(), 0);
  // Copied out of the engine, so the stores to stamp_ (which may alias them) force no reloads.
  const SiteIndex sentinel = e.sentinel_;
  const lattice::Lattice& lat = e.lattice_;
  std::size_t layer_begin = 0;
  for (int layer = 0; layer < kDependenceHops; ++layer) {
    const std::size_t layer_end = region_.size();
    for (std::size_t k = layer_begin; k < layer_end; ++k) {
      const SiteIndex* nb = lat.neighbours(region_[k]);
      for (int d = 0; d < kNeighbourCount; ++d) {
        if (nb[d] == sentinel || stamp_[static_cast<std::size_t>(nb[d])] == stamp_epoch_) continue;
        stamp_[static_cast<std::size_t>(nb[d])] = stamp_epoch_;
        region_.push_back(nb[d]);
        region_tree_.push_back(0);
        region_tree_[k] = static_cast<std::uint16_t>(region_tree_[k] | (1u << d));
      }
    }
    layer_begin = layer_end;
  }
}

// The region's extent, measured along both search trees (the basin's, then the region's), from
// positions relative to basin_[0]: true if it stays a bond short of every periodic length.
bool SuperMoves::regionFitsTheBox(const Engine& e, double bond) {
  region_offset_.assign(region_.size(), lattice::Vec3{});
  const auto grow = [&](const std::vector<std::uint16_t>& tree, std::size_t count, std::size_t& next) {
    for (std::size_t k = 0; k < count; ++k)
      for (unsigned m = tree[k]; m != 0; m &= m - 1) {
        const lattice::Vec3 b = e.lattice_.bondVector(std::countr_zero(m));
        const lattice::Vec3 o = region_offset_[k];
        region_offset_[next++] = o + b;
      }
  };
  std::size_t next = 1;
  grow(basin_tree_, basin_.size(), next);
  grow(region_tree_, region_.size(), next);
  lattice::Vec3 lo = region_offset_[0], hi = lo;
  for (const lattice::Vec3& o : region_offset_) {
    lo = {std::min(lo.x, o.x), std::min(lo.y, o.y), std::min(lo.z, o.z)};
    hi = {std::max(hi.x, o.x), std::max(hi.y, o.y), std::max(hi.z, o.z)};
  }
  return fitsTheBox(e, hi - lo, bond);
}

bool SuperMoves::fitsTheBox(const Engine& e, const lattice::Vec3& extent, double bond) {
  const lattice::Vec3 box = e.lattice_.boxLengths();
  const lattice::BoxSpec& spec = e.lattice_.box();
  return !((spec.periodic_x && extent.x >= box.x - bond) || (spec.periodic_y && extent.y >= box.y - bond) ||
           (spec.periodic_z && extent.z >= box.z - bond));
}

// Writes the shape key of the stamped region (see ShapeEntry in super_moves.hpp) and its hash;
// false if the region is too wide for the box along a periodic axis to be keyed by its shape.
bool SuperMoves::shapeKey(const Engine& e) {
  // No two sites of the region may be images of one another, so that the lattice around each is
  // fixed by the positions alone. Every region site is within (basin sites − 1 + kDependenceHops)
  // bonds of basin_[0], so the region spans at most twice that, which settles it on a long enough
  // box; otherwise its extent is measured.
  const lattice::Vec3 b0 = e.lattice_.bondVector(0);
  const double bond = lattice::norm(b0);
  const double reach = 2.0 * static_cast<double>(basin_.size() - 1 + kDependenceHops) * bond;
  if (!fitsTheBox(e, {reach, reach, reach}, bond) && !regionFitsTheBox(e, bond)) return false;

  shape_key_.clear();
  shape_key_.push_back(basin_.size());
  shape_key_.push_back(region_.size());
  for (std::uint16_t m : basin_tree_) shape_key_.push_back(m);
  for (std::size_t k = 0; k < region_.size(); ++k) {
    const SiteIndex s = region_[k];
    const std::uint64_t occupied = k >= basin_.size() && e.lattice_.occupied(s);  // the basin's atom left out
    const std::uint64_t sentinels = (e.env_[static_cast<std::size_t>(s)] >> kSentinelShift) & 0xFFFu;
    shape_key_.push_back(occupied | sentinels << 1 | std::uint64_t{region_tree_[k]} << 13);
  }
  if (e.uel_active_)
    for (SiteIndex s : region_)
      shape_key_.push_back(std::bit_cast<std::uint64_t>(e.site_g_[static_cast<std::size_t>(s)]));
  std::uint64_t h = 0xcbf29ce484222325ull;  // FNV-1a over the words
  for (std::uint64_t w : shape_key_) {
    h ^= w;
    h *= 0x100000001b3ull;
  }
  shape_hash_ = h;
  return true;
}

// Rates of the basin's chain, with the atom (on atom_site, a basin site) tried on every site; the
// lattice is left exactly as it was and the selector is never touched. Depends only on the basin's
// sites in their order and the rest of the configuration, so a checkpoint can rebuild it bit for
// bit, and a basin of the same shape elsewhere gives the same numbers (the shape cache).
bool SuperMoves::solveBasin(Engine& e, SiteIndex atom_site, bool region_stamped) {
  const auto n = static_cast<Eigen::Index>(basin_.size());
  if (n < 2) {
    invalidateBasin();
    return false;
  }
  for (Eigen::Index i = 0; i < n; ++i)
    basin_index_[static_cast<std::size_t>(basin_[static_cast<std::size_t>(i)])] = static_cast<std::int32_t>(i);
  const auto index = [&](SiteIndex s) { return basin_index_[static_cast<std::size_t>(s)]; };
  const lattice::Lattice& lat = e.lattice_;

  // Unwrapped positions, so that a super-move reports its displacement; a basin that wraps around
  // the periodic axis (a different image of a site through another path) has none and is refused.
  basin_offset_.assign(static_cast<std::size_t>(n), lattice::Vec3{});
  {
    const std::uint32_t mark = nextMark();
    search_.clear();
    search_.push_back(basin_[0]);
    mark_[static_cast<std::size_t>(basin_[0])] = mark;
    for (std::size_t head = 0; head < search_.size(); ++head) {
      const SiteIndex x = search_[head];
      const lattice::Vec3 ox = basin_offset_[static_cast<std::size_t>(index(x))];
      const SiteIndex* nb = lat.neighbours(x);
      for (int d = 0; d < kNeighbourCount; ++d) {
        if (nb[d] == e.sentinel_ || index(nb[d]) < 0) continue;
        const lattice::Vec3 b = lat.bondVector(d);
        const lattice::Vec3 oy = ox + b;
        lattice::Vec3& stored = basin_offset_[static_cast<std::size_t>(index(nb[d]))];
        if (mark_[static_cast<std::size_t>(nb[d])] == mark) {
          if (squaredDistance(stored, oy) > 1e-6) {
            invalidateBasin();
            return false;
          }
          continue;
        }
        mark_[static_cast<std::size_t>(nb[d])] = mark;
        stored = oy;
        search_.push_back(nb[d]);
      }
    }
    if (static_cast<Eigen::Index>(search_.size()) != n) {
      invalidateBasin();
      return false;
    }
  }

  Eigen::MatrixXd rates = Eigen::MatrixXd::Zero(n, n);
  Eigen::VectorXd leave(n);
  basin_delta_.assign(static_cast<std::size_t>(n), 0.0);
  basin_exit_.assign(static_cast<std::size_t>(n), 0.0);
  basin_internal_.assign(static_cast<std::size_t>(n), 0.0);
  const SiteIndex ref = basin_[0];
  SiteIndex at = atom_site;
  const auto place = [&](SiteIndex s) {
    if (s != at) e.moveAtom(at, s);
    at = s;
  };
  for (Eigen::Index i = 0; i < n; ++i) {
    const SiteIndex x = basin_[static_cast<std::size_t>(i)];
    place(x);
    forEachHop(e, x, [&](int, double r, SiteIndex t) {
      const std::int32_t j = index(t);
      if (j >= 0) {
        rates(i, j) += r;
        basin_internal_[static_cast<std::size_t>(i)] += r;
      } else {
        basin_exit_[static_cast<std::size_t>(i)] += r;
      }
    });
    // The atoms whose rate can differ between the atom on x and on ref.
    nextMark();
    mark_[static_cast<std::size_t>(x)] = mark_epoch_;
    search_.clear();
    const auto collect = [&](SiteIndex a) {
      if (lat.occupied(a)) search_.push_back(a);
    };
    forEachWithin2(e, x, collect);
    forEachWithin2(e, ref, collect);
    double with_x = 0.0;
    for (SiteIndex a : search_) with_x += e.computeRate(a);
    place(ref);
    double with_ref = 0.0;
    for (SiteIndex a : search_) with_ref += e.computeRate(a);
    basin_delta_[static_cast<std::size_t>(i)] = with_x - with_ref;
    leave(i) = basin_exit_[static_cast<std::size_t>(i)] + basin_delta_[static_cast<std::size_t>(i)];
  }
  place(atom_site);

  try {
    auto chain = std::make_shared<FirstPassageChain>();
    chain->build(rates, leave);
    chain_ = std::move(chain);
  } catch (const RuntimeError&) {
    // Neighbouring basin sites joined by no allowed hop (a zero table entry) split the chain;
    // such a basin is simply not used, and the atom goes on hopping.
    invalidateBasin();
    return false;
  }
  occupation_.resize(static_cast<std::size_t>(n));
  if (!region_stamped) stampRegion(e);
  ++basin_solves_;
  return true;
}

// Moves the atom on `from` to `to` (any two sites) and recomputes every rate that can change; the
// caller tells the u_el profile.
void SuperMoves::relocate(Engine& e, SiteIndex from, SiteIndex to) {
  if (from == to) return;
  e.moveAtom(from, to);
  e.setRate(from, 0.0);
  nextMark();
  const auto refresh = [&](SiteIndex a) {
    if (e.lattice_.occupied(a)) e.setRate(a, e.computeRate(a));
  };
  forEachWithin2(e, from, refresh);
  forEachWithin2(e, to, refresh);
}

void SuperMoves::afterHop(const StepResult& r) {
  if (!basin_.empty()) {
    const auto in_region = [&](SiteIndex s) { return stamp_[static_cast<std::size_t>(s)] == stamp_epoch_; };
    const auto in_basin = [&](SiteIndex s) { return basin_index_[static_cast<std::size_t>(s)] >= 0; };
    if ((in_region(r.from) || in_region(r.to)) && !(in_basin(r.from) && in_basin(r.to))) invalidateBasin();
  }
  if (r.n_i == kLoneCoordination && r.n_j == kLoneCoordination) {
    streak_ = r.from == streak_site_ ? streak_ + 1 : 1;
    streak_site_ = r.to;
    if (streak_ >= params_.after_hops) {
      pending_ = Pending::kSuperMove;
      pending_site_ = r.to;
      streak_ = 0;
    }
  }
}

SuperMoves::Outcome SuperMoves::performPending(Engine& engine, double until_time_s, StepResult& result) {
  if (pending_ == Pending::kExcluding) return performExcluding(engine, pending_site_, result);
  return superMove(engine, until_time_s, result);
}

// An event of any atom but the one on a, at the current time: the exit of a super-move through the
// rest of the system, whose rates are those with the atom on a.
SuperMoves::Outcome SuperMoves::performExcluding(Engine& e, SiteIndex a, StepResult& result) {
  pending_ = Pending::kNone;
  e.setRate(a, 0.0);
  e.resumSelector();
  // κ > 0 was drawn from rates that can differ from the selector's sum by rounding; with no other
  // mobile atom at all there is nothing to hand the event to.
  const bool any = e.baseTotal() > 0.0;
  if (any) {
    excluding_ = true;
    try {
      result = e.perform(0.0);
    } catch (...) {
      excluding_ = false;
      throw;
    }
    excluding_ = false;
  }
  if (e.lattice_.occupied(a)) e.setRate(a, e.computeRate(a));
  if (e.options_.checking) e.verifyRates();
  // The atom is still lone on a site of the basin, and the event left the solved chain valid (afterHop
  // drops it when the event touched the basin's dependence region): its next stay is drawn at once. Exact,
  // since the chain is memoryless and a super-move may start from any basin site at any time; the streak
  // only decides when a first solve is worth it. Without this, an adatom beside a busy step re-walks
  // super_move_after_hops hops after every event of the rest of the system.
  if (any && pending_ == Pending::kNone && !basin_.empty() && e.lattice_.occupied(a) &&
      e.lattice_.coordination(a) == kLoneCoordination && basin_index_[static_cast<std::size_t>(a)] >= 0) {
    pending_ = Pending::kSuperMove;
    pending_site_ = a;
  }
  // A transit of another atom that came back changed nothing: no event.
  return any && result.to != result.from ? Outcome::kDone : Outcome::kNothing;
}

SuperMoves::Outcome SuperMoves::superMove(Engine& e, double until_time_s, StepResult& result) {
  pending_ = Pending::kNone;
  lattice::Lattice& lat = e.lattice_;
  EventStatistics& stats = e.stats_;
  const SiteIndex x0 = pending_site_;
  if (!lat.occupied(x0) || lat.coordination(x0) != kLoneCoordination) return Outcome::kNothing;
  if (basin_index_[static_cast<std::size_t>(x0)] < 0 && !buildBasin(e, x0)) return Outcome::kNothing;
  const int s = basin_index_[static_cast<std::size_t>(x0)];
  const double total = e.baseTotal();
  const double rest = std::max(0.0, total - e.storedRate(x0));
  const double extra = rest - basin_delta_[static_cast<std::size_t>(s)];
  if (!(chain_->slowestDecay() + extra > 0.0)) return Outcome::kNothing;

  const double sf = e.energetics_.stressFactor();
  const double tau = chain_->exitTime(s, e.rng_.uniformOpenLow(), extra) / sf;
  const bool stopped = stats.time_s + tau > until_time_s;
  const double dt = stopped ? until_time_s - stats.time_s : tau;
  chain_->occupation(s, dt * sf, extra, occupation_.data());
  const auto n = static_cast<std::size_t>(chain_->size());
  // Where the atom is at the stop (∝ p_x) or when it leaves (∝ p_x · its total exit rate there).
  double sum = 0.0;
  for (std::size_t x = 0; x < n; ++x) {
    if (!stopped) occupation_[x] *= std::max(0.0, basin_exit_[x] + extra + basin_delta_[x]);
    sum += occupation_[x];
  }
  double u = e.rng_.uniform() * sum;
  std::size_t at = n - 1;
  for (std::size_t x = 0; x < n; ++x) {
    if (u < occupation_[x]) {
      at = x;
      break;
    }
    u -= occupation_[x];
  }
  while (occupation_[at] == 0.0 && at > 0) --at;  // rounding at the top end

  const SiteIndex site = basin_[at];
  result = StepResult{};
  result.super_move = true;
  result.atom = lat.atomAt(x0);
  result.from = x0;
  result.dt_s = dt;
  result.n_i = kLoneCoordination;
  result.n_j = kLoneCoordination;
  result.common = 1;
  result.event_class = EventClass::kTerraceHop;
  const lattice::Vec3 o0 = basin_offset_[static_cast<std::size_t>(s)];
  lattice::Vec3 shift = basin_offset_[at];
  // The hops replaced: their expectation up to the exit or the end of the run, whichever comes
  // first, taken before the draw (so that its sum over super-moves estimates the total without bias).
  super_move_hops_ += chain_->expectedIntegral(s, extra, basin_internal_.data(), (until_time_s - stats.time_s) * sf);
  ++super_moves_;
  streak_ = 0;
  relocate(e, x0, site);
  stats.time_s = stopped ? until_time_s : stats.time_s + tau;
  result.to = site;

  if (stopped) {
    pending_ = Pending::kSuperMove;  // it carries on from there (the chain is memoryless)
    pending_site_ = site;
  } else {
    const double exit = basin_exit_[at];
    const double others = std::max(0.0, extra + basin_delta_[at]);
    double v = e.rng_.uniform() * (exit + others);
    if (v < exit) {
      int chosen = -1;
      forEachHop(e, site, [&](int d, double r, SiteIndex t) {
        if (basin_index_[static_cast<std::size_t>(t)] >= 0) return false;
        chosen = d;
        if (v < r) return true;
        v -= r;
        return false;
      });
      if (chosen < 0) throw RuntimeError("super-move: the basin's exit has no hop");
      result.common = std::popcount(e.env_[static_cast<std::size_t>(site)] & kOccupancyBits &
                                    e.common_mask_[static_cast<std::size_t>(chosen)]);
      // The exit hop (an interlayer transit when it enters a rim site, which may come back to `site`).
      StepResult exit_hop;
      if (e.hop(site, chosen, exit_hop)) {
        shift += exit_hop.transit ? exit_hop.jump : lat.bondVector(chosen);
        result.to = exit_hop.to;
        result.n_j = exit_hop.n_j;
      } else {
        ++e.stats_.transit_returns;
        result.n_j = lat.coordination(site) - 1;
      }
      result.event_class = classifyHop(result.n_i, result.n_j, result.common, e.energetics_.params().es_max_common);
      ++super_move_exits_;
      invalidateBasin();  // the rest of the system now holds the atom
    } else {
      pending_ = Pending::kExcluding;
      pending_site_ = site;
    }
  }
  result.jump = shift - o0;
  // Rates during the stay were those in use at its start; a u_el refresh it causes acts from now.
  if (e.uel_enabled_ && e.profile_.onMove(x0, result.to)) e.checkProfile();
  ++stats.events;
  ++stats.by_class[static_cast<std::size_t>(result.event_class)];
  if (e.options_.checking && pending_ != Pending::kExcluding) e.verifyRates();
  return stopped ? Outcome::kStopped : Outcome::kDone;
}

void SuperMoves::saveState(BinaryWriter& out) const {
  // The cached basin is saved as its sites in their order: its chain is rebuilt from them bit for
  // bit, and a basin searched afresh from another start could be cut or ordered differently.
  out.write(static_cast<std::uint8_t>(pending_));
  out.write(pending_site_);
  out.write(streak_);
  out.write(streak_site_);
  out.write(super_moves_);
  out.write(super_move_exits_);
  out.write(basin_solves_);
  out.write(super_move_hops_);
  out.writeVector(basin_);
  // The shape cache, entry by entry in the order of their hashes: which basins a resumed run
  // finds solved, and so its counters, are those of the uninterrupted run.
  out.write(basin_cache_hits_);
  std::vector<std::uint64_t> hashes;
  hashes.reserve(shape_cache_.size());
  for (const auto& [hash, entry] : shape_cache_) hashes.push_back(hash);
  std::sort(hashes.begin(), hashes.end());
  out.write(static_cast<std::uint64_t>(hashes.size()));
  for (std::uint64_t hash : hashes) {
    const ShapeEntry& e = shape_cache_.at(hash);
    out.write(hash);
    out.writeVector(e.key);
    e.chain->saveState(out);
    out.writeVector(e.offset);
    out.writeVector(e.delta);
    out.writeVector(e.exit);
    out.writeVector(e.internal);
  }
}

void SuperMoves::restoreState(Engine& engine, BinaryReader& in) {
  const lattice::Lattice& lat = engine.lattice_;
  const auto pending = in.read<std::uint8_t>();
  if (pending > static_cast<std::uint8_t>(Pending::kExcluding)) in.fail("bad pending super-move state");
  pending_ = static_cast<Pending>(pending);
  pending_site_ = in.read<SiteIndex>();
  streak_ = in.read<int>();
  streak_site_ = in.read<SiteIndex>();
  super_moves_ = in.read<std::int64_t>();
  super_move_exits_ = in.read<std::int64_t>();
  const auto solves = in.read<std::int64_t>();
  super_move_hops_ = in.read<double>();
  std::vector<SiteIndex> basin = in.readVector<SiteIndex>();
  const auto bad_site = [&](SiteIndex s) { return s < 0 || s >= lat.siteCount(); };
  std::vector<SiteIndex> sorted = basin;
  std::sort(sorted.begin(), sorted.end());
  if (bad_site(pending_site_) || bad_site(streak_site_) || std::any_of(basin.begin(), basin.end(), bad_site) ||
      std::adjacent_find(sorted.begin(), sorted.end()) != sorted.end())
    in.fail("the super-move state does not fit this lattice");
  if (!basin.empty()) {
    const auto atom = std::find_if(basin.begin(), basin.end(), [&](SiteIndex s) { return lat.occupied(s); });
    if (atom == basin.end()) in.fail("the saved basin holds no atom");
    const SiteIndex atom_site = *atom;
    basin_ = std::move(basin);
    if (!solveBasin(engine, atom_site)) in.fail("the saved basin cannot be solved");
  }
  basin_solves_ = solves;
  basin_cache_hits_ = in.read<std::int64_t>();
  shape_cache_.clear();
  const auto entries = in.read<std::uint64_t>();
  if (entries > static_cast<std::uint64_t>(params_.cache_shapes))
    in.fail("the shape cache holds more basins than super_move_cache_shapes allows");
  for (std::uint64_t k = 0; k < entries; ++k) {
    const auto hash = in.read<std::uint64_t>();
    ShapeEntry e;
    e.key = in.readVector<std::uint64_t>();
    auto chain = std::make_shared<FirstPassageChain>();
    chain->restoreState(in);
    e.chain = std::move(chain);
    e.offset = in.readVector<lattice::Vec3>();
    e.delta = in.readVector<double>();
    e.exit = in.readVector<double>();
    e.internal = in.readVector<double>();
    const auto n = static_cast<std::size_t>(e.chain->size());
    if (e.key.empty() || e.key[0] != n || e.offset.size() != n || e.delta.size() != n || e.exit.size() != n ||
        e.internal.size() != n)
      in.fail("a cached basin does not fit together");
    shape_cache_.emplace(hash, std::move(e));
  }
}

}  // namespace surfkmc::kmc
