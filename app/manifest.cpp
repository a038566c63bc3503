// SPDX-License-Identifier: MIT
// Reading a results folder's manifest.
#include "app/manifest.hpp"

#include "core/error.hpp"

namespace surfkmc::app {

nlohmann::json parseManifest(const SourceFile& file) {
  const std::string where = printableText(file.path().string(), 512);
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(file.text());
  } catch (const nlohmann::json::exception& e) {
    throw InputError(where + ": unreadable manifest (" + printableText(e.what(), 200) +
                     "); it is not the JSON surfkmc wrote");
  }
  if (!j.is_object()) throw InputError(where + ": bad manifest; allowed: the JSON object surfkmc wrote");
  for (const char* key : {"scenario", "scenario_hash", "inputs_hash"})
    if (j.contains(key) && !j[key].is_string())
      throw InputError(where + ": bad manifest: '" + key + "' must be text, got " + printableText(j[key].dump(), 80));
  return j;
}

}  // namespace surfkmc::app
