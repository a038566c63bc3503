// SPDX-License-Identifier: MIT
// One parsed YAML input file; syntax errors become located InputErrors.
#pragma once

#include <yaml-cpp/yaml.h>

#include "app/map_reader.hpp"
#include "app/source_file.hpp"

namespace surfkmc::app {

/// A YAML file holding exactly one document. Readers point into it, so it neither copies nor moves.
class YamlDocument {
 public:
  /// Parses `file`. Throws InputError located at the syntax error, or for several documents.
  explicit YamlDocument(SourceFile file);
  YamlDocument(const YamlDocument&) = delete;
  YamlDocument& operator=(const YamlDocument&) = delete;

  const SourceFile& source() const { return file_; }
  /// The top-level map (an empty file or a top-level list is a located error).
  MapReader root() const;

 private:
  SourceFile file_;
  YAML::Node root_;
};

}  // namespace surfkmc::app
