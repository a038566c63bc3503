// SPDX-License-Identifier: MIT
// Issue 22, items 3-5: `check` prints every section and warns on stderr, `material template` gives
// a file that loads, a minimal material file hears of every missing key at once, figures mark how
// each replica ended and their scripts run from anywhere.
#include <gtest/gtest.h>

#include <filesystem>
#include <sstream>
#include <string>

#include "app/check_command.hpp"
#include "app/child_process.hpp"
#include "app/figure.hpp"
#include "app/material_command.hpp"
#include "core/error.hpp"
#include "test_files.hpp"

namespace surfkmc::app {
namespace {

namespace fs = std::filesystem;

const std::string kLoadedWire = test::kHead + test::kCylinder +
                                "kmc: {temperature_K: 1300, duration_s: 1.0, timeseries_every_s: 0.1}\n"
                                "loading: {strain_rate_per_s: 1.0}\nreplicas: 2\n";

// Every section is printed; a temperature above Ag's melting point and keys a loaded run ignores
// are warnings on the error stream (not errors, and not echoed as if used); a cost line follows.
TEST(Check, PrintsEverySectionAndWarnsOnStderr) {
  test::TempDir dir;
  std::ostringstream out, err;
  checkCommand(dir.write("hot.yaml", kLoadedWire), out, err);
  for (const char* section : {"geometry ", "kmc ", "loading ", "nucleation ", "accel. ", "cost ", "ok"})
    EXPECT_NE(out.str().find(section), std::string::npos) << section << "\n" << out.str();
  EXPECT_EQ(out.str().find("duration"), std::string::npos) << "an ignored key is echoed:\n" << out.str();
  EXPECT_EQ(out.str().find("time series every"), std::string::npos) << out.str();
  EXPECT_NE(err.str().find("at or above the melting point of Ag (1234.93 K"), std::string::npos) << err.str();
  EXPECT_NE(err.str().find("kmc.duration_s is ignored"), std::string::npos) << err.str();
  EXPECT_NE(err.str().find("kmc.timeseries_every_s is ignored"), std::string::npos) << err.str();
  EXPECT_EQ(out.str().find("warning"), std::string::npos) << out.str();
}

// The loading line says whether the Coble law, and so the fitted C, takes part.
TEST(Check, SaysWhetherTheCreepLawIsUsed) {
  test::TempDir dir;
  const std::string base = test::kHead + test::kCylinder + "kmc: {temperature_K: 300, max_events: 1000}\n";
  std::ostringstream coble_out, coble_err;
  checkCommand(dir.write("coble.yaml", base + "loading: {strain_rate_per_s: 1.0}\n"), coble_out, coble_err);
  EXPECT_NE(coble_out.str().find("Coble creep with C = "), std::string::npos) << coble_out.str();
  std::ostringstream none_out, none_err;
  checkCommand(dir.write("none.yaml", base + "loading: {strain_rate_per_s: 1.0, creep: none}\n"), none_out, none_err);
  EXPECT_NE(none_out.str().find("no diffusional creep (creep: none)"), std::string::npos) << none_out.str();
  EXPECT_EQ(none_out.str().find("Coble"), std::string::npos) << none_out.str();
}

// The expanded sweep: one line per point with its values; the whole command exits 0.
TEST(Check, ListsEverySweepPoint) {
  test::TempDir dir;
  const fs::path scenario = dir.write("s.yaml", test::kHead + test::kCylinder +
                                                    "kmc: {temperature_K: 300, max_events: 1000}\n"
                                                    "loading: {strain_rate_per_s: 1.0}\n"
                                                    "sweep:\n  geometry.diameter_nm: [2.5, 3]\n");
  const test::Outcome o = test::captureSurfkmc({"check", scenario.string()});
  EXPECT_EQ(o.code, 0) << o.output;
  EXPECT_NE(o.output.find("point   0: geometry.diameter_nm = 2.5"), std::string::npos) << o.output;
  EXPECT_NE(o.output.find("point   1: geometry.diameter_nm = 3"), std::string::npos) << o.output;
}

// The template loads as it is (a scenario using it passes check), under the name asked for.
TEST(MaterialTemplate, PrintsAFileThatLoads) {
  test::TempDir dir;
  std::ostringstream text;
  materialTemplateCommand("my_metal", text);
  EXPECT_NE(text.str().find("name: my_metal\n"), std::string::npos);
  EXPECT_NE(text.str().find("coble_constant:"), std::string::npos);
  // Eq. 2's class laws inline (a new material has no file of them), so the default nucleation model runs.
  EXPECT_NE(text.str().find("\nstep_height_floor:"), std::string::npos);
  EXPECT_EQ(text.str().find("linear_law:"), std::string::npos);
  dir.write("my_metal.yaml", text.str());
  const fs::path scenario =
      dir.write("s.yaml", "schema_version: 1\nname: t\nseed: 1\nmaterial: ./my_metal.yaml\n" + test::kCylinder);
  const test::Outcome o = test::captureSurfkmc({"check", scenario.string()});
  EXPECT_EQ(o.code, 0) << o.output;
  EXPECT_NE(o.output.find("material   my_metal"), std::string::npos) << o.output;
  EXPECT_THROW(materialTemplateCommand("../evil", text), InputError);
}

// A minimal material file is told every key it lacks in one message (exit 2), not one per attempt.
TEST(MaterialTemplate, AMinimalFileHearsOfEveryMissingKeyAtOnce) {
  test::TempDir dir;
  dir.write("thin.yaml",
            "schema_version: 1\nname: thin\nspecies: Cu\n"
            "lattice_constant_A: {value: 3.6, unit: angstrom, source: \"a guess here\", tag: A}\n");
  const fs::path scenario =
      dir.write("s.yaml", "schema_version: 1\nname: t\nseed: 1\nmaterial: ./thin.yaml\n" + test::kCylinder);
  const test::Outcome o = test::captureSurfkmc({"check", scenario.string()});
  EXPECT_EQ(o.code, 2) << o.output;
  EXPECT_NE(o.output.find("thin.yaml:1:1:"), std::string::npos) << o.output;
  EXPECT_NE(o.output.find("12 required keys are missing"), std::string::npos) << o.output;
  for (const char* key : {"youngs_modulus_112_GPa", "saddle_model", "coble_constant"})
    EXPECT_NE(o.output.find(key), std::string::npos) << key << "\n" << o.output;
  EXPECT_NE(o.output.find("surfkmc material template"), std::string::npos) << o.output;
}

// Figures: a mean ± SE band, markers told apart by shape, the legend below the plot, and a script
// that gnuplot runs from another folder (it changes to its own).
TEST(Figure, BandsMarkersLegendBelowAndAScriptThatRunsFromAnywhere) {
  test::TempDir dir;
  fs::create_directories(dir.path() / "fig");
  FigureSpec spec;
  spec.title = "t";
  spec.xlabel = "Diameter D (nm)";
  spec.ylabel = "Strength (GPa)";
  spec.series.push_back(Series{"Ag", {4, 6, 8}, {1, 2, 3}, {0.1, 0.2, 0.1}, false, SeriesStyle::kMeanBand});
  spec.series.push_back(Series{"nucleated", {4, 6}, {1.1, 2.1}, {}, false, SeriesStyle::kMarkers, 7});
  spec.series.push_back(Series{"crept", {8}, {2.9}, {}, false, SeriesStyle::kMarkers, 8});
  const fs::path png = dir.path() / "fig" / "f.png";
  const bool drawn = writeFigure(spec, png);
  const std::string gp = test::readAll(dir.path() / "fig" / "f.gp");
  EXPECT_NE(gp.find("filledcurves"), std::string::npos) << gp;
  EXPECT_NE(gp.find("pt 7"), std::string::npos) << gp;
  EXPECT_NE(gp.find("pt 8"), std::string::npos) << gp;
  EXPECT_NE(gp.find("set key outside below"), std::string::npos) << gp;
  EXPECT_EQ(gp.find(dir.path().string()), std::string::npos) << "a path in the script:\n" << gp;
  if (!drawn) GTEST_SKIP() << "gnuplot is not installed";
  fs::remove(png);
  ASSERT_EQ(runProgram({"gnuplot", (dir.path() / "fig" / "f.gp").string()}, dir.path()), 0);
  EXPECT_GT(fs::file_size(png), 0u);
}

}  // namespace
}  // namespace surfkmc::app
