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

namespace {

/// Silver's class laws of Eq. 2 (data/nucleation/Ag/linear_law.yaml), keys only: the lines after `material:`.
void printLinearLaw(std::ostream& out) {
  const SourceFile law = SourceFile::read(dataDirectory() / "nucleation" / "Ag" / "linear_law.yaml");
  out << "# The class laws of Eq. 2 (nucleation.model: linear or power), calibrated for silver's bond-counting\n"
         "# model; not needed with computed barriers (nucleation_barriers, nucleation.model: computed).\n";
  std::istringstream lines(law.text());
  bool keys = false;
  for (std::string line; std::getline(lines, line);) {
    if (keys) out << line << '\n';
    keys = keys || line.rfind("material:", 0) == 0;
  }
}

}  // namespace

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
  bool header = true, in_linear_law = false;
  for (std::string line; std::getline(lines, line);) {
    // Silver's own header comment is replaced by the one above.
    if (header && (line.empty() || line[0] == '#')) continue;
    header = false;
    // Silver names a file of Eq. 2's class laws; a new material has no such file, so they come inline.
    if (in_linear_law && !line.empty() && line[0] == ' ') continue;
    in_linear_law = line.rfind("linear_law:", 0) == 0;
    if (in_linear_law) {
      printLinearLaw(out);
      continue;
    }
    if (line.rfind("name:", 0) == 0) line = "name: " + name;
    if (line.rfind("description:", 0) == 0) line = "description: \"" + name + ": describe the material here\"";
    out << line << '\n';
  }
}

}  // namespace surfkmc::app
