// SPDX-License-Identifier: MIT
// Loading materials files with located errors.
#include "app/material_loader.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <system_error>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "app/edit_distance.hpp"
#include "app/map_reader.hpp"
#include "app/nucleation_fit_checks.hpp"
#include "app/safe_name.hpp"
#include "app/source_file.hpp"
#include "app/yaml_document.hpp"
#include "core/error.hpp"
#include "kmc/hop_environment_index.hpp"

namespace surfkmc::app {
namespace {

/// Reads `key: {value, unit, source, tag}`, records its provenance, returns the value as written.
double readParameter(MapReader& root, Material& material, const std::string& key, const std::string& unit,
                     const NumberRange& range) {
  MapReader p = root.map(key);
  ParameterSource s;
  s.value = p.number("value", range);
  s.unit = p.string("unit");
  if (s.unit != unit) p.failValue("unit", "'" + unit + "' (the unit is fixed by the key's suffix)");
  s.source = p.string("source");
  if (s.source.size() < 3) p.failValue("source", "a citation or derivation, at least a few words");
  s.tag = p.choice("tag", {"V", "D", "R", "A"});
  p.finish();
  material.sources[key] = s;
  return s.value;
}

/// The keys every material file must have, in the order of the shipped files: a minimal file is
/// told everything it lacks at once, not one key per attempt. Keep in step with loadMaterialFile().
constexpr const char* kRequiredKeys[] = {"name",
                                         "species",
                                         "lattice_constant_A",
                                         "youngs_modulus_112_GPa",
                                         "burgers_vector_A",
                                         "atomic_volume_A3",
                                         "attempt_frequency_per_s",
                                         "bond_energy_eV",
                                         "terrace_barrier_111_eV",
                                         "terrace_barrier_100_eV",
                                         "ehrlich_schwoebel_eV",
                                         "debye_frequency_per_s",
                                         "migration_activation_volume_b3",
                                         "saddle_model",
                                         "coble_constant"};

/// The keys of Eq. 2's class laws (LinearNucleationLaw): all of them in a material file, or none (then the
/// material may name a `linear_law` file that holds them).
constexpr const char* kLinearLawKeys[] = {"edge_sigma_ath_GPa", "edge_activation_volume_b3",
                                          "step_sigma_ath_GPa", "step_activation_volume_b3",
                                          "pit_sigma_ath_GPa",  "pit_activation_volume_b3",
                                          "step_height_floor",  "step_height_decay",
                                          "pit_size_floor",     "pit_size_decay"};

/// Fails at the top of `root`, naming every one of `keys` it lacks, when it lacks more than one (a single
/// missing key is reported where it is read, with the usual message).
template <std::size_t N>
void requireKeys(const MapReader& root, const char* const (&keys)[N]) {
  std::vector<std::string> missing;
  for (const char* key : keys)
    if (!root.has(key)) missing.push_back(key);
  if (missing.size() > 1)
    root.fail(missing.front(), std::to_string(missing.size()) + " required keys are missing: " + joinNames(missing) +
                                   " (docs/materials.md; `surfkmc material template` prints a complete file)");
}

/// Whether `root` holds the class laws: false if it has none of their keys; fails at the first key present,
/// naming the missing ones, if it has only some.
bool hasLinearLawKeys(const MapReader& root) {
  std::vector<std::string> present, missing;
  for (const char* key : kLinearLawKeys) (root.has(key) ? present : missing).push_back(key);
  if (present.empty()) return false;
  if (!missing.empty())
    root.fail(present.front(), "the class laws of Eq. 2 come all together or not at all; missing: " +
                                   joinNames(missing) + " (docs/materials.md)");
  return true;
}

/// Reads the class laws of Eq. 2 from `root` (a material file, or a `linear_law` file), recording their
/// sources in `m`.
LinearNucleationLaw readLinearLaw(MapReader& root, Material& m) {
  const double b3 = std::pow(m.burgers_vector_A, 3);
  const NumberRange stress = NumberRange::positive(100.0), volume = NumberRange::positive(1000.0);
  const NumberRange fraction = NumberRange::closed(0.01, 1.0), decay = NumberRange::closed(0.0, 100.0);
  LinearNucleationLaw l;
  l.edge_sigma_ath_GPa = readParameter(root, m, "edge_sigma_ath_GPa", "GPa", stress);
  l.edge_activation_volume_A3 = b3 * readParameter(root, m, "edge_activation_volume_b3", "b^3", volume);
  l.step_sigma_ath_GPa = readParameter(root, m, "step_sigma_ath_GPa", "GPa", stress);
  l.step_activation_volume_A3 = b3 * readParameter(root, m, "step_activation_volume_b3", "b^3", volume);
  l.pit_sigma_ath_GPa = readParameter(root, m, "pit_sigma_ath_GPa", "GPa", stress);
  l.pit_activation_volume_A3 = b3 * readParameter(root, m, "pit_activation_volume_b3", "b^3", volume);
  l.step_height_floor = readParameter(root, m, "step_height_floor", "1", fraction);
  l.step_height_decay = readParameter(root, m, "step_height_decay", "1", decay);
  l.pit_size_floor = readParameter(root, m, "pit_size_floor", "1", fraction);
  l.pit_size_decay = readParameter(root, m, "pit_size_decay", "1", decay);
  return l;
}

}  // namespace

std::filesystem::path dataDirectory() {
  if (const char* dir = std::getenv("SURFKMC_DATA_DIR"); dir && *dir) return dir;
  std::error_code ec;
  const std::filesystem::path source_tree(SURFKMC_DATA_DIR);
  if (std::filesystem::is_directory(source_tree / "materials", ec)) return source_tree;
  // An installed program (cmake --install) without its source tree: <prefix>/bin/surfkmc finds
  // <prefix>/share/surfkmc/data.
  const std::filesystem::path program = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    const std::filesystem::path installed = program.parent_path().parent_path() / "share" / "surfkmc" / "data";
    if (std::filesystem::is_directory(installed / "materials", ec)) return installed;
  }
  return source_tree;
}

