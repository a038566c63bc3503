// SPDX-License-Identifier: MIT
// Reading step-velocity measurements (docs/data_format.md#step-velocity) with located errors.
#include "app/step_velocity_data.hpp"

#include <array>
#include <cmath>
#include <map>
#include <string_view>

#include "app/number_range.hpp"
#include "app/safe_name.hpp"
#include "app/source_file.hpp"
#include "core/error.hpp"
#include "core/parse_number.hpp"

namespace surfkmc::app {
namespace {

constexpr std::string_view kPrefix = "# measurement ";
constexpr std::array<std::string_view, 13> kKeys = {
    "material", "method",   "geometry",   "diameter_nm",   "temperature_K", "stress_GPa", "t_end_s",
    "seeds",    "censored", "v_nm_per_s", "v_se_nm_per_s", "hop_key",       "build"};

/// One key=value of a measurement line, with the 0-based column where its value starts.
struct Field {
  std::string value;
  int column0 = 0;
};

/// Reads the fields of one measurement line; `fail` throws located at a 0-based column.
class LineReader {
 public:
  LineReader(const SourceFile& source, int line0, std::string_view text) : source_(source), line0_(line0) {
    std::size_t i = kPrefix.size();
    while (i < text.size()) {
      if (text[i] == ' ' || text[i] == '\t') {
        ++i;
        continue;
      }
      std::size_t end = i;
      while (end < text.size() && text[end] != ' ' && text[end] != '\t') ++end;
      const std::string_view token = text.substr(i, end - i);
      const std::size_t eq = token.find('=');
      const std::string key(token.substr(0, eq == std::string_view::npos ? token.size() : eq));
      bool known = false;
      for (std::string_view k : kKeys) known = known || k == key;
      if (eq == std::string_view::npos || !known)
        fail(static_cast<int>(i), printableText(key, 40),
             "unknown field '" + printableText(token, 60) + "'; allowed: key=value with key one of " + keyList());
      if (fields_.contains(key)) fail(static_cast<int>(i), key, "given twice on one line");
      fields_[key] = {std::string(token.substr(eq + 1)), static_cast<int>(i + eq + 1)};
      i = end;
    }
  }

  [[noreturn]] void fail(int column0, const std::string& key, const std::string& what) const {
    throw InputError(source_.location(line0_, column0).message(key, what));
  }

  const Field& field(const std::string& key) const {
    const auto it = fields_.find(key);
    if (it == fields_.end()) fail(static_cast<int>(kPrefix.size()), key, "missing; the line needs " + keyList());
    return it->second;
  }

  /// A name that may end up in an output file name (app/safe_name.hpp).
  std::string name(const std::string& key) const {
    const Field& f = field(key);
    if (!isSafeName(f.value))
      fail(f.column0, key, "bad value '" + printableText(f.value, 40) + "'; allowed: " + kSafeNameRule);
    return f.value;
  }

  double number(const std::string& key, const NumberRange& range) const {
    const Field& f = field(key);
    const auto v = parseWhole<double>(f.value);
    if (!v || !std::isfinite(*v) || !range.contains(*v))
      fail(f.column0, key, "bad value '" + printableText(f.value, 40) + "'; allowed: " + range.describe());
    return *v;
  }

  int count(const std::string& key, int lo, int hi) const {
    const Field& f = field(key);
    const auto v = parseWhole<int>(f.value);
    if (!v || *v < lo || *v > hi)
      fail(f.column0, key,
           "bad value '" + printableText(f.value, 40) + "'; allowed: a whole number from " + std::to_string(lo) +
               " to " + std::to_string(hi));
    return *v;
  }

  bool has(const std::string& key) const { return fields_.contains(key); }

  /// The build is only reported; "unknown" when the line has none.
  std::string optionalText(const std::string& key) const {
    const auto it = fields_.find(key);
    return it == fields_.end() ? std::string("unknown") : printableText(it->second.value, 40);
  }

 private:
  static std::string keyList() {
    std::string s;
    for (std::string_view k : kKeys) s += (s.empty() ? "" : ", ") + std::string(k);
    return s;
  }

  const SourceFile& source_;
  int line0_;
  std::map<std::string, Field> fields_;
};

}  // namespace

std::vector<StepVelocityMeasurement> loadStepVelocityFile(const std::filesystem::path& path) {
  // The tool's output is a few hundred lines per method; 16 MiB is far more than any.
  const SourceFile source = SourceFile::read(path, std::size_t{16} << 20);
  const std::string& text = source.text();
  std::vector<StepVelocityMeasurement> out;
  std::size_t begin = 0;
  for (int line0 = 0; begin < text.size(); ++line0) {
    std::size_t end = text.find('\n', begin);
    if (end == std::string::npos) end = text.size();
    std::string_view line(text.data() + begin, end - begin);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    begin = end + 1;
    if (!line.starts_with(kPrefix)) continue;
    const LineReader r(source, line0, line);
    StepVelocityMeasurement m;
    m.file = path;
    m.line = line0 + 1;
    m.material = r.name("material");
    m.method = r.name("method");
    m.geometry = r.field("geometry").value;
    if (m.geometry != "slab" && m.geometry != "wire")
      r.fail(r.field("geometry").column0, "geometry",
             "bad value '" + printableText(m.geometry, 40) + "'; allowed: slab or wire");
    m.diameter_nm = m.geometry == "wire" ? r.number("diameter_nm", NumberRange::positive(1.0e4))
                                         : r.number("diameter_nm", NumberRange::closed(0.0, 0.0));
    m.temperature_K = r.number("temperature_K", NumberRange::positive(5000.0));
    m.stress_GPa = r.number("stress_GPa", NumberRange::closed(-100.0, 100.0));
    m.t_end_s = r.number("t_end_s", NumberRange::positive());
    // A standard error needs two seeds.
    m.seeds = r.count("seeds", 2, 1'000'000);
    m.censored = r.count("censored", 0, m.seeds);
    m.v_nm_per_s = r.number("v_nm_per_s", NumberRange::positive(1.0e6));
    m.v_se_nm_per_s = r.number("v_se_nm_per_s", NumberRange::closed(0.0, 1.0e6));
    if (r.has("hop_key")) {
      const Field& f = r.field("hop_key");
      if (f.value != "class" && f.value != "environment")
        r.fail(f.column0, "hop_key", "bad value '" + printableText(f.value, 40) + "'; allowed: class or environment");
      m.hop_key = f.value;
    } else {
      m.hop_key = m.method.starts_with("env") ? "environment" : "class";
    }
    m.build = r.optionalText("build");
    out.push_back(std::move(m));
  }
  if (out.empty())
    throw InputError(source.location(-1, -1).message(
        "", "no '# measurement' line; give the output of tools/kmc/step_velocity (docs/data_format.md#step-velocity)"));
  return out;
}

}  // namespace surfkmc::app
