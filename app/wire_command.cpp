// SPDX-License-Identifier: MIT
// `surfkmc wire SCENARIO -o FILE.xyz`.
#include "app/wire_command.hpp"

#include <fmt/format.h>

#include <ostream>
#include <vector>

#include "app/atomic_file.hpp"
#include "app/scenario_loader.hpp"
#include "app/specimen.hpp"
#include "core/version.hpp"
#include "lattice/ext_xyz.hpp"
#include "nucleation/site_detector.hpp"

namespace surfkmc::app {

void wireCommand(const std::filesystem::path& scenario, const std::filesystem::path& output, std::ostream& out) {
  const Scenario s = loadScenario(scenario);
  const lattice::BuiltWire built = buildSpecimen(s);
  // The census Eq. 2 starts from: the detector of the coupled run (default options), on the wire as cut. Each
  // ledge atom it reports gets its class and size; a pit is a vacancy cluster, so no atom carries it.
  const nucleation::SiteSet found = nucleation::SiteDetector{}.detect(built.lattice);
  const auto n = static_cast<std::size_t>(built.lattice.siteCount());
  std::vector<int> site_class(n, -1), site_size(n, 0);
  for (const nucleation::NucleationSite& site : found.sites)
    if (site.site_class != nucleation::SiteClass::kPit && built.lattice.occupied(site.site)) {
      site_class[static_cast<std::size_t>(site.site)] = static_cast<int>(site.site_class);
      site_size[static_cast<std::size_t>(site.site)] = site.size;
    }
  const std::vector<lattice::IntColumn> columns = {
      {"site_class", [&](lattice::SiteIndex i) { return site_class[static_cast<std::size_t>(i)]; }},
      {"site_size", [&](lattice::SiteIndex i) { return site_size[static_cast<std::size_t>(i)]; }}};
  // Provenance travels with the structure (docs/style.md#provenance); the name is restricted to a safe charset.
  const std::string info = fmt::format("scenario={} seed={} material={} scenario_hash={} surfkmc={} git={}", s.name,
                                       s.seed, s.material.name, s.source_hash, kVersion, kGitHash);
  AtomicFile file(output, TargetKind::kUserNamed);
  lattice::writeExtXyz(file.stream(), built.lattice, s.material.species, info, columns);
  file.commit();
  out << fmt::format("wrote {} atoms to {}\nrounding: {}\n", built.lattice.atomCount(), output.string(),
                     built.rounding_note);
  const auto count = [&](nucleation::SiteClass c) { return found.counts.sites[static_cast<std::size_t>(c)]; };
  out << fmt::format(
      "nucleation sites as cut (column site_class: -1 none, 0 facet_edge, 1 step, 2 multi_step; site_size: step "
      "height): {} facet_edge, {} step, {} multi_step, {} pits (vacancy clusters, not marked), of {} surface atoms\n",
      count(nucleation::SiteClass::kFacetEdge), count(nucleation::SiteClass::kStep),
      count(nucleation::SiteClass::kMultiStep), count(nucleation::SiteClass::kPit), found.counts.surface_atoms);
}

}  // namespace surfkmc::app
