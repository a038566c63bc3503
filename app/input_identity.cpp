// SPDX-License-Identifier: MIT
// Hashes of every input of a result, and the check that a resume sees the same inputs.
#include "app/input_identity.hpp"

#include "app/source_file.hpp"
#include "core/error.hpp"

namespace surfkmc::app {

namespace fs = std::filesystem;

namespace {

/// The computed nucleation barriers, when the scenario uses them: an input like the material file.
std::optional<InputFile> barrierInput(const Scenario& s) {
  if (!s.nucleation_barriers) return std::nullopt;
  return InputFile{s.nucleation_barriers->file, s.nucleation_barriers->hash};
}

/// The file of Eq. 2's class laws, when the scenario's nucleation model read one (loadLinearLaw).
std::optional<InputFile> linearLawInput(const Scenario& s) {
  if (!s.material.linear_law_file || s.material.linear_law_hash.empty()) return std::nullopt;
  return InputFile{s.material.linear_law_file->file, s.material.linear_law_hash};
}

/// The hop catalogue and its strained companions, when the scenario's KMC uses them.
std::vector<InputFile> catalogueInputs(const Scenario& s) {
  std::vector<InputFile> files;
  if (!s.hop_catalogue) return files;
  files.push_back({s.hop_catalogue->first, s.hop_catalogue->second});
  for (const auto& [path, hash] : s.hop_catalogue_strain) files.push_back({path, hash});
  return files;
}

}  // namespace

std::vector<InputFile> scenarioInputs(const Scenario& s) {
  std::vector<InputFile> inputs{{s.source_path, s.source_hash}, {s.material.source_path, s.material.source_hash}};
  if (auto b = barrierInput(s)) inputs.push_back(*b);
  if (auto l = linearLawInput(s)) inputs.push_back(*l);
  for (const InputFile& h : catalogueInputs(s)) inputs.push_back(h);
  return inputs;
}

std::vector<InputFile> sweepInputs(const SweepPlan& plan) {
  std::vector<InputFile> inputs{{plan.source_path, plan.source_hash}};
  for (const SweepPoint& p : plan.points) {
    const Material& m = p.scenario.material;
    bool seen = false;
    for (const InputFile& f : inputs) seen = seen || (f.path == m.source_path && f.hash == m.source_hash);
    if (!seen) inputs.push_back({m.source_path, m.source_hash});
    std::vector<InputFile> extras = catalogueInputs(p.scenario);
    if (auto l = linearLawInput(p.scenario)) extras.insert(extras.begin(), *l);
    if (auto b = barrierInput(p.scenario)) extras.insert(extras.begin(), *b);
    for (const InputFile& extra : extras) {
      bool seen_extra = false;
      for (const InputFile& f : inputs) seen_extra = seen_extra || (f.path == extra.path && f.hash == extra.hash);
      if (!seen_extra) inputs.push_back(extra);
    }
  }
  return inputs;
}

std::string inputsHash(const std::vector<InputFile>& inputs) {
  std::string all;
  for (const InputFile& f : inputs) all += f.hash + "\n";
  return SourceFile("inputs", all).hash();
}

std::string fromResults(const fs::path& path, const fs::path& results_dir) {
  std::error_code ec;
  const fs::path file = fs::absolute(path, ec).lexically_normal();
  const fs::path dir = fs::absolute(results_dir, ec).lexically_normal();
  return file.lexically_relative(dir).string();
}

nlohmann::json inputsJson(const std::vector<InputFile>& inputs, const fs::path& results_dir) {
  nlohmann::json list = nlohmann::json::array();
  std::error_code ec;
  for (const InputFile& f : inputs) {
    const fs::path abs = fs::absolute(f.path, ec).lexically_normal();
    list.push_back(
        {{"file", (ec ? f.path : abs).string()}, {"from_results", fromResults(f.path, results_dir)}, {"hash", f.hash}});
  }
  return list;
}

fs::path locateInput(const fs::path& absolute, const fs::path& from_results, const fs::path& results_dir) {
  std::error_code ec;
  if (from_results.empty() || fs::exists(absolute, ec)) return absolute;
  return results_dir / from_results;
}

fs::path manifestScenario(const nlohmann::json& manifest, const fs::path& results_dir) {
  return locateInput(manifest.value("scenario", std::string()), manifest.value("scenario_from_results", std::string()),
                     results_dir);
}

void checkInputsUnchanged(const nlohmann::json& manifest, const fs::path& dir) {
  if (!manifest.is_object() || !manifest.contains("inputs")) return;
  const nlohmann::json& inputs = manifest.at("inputs");
  if (!inputs.is_array()) throw InputError(dir.string() + ": manifest 'inputs' is not a list");
  for (const nlohmann::json& f : inputs) {
    if (!f.is_object() || !f.contains("file") || !f.contains("hash") || !f["file"].is_string() ||
        !f["hash"].is_string())
      throw InputError(dir.string() + ": manifest 'inputs' holds a malformed entry");
    const fs::path recorded = f["file"].get<std::string>();
    const fs::path file = locateInput(
        recorded,
        f.contains("from_results") && f["from_results"].is_string() ? f["from_results"].get<std::string>() : "", dir);
    const std::string was = f["hash"].get<std::string>();
    std::string now;
    try {
      now = SourceFile::read(file).hash();
    } catch (const InputError& e) {
      throw InputError(printableText(recorded.string(), 512) + ": an input of the run in " + dir.string() +
                       " cannot be read any more (" + printableText(e.what(), 512) +
                       "); a resumed run must have the same inputs");
    }
    if (now != was)
      throw InputError(printableText(recorded.string(), 512) + ": changed since the run in " + dir.string() +
                       " started (hash " + now + ", was " + was +
                       "); a resumed run must have the same inputs: "
                       "restore the file, or start afresh with --force");
  }
}

}  // namespace surfkmc::app
