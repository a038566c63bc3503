// SPDX-License-Identifier: MIT
// Loading user yield data (docs/data_format.md) with located errors.
#include "app/experiment_data.hpp"

#include <cctype>

#include "app/csv_table.hpp"
#include "app/number_range.hpp"
#include "core/error.hpp"

namespace surfkmc::app {

const std::vector<std::string>& experimentColumns() {
  static const std::vector<std::string> columns = {
      "material", "diameter_nm", "strain_rate_per_s", "temperature_K", "yield_GPa", "err_GPa", "source", "note"};
  return columns;
}

ExperimentData loadExperimentData(const std::filesystem::path& path) {
  const CsvTable t = CsvTable::read(path);
  t.rejectUnknownColumns(experimentColumns());
  const auto material = t.requireColumn("material");
  const auto diameter = t.requireColumn("diameter_nm");
  const auto rate = t.requireColumn("strain_rate_per_s");
  const auto temperature = t.requireColumn("temperature_K");
  const auto yield = t.requireColumn("yield_GPa");
  const auto err = t.column("err_GPa");
  const auto source = t.requireColumn("source");

  ExperimentData d;
  d.path = path;
  d.hash = t.source().hash();
  for (std::size_t r = 0; r < t.rows(); ++r) {
    ExperimentPoint p;
    p.line = t.line(r);
    p.material = t.cell(r, material);
    // A materials name: what data/materials/<name>.yaml is called (letters, digits, '_', '-').
    bool ok = !p.material.empty() && std::isalpha(static_cast<unsigned char>(p.material[0]));
    for (const char c : p.material) ok = ok && (std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-');
    if (!ok) t.fail(r, material, "bad value '" + p.material + "'; allowed: a materials name such as Ag or Pt");
    p.diameter_nm = t.number(r, diameter, NumberRange::positive(1.0e4));
    p.strain_rate_per_s = t.number(r, rate, NumberRange::positive(1.0e12));
    p.temperature_K = t.number(r, temperature, NumberRange::positive(5000.0));
    p.yield_GPa = t.number(r, yield, NumberRange::positive(100.0));
    if (err) p.err_GPa = t.optionalNumber(r, *err, NumberRange::positive(100.0));
    p.source = t.cell(r, source);
    if (p.source.empty()) t.fail(r, source, "missing value; give the citation (paper, figure) or 'illustrative'");
    d.points.push_back(std::move(p));
  }
  if (d.points.empty()) throw InputError(t.source().location(-1, -1).message("", "no data rows after the header"));
  return d;
}

}  // namespace surfkmc::app
