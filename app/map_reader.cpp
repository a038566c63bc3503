// SPDX-License-Identifier: MIT
// Schema helper: typed, range-checked, located reading of one YAML map.
#include "app/map_reader.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <utility>

#include "app/edit_distance.hpp"
#include "core/error.hpp"
#include "core/parse_number.hpp"

namespace surfkmc::app {
namespace {

constexpr std::size_t kMaxQuotedValue = 60;
/// Integers written as floating point (1e6) are exact up to 2^53.
constexpr double kMaxExactInteger = 9007199254740992.0;

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

/// A scalar's whole text as a T into `out`; YAML allows a leading '+'.
template <class T>
bool scalarAs(const std::string& text, T& out) {
  const std::optional<T> v = parseWhole<T>(text, LeadingPlus::kAccepted);
  if (v) out = *v;
  return v.has_value();
}

std::string integerRange(std::int64_t lo, std::int64_t hi) {
  return "an integer ≥ " + std::to_string(lo) + " and ≤ " + std::to_string(hi);
}

}  // namespace

MapReader::MapReader(const SourceFile& file, const YAML::Node& node, std::string path, const YAML::Mark& where)
    : file_(&file), path_(std::move(path)), mark_(node.IsDefined() && !node.Mark().is_null() ? node.Mark() : where) {
  if (!node.IsMap()) {
    const std::string got = node.IsDefined() ? quoted(node) : "(empty)";
    throw InputError(locationOf(mark_).message(path_.empty() ? "(document)" : path_,
                                               "bad value " + got + "; allowed: a map of 'key: value' lines"));
  }
  for (auto it = node.begin(); it != node.end(); ++it) {
    if (!it->first.IsScalar())
      throw InputError(
          locationOf(it->first.Mark())
              .message(path_.empty() ? "(document)" : path_, "keys must be plain names, not a list or map"));
    const std::string key = it->first.Scalar();
    // yaml-cpp keeps both entries of a duplicated key; a silent "last one wins" would hide typos.
    for (const Entry& e : entries_) {
      if (e.key == key)
        throw InputError(locationOf(it->first.Mark())
                             .message(keyPath(key), "duplicate key (first on line " +
                                                        std::to_string(e.key_node.Mark().line + 1) + ")"));
    }
    entries_.push_back(Entry{key, it->first, it->second});
  }
}

std::string MapReader::keyPath(const std::string& key) const { return path_.empty() ? key : path_ + "." + key; }

const MapReader::Entry* MapReader::find(const std::string& key) const {
  for (const Entry& e : entries_)
    if (e.key == key) return &e;
  return nullptr;
}

const MapReader::Entry* MapReader::take(const std::string& key) {
  if (std::find(known_.begin(), known_.end(), key) == known_.end()) known_.push_back(key);
  const Entry* e = find(key);
  if (e) consumed_.insert(key);
  if (e && e->value.IsNull()) fail(key, "missing value");
  return e;
}

const MapReader::Entry& MapReader::require(const std::string& key) {
  const Entry* e = take(key);
  if (!e) {
    std::string what = "missing required key";
    for (const Entry& other : entries_) {
      if (!consumed_.count(other.key) && closestName(other.key, {key})) {
        what +=
            " (is '" + other.key + "' on line " + std::to_string(other.key_node.Mark().line + 1) + " a misspelling?)";
        break;
      }
    }
    throw InputError(locationOf(mark_).message(keyPath(key), what));
  }
  return *e;
}

const MapReader::Entry& MapReader::requireScalar(const Entry& e) const {
  if (!e.value.IsScalar()) fail(e.key, "bad value " + quoted(e.value) + "; expected a single value");
  return e;
}

double MapReader::parseNumber(const Entry& e, const NumberRange& range) const {
  double v = 0.0;
  if (!e.value.IsScalar() || !scalarAs(e.value.Scalar(), v) || !range.contains(v)) failValue(e.key, range.describe());
  return v;
}

std::int64_t MapReader::parseInteger(const Entry& e, std::int64_t lo, std::int64_t hi) const {
  std::int64_t v = 0;
  bool ok = e.value.IsScalar() && scalarAs(e.value.Scalar(), v);
  if (!ok && e.value.IsScalar()) {
    double d = 0.0;
    if (scalarAs(e.value.Scalar(), d) && std::isfinite(d) && std::abs(d) <= kMaxExactInteger && std::floor(d) == d) {
      v = static_cast<std::int64_t>(d);
      ok = true;
    }
  }
  if (!ok || v < lo || v > hi) failValue(e.key, integerRange(lo, hi));
  return v;
}

bool MapReader::parseBoolean(const Entry& e) const {
  if (e.value.IsScalar()) {
    const std::string v = lower(e.value.Scalar());
    if (v == "true" || v == "yes" || v == "on") return true;
    if (v == "false" || v == "no" || v == "off") return false;
  }
  failValue(e.key, "true or false");
}

double MapReader::number(const std::string& key, const NumberRange& range) { return parseNumber(require(key), range); }

std::optional<double> MapReader::optionalNumber(const std::string& key, const NumberRange& range) {
  const Entry* e = take(key);
  if (!e) return std::nullopt;
  return parseNumber(*e, range);
}

double MapReader::numberOr(const std::string& key, const NumberRange& range, double fallback) {
  return optionalNumber(key, range).value_or(fallback);
}

std::int64_t MapReader::integer(const std::string& key, std::int64_t lo, std::int64_t hi) {
  return parseInteger(require(key), lo, hi);
}

std::optional<std::int64_t> MapReader::optionalInteger(const std::string& key, std::int64_t lo, std::int64_t hi) {
  const Entry* e = take(key);
  if (!e) return std::nullopt;
  return parseInteger(*e, lo, hi);
}

std::uint64_t MapReader::unsignedInteger(const std::string& key) {
  const Entry& e = require(key);
  std::uint64_t v = 0;
  if (!e.value.IsScalar() || e.value.Scalar().starts_with('-') || !scalarAs(e.value.Scalar(), v))
    failValue(key, "an integer from 0 to 18446744073709551615");
  return v;
}

bool MapReader::boolean(const std::string& key) { return parseBoolean(require(key)); }

bool MapReader::booleanOr(const std::string& key, bool fallback) {
  const Entry* e = take(key);
  return e ? parseBoolean(*e) : fallback;
}

std::string MapReader::string(const std::string& key) { return requireScalar(require(key)).value.Scalar(); }

std::optional<std::string> MapReader::optionalString(const std::string& key) {
  const Entry* e = take(key);
  if (!e) return std::nullopt;
  return requireScalar(*e).value.Scalar();
}

std::string MapReader::choice(const std::string& key, const std::vector<std::string>& allowed) {
  const Entry& e = require(key);
  std::string value = e.value.IsScalar() ? e.value.Scalar() : std::string();
  if (e.value.IsScalar() && std::find(allowed.begin(), allowed.end(), value) != allowed.end()) return value;
  std::string what = "bad value " + quoted(e.value) + ";";
  if (e.value.IsScalar())
    if (const auto s = closestName(value, allowed)) what += " did you mean '" + *s + "'?";
  fail(key, what + " allowed: " + joinNames(allowed));
}

MapReader MapReader::map(const std::string& key) {
  const Entry& e = require(key);
  return MapReader(*file_, e.value, keyPath(key), e.key_node.Mark());
}

std::optional<MapReader> MapReader::optionalMap(const std::string& key) {
  const Entry* e = take(key);
  if (!e) return std::nullopt;
  return MapReader(*file_, e->value, keyPath(key), e->key_node.Mark());
}

void MapReader::finish() const {
  for (const Entry& e : entries_) {
    if (consumed_.count(e.key)) continue;
    std::string what = "unknown key '" + e.key + "';";
    if (const auto s = closestName(e.key, known_)) what += " did you mean '" + *s + "'?";
    what += known_.empty() ? " this map takes no keys" : " allowed: " + joinNames(known_);
    // A key a sweep inserted has no place in the file; its value (in the sweep list) has.
    const YAML::Mark at = e.key_node.Mark().is_null() ? e.value.Mark() : e.key_node.Mark();
    throw InputError(locationOf(at).message(keyPath(e.key), what));
  }
}

void MapReader::fail(const std::string& key, const std::string& what) const {
  if (key.empty()) throw InputError(locationOf(mark_).message(path_.empty() ? "(document)" : path_, what));
  const Entry* e = find(key);
  throw InputError((e ? valueLocation(*e) : locationOf(mark_)).message(keyPath(key), what));
}

void MapReader::failValue(const std::string& key, const std::string& allowed) const {
  const Entry* e = find(key);
  fail(key, "bad value " + (e ? quoted(e->value) : std::string("(none)")) + "; allowed: " + allowed);
}

SourceLocation MapReader::location(const std::string& key) const {
  const Entry* e = key.empty() ? nullptr : find(key);
  return e ? valueLocation(*e) : locationOf(mark_);
}

void MapReader::locateErrors(const std::string& key, const std::function<void()>& check) const {
  try {
    check();
  } catch (const InputError& error) {
    fail(key, error.what());
  }
}

SourceLocation MapReader::locationOf(const YAML::Mark& mark) const {
  if (mark.is_null()) return file_->location(0, 0);
  return file_->location(mark.line, mark.column);
}

SourceLocation MapReader::valueLocation(const Entry& e) const {
  const YAML::Mark m = e.value.Mark();
  return locationOf(m.is_null() || e.value.IsNull() ? e.key_node.Mark() : m);
}

std::string MapReader::quoted(const YAML::Node& value) {
  if (value.IsSequence()) return "(a list)";
  if (value.IsMap()) return "(a map)";
  if (!value.IsScalar()) return "(empty)";
  // Appended piecewise: `"'" + s + "'"` trips g++ 12's false -Wrestrict positive.
  std::string out(1, '\'');
  out += printableText(value.Scalar(), kMaxQuotedValue);
  out += '\'';
  return out;
}

}  // namespace surfkmc::app
