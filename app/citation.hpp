// SPDX-License-Identifier: MIT
// What a run should cite: the `cite` section of summary.json (like LAMMPS's log.cite).
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "app/material.hpp"

namespace surfkmc::app {

struct Scenario;

/// One published work a run relies on.
struct Citation {
  std::string key;        ///< stable identifier, e.g. "wang2021"
  std::string used_for;   ///< what of it the run used
  std::string reference;  ///< authors, title, journal volume, first page (year)
  std::string doi;        ///< empty when none is recorded
};

/// The works and material files behind one run or a whole sweep, without duplicates, in the order
/// they were first added. The methods are documented in docs/methods.md#cite.
class CiteList {
 public:
  /// Adds what a run of `s` uses: always the paper (Wang et al. 2021), rejection-free KMC (BKL) and
  /// composition–rejection selection; adaptive rate scaling and first-passage super-moves when the
  /// `acceleration:` section turns them on; with a `loading:` section, the Coble form of the creep
  /// term when the material's coble_constant is non-zero and Zhu et al. 2008 for
  /// `nucleation.model: power` or `computed`. When the run reads barriers computed with the material's
  /// potential (`kmc.energetics: catalogue`, or `nucleation.model: computed` with loading), the potential
  /// with what it gave, the KIM API and OpenKIM. Also records the material's name and file.
  void add(const Scenario& s);

  const std::vector<Citation>& works() const { return works_; }

  /// {"note", "software", "works": [{key, used_for, reference, doi}],
  ///  "potentials": [{kim_model, species, reference, used_for: [...]}], "potentials_note",
  ///  "materials": [{name, file, parameter_sources}]}.
  nlohmann::json toJson() const;

 private:
  struct PotentialUse {
    PotentialReference potential;
    std::vector<std::string> used_for;
  };

  void addWork(Citation c);
  void addPotential(const PotentialReference& p, const std::vector<std::string>& uses);

  std::vector<Citation> works_;
  std::vector<PotentialUse> potentials_;
  std::vector<std::pair<std::string, std::string>> materials_;  ///< (name, file)
};

}  // namespace surfkmc::app
