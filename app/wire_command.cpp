// SPDX-License-Identifier: MIT
// `surfkmc wire SCENARIO -o FILE.xyz`.
#include "app/wire_command.hpp"

#include <fmt/format.h>

#include <ostream>

#include "app/atomic_file.hpp"
#include "app/scenario_loader.hpp"
#include "app/specimen.hpp"
#include "core/version.hpp"
#include "lattice/ext_xyz.hpp"

namespace surfkmc::app {

void wireCommand(const std::filesystem::path& scenario, const std::filesystem::path& output, std::ostream& out) {
  const Scenario s = loadScenario(scenario);
  const lattice::BuiltWire built = buildSpecimen(s);
  // Provenance travels with the structure (docs/style.md#provenance); the name is restricted to a safe charset.
  const std::string info = fmt::format("scenario={} seed={} material={} scenario_hash={} surfkmc={} git={}", s.name,
                                       s.seed, s.material.name, s.source_hash, kVersion, kGitHash);
  AtomicFile file(output, TargetKind::kUserNamed);
  lattice::writeExtXyz(file.stream(), built.lattice, s.material.species, info);
  file.commit();
  out << fmt::format("wrote {} atoms to {}\nrounding: {}\n", built.lattice.atomCount(), output.string(),
                     built.rounding_note);
}

}  // namespace surfkmc::app