std::filesystem::path materialsDirectory() { return dataDirectory() / "materials"; }

std::vector<std::string> builtinMaterialNames() {
  std::vector<std::string> names;
  std::error_code ec;
  for (std::filesystem::directory_iterator it(materialsDirectory(), ec), end; !ec && it != end; it.increment(ec))
    if (it->path().extension() == ".yaml") names.push_back(it->path().stem().string());
  std::sort(names.begin(), names.end());
  return names;
}

std::optional<std::filesystem::path> resolveMaterial(const std::string& value, const std::filesystem::path& base_dir) {
  const auto names = builtinMaterialNames();
  if (std::find(names.begin(), names.end(), value) != names.end()) return materialsDirectory() / (value + ".yaml");
  const std::filesystem::path p(value);
  const bool looks_like_path =
      value.find('/') != std::string::npos || p.extension() == ".yaml" || p.extension() == ".yml";
  if (!looks_like_path) return std::nullopt;
  return p.is_absolute() ? p : base_dir / p;
}

namespace {

/// A `{file, source}` map naming a data file computed with the material's potential: the file resolved
/// against the material file's folder, the location of `file` for errors found when it is read.
/// The file named by `key` in `p`, resolved against the material file's folder.
DataFileReference fileAt(MapReader& p, const std::string& key, const std::filesystem::path& material_file) {
  DataFileReference r;
  r.written = p.string(key);
  r.file = (material_file.parent_path() / r.written).lexically_normal();
  r.location = p.location(key);
  r.source = p.string("source");
  if (r.source.size() < 3) p.failValue("source", "a citation or reason, at least a few words");
  return r;
}

/// `{file, source}`; with `strain` also the optional `strain_response: {low, high, source}` of a hop catalogue.
DataFileReference readDataFileReference(MapReader& p, const std::filesystem::path& material_file, const Material& m,
                                        const std::string& what, std::optional<HopStrainFiles>* strain = nullptr) {
  DataFileReference r = fileAt(p, "file", material_file);
  if (strain)
    if (auto sr = p.optionalMap("strain_response")) {
      *strain = HopStrainFiles{fileAt(*sr, "low", material_file), fileAt(*sr, "high", material_file)};
      sr->finish();
    }
  p.finish();
  if (m.potential.kim_model.empty())
    p.fail("file", what +
                       " are checked against the material's potential, and this file names none "
                       "(add potential: {kim_model, species, source})");
  return r;
}

}  // namespace

