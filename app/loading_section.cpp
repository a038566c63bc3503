// SPDX-License-Identifier: MIT
// The scenario's `loading:` section.
#include "app/loading_section.hpp"

#include "app/map_reader.hpp"
#include "core/error.hpp"

namespace surfkmc::app {

void LoadingSection::validate() const {
  require(strain_rate_per_s.has_value() != stress_GPa.has_value(),
          "give exactly one of strain_rate_per_s (tension) and stress_GPa (held stress)");
  require(!stress_GPa || duration_s, "a held stress needs duration_s");
  require(!duration_s || strain_rate_per_s == std::nullopt,
          "duration_s goes with stress_GPa; a ramp stops at max_strain");
  require(!until_max_strain || strain_rate_per_s,
          "until: max_strain needs strain_rate_per_s (tension), not a held stress");
}

LoadingSection readLoadingSection(MapReader& map) {
  LoadingSection l;
  l.strain_rate_per_s = map.optionalNumber("strain_rate_per_s", NumberRange::closed(1.0e-9, 1.0e9));
  l.stress_GPa = map.optionalNumber("stress_GPa", NumberRange::closed(-50.0, 50.0));
  l.max_strain = map.numberOr("max_strain", NumberRange::closed(1.0e-6, 0.5), l.max_strain);
  l.duration_s = map.optionalNumber("duration_s", NumberRange::positive(1.0e12));
  if (map.has("until")) l.until_max_strain = map.choice("until", {"first_nucleation", "max_strain"}) == "max_strain";
  if (map.has("creep")) l.coble_creep = map.choice("creep", {"coble", "none"}) == "coble";
  l.strain_energy = map.booleanOr("strain_energy", l.strain_energy);
  l.stress_refresh_tolerance =
      map.numberOr("stress_refresh_tolerance", NumberRange::closed(1.0e-9, 0.5), l.stress_refresh_tolerance);
  map.finish();
  map.locateErrors("", [&] { l.validate(); });
  return l;
}

}  // namespace surfkmc::app
