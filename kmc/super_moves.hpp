// SPDX-License-Identifier: MIT
// Exact first-passage super-moves of lone adatoms: the basin, its absorbing chain, the shape cache.
#pragma once

#include <cstdint>
#include <memory>
#include <unordered_map>
#include <vector>

#include "kmc/acceleration_report.hpp"
#include "kmc/step_result.hpp"
#include "kmc/super_move_params.hpp"
#include "lattice/lattice.hpp"

namespace surfkmc {
class BinaryWriter;
class BinaryReader;
}  // namespace surfkmc

namespace surfkmc::kmc {

class Engine;
class FirstPassageChain;

/// The super-move machinery of an Engine (EngineOptions::super_moves): watches the hops for lone
/// adatoms (afterHop), and when one is due replaces the atom's stay in its basin by one move drawn
/// from the basin's absorbing chain (performPending). The engine keeps the event loop and asks
/// pending() before each draw.
///
/// A friend helper of Engine rather than a client of an interface: a basin's rates must be the
/// engine's own arithmetic bit for bit (its table, occupancy masks and u_el factors), and its moves
/// must keep the engine's masks and selector exact (moveAtom, setRate, updateAfterHop, perform), so
/// an interface would re-export those private members one by one. The engine is passed to every
/// call that needs it, never kept, because Engine is movable.
class SuperMoves {
 public:
  enum class Outcome : std::uint8_t { kNothing, kDone, kStopped };

  /// Validates `params` (InputError); per-site scratch for `site_count` sites and the sentinel.
  SuperMoves(const SuperMoveParams& params, std::int64_t site_count);

  /// True when a super-move, or the event it handed to the rest of the system, comes next.
  bool pending() const { return pending_ != Pending::kNone; }
  /// True while the engine performs that handed-over event (its rates are then checked after it).
  bool excluding() const { return excluding_; }
  /// Performs what is pending, as one event of `engine` ending no later than until_time_s; fills
  /// `result` unless the outcome is kNothing, and is kStopped if the run's time limit ended it.
  Outcome performPending(Engine& engine, double until_time_s, StepResult& result);
  /// After every plain hop: drops the cached basin if the hop touched its dependence region, and
  /// makes a super-move pending once an atom has hopped between lone sites often enough.
  void afterHop(const StepResult& r);
  /// Drops the cached basin and every solved shape (the rate table or the u_el factors changed).
  void forgetSolvedBasins();

  /// Fills the super-move fields of `r` for `events` events performed so far.
  void report(AccelerationReport& r, std::int64_t events) const;
  /// Heap bytes of the per-site scratch and the shape cache.
  std::size_t bytes() const;

  /// Writes the pending move, the streak, the counters, the cached basin's sites and the shape
  /// cache (the engine's state layout 3 after the selector).
  void saveState(BinaryWriter& out) const;
  /// Restores what saveState() wrote, after `engine` restored everything else; the cached basin is
  /// solved again from its sites. Throws InputError on a mismatch with the lattice.
  void restoreState(Engine& engine, BinaryReader& in);

 private:
  enum class Pending : std::uint8_t { kNone, kSuperMove, kExcluding };

  Outcome superMove(Engine& e, double until_time_s, StepResult& result);
  Outcome performExcluding(Engine& e, lattice::SiteIndex a, StepResult& result);
  bool buildBasin(Engine& e, lattice::SiteIndex start);
  bool solveBasin(Engine& e, lattice::SiteIndex atom_site, bool region_stamped = false);
  void stampRegion(const Engine& e);
  bool shapeKey(const Engine& e);
  bool regionFitsTheBox(const Engine& e, double bond);
  static bool fitsTheBox(const Engine& e, const lattice::Vec3& extent, double bond);
  void invalidateBasin();
  std::size_t shapeCacheBytes() const;
  void relocate(Engine& e, lattice::SiteIndex from, lattice::SiteIndex to);
  template <class F>
  static void forEachHop(const Engine& e, lattice::SiteIndex x, F&& f);
  std::uint32_t nextMark();
  template <class F>
  void forEachWithin2(const Engine& e, lattice::SiteIndex s, F&& f);

  SuperMoveParams params_;

  // The cached basin (sites in breadth-first order from the site its atom started on; empty if
  // none) is kept until an event changes the occupancy within four hops of it, other than its own
  // atom moving inside it: its rates depend on no other site (the rate of an atom depends on the
  // sites within two hops). Solved basins are also kept by shape (ShapeEntry).
  bool excluding_ = false;
  Pending pending_ = Pending::kNone;
  lattice::SiteIndex pending_site_ = 0;
  lattice::SiteIndex streak_site_ = 0;
  int streak_ = 0;
  std::int64_t super_moves_ = 0;
  std::int64_t super_move_exits_ = 0;
  std::int64_t basin_solves_ = 0;
  double super_move_hops_ = 0.0;
  std::shared_ptr<const FirstPassageChain> chain_;
  std::vector<lattice::SiteIndex> basin_;
  std::vector<std::int32_t> basin_index_;    // per site: index in basin_, or −1
  std::vector<lattice::Vec3> basin_offset_;  // unwrapped position relative to basin_[0] [Å]
  std::vector<double> basin_delta_;          // rest-of-system rate with the atom here, minus with it on basin_[0]
  std::vector<double> basin_exit_;           // total rate of the atom's hops out of the basin
  std::vector<double> basin_internal_;       // total rate of its hops inside the basin
  std::vector<std::uint32_t> stamp_;         // per site: == stamp_epoch_ inside the dependence region
  std::uint32_t stamp_epoch_ = 0;
  std::vector<std::uint32_t> mark_;  // scratch marks for searches
  std::uint32_t mark_epoch_ = 0;
  std::vector<lattice::SiteIndex> search_;  // scratch
  std::vector<double> occupation_;          // scratch, basin_sites long
  std::int64_t basin_cache_hits_ = 0;
  // The shape cache. A solved basin depends only on the rate table (scales, temperature), the
  // u_el factors and the dependence region as seen from the basin's first site: which sites the
  // two breadth-first searches (basin, then region) reach in which direction, their occupancy
  // (the basin's atom left out) and their sentinel neighbours. shapeKey() writes exactly that, in
  // search order, into shape_key_; equal keys mean a lattice translation maps one region onto the
  // other, and the solution — computed from the same numbers in the same order — is bit for bit
  // the same. Regions that could meet their own periodic image are never keyed.
  struct ShapeEntry {
    std::vector<std::uint64_t> key;
    std::shared_ptr<const FirstPassageChain> chain;
    std::vector<lattice::Vec3> offset;
    std::vector<double> delta, exit, internal;
  };
  std::unordered_map<std::uint64_t, ShapeEntry> shape_cache_;
  std::vector<std::uint64_t> shape_key_;
  std::uint64_t shape_hash_ = 0;
  std::vector<std::uint16_t> basin_tree_;     // per basin site: directions its search discovered new sites in
  std::vector<lattice::SiteIndex> region_;    // the dependence region in search order
  std::vector<std::uint16_t> region_tree_;    // per region site: directions its search discovered new sites in
  std::vector<lattice::Vec3> region_offset_;  // scratch: positions relative to basin_[0]
};

}  // namespace surfkmc::kmc