Material loadMaterialFile(const std::filesystem::path& path) {
  const YamlDocument doc(SourceFile::read(path));
  MapReader root = doc.root();
  const auto version = root.integer("schema_version", 0, 1000);
  if (version != kMaterialSchemaVersion)
    root.failValue("schema_version", std::to_string(kMaterialSchemaVersion) + " (this build's materials format)");

  requireKeys(root, kRequiredKeys);
  Material m;
  m.source_path = path;
  m.source_hash = doc.source().hash();
  m.name = root.string("name");
  // The name reaches labels, CSV cells and file names, like a scenario's.
  if (!isSafeName(m.name)) root.failValue("name", kSafeNameRule);
  m.species = root.string("species");
  if (m.species.empty() || m.species.size() > 3 || !std::isupper(static_cast<unsigned char>(m.species[0])) ||
      !std::all_of(m.species.begin() + 1, m.species.end(),
                   [](char c) { return std::islower(static_cast<unsigned char>(c)); }))
    root.failValue("species", "a chemical symbol such as Ag");
  root.optionalString("description");

  m.lattice_constant_A = readParameter(root, m, "lattice_constant_A", "angstrom", NumberRange::closed(2.0, 7.0));
  // Optional (a material file from before it was added stays valid); `check` warns above it.
  if (root.has("melting_point_K"))
    m.melting_point_K = readParameter(root, m, "melting_point_K", "K", NumberRange::positive(5000.0));
  m.youngs_modulus_112_GPa = readParameter(root, m, "youngs_modulus_112_GPa", "GPa", NumberRange::positive(2000.0));
  m.burgers_vector_A = readParameter(root, m, "burgers_vector_A", "angstrom", NumberRange::positive(6.0));
  m.atomic_volume_A3 = readParameter(root, m, "atomic_volume_A3", "angstrom^3", NumberRange::positive(100.0));
  m.attempt_frequency_per_s =
      readParameter(root, m, "attempt_frequency_per_s", "1/s", NumberRange::closed(1.0e9, 1.0e16));
  m.bond_energy_eV = readParameter(root, m, "bond_energy_eV", "eV", NumberRange::positive(5.0));
  m.terrace_barrier_111_eV = readParameter(root, m, "terrace_barrier_111_eV", "eV", NumberRange::closed(0.0, 5.0));
  m.terrace_barrier_100_eV = readParameter(root, m, "terrace_barrier_100_eV", "eV", NumberRange::closed(0.0, 5.0));
  // Negative values are physical (Ag(100) interlayer exchange, docs/parameters.md#surface-diffusion).
  m.ehrlich_schwoebel_eV = readParameter(root, m, "ehrlich_schwoebel_eV", "eV", NumberRange::closed(-1.0, 5.0));
  m.debye_frequency_per_s = readParameter(root, m, "debye_frequency_per_s", "1/s", NumberRange::closed(1.0e10, 1.0e16));
  // Optional: only `nucleation.activation_entropy: meyer_neldel` reads it.
  if (root.has("meyer_neldel_temperature_K"))
    m.meyer_neldel_temperature_K =
        readParameter(root, m, "meyer_neldel_temperature_K", "K", NumberRange::positive(10000.0));
  const double vm_b3 =
      readParameter(root, m, "migration_activation_volume_b3", "b^3", NumberRange::closed(-10.0, 10.0));
  m.migration_activation_volume_A3 = vm_b3 * std::pow(m.burgers_vector_A, 3);
  if (hasLinearLawKeys(root)) m.linear_law = readLinearLaw(root, m);
  {
    MapReader p = root.map("saddle_model");
    ParameterSource src;
    m.saddle_model = p.choice("value", {"terrace_pair", "uniform"});
    src.source = p.string("source");
    if (src.source.size() < 3) p.failValue("source", "a citation or reason, at least a few words");
    src.tag = p.choice("tag", {"V", "D", "R", "A"});
    p.finish();
    m.sources["saddle_model"] = src;
  }
  m.coble_constant = readParameter(root, m, "coble_constant", "1", NumberRange::closed(0.0, 1.0e4));
  if (auto p = root.optionalMap("potential")) {
    m.potential.kim_model = p->string("kim_model");
    // KIM item names: letters, digits and underscores, starting with a letter (KIM API naming rules).
    const auto& name = m.potential.kim_model;
    if (name.empty() || !std::isalpha(static_cast<unsigned char>(name[0])) ||
        !std::all_of(name.begin(), name.end(),
                     [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }))
      p->failValue(
          "kim_model",
          "a KIM model name (letters, digits, underscores), e.g. EAM_Dynamo_WuTrinkle_2009_CuAg__MO_270337113239_005");
    m.potential.species = p->string("species");
    if (m.potential.species != m.species) p->failValue("species", "'" + m.species + "' (the material's species)");
    m.potential.source = p->string("source");
    if (m.potential.source.size() < 3) p->failValue("source", "a citation or reason, at least a few words");
    p->finish();
  }
  if (auto p = root.optionalMap("nucleation_barriers")) {
    if (p->has("law") && p->choice("law", {"power", "tabulated"}) == "tabulated")
      m.nucleation_barrier_law = NucleationBarrierLaw::kTabulated;
    m.nucleation_barriers = readDataFileReference(*p, path, m, "computed barriers");
  }
  if (auto p = root.optionalMap("hop_catalogue"))
    m.hop_catalogue = readDataFileReference(*p, path, m, "hop catalogues", &m.hop_catalogue_strain);
  // Calibrated, not computed: not checked against the potential.
  if (auto p = root.optionalMap("linear_law")) {
    if (m.linear_law)
      p->fail("file",
              "the class laws of Eq. 2 are already in this file; allowed: them here, or a linear_law file, "
              "not both");
    m.linear_law_file = fileAt(*p, "file", path);
    p->finish();
  }
  root.finish();
  root.locateErrors("", [&] { m.validate(); });
  return m;
}

