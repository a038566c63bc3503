// SPDX-License-Identifier: MIT
// Reading a results folder's manifest (run.json, sweep.json) as checked input.
#pragma once

#include <nlohmann/json.hpp>

#include "app/source_file.hpp"

namespace surfkmc::app {

/// The manifest in `file` as JSON. Throws InputError (exit 2, with the file and what is wrong) if
/// it is not JSON, not an object, or if `scenario`, `scenario_hash` or `inputs_hash` is there but not
/// text: a hand-edited or damaged manifest is bad input, never a library error.
nlohmann::json parseManifest(const SourceFile& file);

}  // namespace surfkmc::app
