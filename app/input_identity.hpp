// SPDX-License-Identifier: MIT
// Every file that shaped a result (scenario, material files), hashed: part of the identity of
// manifests, checkpoints and records, so a resume refuses a changed input and names it.
#pragma once

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "app/scenario.hpp"
#include "app/sweep_plan.hpp"

namespace surfkmc::app {

/// One input file and the SourceFile::hash() of its bytes when it was read.
struct InputFile {
  std::filesystem::path path;
  std::string hash;
};

/// The inputs of a run: its scenario file, then its material file.
std::vector<InputFile> scenarioInputs(const Scenario& scenario);
/// The inputs of a sweep: its scenario file, then each distinct material file of its points.
std::vector<InputFile> sweepInputs(const SweepPlan& plan);

/// One hash over every input's hash (`fnv1a64:` + 16 hex digits): what checkpoints and records must
/// match.
std::string inputsHash(const std::vector<InputFile>& inputs);

/// `[{"file": absolute path, "from_results": path relative to `results_dir`, "hash": ...}, ...]`
/// for a manifest. The relative path lets a resume find the file when its absolute path is too long
/// for the system (beyond PATH_MAX) but the results folder is near it.
nlohmann::json inputsJson(const std::vector<InputFile>& inputs, const std::filesystem::path& results_dir);

/// Where an input recorded as `absolute` (and `from_results`, relative to `results_dir`, if not
/// empty) is now: the absolute path if it can be reached, else the results folder joined with the
/// relative path.
std::filesystem::path locateInput(const std::filesystem::path& absolute, const std::filesystem::path& from_results,
                                  const std::filesystem::path& results_dir);

/// The scenario of a manifest (`scenario`, `scenario_from_results`) as locateInput finds it.
std::filesystem::path manifestScenario(const nlohmann::json& manifest, const std::filesystem::path& results_dir);

/// `path` relative to `results_dir` (both made absolute), for `from_results` fields.
std::string fromResults(const std::filesystem::path& path, const std::filesystem::path& results_dir);

/// For resume: throws InputError naming the first file of a manifest's `inputs` (inputsJson) that
/// is gone or whose bytes changed since; `dir` is the results folder (for the message). A manifest
/// without `inputs` (an older one) checks nothing here.
void checkInputsUnchanged(const nlohmann::json& manifest, const std::filesystem::path& dir);

}  // namespace surfkmc::app