namespace {

/// The JSON of a data file computed with the material's potential, and its hash; `bad(why)` reports a
/// file that cannot be read, is not JSON, or whose provenance names another KIM model (and does not return).
template <class Bad>
nlohmann::json readPotentialData(const DataFileReference& r, const Material& m, std::string& hash, const Bad& bad) {
  std::optional<SourceFile> text;
  try {
    text = SourceFile::read(r.file, kMaxDataFileBytes);
  } catch (const InputError& e) {
    bad(std::string("cannot be read (") + e.what() + ")");
  }
  hash = text->hash();
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(text->text());
  } catch (const nlohmann::json::exception&) {
    bad("is not JSON");
  }
  std::string model;
  try {
    model = j.at("provenance").at("kim_model").get<std::string>();
  } catch (const nlohmann::json::exception& e) {
    bad(std::string("lacks a field (") + e.what() + ")");
  }
  if (model != m.potential.kim_model)
    bad("was computed with " + printableText(model, 120) + ", not with the material's " + m.potential.kim_model);
  return j;
}

[[noreturn]] void failBarrierFile(const NucleationBarrierReference& r, const std::string& why) {
  throw InputError(r.location.message("nucleation_barriers.file",
                                      "'" + printableText(r.written, 200) + "' " + why +
                                          "; allowed: the nucleation.json that `surfkmc atomistic nucleation` wrote "
                                          "with this material's potential"));
}

