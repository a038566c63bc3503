// SPDX-License-Identifier: MIT
// `surfkmc material template [--name X]`: a complete, commented material file to start from.
#pragma once

#include <iosfwd>
#include <string>

namespace surfkmc::app {

/// Prints the shipped silver file (every key, with its unit, source and tag) as a template: a header
/// that says what to replace, `name` set to `name` (a safe name; InputError otherwise) and the rest
/// as silver has it, so the output loads as it is and each value can be replaced in turn.
void materialTemplateCommand(const std::string& name, std::ostream& out);

}  // namespace surfkmc::app
