// SPDX-License-Identifier: MIT
// User yield data (docs/data_format.md): the shipped example, located errors, and `surfkmc fit` end to end.
#include "app/experiment_data.hpp"

#include <sys/wait.h>

#include <gtest/gtest.h>

#include <array>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "app/csv_table.hpp"
#include "core/error.hpp"
#include "nucleation/eq2_fit.hpp"
#include "tests/unit/app/test_files.hpp"

namespace surfkmc::app {
namespace {

const std::filesystem::path kExample =
    std::filesystem::path(SURFKMC_SOURCE_DIR) / "data" / "experiments" / "example_yield.csv";
const std::string kExperimentHeader = "material,diameter_nm,strain_rate_per_s,temperature_K,yield_GPa,err_GPa,source\n";

using test::Outcome;
TEST(ExperimentData, ShippedExampleIsIllustrativeAndLoads) {
  const ExperimentData d = loadExperimentData(kExample);
  ASSERT_EQ(d.points.size(), 4u);
  for (const auto& p : d.points) EXPECT_NE(p.source.find("illustrative"), std::string::npos);
  EXPECT_EQ(d.points[0].material, "Ag");
  EXPECT_DOUBLE_EQ(d.points[0].diameter_nm, 8.0);
  EXPECT_DOUBLE_EQ(*d.points[0].err_GPa, 0.2);
  EXPECT_EQ(d.points[0].line, 5);
  std::ifstream in(kExample);
  std::string first;
  std::getline(in, first);
  EXPECT_NE(first.find("ILLUSTRATIVE ONLY - NOT MEASURED"), std::string::npos);
}

TEST(ExperimentData, OptionalErrorAndQuotedSource) {
  const test::TempDir dir;
  const auto f =
      dir.write("d.csv", "# comment\n\n" + kExperimentHeader + "Pt, 10 ,1e-3,300,4.0,,\"Smith, 2020, Fig. 2\"\r\n");
  const ExperimentData d = loadExperimentData(f);
  ASSERT_EQ(d.points.size(), 1u);
  EXPECT_FALSE(d.points[0].err_GPa.has_value());
  EXPECT_DOUBLE_EQ(d.points[0].diameter_nm, 10.0);
  EXPECT_EQ(d.points[0].source, "Smith, 2020, Fig. 2");
  EXPECT_EQ(d.points[0].line, 4);
}

struct BadData {
  std::string name;
  std::string text;
  std::string expect;  ///< after the file name
};

TEST(ExperimentData, MalformedFilesGiveLocatedErrors) {
  const std::vector<BadData> cases = {
      {"empty", "", ": no header line"},
      {"only_header", kExperimentHeader, ": no data rows after the header"},
      {"missing_column", "material,diameter_nm,strain_rate_per_s,temperature_K,source\nAg,1,1,300,x\n",
       ":1:1: missing column 'yield_GPa'"},
      {"misspelt_column", "material,diameter_nm,strain_rate_per_s,temperature_K,yeild_GPa,source\n",
       ":1:54: unknown column 'yeild_GPa'; did you mean 'yield_GPa'?"},
      {"duplicate_column", "material,material\n", ":1:10: column 'material': duplicate column name"},
      {"word_for_number", kExperimentHeader + "Ag,8,fast,300,2,0.1,x\n",
       ":2:6: column 'strain_rate_per_s': bad value 'fast'"},
      {"negative_yield", kExperimentHeader + "Ag,8,1e-3,300,-2,0.1,x\n", ":2:15: column 'yield_GPa': bad value '-2'"},
      {"nan_temperature", kExperimentHeader + "Ag,8,1e-3,nan,2,0.1,x\n",
       ":2:11: column 'temperature_K': bad value 'nan'"},
      {"inf_err", kExperimentHeader + "Ag,8,1e-3,300,2,inf,x\n", ":2:17: column 'err_GPa': bad value 'inf'"},
      {"trailing_junk", kExperimentHeader + "Ag,8nm,1e-3,300,2,0.1,x\n", ":2:4: column 'diameter_nm': bad value '8nm'"},
      {"empty_source", kExperimentHeader + "Ag,8,1e-3,300,2,0.1,\n", ":2:21: column 'source': missing value"},
      {"bad_material", kExperimentHeader + "../Ag,8,1e-3,300,2,0.1,x\n", ":2:1: column 'material': bad value '../Ag'"},
      {"too_few_fields", kExperimentHeader + "Ag,8,1e-3\n", ":2:1: 3 fields, but the header (line 1) has 7"},
      {"too_many_fields", kExperimentHeader + "Ag,8,1e-3,300,2,0.1,x,y\n",
       ":2:1: 8 fields, but the header (line 1) has 7"},
      {"unterminated_quote", kExperimentHeader + "Ag,8,1e-3,300,2,0.1,\"x\n", ":2:21: unterminated quote"},
  };
  for (const auto& c : cases) {
    const test::TempDir dir;
    const auto f = dir.write("d.csv", c.text);
    try {
      loadExperimentData(f);
      ADD_FAILURE() << c.name << ": accepted";
    } catch (const InputError& e) {
      const std::string m = e.what();
      EXPECT_NE(m.find(f.string() + c.expect), std::string::npos) << c.name << ": " << m;
    }
  }
  EXPECT_THROW(loadExperimentData("/nonexistent/d.csv"), InputError);
}

/// Eq. 2 data for Ag (E = 83.4 GPa from data/materials/Ag.yaml) at three temperatures and three rates.
std::string synthetic(bool errors) {
  std::ostringstream s;
  s.precision(17);
  s << kExperimentHeader;
  for (double t : {250.0, 300.0, 350.0})
    for (double rate : {1e-4, 1e-3, 1e-2})
      s << "Ag,10," << rate << ',' << t << ',' << nucleation::eq2Yield_GPa(8.0, 24.11, std::log(4.5e14), t, rate, 83.4)
        << ',' << (errors ? "0.05" : "") << ",synthetic\n";
  return s.str();
}

TEST(FitCommand, RecoversEq2ParametersAndWritesJson) {
  const test::TempDir dir;
  const auto f = dir.write("d.csv", synthetic(false));
  const Outcome o = test::captureSurfkmc({"fit", f.string()});
  ASSERT_EQ(o.code, 0) << o.output;
  EXPECT_NE(o.output.find("activation_volume_A3 = 24.11"), std::string::npos) << o.output;
  std::ifstream in(dir.path() / "d.fit.json");
  const auto j = nlohmann::json::parse(in);
  EXPECT_NEAR(j["parameters"]["sigma_ath_GPa"]["value"].get<double>(), 8.0, 1e-6);
  EXPECT_NEAR(j["parameters"]["activation_volume_A3"]["value"].get<double>(), 24.11, 1e-6);
  EXPECT_NEAR(j["parameters"]["ln_prefactor"]["value"].get<double>(), std::log(4.5e14), 1e-6);
  EXPECT_NEAR(j["parameters"]["activation_volume_b3"]["value"].get<double>(), 24.11 / std::pow(2.889, 3), 1e-6);
  EXPECT_EQ(j["dof"], 6);
  EXPECT_EQ(j["weighted"], false);
}

TEST(FitCommand, RenamedColumnsAndFixedPrefactor) {
  const test::TempDir dir;
  std::ostringstream s;
  s.precision(17);
  s << "point,replica,loading.strain_rate_per_s,yield_stress_GPa\n";
  int k = 0;
  for (double rate : {1e-4, 1e-3, 1e-2, 1e-1})
    s << k << ",0," << rate << ',' << nucleation::eq2Yield_GPa(8.0, 24.11, 33.0, 300.0, rate, 83.4) << '\n', ++k;
  s << k << ",0,1,nan\n";
  const auto f = dir.write("points.csv", s.str());
  const std::vector<std::string> args = {"fit",
                                         f.string(),
                                         "--material",
                                         "Ag",
                                         "--strain-rate-column",
                                         "loading.strain_rate_per_s",
                                         "--yield-column",
                                         "yield_stress_GPa",
                                         "--temperature",
                                         "300",
                                         "-o",
                                         (dir.path() / "out.json").string()};
  const Outcome unfixed = test::captureSurfkmc(args);
  EXPECT_EQ(unfixed.code, 2) << unfixed.output;
  EXPECT_NE(unfixed.output.find("sigma_ath_GPa and ln_prefactor (ln Ñν_D) are not separately identifiable"),
            std::string::npos)
      << unfixed.output;
  std::vector<std::string> fixed = args;
  fixed.insert(fixed.end(), {"--fix-ln-prefactor", "33"});
  const Outcome o = test::captureSurfkmc(fixed);
  ASSERT_EQ(o.code, 0) << o.output;
  EXPECT_NE(o.output.find("(1 without a yield value skipped)"), std::string::npos) << o.output;
  std::ifstream in(dir.path() / "out.json");
  const auto j = nlohmann::json::parse(in);
  EXPECT_NEAR(j["parameters"]["activation_volume_A3"]["value"].get<double>(), 24.11, 1e-6);
  EXPECT_EQ(j["parameters"]["ln_prefactor"]["free"], false);
}

TEST(FitCommand, ASweepWritesTheRateAndTemperatureOfEveryRow) {
  // Two points a decade apart in strain rate, at 350 K: points.csv's strain_rate_per_s and temperature_K carry them.
  const test::TempDir dir;
  const auto scenario =
      dir.write("s.yaml",
                "schema_version: 1\nname: fitcols\nseed: 3\nmaterial: Ag\ngeometry: {shape: cylinder, diameter_nm: 2, "
                "length_nm: 3}\nkmc: {temperature_K: 350}\nloading: {strain_rate_per_s: 30.0}\nreplicas: 1\nsweep:\n"
                "  loading.strain_rate_per_s: [30.0, 300.0]\n");
  const Outcome o =
      test::captureSurfkmc({"sweep", scenario.string(), "--threads", "1", "--out", (dir.path() / "r").string()});
  ASSERT_EQ(o.code, 0) << o.output;
  const CsvTable t = CsvTable::read(dir.path() / "r" / "points.csv");
  const std::size_t rate = t.requireColumn("strain_rate_per_s");
  const std::size_t temperature = t.requireColumn("temperature_K");
  // Appended after the columns they came after (columns are only ever appended).
  EXPECT_GT(rate, t.requireColumn("stop_reason"));
  EXPECT_EQ(temperature, rate + 1);
  ASSERT_EQ(t.rows(), 2u);
  const std::size_t swept = t.requireColumn("loading.strain_rate_per_s");
  for (std::size_t r = 0; r < t.rows(); ++r) {
    // The swept cell keeps the scenario's spelling ("30.0"); the new column is the number.
    EXPECT_EQ(t.number(r, rate, NumberRange::positive(1e12)), t.number(r, swept, NumberRange::positive(1e12)))
        << "row " << r;
    EXPECT_DOUBLE_EQ(t.number(r, temperature, NumberRange::positive(1e4)), 350.0);
  }
}

TEST(FitCommand, ReadsASweepsPointsCsvWithoutColumnOptions) {
  // The layout sweeps write (swept key, yield_stress_GPa, ..., strain_rate_per_s, temperature_K), Eq. 2 exact.
  const test::TempDir dir;
  std::ostringstream s;
  s.precision(17);
  s << "# surfkmc test\npoint,replica,loading.strain_rate_per_s,yield_stress_GPa,yield_strain,time_s,site_class,"
       "events,wall_time_s,strength_GPa,stop_reason,strain_rate_per_s,temperature_K\n";
  int k = 0;
  for (double rate : {1e-4, 1e-3, 1e-2, 1e-1}) {
    const double y = nucleation::eq2Yield_GPa(8.0, 24.11, 33.0, 300.0, rate, 83.4);
    s << k << ",0," << rate << ',' << y << ",0.03,1,step,10,0.1," << y << ",nucleated," << rate << ",300\n";
    ++k;
  }
  s << k << ",0,1,nan,nan,1,none,10,0.1,2.0,max_strain,1,300\n";
  const auto f = dir.write("points.csv", s.str());
  const Outcome o = test::captureSurfkmc({"fit", f.string(), "--material", "Ag", "--fix-ln-prefactor", "33"});
  ASSERT_EQ(o.code, 0) << o.output;
  EXPECT_NE(o.output.find("(1 without a yield value skipped)"), std::string::npos) << o.output;
  std::ifstream in(dir.path() / "points.fit.json");
  const auto j = nlohmann::json::parse(in);
  EXPECT_EQ(j["data"]["yield_column"], "yield_stress_GPa");
  EXPECT_NEAR(j["parameters"]["activation_volume_A3"]["value"].get<double>(), 24.11, 1e-6);
  EXPECT_NEAR(j["parameters"]["sigma_ath_GPa"]["value"].get<double>(), 8.0, 1e-6);
}

TEST(FitCommand, HelpNamesTheValueOfEveryOption) {
  const Outcome o = test::captureSurfkmc({"fit", "--help"});
  EXPECT_EQ(o.code, 0) << o.output;
  for (const char* named : {"--material NAME", "--yield-column COLUMN", "--temperature KELVIN", "--fix-sigma-ath GPA",
                            "--fix-ln-prefactor LN", "--output FILE"})
    EXPECT_NE(o.output.find(named), std::string::npos) << named << " in\n" << o.output;
}

TEST(FitCommand, BadInputsExitTwo) {
  const test::TempDir dir;
  const auto mixed = dir.write(
      "mixed.csv", kExperimentHeader + "Ag,8,1e-3,300,2,0.1,x\nAg,8,1e-2,300,2.4,,x\nAg,8,1e-1,300,2.8,0.1,x\n");
  Outcome o = test::captureSurfkmc({"fit", mixed.string(), "--fix-ln-prefactor", "33"});
  EXPECT_EQ(o.code, 2) << o.output;
  EXPECT_NE(o.output.find("mixed.csv:3:19: column 'err_GPa': missing value, while line 2 has one"), std::string::npos)
      << o.output;
  const auto one = dir.write("one.csv", kExperimentHeader + "Ag,8,1e-3,300,2,0.1,x\nAg,9,1e-3,300,2.1,0.1,x\n");
  o = test::captureSurfkmc({"fit", one.string()});
  EXPECT_EQ(o.code, 2) << o.output;
  EXPECT_NE(o.output.find("activation_volume_A3 (Ω) is unidentifiable"), std::string::npos) << o.output;
  o = test::captureSurfkmc({"fit", kExample.string()});
  EXPECT_EQ(o.code, 2) << o.output;
  EXPECT_NE(o.output.find("several materials (Ag, Pt); choose one with --material"), std::string::npos) << o.output;
  o = test::captureSurfkmc({"fit", kExample.string(), "--strain-rate-column", "rate"});
  EXPECT_EQ(o.code, 2) << o.output;
  EXPECT_NE(o.output.find("example_yield.csv:4:1: missing column 'rate'"), std::string::npos) << o.output;
  o = test::captureSurfkmc({"fit", "/nonexistent.csv"});
  EXPECT_EQ(o.code, 2) << o.output;
  // A header without rows says so, with or without --material.
  const auto empty = dir.write("empty.csv", "# nothing measured yet\n" + kExperimentHeader);
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"fit", empty.string()}, {"fit", empty.string(), "--material", "Ag"}}) {
    o = test::captureSurfkmc(args);
    EXPECT_EQ(o.code, 2) << o.output;
    EXPECT_NE(o.output.find("empty.csv:2:1: no data rows after the header"), std::string::npos) << o.output;
  }
}

}  // namespace
}  // namespace surfkmc::app