/// A file's `used_in_fit` flags must be what the current checks give: a file made before a check (session 39's
/// loop check, say) would otherwise run on points the checks now reject.
template <class Bad>
void checkFitFlags(const std::string& site, const nlohmann::json& points, const Material& m, const Bad& bad) {
  std::vector<const nlohmann::json*> by_strain;
  for (const auto& p : points) by_strain.push_back(&p);
  std::stable_sort(by_strain.begin(), by_strain.end(), [](const nlohmann::json* a, const nlohmann::json* b) {
    return a->at("strain").get<double>() < b->at("strain").get<double>();
  });
  std::vector<FitCandidate> candidates;
  for (const auto* p : by_strain) candidates.push_back(fitCandidate(*p));
  const std::vector<bool> used = usedInFit(candidates);
  for (std::size_t i = 0; i < used.size(); ++i)
    if (by_strain[i]->at("used_in_fit").get<bool>() != used[i])
      bad(
          fmt::format("marks the point of site '{}' at strain {} used_in_fit = {}, but the current checks give {} "
                      "(a file made before a check; decide its flags again with `surfkmc atomistic "
                      "nucleation-merge --material {} --out NEW_FOLDER FOLDER`)",
                      printableText(site, 40), by_strain[i]->at("strain").get<double>(), !used[i], used[i], m.name));
}

}  // namespace

void loadLinearLaw(Material& m) {
  if (m.linear_law || !m.linear_law_file) return;
  const DataFileReference& r = *m.linear_law_file;
  std::optional<SourceFile> text;
  try {
    text = SourceFile::read(r.file);
  } catch (const InputError& e) {
    throw InputError(r.location.message("linear_law.file", "'" + printableText(r.written, 200) + "' cannot be read (" +
                                                               e.what() +
                                                               "); allowed: a file of Eq. 2's class laws "
                                                               "(docs/materials.md)"));
  }
  const std::string hash = text->hash();
  const YamlDocument doc(std::move(*text));
  MapReader root = doc.root();
  if (root.integer("schema_version", 0, 1000) != kMaterialSchemaVersion)
    root.failValue("schema_version", std::to_string(kMaterialSchemaVersion) + " (this build's materials format)");
  // A law calibrated for one metal must not be read as another's.
  if (root.string("material") != m.name) root.failValue("material", "'" + m.name + "' (the material naming this file)");
  root.optionalString("description");
  requireKeys(root, kLinearLawKeys);
  Material read = m;  // the sources go in only once the whole file has been read
  const LinearNucleationLaw law = readLinearLaw(root, read);
  root.finish();
  m.sources = std::move(read.sources);
  m.linear_law = law;
  m.linear_law_hash = hash;
}

