// SPDX-License-Identifier: MIT
// The small learning case of the `surfkmc learn` tests (one process and MPI): a 2.5 nm Ag wire at 600 K, where Ag's v2
// catalogue (the one before any learning) lacks about one environment in a thousand events.
#pragma once

#include <filesystem>
#include <string>

#include "app/material_loader.hpp"
#include "tests/unit/app/test_files.hpp"

namespace surfkmc::app::test {

/// The wire's scenario; MATERIAL is replaced by a material name or file.
inline const std::string kHotWire =
    "schema_version: 1\nname: learn_small\nseed: 5\nmaterial: MATERIAL\n"
    "geometry: {shape: cylinder, diameter_nm: 2.5, length_nm: 3.5}\n"
    "kmc: {temperature_K: 600, max_events: 200000, energetics: catalogue, hop_key: environment}\n";

inline std::string hotWire(const std::string& material, const std::string& seed = "5") {
  std::string s = kHotWire;
  s.replace(s.find("MATERIAL"), 8, material);
  s.replace(s.find("seed: 5"), 7, "seed: " + seed);
  return s;
}

/// Ag's material file with its hop catalogue in these three files.
inline std::string agNaming(const std::filesystem::path& base, const std::filesystem::path& low,
                            const std::filesystem::path& high) {
  const std::string ag = test::readAll(materialsDirectory() / "Ag.yaml");
  const auto cut = ag.find("hop_catalogue:");
  const auto end = ag.find("\n", ag.find("    source:", cut));
  return ag.substr(0, cut) + "hop_catalogue:\n  file: " + base.string() +
         "\n  source: \"a test's catalogue\"\n  strain_response:\n    low: " + low.string() +
         "\n    high: " + high.string() + "\n    source: \"the same hops, strained\"\n" + ag.substr(end + 1);
}

/// Ag's material file with its hop catalogue at `folder`'s grown files.
inline std::string agNaming(const std::filesystem::path& folder) {
  return agNaming(folder / "hops.json", folder / "hops_strain_low.json", folder / "hops_strain_high.json");
}

/// Ag on its v2 catalogue, the one before any learning: a fixed starting point whatever the shipped one holds.
inline std::string agBeforeLearning() {
  const std::filesystem::path e = materialsDirectory().parent_path() / "energetics";
  return agNaming(e / "Ag_hops_v2.json", e / "Ag_hops_v2_strain_m001.json", e / "Ag_hops_v2_strain_p001.json");
}

/// Ag on its v3 catalogue (grown unloaded, session 30): a fixed starting point whatever the shipped one holds.
inline std::string agGrownUnloaded() {
  const std::filesystem::path e = materialsDirectory().parent_path() / "energetics";
  return agNaming(e / "Ag_hops_v3.json", e / "Ag_hops_v3_strain_m001.json", e / "Ag_hops_v3_strain_p001.json");
}

}  // namespace surfkmc::app::test
