// SPDX-License-Identifier: MIT
// The sum-tree selector: slot maps, checking, checkpoint state.
#include "kmc/tree_selector.hpp"

#include <algorithm>
#include <string>
#include <utility>

#include "core/binary_reader.hpp"
#include "core/binary_writer.hpp"
#include "core/error.hpp"

namespace surfkmc::kmc {

void TreeSelector::reset(std::int64_t keys, std::int64_t max_nonzero) {
  require(keys >= 1, "TreeSelector needs at least one key");
  tree_ = RateTree(std::max<std::int64_t>(1, max_nonzero));
  slot_of_key_.assign(static_cast<std::size_t>(keys), -1);
  key_of_slot_.assign(static_cast<std::size_t>(tree_.capacity()), static_cast<std::int32_t>(keys - 1));
  count_ = 0;
}

void TreeSelector::remove(std::int64_t key, std::int32_t slot) {
  const auto last = static_cast<std::int32_t>(count_ - 1);
  if (slot != last) {
    const std::int32_t moved = key_of_slot_[static_cast<std::size_t>(last)];
    tree_.set(slot, tree_.leaf(last));
    key_of_slot_[static_cast<std::size_t>(slot)] = moved;
    slot_of_key_[static_cast<std::size_t>(moved)] = slot;
  }
  tree_.set(last, 0.0);
  key_of_slot_[static_cast<std::size_t>(last)] = static_cast<std::int32_t>(slot_of_key_.size() - 1);
  slot_of_key_[static_cast<std::size_t>(key)] = -1;
  --count_;
  tree_.trim(count_);
}

void TreeSelector::verify() const {
  for (std::size_t key = 0; key < slot_of_key_.size(); ++key) {
    const std::int32_t slot = slot_of_key_[key];
    if (slot >= 0 && (slot >= count_ || key_of_slot_[static_cast<std::size_t>(slot)] != static_cast<std::int32_t>(key)))
      throw RuntimeError("sum-tree selector: key " + std::to_string(key) + " and slot " + std::to_string(slot) +
                         " do not map onto each other");
  }
  for (std::int64_t slot = count_; slot < tree_.capacity(); ++slot)
    if (tree_.leaf(slot) != 0.0) throw RuntimeError("sum-tree selector: unused slot holds a rate");
}

std::size_t TreeSelector::bytes() const {
  return tree_.bytes() + (slot_of_key_.capacity() + key_of_slot_.capacity()) * sizeof(std::int32_t);
}

void TreeSelector::saveState(BinaryWriter& out) const {
  tree_.saveState(out);
  out.write(count_);
  out.writeVector(slot_of_key_);
  out.writeVector(key_of_slot_);
}

void TreeSelector::restoreState(BinaryReader& in) {
  tree_.restoreState(in);
  const auto count = in.read<std::int64_t>();
  std::vector<std::int32_t> slot_of_key = in.readVector<std::int32_t>();
  std::vector<std::int32_t> key_of_slot = in.readVector<std::int32_t>();
  if (slot_of_key.size() != slot_of_key_.size() || key_of_slot.size() != key_of_slot_.size() || count < 0 ||
      count > tree_.capacity())
    in.fail("the sum-tree selector does not fit this lattice");
  count_ = count;
  slot_of_key_ = std::move(slot_of_key);
  key_of_slot_ = std::move(key_of_slot);
}

}  // namespace surfkmc::kmc