NucleationBarrierFile loadNucleationBarriers(const Material& m) {
  if (!m.nucleation_barriers) throw InputError("material " + m.name + " names no nucleation_barriers file");
  const NucleationBarrierReference& r = *m.nucleation_barriers;
  const auto bad = [&](const std::string& why) { failBarrierFile(r, why); };
  NucleationBarrierFile f;
  f.file = r.file;
  const nlohmann::json j = readPotentialData(r, m, f.hash, bad);
  f.law = m.nucleation_barrier_law;
  try {
    for (const auto& [name, site] : j.at("sites").items()) {
      checkFitFlags(name, site.at("points"), m, bad);
      nucleation::SizedLaw law;
      if (f.law == NucleationBarrierLaw::kTabulated) {
        // The points the fit would use (atomistic nucleation's used_in_fit), at least two of them.
        std::vector<nucleation::BarrierPoint> points;
        for (const auto& p : site.at("points"))
          if (p.at("used_in_fit").get<bool>())
            points.push_back({p.at("stress_GPa").get<double>(), p.at("barrier_eV").get<double>()});
        if (points.size() < 2) continue;
        try {
          law.table = std::make_shared<const nucleation::BarrierTable>(nucleation::BarrierTable::envelope(points));
        } catch (const InputError& e) {
          bad("gives site '" + printableText(name, 40) + "' no usable table (" + e.what() + ")");
        }
      } else {
        const auto& fit = site.at("fit");
        if (!fit.at("fitted").get<bool>()) continue;
        law.params.barrier_eV = fit.at("barrier_eV").get<double>();
        law.params.sigma_ath_GPa = fit.at("sigma_ath_GPa").get<double>();
        law.params.exponent = fit.at("exponent").get<double>();
      }
      const auto sized = [&](const std::string& prefix) {
        const std::string digits = name.substr(prefix.size());
        const bool ok = !digits.empty() && digits.size() <= 3 &&
                        std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; });
        if (!ok) bad("names a site '" + printableText(name, 40) + "' that is not edge, step_h<h> or pit_m<m>");
        return ok ? std::stoi(digits) : 0;
      };
      if (name == "edge") {
        f.laws.edge.push_back(law);
      } else if (name.rfind("step_h", 0) == 0) {
        law.size = sized("step_h");
        f.laws.step.push_back(law);
      } else if (name.rfind("pit_m", 0) == 0) {
        law.size = sized("pit_m");
        f.laws.pit.push_back(law);
      } else {
        bad("names a site '" + printableText(name, 40) + "' that is not edge, step_h<h> or pit_m<m>");
      }
    }
    f.segment_diameter_A = j.at("segment").at("diameter_A").get<double>();
    bool unstrained = false;
    for (const auto& point : j.at("sites").at("edge").at("points")) {
      if (point.at("strain").get<double>() != 0.0) continue;
      f.segment_stress_GPa = point.at("stress_GPa").get<double>();
      unstrained = true;
    }
    // The laws are functions of the segment's nominal stress; the wire's applied stress differs from it by
    // the segment's surface-stress force, which only the unstrained point measures.
    if (!unstrained) bad("has no edge point at strain 0, which gives the segment's surface-stress force");
    if (!(std::isfinite(f.segment_stress_GPa) && f.segment_diameter_A > 0.0))
      bad("gives no finite stress at strain 0 and segment diameter > 0");
  } catch (const nlohmann::json::exception& e) {
    bad(std::string("lacks a field (") + e.what() + ")");
  }
  for (auto* laws : {&f.laws.edge, &f.laws.step, &f.laws.pit})
    std::sort(laws->begin(), laws->end(),
              [](const nucleation::SizedLaw& a, const nucleation::SizedLaw& b) { return a.size < b.size; });
  try {
    f.laws.validate();
  } catch (const InputError& e) {
    bad(std::string("does not give a usable law for every class (") + e.what() + ")");
  }
  return f;
}

