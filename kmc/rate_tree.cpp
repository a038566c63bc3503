// SPDX-License-Identifier: MIT
// Binary sum tree storage.
#include "kmc/rate_tree.hpp"

#include <string>
#include <utility>

#include "core/binary_reader.hpp"
#include "core/binary_writer.hpp"
#include "core/error.hpp"

namespace surfkmc::kmc {

RateTree::RateTree(std::int64_t slots) {
  require(slots >= 0, "RateTree needs a non-negative slot count");
  capacity_ = 1;
  while (capacity_ < slots) capacity_ *= 2;
  node_.assign(static_cast<std::size_t>(2 * capacity_), 0.0);
  root_ = static_cast<std::size_t>(capacity_);  // the live subtree starts as leaf 0
  span_ = 1;
}

void RateTree::saveState(BinaryWriter& out) const {
  out.writeTag("TREE");
  out.write(capacity_);
  out.write(static_cast<std::uint64_t>(root_));
  out.write(span_);
  out.writeVector(node_);
}

void RateTree::restoreState(BinaryReader& in) {
  in.expectTag("TREE");
  const auto capacity = in.read<std::int64_t>();
  const auto root = in.read<std::uint64_t>();
  const auto span = in.read<decltype(span_)>();
  std::vector<double> nodes = in.readVector<double>();
  if (capacity != capacity_ || nodes.size() != node_.size())
    in.fail("the sum tree has " + std::to_string(capacity) + " slots, this one " + std::to_string(capacity_));
  // The live root covers `span` leaves: root · span = capacity (a power of two), root ≥ 1.
  if (root < 1 || span < 1 || root * static_cast<std::uint64_t>(span) != static_cast<std::uint64_t>(capacity_))
    in.fail("bad live root of the sum tree");
  root_ = static_cast<std::size_t>(root);
  span_ = span;
  node_ = std::move(nodes);
}

}  // namespace surfkmc::kmc
