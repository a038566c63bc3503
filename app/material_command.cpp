// SPDX-License-Identifier: MIT
// `surfkmc material template`.
#include "app/material_command.hpp"

#include <ostream>
#include <sstream>

#include "app/material_loader.hpp"
#include "app/safe_name.hpp"
#include "app/source_file.hpp"
#include "core/error.hpp"

namespace surfkmc::app {

void materialTemplateCommand(const std::string& name, std::ostream& out) {
  if (!isSafeName(name))
    throw InputError("material template: --name: bad value '" + printableText(name, 64) +
                     "'; allowed: " + kSafeNameRule);
  const SourceFile silver = SourceFile::read(materialsDirectory() / "Ag.yaml");
  out << "# A material file for surfkmc, to start from: every key it needs, with silver's values.\n"
         "# Replace each value with your material's, keep the unit (fixed by the key's suffix), and give\n"
         "# its source (a citation or derivation) and tag: V verified in a cited source, D derived,\n"
         "# R recalled, A assumed or calibrated (docs/materials.md, docs/parameters.md#tags).\n"
         "# Set species to the chemical symbol. Check it with: surfkmc check a scenario using it.\n";
  std::istringstream lines(silver.text());
  bool header = true;
  for (std::string line; std::getline(lines, line);) {
    // Silver's own header comment is replaced by the one above.
    if (header && (line.empty() || line[0] == '#')) continue;
    header = false;
    if (line.rfind("name:", 0) == 0) line = "name: " + name;
    if (line.rfind("description:", 0) == 0) line = "description: \"" + name + ": describe the material here\"";
    out << line << '\n';
  }
}

}  // namespace surfkmc::app