namespace {

/// The barrier table of one hops.json, its axial strain (settings.axial_strain) and the hash of the scenario
/// its hops were sampled from (provenance.scenario_hash); `bad(why)` reports a defect and does not return.
struct HopTableRead {
  kmc::HopTable table;
  std::vector<kmc::HopBarrierSample> samples;
  /// How many of `samples`, from the first, were sampled from the KMC's frames and events; the rest were added by
  /// `surfkmc learn` (source "learned"), for the environments they were chosen for only.
  std::size_t sampled = 0;
  /// The ways into rim sites its crossings give (kmc::RimEntrySample), in file order.
  std::vector<kmc::RimEntrySample> rim;
  std::string hash;
  double axial_strain = 0.0;
  std::string scenario_hash;
};

/// The first `sampled` of `samples`.
std::vector<kmc::HopBarrierSample> sampledOnly(const std::vector<kmc::HopBarrierSample>& samples, std::size_t sampled) {
  return {samples.begin(), samples.begin() + static_cast<std::ptrdiff_t>(sampled)};
}

template <class Bad>
HopTableRead readHopTable(const DataFileReference& r, const Material& m, int n_min, const Bad& bad) {
  HopTableRead out;
  const nlohmann::json j = readPotentialData(r, m, out.hash, bad);
  std::vector<kmc::HopBarrierSample> samples;
  try {
    // Both written by every `surfkmc atomistic hops`; a hand-made file without them counts as unstrained.
    if (j.contains("settings") && j.at("settings").contains("axial_strain"))
      out.axial_strain = j.at("settings").at("axial_strain").get<double>();
    out.scenario_hash = j.at("provenance").value("scenario_hash", std::string());
    for (const auto& s : j.at("samples")) {
      // Learned samples were chosen because their environment was missing: they stand for that environment, not
      // for their class, so they follow the sampled ones and stay out of the class table.
      const bool learned = s.value("source", std::string()) == "learned";
      if (!learned && out.sampled != samples.size())
        bad("has a sampled hop after a learned one (`surfkmc learn` appends its samples after the sampled ones)");
      kmc::HopBarrierSample x;
      const auto& cls = s.at("class");
      x.n_i = cls.at(0).get<int>();
      x.n_j = cls.at(1).get<int>();
      x.c = cls.at(2).get<int>();
      if (x.n_i < 0 || x.n_i > 11 || x.n_j < 0 || x.n_j > 11 || x.c < 0 || x.c > kmc::kMaxCommon)
        bad("has a sample of class (" + std::to_string(x.n_i) + ", " + std::to_string(x.n_j) + ", " +
            std::to_string(x.c) + "), outside n_i, n_j in [0, 11], c in [0, 4]");
      x.forward_eV = s.at("barrier_forward_eV").get<double>();
      x.backward_eV = s.at("barrier_backward_eV").get<double>();
      x.delta_eV = s.at("delta_energy_eV").get<double>();
      const std::string status = s.at("status").get<std::string>();
      if (status == "valid") {
        x.status = kmc::HopBarrierSample::Status::kValid;
      } else if (status == "unstable_end_state" || status == "barrierless") {
        x.status = kmc::HopBarrierSample::Status::kUnstable;
      } else if (status == "not_converged") {
        x.status = kmc::HopBarrierSample::Status::kFailed;
      } else {
        bad("has a sample status '" + printableText(status, 40) +
            "'; allowed: valid, unstable_end_state, barrierless, not_converged");
      }
      if (!std::isfinite(x.forward_eV) || !std::isfinite(x.backward_eV) || !std::isfinite(x.delta_eV))
        bad("has a sample with a non-finite barrier or energy");
      if (s.contains("environment")) {
        const auto key = s.at("environment").get<std::uint64_t>();
        if (key >> kmc::HopEnvironmentIndex::kSites)
          bad("has a sample environment key " + std::to_string(key) + " beyond the 18 sites");
        x.environment = kmc::HopEnvironmentIndex::pairKey(static_cast<std::uint32_t>(key));
      }
      samples.push_back(x);
      if (!learned) out.sampled = samples.size();
      // A hop into a rim site, computed on as crossings to the rim's stable exits (docs/model.md#interlayer):
      // its side gives one way in (the lowest valid crossing), and each exit one way in from that exit. A
      // crossing that ends beside its origin is the ordinary hop between two neighbours, which the table
      // already holds, so it gives no entry (the engine makes such a transit a null event).
      if (x.n_j == n_min - 1 && s.contains("crossings") && !s.at("crossings").empty()) {
        kmc::RimEntrySample in{x.n_i, x.c, std::numeric_limits<double>::infinity(), false};
        for (const auto& k : s.at("crossings")) {
          if (k.at("k_is_neighbour_of_origin").get<bool>()) continue;
          kmc::RimEntrySample back{k.at("n_to").get<int>(), k.at("c_to").get<int>(), 0.0, false};
          if (back.n < n_min || back.n > 11 || back.c < 0 || back.c > kmc::kMaxCommon)
            bad("has a crossing to a site of class (" + std::to_string(back.n) + ", " + std::to_string(back.c) +
                "), outside n_to in [" + std::to_string(n_min) + ", 11], c_to in [0, 4]");
          if (const auto& best = k.at("best"); !best.is_null()) {
            const double f = best.at("barrier_forward_eV").get<double>();
            back.barrier_eV = best.at("barrier_backward_eV").get<double>();
            if (!std::isfinite(f) || !std::isfinite(back.barrier_eV)) bad("has a crossing with a non-finite barrier");
            back.valid = true;
            in.barrier_eV = std::min(in.barrier_eV, f);
            in.valid = true;
          }
          out.rim.push_back(back);
        }
        if (!in.valid) in.barrier_eV = 0.0;
        out.rim.push_back(in);
      }
    }
  } catch (const nlohmann::json::exception& e) {
    bad(std::string("lacks a field (") + e.what() + ")");
  }
  if (!std::isfinite(out.axial_strain)) bad("has a non-finite settings.axial_strain");
  try {
    out.table = kmc::buildHopTable(sampledOnly(samples, out.sampled), n_min);
    kmc::addRimEntries(out.table, out.rim, n_min);
  } catch (const InvariantError& e) {
    bad(std::string("cannot give a barrier table (") + e.what() + ")");
  }
  out.samples = std::move(samples);
  return out;
}

}  // namespace

