// SPDX-License-Identifier: MIT
// The atomistic commands: material → potential spec → properties or barriers → JSON and a table.
#include "app/atomistic_command.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <iterator>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <ostream>
#include <set>
#include <sstream>

#include "app/atomic_file.hpp"
#include "app/atomistic_material.hpp"
#include "app/material_loader.hpp"
#include "app/nucleation_fit_checks.hpp"
#include "app/provenance.hpp"
#include "app/stop_request.hpp"
#include "atomistic/crystal_properties.hpp"
#include "atomistic/nucleation_path.hpp"
#include "atomistic/surface_processes.hpp"
#include "core/error.hpp"
#include "nucleation/power_barrier_fit.hpp"
#include "nucleation/site_detector.hpp"

namespace surfkmc::app {
namespace {

/// A forward barrier below this [eV] is reported as barrierless (the NEB force tolerance, 0.01 eV/Å,
/// resolves energies to ~0.1 meV, so 1 meV is well clear of numerical noise).
constexpr double kBarrierlessEV = 1.0e-3;

}  // namespace

Material loadPotentialMaterial(const std::string& name) {
  const auto file = resolveMaterial(name, std::filesystem::current_path());
  if (!file) {
    std::string known;
    for (const auto& n : builtinMaterialNames()) known += (known.empty() ? "" : ", ") + n;
    throw InputError("unknown material '" + name + "'; shipped: " + known + " (or give a path to a .yaml file)");
  }
  Material m = loadMaterialFile(*file);
  if (m.potential.kim_model.empty())
    throw InputError(file->string() + ": material '" + m.name +
                     "' names no potential; add `potential: {kim_model: ..., species: ..., source: ...}`");
  return m;
}

atomistic::PotentialSpec potentialSpec(const Material& m) { return {m.potential.kim_model, m.potential.species}; }

nlohmann::json potentialProvenance(const Material& m, int threads) {
  nlohmann::json j = Provenance::now(m.source_path.string(), m.source_hash, 0, threads).toJson();
  j["kim_model"] = m.potential.kim_model;
  j["species"] = m.potential.species;
  return j;
}

void checkThreadCount(int threads) {
  if (threads < 1 || threads > 1024)
    throw InputError("--threads must lie in [1, 1024], got " + std::to_string(threads));
}

namespace {

/// 1 eV/GPa in Å³.
constexpr double kA3PerEVPerGPa = 160.21766;

std::filesystem::path createOutFolder(const std::filesystem::path& folder) {
  std::error_code ec;
  std::filesystem::create_directories(folder, ec);
  if (ec || !std::filesystem::is_directory(folder))
    throw InputError("--out: cannot create folder '" + folder.string() + "'");
  return folder;
}

/// Checks every nucleation flag, naming the flag, the value and what is allowed.
std::vector<atomistic::NucleationSite> checkNucleationOptions(const AtomisticOptions& o) {
  checkThreadCount(o.threads);
  if (!o.out) throw InputError("--out DIR is required");
  if (o.strains.empty()) throw InputError("--strains: give at least one strain");
  for (double e : o.strains)
    if (!std::isfinite(e) || e < -0.05 || e > 0.12)
      throw InputError(fmt::format("--strains: {} is outside [-0.05, 0.12]", e));
  if (o.images < 3 || o.images > 40) throw InputError(fmt::format("--images must lie in [3, 40], got {}", o.images));
  try {
    atomistic::SegmentSpec{o.diameter_A, o.length_A}.validate();
  } catch (const InputError& e) {
    throw InputError(fmt::format("--diameter {} --length {}: {}", o.diameter_A, o.length_A, e.what()));
  }
  std::vector<atomistic::NucleationSite> sites;
  for (const auto& name : o.sites) {
    try {
      sites.push_back(atomistic::parseNucleationSite(name));
    } catch (const InputError& e) {
      throw InputError(std::string("--sites: ") + e.what());
    }
  }
  if (sites.empty()) throw InputError("--sites: give at least one site");
  if (o.surface) {
    if (o.sites != std::vector<std::string>{"edge"})
      throw InputError("--sites: with --surface the site is whatever the KMC left at the corner; give no --sites");
    if (o.shifts.empty()) throw InputError("--shifts: give at least one shift");
    for (int k : o.shifts)
      if (k < 0 || k >= 1000) throw InputError(fmt::format("--shifts: {} is outside [0, 1000)", k));
    if (std::set<int>(o.shifts.begin(), o.shifts.end()).size() != o.shifts.size())
      throw InputError("--shifts: each shift once");
  } else if (o.shifts != std::vector<int>{0} || o.surface_frame != -1) {
    throw InputError("--shifts and --frame choose from a KMC surface: give --surface FILE with them");
  }
  return sites;
}

/// Sites the detector reports within this distance of the corner [Å]: about two nearest-neighbour distances.
constexpr double kCornerRadiusA = 6.0;

/// The frame of --surface, scaled from the material's lattice constant (the KMC's) to the potential's a0.
std::shared_ptr<const atomistic::SegmentSurface> loadSurface(const AtomisticOptions& o, const Material& m, double a0,
                                                             nlohmann::json& info) {
  const std::filesystem::path& file = *o.surface;
  const auto frames = readSnapshots("--surface", file);
  const int n = static_cast<int>(frames.size());
  const int k = o.surface_frame < 0 ? n + o.surface_frame : o.surface_frame;
  if (k < 0 || k >= n)
    throw InputError(fmt::format("--frame: {} is outside [{}, {}], the frames of '{}'", o.surface_frame, -n, n - 1,
                                 printableText(file.string(), 200)));
  const lattice::XyzFrame& f = frames[static_cast<std::size_t>(k)];
  if (!f.pbc[0] || f.pbc[1] || f.pbc[2])
    throw InputError(
        fmt::format("--surface: frame {} of '{}' is not a wire periodic along x only; allowed: a "
                    "cylinder run of `surfkmc run` with the segment's diameter and length",
                    k, printableText(file.string(), 200)));
  const double scale = a0 / m.lattice_constant_A;
  auto surface = std::make_shared<atomistic::SegmentSurface>();
  surface->length_A = scale * f.cell.x;
  for (const auto& atom : f.atoms)
    surface->atoms_A.push_back(scale * Eigen::Vector3d(atom.position.x, atom.position.y, atom.position.z));
  info = {{"file", file.string()},
          {"frame", k},
          {"frames_in_file", n},
          {"atoms", f.atoms.size()},
          {"file_lattice_constant_A", m.lattice_constant_A},
          {"scaled_to_A", a0},
          {"shifts", o.shifts}};
  return surface;
}

/// What the site detector reports near the corner of `site`'s segment, and how the occupancy there differs
/// from the ideal cut's (`ideal`, the segment's pristine layout) (sites within 5 and 10 Å of the corner, x at its
/// minimum image).
nlohmann::json cornerCensus(const atomistic::NucleationSite& site, const atomistic::NucleationSettings& s,
                            const atomistic::SegmentLayout& ideal) {
  const atomistic::SegmentLayout layout = atomistic::segmentLayout(site, s);
  const auto distance = [&](const lattice::Vec3& p) {
    Eigen::Vector3d d(p.x - layout.corner.x(), p.y - layout.corner.y(), p.z - layout.corner.z());
    d.x() -= layout.length_A * std::round(d.x() / layout.length_A);
    return d.norm();
  };
  nlohmann::json near = nlohmann::json::array();
  const nucleation::SiteSet found = nucleation::SiteDetector{}.detect(layout.lattice);
  std::vector<std::pair<double, const nucleation::NucleationSite*>> sorted;
  for (const auto& d : found.sites)
    if (distance(d.position_A) <= kCornerRadiusA) sorted.emplace_back(distance(d.position_A), &d);
  std::sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  for (const auto& [r, d] : sorted)
    near.push_back({{"class", nucleation::siteClassName(d->site_class)}, {"size", d->size}, {"distance_A", r}});
  int added[2] = {0, 0}, removed[2] = {0, 0};
  for (lattice::SiteIndex i = 0; i < layout.lattice.siteCount(); ++i) {
    const bool now = layout.lattice.occupied(i), before = ideal.lattice.occupied(i);
    if (now == before) continue;
    const double r = distance(layout.lattice.position(i));
    for (int w = 0; w < 2; ++w)
      if (r <= 5.0 * (w + 1)) ++(now ? added : removed)[w];
  }
  return {{"detected_sites_within_6_A", near},
          {"atoms", layout.lattice.atomCount()},
          {"added_within_A", {{"5", added[0]}, {"10", added[1]}}},
          {"removed_within_A", {{"5", removed[0]}, {"10", removed[1]}}}};
}

std::string saddleFileName(const atomistic::NucleationResult& r) {
  return fmt::format("saddle_{}_e{:.4f}.xyz", r.site, r.strain);
}

FitCandidate candidate(const atomistic::NucleationResult& r) {
  return {!r.failure.empty(),
          r.stress_GPa,
          r.barrier_eV,
          r.converged,
          r.band_intact,
          r.final_slipped,
          r.initial_lowest,
          static_cast<long>(r.loop_pairs),
          static_cast<long>(r.plane_pairs)};
}

/// A point's JSON; under --refine also whether the second band ran and, when it did, the first band's barrier,
/// climbing image and profile.
nlohmann::json pointJson(const atomistic::NucleationResult& r, bool used, bool refine) {
  if (!r.failure.empty())
    return {{"strain", r.strain}, {"failure", r.failure}, {"converged", false}, {"used_in_fit", false}};
  nlohmann::json p = {{"strain", r.strain},
                      {"stress_GPa", r.stress_GPa},
                      {"barrier_eV", r.barrier_eV},
                      {"reaction_energy_eV", r.reaction_energy_eV},
                      {"converged", r.converged},
                      {"final_slipped", r.final_slipped},
                      {"band_intact", r.band_intact},
                      {"initial_lowest", r.initial_lowest},
                      {"used_in_fit", used},
                      {"max_residual_force_eV_A", r.max_force_eV_A},
                      {"saddle",
                       {{"file", saddleFileName(r)},
                        {"plane_pairs", r.plane_pairs},
                        {"loop_pairs", r.loop_pairs},
                        {"max_slip_A", r.max_slip_A},
                        {"loop_corner_distance_A", r.loop_corner_distance_A}}},
                      {"atoms", r.atoms},
                      {"neb_steps", r.neb_steps},
                      {"neb_attempts", r.neb_attempts},
                      {"wall_time_s", r.wall_time_s},
                      {"profile_eV", r.profile_eV}};
  if (r.refined)
    p["coarse_band"] = {{"barrier_eV", r.coarse_barrier_eV},
                        {"climbing_image", r.coarse_climbing_image},
                        {"profile_eV", r.coarse_profile_eV}};
  if (refine) p["refined"] = r.refined;
  return p;
}

nlohmann::json fitJson(const std::vector<FitCandidate>& points, const std::vector<bool>& used, double burgers_A) {
  std::vector<double> stress, barrier;
  for (std::size_t i = 0; i < points.size(); ++i)
    if (used[i]) stress.push_back(points[i].stress_GPa), barrier.push_back(points[i].barrier_eV);
  if (stress.size() < 3) return {{"fitted", false}, {"reason", "fewer than 3 usable points"}};
  const nucleation::PowerBarrierFit f = nucleation::fitPowerBarrier(stress, barrier);
  const double b3 = std::pow(burgers_A, 3);
  const auto volume = [&](double s) { return f.activationVolume_eV_per_GPa(s) * kA3PerEVPerGPa / b3; };
  return {{"fitted", true},
          {"points_used", stress.size()},
          {"barrier_eV", f.barrier_eV},
          {"sigma_ath_GPa", f.sigma_ath_GPa},
          {"exponent", f.exponent},
          {"rms_log_residual", f.rms_log},
          {"activation_volume_b3", {{"at_1_GPa", volume(1.0)}, {"at_2_GPa", volume(2.0)}}},
          {"barrier_at_eV", {{"1_GPa", f.energy_eV(1.0)}, {"2_GPa", f.energy_eV(2.0)}}}};
}

/// Plot tables for gnuplot, one block per site (blocks separated by two blank lines, gnuplot `index`):
/// nucleation_points.dat (σ, ΔG, used in the fit 0/1) and nucleation_fit.dat (σ, ΔG of the fitted law).
void writeNucleationTables(const std::filesystem::path& folder, const nlohmann::json& sites) {
  std::string points = "# site blocks: stress_GPa barrier_eV used_in_fit\n";
  std::string curves = "# site blocks: stress_GPa barrier_eV (fitted law)\n";
  for (const auto& [name, site] : sites.items()) {
    points += "# " + name + "\n";
    for (const auto& p : site["points"])
      if (!p.contains("failure"))
        points += fmt::format("{:.5f} {:.6f} {}\n", p["stress_GPa"].get<double>(), p["barrier_eV"].get<double>(),
                              p["used_in_fit"].get<bool>() ? 1 : 0);
    points += "\n\n";
    curves += "# " + name + "\n";
    const auto& f = site["fit"];
    if (f["fitted"].get<bool>()) {
      const nucleation::PowerBarrierFit law{f["barrier_eV"], f["sigma_ath_GPa"], f["exponent"], 0.0};
      for (int k = 0; k <= 60; ++k) {
        const double sigma = law.sigma_ath_GPa * k / 60.0;
        curves += fmt::format("{:.5f} {:.6f}\n", sigma, law.energy_eV(sigma));
      }
    }
    curves += "\n\n";
  }
  writeFileAtomically(folder / "nucleation_points.dat", points);
  writeFileAtomically(folder / "nucleation_fit.dat", curves);
}

std::string nucleationCommandLine(const AtomisticOptions& o) {
  std::string sites, strains;
  for (const auto& s : o.sites) sites += (sites.empty() ? "" : ",") + s;
  for (double e : o.strains) strains += fmt::format("{}{}", strains.empty() ? "" : ",", e);
  std::string line = fmt::format(
      "surfkmc atomistic nucleation --material {} --out DIR --sites {} --strains {} --diameter {} "
      "--length {} --images {}{} --threads N",
      o.material, sites, strains, o.diameter_A, o.length_A, o.images, o.refine ? " --refine" : "");
  if (o.surface) {
    std::string shifts;
    for (int k : o.shifts) shifts += fmt::format("{}{}", shifts.empty() ? "" : ",", k);
    line += fmt::format(" --surface FILE --frame {} --shifts {}", o.surface_frame, shifts);
  }
  return line;
}

void printNucleationTable(const std::vector<const atomistic::NucleationResult*>& results, std::ostream& out) {
  out << fmt::format("{:<10} {:>7} {:>9} {:>9} {:>6} {:>7} {:>6} {:>8} {:>7}\n", "site", "strain", "σ/GPa", "ΔG/eV",
                     "conv", "slipped", "loop", "d_c/Å", "t/s");
  for (const auto* p : results) {
    const auto& r = *p;
    if (!r.failure.empty())
      out << fmt::format("{:<10} {:>7.4f}  FAILED: {}\n", r.site, r.strain, r.failure);
    else
      out << fmt::format("{:<10} {:>7.4f} {:>9.3f} {:>9.4f} {:>6} {:>7} {:>6} {:>8.1f} {:>7.0f}\n", r.site, r.strain,
                         r.stress_GPa, r.barrier_eV, r.converged ? "yes" : "NO", r.final_slipped ? "yes" : "NO",
                         r.loop_pairs, r.loop_corner_distance_A, r.wall_time_s);
  }
}

/// nucleation.json and its tables for the points in `results` (task order: sites, each in ascending strain).
void writeNucleationFolder(const std::filesystem::path& folder, const AtomisticOptions& o, const Material& m,
                           const atomistic::NucleationSettings& s,
                           const std::vector<const atomistic::NucleationResult*>& results, std::size_t not_run,
                           const nlohmann::json& surface, const nlohmann::json& corners) {
  std::map<std::string, std::vector<const atomistic::NucleationResult*>> by_site;
  for (const auto* r : results) by_site[r->site].push_back(r);
  nlohmann::json site_json = nlohmann::json::object();
  for (const auto& [name, points] : by_site) {
    std::vector<FitCandidate> candidates;
    for (const auto* r : points) candidates.push_back(candidate(*r));
    const std::vector<bool> used = usedInFit(candidates);
    nlohmann::json list = nlohmann::json::array();
    for (std::size_t i = 0; i < points.size(); ++i) list.push_back(pointJson(*points[i], used[i], s.refine));
    site_json[name] = {{"points", list}, {"fit", fitJson(candidates, used, s.lattice_constant_A / std::sqrt(2.0))}};
    if (corners.contains(name)) site_json[name]["corner"] = corners.at(name);
  }
  nlohmann::json j;
  j["material"] = m.name;
  j["law"] = "barrier_eV * (1 - stress/sigma_ath_GPa)^exponent (Zhu et al., PRL 100, 025502 (2008))";
  j["lattice_constant_A"] = s.lattice_constant_A;
  j["burgers_vector_A"] = s.lattice_constant_A / std::sqrt(2.0);
  j["slip_system"] = "leading Shockley partial a/6[-2-11] on (1-11), Schmid factor 0.393 for tension along [-1-12]";
  j["stress"] = "nominal axial stress (dE/deps)/(N a0^3/4) of the relaxed perfect segment, central difference";
  j["segment"] = {{"shape", "cylinder from lattice::buildWire, periodic along x = [-1-12], open in y, z"},
                  {"diameter_A", s.segment.diameter_A},
                  {"length_A", s.segment.length_A}};
  j["settings"] = {{"neb_images", s.neb.images + 2},
                   {"spring_eV_A2", s.neb.spring},
                   {"neb_force_tolerance_eV_A", s.neb.force_tolerance},
                   {"climb_after_eV_A", s.neb.climb_after},
                   {"neb_max_steps", s.neb.fire.max_steps},
                   {"relax_force_tolerance_eV_A", s.relax_tolerance},
                   {"stress_strain_step", s.stress_strain_step},
                   {"initial_band", "corner-first half-loop, border width 4 A"}};
  if (s.refine)
    j["settings"]["refine"] =
        "a second CI-NEB with as many images from the initial state to the first image past the first band's "
        "climbing image, strung at equal arc length along the converged first band; barrier, saddle and profile "
        "from it";
  if (!surface.is_null()) j["surface"] = surface;
  j["sites"] = site_json;
  j["command"] = nucleationCommandLine(o);
  // Points of the command that are not in this file: still running, or left unrun by a stop request.
  if (not_run > 0) j["points_not_in_file"] = not_run;
  j["provenance"] = potentialProvenance(m, o.threads);
  writeFileAtomically(folder / "nucleation.json", j.dump(2) + "\n");
  writeNucleationTables(folder, site_json);
}

}  // namespace

void atomisticNucleationCommand(const AtomisticOptions& o, std::ostream& out) {
  const auto sites = checkNucleationOptions(o);
  const Material m = loadPotentialMaterial(o.material);
  const std::filesystem::path folder = createOutFolder(*o.out);
  atomistic::NucleationSettings s;
  {
    atomistic::KimPotential pot(potentialSpec(m));
    s.lattice_constant_A = atomistic::equilibriumLatticeConstant(pot, m.lattice_constant_A);
  }
  s.segment = {o.diameter_A, o.length_A};
  s.neb.images = o.images;
  s.refine = o.refine;
  std::vector<double> strains = o.strains;  // ascending: usedInFit compares each point with smaller strains
  std::sort(strains.begin(), strains.end());
  strains.erase(std::unique(strains.begin(), strains.end()), strains.end());
  std::vector<atomistic::NucleationTask> tasks;
  nlohmann::json surface_info, corners = nlohmann::json::object();
  std::vector<atomistic::NucleationSite> run_sites = sites;
  if (o.surface) {  // one site per shift of the KMC surface, in place of the cut ones
    const auto surface = loadSurface(o, m, s.lattice_constant_A, surface_info);
    run_sites.clear();
    for (int k : o.shifts) {
      atomistic::NucleationSite site;
      site.surface = surface;
      site.shift_cells = k;
      run_sites.push_back(site);
    }
  }
  const atomistic::SegmentLayout ideal = atomistic::segmentLayout(atomistic::NucleationSite{}, s);
  for (const auto& site : run_sites) {
    corners[site.name()] = cornerCensus(site, s, ideal);  // also refuses a KMC surface off the segment's lattice
    for (double e : strains) tasks.push_back({site, e});
  }

  // Each finished point is written at once (its saddle, then nucleation.json with every point finished so
  // far), so a run that is stopped or killed keeps what it computed; SIGINT/SIGTERM stop it once the points
  // in progress finish.
  installStopHandlers();
  std::mutex write_mutex;
  std::vector<std::optional<atomistic::NucleationResult>> done(tasks.size());
  const auto finished_points = [&] {
    std::vector<const atomistic::NucleationResult*> list;
    for (const auto& r : done)
      if (r) list.push_back(&*r);
    return list;
  };
  const auto on_finished = [&](std::size_t i, const atomistic::NucleationResult& r) {
    std::ostringstream xyz;
    if (r.failure.empty())
      atomistic::writeConfigurationXyz(xyz, r.saddle, m.species, r.saddle_slip_A,
                                       fmt::format("site={} strain={} stress_GPa={:.4f} barrier_eV={:.5f}", r.site,
                                                   r.strain, r.stress_GPa, r.barrier_eV));
    const std::lock_guard lock(write_mutex);
    if (r.failure.empty()) writeFileAtomically(folder / saddleFileName(r), xyz.str());
    done[i] = r;
    const auto list = finished_points();
    writeNucleationFolder(folder, o, m, s, list, tasks.size() - list.size(), surface_info, corners);
  };
  atomistic::computeNucleationBarriers(potentialSpec(m), tasks, s, o.threads, on_finished,
                                       [] { return stopRequested(); });

  const auto list = finished_points();
  writeNucleationFolder(folder, o, m, s, list, tasks.size() - list.size(), surface_info, corners);
  out << fmt::format("{} with {} (a0 = {:.4f} Å), segment D = {} Å, L = {} Å\n", m.name, m.potential.kim_model,
                     s.lattice_constant_A, s.segment.diameter_A, s.segment.length_A);
  printNucleationTable(list, out);
  out << "written: " << (folder / "nucleation.json").string() << "\n";
  if (list.size() < tasks.size())
    throw Stopped(stopSignal(), fmt::format("stopped: {} of {} points computed and written to {}", list.size(),
                                            tasks.size(), (folder / "nucleation.json").string()));
}

void atomisticNucleationMergeCommand(const AtomisticOptions& o, std::ostream& out) {
  if (o.parts.empty()) throw InputError("nucleation-merge: give at least one results folder");
  const Material m = loadPotentialMaterial(o.material);
  // Read everything and check it agrees before anything is written.
  std::vector<nlohmann::json> parts;
  for (const auto& folder : o.parts) {
    const std::filesystem::path file = folder / "nucleation.json";
    const auto bad = [&](const std::string& why) {
      throw InputError("nucleation-merge: '" + printableText(file.string(), 200) + "' " + why +
                       "; allowed: the nucleation.json of an `atomistic nucleation` run of " + m.name + " with " +
                       m.potential.kim_model);
    };
    std::ifstream in(file);
    if (!in) bad("cannot be read");
    try {
      parts.push_back(nlohmann::json::parse(in));
      const nlohmann::json& j = parts.back();
      if (j.at("material").get<std::string>() != m.name) bad("is of another material");
      if (j.at("provenance").at("kim_model").get<std::string>() != m.potential.kim_model)
        bad("was computed with another potential");
      const nlohmann::json& first = parts.front();
      for (const char* key : {"segment", "settings", "lattice_constant_A"})
        if (j.at(key) != first.at(key))
          bad(std::string("has another ") + key + " than '" + printableText(o.parts.front().string(), 200) + "'");
      const auto surface = [](const nlohmann::json& part) {
        return part.contains("surface") ? part.at("surface").at("file").dump() + part.at("surface").at("frame").dump()
                                        : std::string();
      };
      if (surface(j) != surface(first))
        bad("has another KMC surface (--surface, --frame) than '" + printableText(o.parts.front().string(), 200) + "'");
    } catch (const nlohmann::json::exception& e) {
      bad(std::string("is not a nucleation.json (") + e.what() + ")");
    }
  }
  // Points by site, each strain once.
  std::map<std::string, std::map<double, nlohmann::json>> by_site;
  std::map<std::string, nlohmann::json> corners;                       // what the census saw at each site's corner
  std::vector<std::pair<std::filesystem::path, std::string>> saddles;  // (from, file name)
  nlohmann::json sources = nlohmann::json::array();
  for (std::size_t k = 0; k < parts.size(); ++k) {
    for (const auto& [name, site] : parts[k].at("sites").items()) {
      if (site.contains("corner")) corners.emplace(name, site.at("corner"));
      for (const auto& p : site.at("points")) {
        const double strain = p.at("strain").get<double>();
        if (!by_site[name].emplace(strain, p).second)
          throw InputError(
              fmt::format("nucleation-merge: site {} at strain {} is in more than one part (again in "
                          "'{}'); allowed: each (site, strain) once",
                          printableText(name, 40), strain, printableText(o.parts[k].string(), 200)));
        if (p.contains("saddle")) {
          // A saddle is a file of its part's folder: a name with a folder in it would copy from and to elsewhere.
          const std::string name = p.at("saddle").at("file").get<std::string>();
          if (name.empty() || std::filesystem::path(name).filename().string() != name || name == "." || name == "..")
            throw InputError("nucleation-merge: '" + printableText(o.parts[k].string(), 200) + "' names a saddle '" +
                             printableText(name, 80) + "'; allowed: a file name without a folder");
          saddles.emplace_back(o.parts[k], name);
        }
      }
    }
    nlohmann::json source = {{"command", parts[k].at("command")}, {"provenance", parts[k].at("provenance")}};
    // A part that is itself a merge keeps the runs it came from (a one-folder merge re-flags a merged file).
    if (parts[k].contains("merged_from")) source["merged_from"] = parts[k].at("merged_from");
    sources.push_back(std::move(source));
  }
  const double burgers_A = parts.front().at("burgers_vector_A").get<double>();
  nlohmann::json site_json = nlohmann::json::object();
  for (auto& [name, points] : by_site) {  // std::map: ascending strain, as usedInFit needs
    std::vector<FitCandidate> candidates;
    for (const auto& [strain, p] : points) candidates.push_back(fitCandidate(p));
    const std::vector<bool> used = usedInFit(candidates);
    nlohmann::json list = nlohmann::json::array();
    std::size_t i = 0;
    for (auto& [strain, p] : points) {
      p["used_in_fit"] = static_cast<bool>(used[i++]);
      list.push_back(p);
    }
    site_json[name] = {{"points", list}, {"fit", fitJson(candidates, used, burgers_A)}};
    if (corners.count(name) > 0) site_json[name]["corner"] = corners.at(name);
  }
  const std::filesystem::path folder = createOutFolder(*o.out);
  for (const auto& [from, name] : saddles)
    if (std::filesystem::exists(from / name)) {
      std::ifstream in(from / name, std::ios::binary);
      const std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
      writeFileAtomically(folder / name, text);
    }
  nlohmann::json j = parts.front();
  j["sites"] = site_json;
  j["command"] = "surfkmc atomistic nucleation-merge --material " + m.name + " --out DIR PART...";
  j["merged_from"] = sources;
  j["provenance"] = potentialProvenance(m, 1);
  writeFileAtomically(folder / "nucleation.json", j.dump(2) + "\n");
  writeNucleationTables(folder, site_json);
  std::size_t points = 0;
  for (const auto& [name, list] : by_site) points += list.size();
  out << fmt::format("{} part{}, {} sites, {} points merged\n", parts.size(), parts.size() == 1 ? "" : "s",
                     by_site.size(), points);
  out << "written: " << (folder / "nucleation.json").string() << "\n";
}

void atomisticPropertiesCommand(const AtomisticOptions& o, std::ostream& out) {
  checkThreadCount(o.threads);
  if (o.out && !o.out->parent_path().empty() && !std::filesystem::is_directory(o.out->parent_path()))
    throw InputError("--out: folder '" + o.out->parent_path().string() + "' does not exist");
  const Material m = loadPotentialMaterial(o.material);
  atomistic::PropertySettings settings;
  settings.lattice_constant_guess_A = m.lattice_constant_A;
  const atomistic::CrystalProperties p = atomistic::computeCrystalProperties(potentialSpec(m), settings, o.threads);
  nlohmann::json j;
  j["material"] = m.name;
  j["lattice_constant_A"] = p.lattice_constant_A;
  j["cohesive_energy_eV"] = p.cohesive_energy_eV;
  j["elastic_constants_GPa"] = {{"C11", p.c11_GPa}, {"C12", p.c12_GPa}, {"C44", p.c44_GPa}};
  j["youngs_modulus_112_GPa"] = p.youngs_modulus_112_GPa;
  j["surface_energy_J_m2"] = {
      {"111", p.surface_energy_111_J_m2}, {"100", p.surface_energy_100_J_m2}, {"110", p.surface_energy_110_J_m2}};
  j["vacancy_formation_eV"] = p.vacancy_formation_eV;
  j["settings"] = {{"force_tolerance_eV_A", settings.force_tolerance},
                   {"elastic_strain_range", settings.strain_range},
                   {"slab_layers", settings.slab_layers},
                   {"vacancy_supercell_sites", 256},
                   {"temperature_K", 0}};
  j["provenance"] = potentialProvenance(m, o.threads);
  const std::string text = j.dump(2) + "\n";
  if (o.out)
    writeFileAtomically(*o.out, text);
  else
    out << text;
}

void atomisticBarriersCommand(const AtomisticOptions& o, std::ostream& out) {
  checkThreadCount(o.threads);
  if (!o.out) throw InputError("--out DIR is required");
  if (!std::isfinite(o.axial_strain) || std::abs(o.axial_strain) > 0.1)
    throw InputError("--axial-strain must lie in [-0.1, 0.1], got " + std::to_string(o.axial_strain));
  const Material m = loadPotentialMaterial(o.material);
  std::error_code ec;
  std::filesystem::create_directories(*o.out, ec);
  if (ec || !std::filesystem::is_directory(*o.out))
    throw InputError("--out: cannot create folder '" + o.out->string() + "'");
  const atomistic::PotentialSpec spec = potentialSpec(m);
  atomistic::BarrierSettings s;
  {
    atomistic::KimPotential pot(spec);
    s.lattice_constant_A = atomistic::equilibriumLatticeConstant(pot, m.lattice_constant_A);
  }
  s.axial_strain = o.axial_strain;
  const auto processes = atomistic::canonicalProcesses(s);
  const auto results = atomistic::computeBarriers(spec, processes, s, o.threads);

  nlohmann::json list = nlohmann::json::array();
  for (const auto& r : results)
    list.push_back({{"name", r.name},
                    {"description", r.description},
                    {"barrier_eV", {{"forward", r.barrier_forward_eV}, {"backward", r.barrier_backward_eV}}},
                    {"end_state_energy_eV", {{"initial", r.initial_energy_eV}, {"final", r.final_energy_eV}}},
                    {"converged", r.converged},
                    // No barrier on the path: the initial state is not a minimum of the band (e.g. an
                    // adatom that exchanges spontaneously); the process is instantaneous.
                    {"barrierless", r.barrier_forward_eV < kBarrierlessEV},
                    {"end_states_stable", r.end_states_stable},
                    {"max_residual_force_eV_A", r.max_residual_force_eV_A},
                    {"images", r.images},
                    {"cluster_atoms", r.atoms},
                    {"free_atoms", r.free_atoms},
                    {"neb_steps", r.neb_steps},
                    {"wall_time_s", r.wall_time_s},
                    {"profile_eV", r.profile_eV}});
  // Ehrlich–Schwoebel barriers: the easier descent (hop or exchange) minus the (111) terrace hop.
  const auto find = [&](const std::string& name) -> const atomistic::ProcessResult* {
    for (const auto& r : results)
      if (r.name == name) return &r;
    return nullptr;
  };
  nlohmann::json es = nlohmann::json::object();
  const auto* terrace = find("111_hop");
  for (const std::string step : {"111_A_step", "111_B_step"}) {
    const auto* hop = find(step + "_descent_hop");
    const auto* exchange = find(step + "_descent_exchange");
    if (!terrace || !hop || !exchange) continue;
    const double descent = std::min(hop->barrier_forward_eV, exchange->barrier_forward_eV);
    es[step] = {{"ehrlich_schwoebel_eV", descent - terrace->barrier_forward_eV},
                {"descent_eV", descent},
                {"mechanism", hop->barrier_forward_eV <= exchange->barrier_forward_eV ? "hop" : "exchange"},
                {"converged", hop->converged && exchange->converged && terrace->converged}};
  }
  nlohmann::json j;
  j["material"] = m.name;
  j["lattice_constant_A"] = s.lattice_constant_A;
  j["axial_strain"] = s.axial_strain;
  j["axial_direction"] =
      "x: [-1-12] (wire axis) for the (111), vicinal (111) and (1-10) slabs; [110] for the (001) slab";
  j["settings"] = {{"neb_images", s.neb.images + 2},
                   {"spring_eV_A2", s.neb.spring},
                   {"neb_force_tolerance_eV_A", s.neb.force_tolerance},
                   {"climb_after_eV_A", s.neb.climb_after},
                   {"relax_force_tolerance_eV_A", s.relax_tolerance}};
  j["processes"] = list;
  j["ehrlich_schwoebel"] = es;
  j["provenance"] = potentialProvenance(m, o.threads);
  writeFileAtomically(*o.out / "barriers.json", j.dump(2) + "\n");

  out << fmt::format("{} with {} (a0 = {:.4f} Å, axial strain {:+.4f})\n", m.name, spec.kim_model, s.lattice_constant_A,
                     s.axial_strain);
  out << fmt::format("{:<32} {:>9} {:>9} {:>10} {:>6} {:>9} {:>6} {:>6}\n", "process", "E_fwd/eV", "E_bwd/eV", "dE/eV",
                     "conv", "Fmax", "images", "atoms");
  for (const auto& r : results)
    out << fmt::format("{:<32} {:>9.4f} {:>9.4f} {:>10.4f} {:>6} {:>9.1e} {:>6} {:>6}\n", r.name, r.barrier_forward_eV,
                       r.barrier_backward_eV, r.final_energy_eV - r.initial_energy_eV,
                       !(r.converged && r.end_states_stable)   ? "NO"
                       : r.barrier_forward_eV < kBarrierlessEV ? "yes*"
                                                               : "yes",
                       r.max_residual_force_eV_A, r.images, r.atoms);
  for (const auto& [step, v] : es.items())
    out << fmt::format("{:<32} {:>9.4f}  (descent by {})\n", step + "_ES", v["ehrlich_schwoebel_eV"].get<double>(),
                       v["mechanism"].get<std::string>());
  out << "conv: NEB converged and both end states stable; yes* = barrierless (the initial state slides "
         "down the path)\n";
  out << "written: " << (*o.out / "barriers.json").string() << "\n";
}

}  // namespace surfkmc::app
