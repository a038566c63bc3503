// SPDX-License-Identifier: MIT
// The works a run relies on, for summary.json's `cite` section.
#include "app/citation.hpp"

#include <algorithm>
#include <utility>

#include "app/scenario.hpp"
#include "core/version.hpp"

namespace surfkmc::app {
namespace {

// References as in docs/methods.md and CITATION.cff.
Citation wang2021(bool loaded) {
  return {"wang2021",
          loaded ? "the experiment reproduced; its Eq. 1 (loading law) and Eq. 2 (nucleation stress)"
                 : "the experiment and the nanowire surfaces reproduced",
          "X. Wang, S. Zheng, S. Shinzato, Z. Fang, Y. He, L. Zhong, C. Wang, S. Ogata, S. X. Mao, Atomistic "
          "processes of surface-diffusion-induced abnormal softening in nanoscale metallic crystals, Nat. Commun. "
          "12, 5237 (2021)",
          "10.1038/s41467-021-25542-2"};
}

Citation bkl1975() {
  return {"bortz1975", "rejection-free (BKL, n-fold way) kinetic Monte Carlo",
          "A. B. Bortz, M. H. Kalos, J. L. Lebowitz, A new algorithm for Monte Carlo simulation of Ising spin "
          "systems, J. Comput. Phys. 17, 10 (1975)",
          "10.1016/0021-9991(75)90060-1"};
}

Citation slepoy2008() {
  return {"slepoy2008", "composition-rejection event selection",
          "A. Slepoy, A. P. Thompson, S. J. Plimpton, A constant-time kinetic Monte Carlo algorithm for simulation "
          "of large biochemical reaction networks, J. Chem. Phys. 128, 205101 (2008)",
          "10.1063/1.2919546"};
}

Citation dybeck2017() {
  return {"dybeck2017", "adaptive scaling of quasi-equilibrated hop pairs (acceleration.rate_scaling)",
          "E. C. Dybeck, C. P. Plaisance, M. Neurock, Generalized temporal acceleration scheme for kinetic Monte "
          "Carlo simulations of surface catalytic processes by scaling the rates of fast reactions, J. Chem. "
          "Theory Comput. 13, 1525 (2017)",
          ""};
}

Citation novotny2002() {
  return {"novotny2002", "exact exits from absorbing Markov chains (acceleration.super_moves)",
          "M. A. Novotny, Comput. Phys. Commun. 147, 659 (2002) (Monte Carlo with absorbing Markov chains)", ""};
}

Citation fichthorn2013() {
  return {"fichthorn2013", "local superbasins left by first passage (acceleration.super_moves)",
          "K. A. Fichthorn, Y. Lin, A local superbasin kinetic Monte Carlo method, J. Chem. Phys. 138, 164104 "
          "(2013)",
          "10.1063/1.4801869"};
}

Citation coble1963() {
  return {"coble1963", "form of the diffusional creep term of the loading law (material coble_constant > 0)",
          "R. L. Coble, A model for boundary diffusion controlled creep in polycrystalline materials, J. Appl. "
          "Phys. 34, 1679 (1963)",
          ""};
}

Citation zhu2008(const std::string& model) {
  return {"zhu2008",
          model == "computed"
              ? "form Q*(1 - sigma/sigma_ath)^alpha of the law fitted to the computed nucleation barriers "
                "(nucleation.model: computed)"
              : "nonlinear nucleation barrier Q*(1 - sigma/sigma_ath)^alpha (nucleation.model: power)",
          "T. Zhu, J. Li, A. Samanta, A. Leach, K. Gall, Temperature and strain-rate dependence of surface "
          "dislocation nucleation, Phys. Rev. Lett. 100, 025502 (2008)",
          "10.1103/PhysRevLett.100.025502"};
}

// The KIM API and the OpenKIM framework, through which `surfkmc atomistic` evaluated the potential
// (docs/parameters.md#potentials).
Citation tadmor2011() {
  return {"tadmor2011", "the OpenKIM framework of the interatomic potential that gave the barriers",
          "E. B. Tadmor, R. S. Elliott, J. P. Sethna, R. E. Miller, C. A. Becker, The potential of atomistic "
          "simulations and the Knowledgebase of Interatomic Models, JOM 63(7), 17 (2011)",
          "10.1007/s11837-011-0102-6"};
}

Citation kimApi() {
  return {"kimapi2011", "the KIM API, through which the potential was evaluated (surfkmc atomistic)",
          "R. S. Elliott, E. B. Tadmor, Knowledgebase of Interatomic Models (KIM) Application Programming "
          "Interface (API) (2011), https://openkim.org/kim-api",
          "10.25950/ff8f563a"};
}

}  // namespace

void CiteList::addWork(Citation c) {
  const bool known = std::any_of(works_.begin(), works_.end(), [&](const Citation& w) { return w.key == c.key; });
  if (!known) works_.push_back(std::move(c));
}

void CiteList::add(const Scenario& s) {
  const bool loaded = s.loading.has_value();
  // A sweep mixing loaded and KMC-only points keeps the first wording; the reference is the same.
  addWork(wang2021(loaded));
  addWork(bkl1975());
  addWork(slepoy2008());  // the engine's default selector; the app never changes it
  if (s.acceleration.enabled) addWork(dybeck2017());
  if (s.super_moves.enabled) {
    addWork(novotny2002());
    addWork(fichthorn2013());
  }
  if (loaded && s.loading->coble_creep && s.material.coble_constant > 0.0) addWork(coble1963());
  if (loaded && s.nucleation.model != "linear") addWork(zhu2008(s.nucleation.model));
  // Barriers computed beforehand with the material's potential (surfkmc atomistic) and read from its data files.
  std::vector<std::string> uses;
  if (s.hop_catalogue) uses.push_back("hop barriers and their strain response (kmc.energetics: catalogue)");
  if (loaded && s.nucleation.model == "computed") uses.push_back("nucleation barriers (nucleation.model: computed)");
  if (!uses.empty()) {
    addWork(tadmor2011());
    addWork(kimApi());
    addPotential(s.material.potential, uses);
  }
  std::pair<std::string, std::string> m{s.material.name, s.material.source_path.string()};
  if (std::find(materials_.begin(), materials_.end(), m) == materials_.end()) materials_.push_back(std::move(m));
}

void CiteList::addPotential(const PotentialReference& p, const std::vector<std::string>& uses) {
  auto it = std::find_if(potentials_.begin(), potentials_.end(),
                         [&](const PotentialUse& u) { return u.potential.kim_model == p.kim_model; });
  if (it == potentials_.end()) it = potentials_.insert(potentials_.end(), PotentialUse{p, {}});
  for (const std::string& use : uses)
    if (std::find(it->used_for.begin(), it->used_for.end(), use) == it->used_for.end()) it->used_for.push_back(use);
}

nlohmann::json CiteList::toJson() const {
  nlohmann::json works = nlohmann::json::array();
  for (const Citation& c : works_)
    works.push_back({{"key", c.key},
                     {"used_for", c.used_for},
                     {"reference", c.reference},
                     {"doi", c.doi.empty() ? nlohmann::json(nullptr) : nlohmann::json(c.doi)}});
  nlohmann::json materials = nlohmann::json::array();
  for (const auto& [name, file] : materials_)
    materials.push_back({{"name", name},
                         {"file", file},
                         {"parameter_sources", "the `source` of each parameter in that file; docs/parameters.md"}});
  nlohmann::json potentials = nlohmann::json::array();
  for (const PotentialUse& u : potentials_)
    potentials.push_back({{"kim_model", u.potential.kim_model},
                          {"species", u.potential.species},
                          {"reference", u.potential.source},
                          {"used_for", u.used_for}});
  const char* note =
      potentials_.empty()
          ? "no interatomic potential is evaluated: hop barriers come from the bond-counting model with the "
            "material file's literature values (docs/model.md#surface-kinetics)"
          : "the run evaluates no potential itself: the barriers under used_for were computed beforehand with "
            "these KIM models (surfkmc atomistic) and read from the material's data files, listed with their "
            "hashes under `inputs` in the results folder's run.json or sweep.json";
  return {{"note", "Cite surfkmc and the works below (docs/methods.md#cite)."},
          {"software", std::string("surfkmc ") + kVersion + " (CITATION.cff)"},
          {"works", works},
          {"potentials", potentials},
          {"potentials_note", note},
          {"materials", materials}};
}

}  // namespace surfkmc::app