HopCatalogueFile loadHopCatalogue(const Material& m, int n_min, bool environments) {
  if (!m.hop_catalogue) throw InputError("material " + m.name + " names no hop_catalogue file");
  const auto badAt = [&](const DataFileReference& r, const std::string& key) {
    return [&r, key](const std::string& why) {
      throw InputError(r.location.message(key, "'" + printableText(r.written, 200) + "' " + why +
                                                   "; allowed: the hops.json that `surfkmc atomistic hops` wrote with "
                                                   "this material's potential"));
    };
  };
  const DataFileReference& r = *m.hop_catalogue;
  HopTableRead base = readHopTable(r, m, n_min, badAt(r, "hop_catalogue.file"));
  if (base.axial_strain != 0.0)
    badAt(r, "hop_catalogue.file")("was computed at axial strain " + std::to_string(base.axial_strain) +
                                   ", not at zero strain");
  HopCatalogueFile f;
  f.file = r.file;
  f.hash = base.hash;
  f.table = std::move(base.table);
  if (environments) kmc::addEnvironments(f.table, base.samples, n_min);
  if (m.hop_catalogue_strain) {
    const DataFileReference& lo = m.hop_catalogue_strain->low;
    const DataFileReference& hi = m.hop_catalogue_strain->high;
    const auto bad_lo = badAt(lo, "hop_catalogue.strain_response.low");
    const auto bad_hi = badAt(hi, "hop_catalogue.strain_response.high");
    const HopTableRead low = readHopTable(lo, m, n_min, bad_lo);
    const HopTableRead high = readHopTable(hi, m, n_min, bad_hi);
    if (!(low.axial_strain < 0.0))
      bad_lo("was computed at axial strain " + std::to_string(low.axial_strain) + ", not below 0");
    if (!(high.axial_strain > 0.0))
      bad_hi("was computed at axial strain " + std::to_string(high.axial_strain) + ", not above 0");
    // The same hops: sampled from the same scenario (the command then draws the same frames and samples).
    if (base.scenario_hash.empty() || low.scenario_hash != base.scenario_hash)
      bad_lo("samples another scenario than hop_catalogue.file (provenance.scenario_hash)");
    if (high.scenario_hash != base.scenario_hash)
      bad_hi("samples another scenario than hop_catalogue.file (provenance.scenario_hash)");
    for (const auto* strained : {&low, &high})
      if (strained->samples.size() != base.samples.size() || strained->sampled != base.sampled)
        (strained == &low ? bad_lo : bad_hi)(fmt::format(
            "holds {} hops ({} learned), not the {} ({} learned) of hop_catalogue.file", strained->samples.size(),
            strained->samples.size() - strained->sampled, base.samples.size(), base.samples.size() - base.sampled));
    try {
      kmc::addStrainResponse(f.table, sampledOnly(base.samples, base.sampled), sampledOnly(low.samples, low.sampled),
                             low.axial_strain, sampledOnly(high.samples, high.sampled), high.axial_strain);
      kmc::addRimStrainResponse(f.table, base.rim, low.rim, low.axial_strain, high.rim, high.axial_strain, n_min);
      if (environments)
        kmc::addEnvironmentStrainResponse(f.table, base.samples, low.samples, low.axial_strain, high.samples,
                                          high.axial_strain);
    } catch (const InvariantError& e) {
      bad_lo(std::string("does not hold the hops of hop_catalogue.file, strained (") + e.what() + ")");
    }
    f.strain_files = {{lo.file, low.hash}, {hi.file, high.hash}};
  }
  return f;
}

}  // namespace surfkmc::app
