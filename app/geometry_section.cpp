// SPDX-License-Identifier: MIT
// The scenario's `geometry:` section.
#include "app/geometry_section.hpp"

#include "app/map_reader.hpp"
#include "core/units.hpp"

namespace surfkmc::app {
namespace {

double lengthA(MapReader& map, const std::string& key) {
  return units::nmToAngstrom(map.number(key, NumberRange::positive(kMaxExtent_nm)));
}

}  // namespace

lattice::WireSpec readGeometrySection(MapReader& map) {
  lattice::WireSpec spec;
  spec.shape = *lattice::parseShape(map.choice("shape", {"cylinder", "rectangle", "slab"}));
  switch (spec.shape) {
    case lattice::Shape::kCylinder:
      spec.diameter_A = lengthA(map, "diameter_nm");
      spec.length_A = lengthA(map, "length_nm");
      if (auto g = map.optionalMap("gauge")) {
        lattice::GaugeSpec gauge;
        gauge.diameter_A = lengthA(*g, "diameter_nm");
        gauge.length_A = lengthA(*g, "length_nm");
        gauge.transition_A =
            units::nmToAngstrom(g->numberOr("transition_nm", NumberRange::closed(0.0, kMaxExtent_nm), 0.0));
        g->finish();
        spec.gauge = gauge;
      }
      break;
    case lattice::Shape::kRectangle:
      spec.width_A = lengthA(map, "width_nm");
      spec.thickness_A = lengthA(map, "thickness_nm");
      spec.length_A = lengthA(map, "length_nm");
      break;
    case lattice::Shape::kSlab:
      spec.length_A = lengthA(map, "size_x_nm");
      spec.size_z_A = lengthA(map, "size_z_nm");
      spec.thickness_A = lengthA(map, "thickness_nm");
      break;
  }
  if (auto v = map.optionalNumber("vacuum_nm", NumberRange::closed(0.5, 10.0))) spec.vacuum_A = units::nmToAngstrom(*v);
  const auto halfCell = [&](const std::string& key) {
    return map.has(key) && map.choice(key, {"0", "0.5"}) == "0.5" ? 0.5 : 0.0;
  };
  spec.cut_shift_y = halfCell("cut_shift_y");
  if (spec.shape != lattice::Shape::kSlab) spec.cut_shift_z = halfCell("cut_shift_z");
  map.finish();
  map.locateErrors(spec.gauge ? "gauge" : "", [&] { spec.validate(); });
  return spec;
}

}  // namespace surfkmc::app
