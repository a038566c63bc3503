// SPDX-License-Identifier: MIT
// Schema helper: reads one YAML map with typed, range-checked getters, located errors and an
// unknown-key check with suggestions. Every section loader is written with it.
#pragma once

#include <yaml-cpp/yaml.h>
#include <cstdint>
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "app/number_range.hpp"
#include "app/source_file.hpp"
#include "app/source_location.hpp"

namespace surfkmc::app {

/// A view of one YAML map of a SourceFile (which must outlive it). Getters mark their key as
/// consumed; finish() then rejects any key nobody asked for. Every error is an InputError of the
/// form `file:line:column: section.key: ...` with the offending line quoted.
///
/// Usage: `MapReader m = root.map("kmc"); s.temperature_K = m.numberOr("temperature_K", range, 300);
/// ...; m.finish();`
class MapReader {
 public:
  /// `node` must be a map (else a located error at `where`); `path` is its dotted key path ("" for
  /// the document). Rejects duplicate keys and keys that are not plain scalars.
  MapReader(const SourceFile& file, const YAML::Node& node, std::string path, const YAML::Mark& where);

  const std::string& path() const { return path_; }
  /// Dotted path of a key in this map, e.g. "geometry.diameter_nm".
  std::string keyPath(const std::string& key) const;
  bool has(const std::string& key) const { return find(key) != nullptr; }

  // Required getters throw a located "missing required key" when the key is absent; optional ones
  // return nullopt; the ...Or ones a default. A key present with an empty value is an error.
  double number(const std::string& key, const NumberRange& range);
  std::optional<double> optionalNumber(const std::string& key, const NumberRange& range);
  double numberOr(const std::string& key, const NumberRange& range, double fallback);
  /// An integer in [lo, hi]; `1e6` is accepted when it is an exact integer.
  std::int64_t integer(const std::string& key, std::int64_t lo, std::int64_t hi);
  std::optional<std::int64_t> optionalInteger(const std::string& key, std::int64_t lo, std::int64_t hi);
  /// A non-negative integer up to 2^64 − 1 (random seeds).
  std::uint64_t unsignedInteger(const std::string& key);
  bool boolean(const std::string& key);
  bool booleanOr(const std::string& key, bool fallback);
  std::string string(const std::string& key);
  std::optional<std::string> optionalString(const std::string& key);
  /// One of `allowed` (exact spelling), with a suggestion when close.
  std::string choice(const std::string& key, const std::vector<std::string>& allowed);
  /// The nested map under `key`.
  MapReader map(const std::string& key);
  std::optional<MapReader> optionalMap(const std::string& key);

  /// Throws for the first key that no getter consumed: `unknown key 'x'; did you mean 'y'?`.
  void finish() const;

  /// Located errors for checks the getters cannot express. `key` empty ⇒ at the map itself.
  [[noreturn]] void fail(const std::string& key, const std::string& what) const;
  /// `key: bad value 'text'; allowed: allowed`, at the key's value.
  [[noreturn]] void failValue(const std::string& key, const std::string& allowed) const;
  /// Where `key`'s value is (the map itself if absent), for errors found later (e.g. building).
  SourceLocation location(const std::string& key = {}) const;
  /// Runs `check` (e.g. a struct's validate()) and re-throws its InputError located at `key`.
  void locateErrors(const std::string& key, const std::function<void()>& check) const;

 private:
  struct Entry {
    std::string key;
    YAML::Node key_node;
    YAML::Node value;
  };
  const Entry* find(const std::string& key) const;
  /// The entry for `key`, marked consumed; nullptr if absent.
  const Entry* take(const std::string& key);
  const Entry& require(const std::string& key);
  const Entry& requireScalar(const Entry& e) const;
  double parseNumber(const Entry& e, const NumberRange& range) const;
  std::int64_t parseInteger(const Entry& e, std::int64_t lo, std::int64_t hi) const;
  bool parseBoolean(const Entry& e) const;
  SourceLocation locationOf(const YAML::Mark& mark) const;
  SourceLocation valueLocation(const Entry& e) const;
  /// The value as quoted in messages: its scalar text, or "a map" / "a list" / "(empty)".
  static std::string quoted(const YAML::Node& value);

  const SourceFile* file_;
  std::string path_;
  YAML::Mark mark_;
  std::vector<Entry> entries_;
  std::set<std::string> consumed_;
  /// Every key a getter asked for, present or not, in order: the "allowed" list of finish().
  std::vector<std::string> known_;
};

}  // namespace surfkmc::app
