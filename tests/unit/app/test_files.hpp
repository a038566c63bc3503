// SPDX-License-Identifier: MIT
// Test helpers: a private temporary folder, and the malformed scenarios every layer must reject.
#pragma once

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

namespace surfkmc::app::test {

/// A fresh folder under the system temp dir, removed with everything in it on destruction.
class TempDir {
 public:
  TempDir() {
    static std::atomic<int> counter{0};
    path_ = std::filesystem::temp_directory_path() /
            ("surfkmc_app_test_" + std::to_string(::getpid()) + "_" + std::to_string(counter++));
    std::filesystem::create_directories(path_);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  const std::filesystem::path& path() const { return path_; }
  /// Writes `text` byte for byte to `name` in the folder and returns its path.
  std::filesystem::path write(const std::string& name, const std::string& text) const {
    const auto p = path_ / name;
    std::ofstream(p, std::ios::binary) << text;
    return p;
  }

 private:
  std::filesystem::path path_;
};

/// Exit code and combined stdout/stderr of a run of the surfkmc binary.
struct Outcome {
  bool exited = false;  ///< false if a signal ended it (a crash)
  int code = -1;        ///< its exit code; −1 if it did not exit
  std::string output;
};

/// Runs `build/bin/surfkmc` with `args`, each handed to it as it is (fork and exec, no shell), and
/// collects its exit status and its stdout and stderr together.
inline Outcome captureSurfkmc(const std::vector<std::string>& args) {
  Outcome o;
  const std::string binary = std::string(SURFKMC_BINARY_DIR) + "/bin/surfkmc";
  int pipe_fd[2];
  if (::pipe(pipe_fd) != 0) return o;
  const pid_t pid = ::fork();
  if (pid == 0) {
    std::vector<char*> argv{const_cast<char*>(binary.c_str())};
    for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    if (::dup2(pipe_fd[1], STDOUT_FILENO) < 0 || ::dup2(pipe_fd[1], STDERR_FILENO) < 0) ::_exit(126);
    ::close(pipe_fd[0]);
    ::close(pipe_fd[1]);
    ::execv(binary.c_str(), argv.data());
    ::_exit(127);
  }
  ::close(pipe_fd[1]);
  std::array<char, 4096> buffer{};
  ssize_t n = 0;
  while (pid > 0 && (n = ::read(pipe_fd[0], buffer.data(), buffer.size())) > 0)
    o.output.append(buffer.data(), static_cast<std::size_t>(n));
  ::close(pipe_fd[0]);
  if (pid < 0) return o;
  int status = 0;
  ::waitpid(pid, &status, 0);
  o.exited = WIFEXITED(status);
  o.code = o.exited ? WEXITSTATUS(status) : -1;
  return o;
}

/// Starts `build/bin/surfkmc` with `args` (fork and exec, no shell), its stdout and stderr into
/// `output` (created or emptied), and returns at once with its PID (−1 if it could not start).
inline pid_t startSurfkmc(const std::vector<std::string>& args, const std::filesystem::path& output) {
  const std::string binary = std::string(SURFKMC_BINARY_DIR) + "/bin/surfkmc";
  const int fd = ::open(output.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return -1;
  const pid_t pid = ::fork();
  if (pid == 0) {
    std::vector<char*> argv{const_cast<char*>(binary.c_str())};
    for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    if (::dup2(fd, STDOUT_FILENO) < 0 || ::dup2(fd, STDERR_FILENO) < 0) ::_exit(126);
    ::execv(binary.c_str(), argv.data());
    ::_exit(127);
  }
  ::close(fd);
  return pid;
}

/// Waits for a started process: its exit code, or −1 if a signal ended it.
inline int waitForExit(pid_t pid) {
  int status = 0;
  if (pid <= 0 || ::waitpid(pid, &status, 0) != pid) return -1;
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/// The whole content of `file` ("" if it cannot be read).
/// Names of the files in `dir`, sorted (none if it does not exist).
inline std::vector<std::string> fileNames(const std::filesystem::path& dir) {
  std::vector<std::string> names;
  std::error_code ec;
  for (std::filesystem::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec))
    names.push_back(it->path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

inline std::string readAll(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

/// The text of a shipped material file (data/materials/<name>.yaml) with the data files it names (`file:`,
/// `low:`, `high:`, written relative to data/materials/) made absolute, so that a copy loads from any folder.
inline std::string portableMaterial(const std::string& name) {
  const std::filesystem::path folder = std::filesystem::path(SURFKMC_SOURCE_DIR) / "data" / "materials";
  std::istringstream in(readAll(folder / (name + ".yaml")));
  std::string out;
  for (std::string line; std::getline(in, line);) {
    const auto at = line.find(": ../");
    if (at != std::string::npos && line.find_first_not_of(' ') != 0)
      line = line.substr(0, at + 2) + (folder / line.substr(at + 2)).lexically_normal().string();
    out += line + '\n';
  }
  return out;
}

/// The number of lines of `file` that are neither empty nor `#` comments.
inline std::size_t dataLines(const std::filesystem::path& file) {
  std::istringstream in(readAll(file));
  std::size_t n = 0;
  for (std::string line; std::getline(in, line);) n += !line.empty() && line[0] != '#';
  return n;
}

/// `file` without its `#` provenance line(s).
inline std::string withoutComments(const std::filesystem::path& file) {
  std::istringstream in(readAll(file));
  std::string out;
  for (std::string line; std::getline(in, line);)
    if (line.empty() || line[0] != '#') out += line + '\n';
  return out;
}

/// The shipped scenarios.
inline const std::filesystem::path kScenarios = std::filesystem::path(SURFKMC_SOURCE_DIR) / "scenarios";

/// A run's summary.json without what differs between runs of the same scenario: wall times, rates
/// per wall second, provenance.
inline nlohmann::json comparableSummary(const std::filesystem::path& file) {
  nlohmann::json j = nlohmann::json::parse(readAll(file));
  j.erase("provenance");
  j.erase("wall_time_s");
  j.erase("events_per_s");
  if (j.contains("per_replica"))
    for (auto& r : j["per_replica"]) r.erase("wall_time_s");
  return j;
}

/// The first four lines of a valid scenario.
inline const std::string kHead = "schema_version: 1\nname: t\nseed: 1\nmaterial: Ag\n";
inline const std::string kCylinder = "geometry: {shape: cylinder, diameter_nm: 3, length_nm: 3}\n";

/// A scenario the loader must reject, and what its message must contain besides the file name.
struct MalformedCase {
  std::string name;
  std::string text;
  std::string where;  ///< ":line:column:" right after the file name
  std::string key;    ///< key path (or other text) the message must contain
};

inline std::vector<MalformedCase> malformedScenarios() {
  const std::string geo = "geometry:\n  shape: cylinder\n";  // lines 5-6
  return {
      {"empty", "", ":1:1:", "(document)"},
      {"only_comment", "# nothing here\n", ":1:1:", "(document)"},
      {"top_level_list", "- 1\n- 2\n", ":1:1:", "(document)"},
      {"top_level_scalar", "hello\n", ":1:1:", "(document)"},
      {"truncated_flow", kHead + "geometry: {shape: cyl", ":5:1:", "YAML syntax error"},
      {"unclosed_quote", kHead + "geometry: {shape: \"cylinder}\n", ":6:1:", "YAML syntax error"},
      {"lone_comma", ",", ":1:1:", "YAML syntax error"},  // yaml-cpp 0.7's LoadAll loops forever on this
      {"stray_comma", kHead + kCylinder + ",\n", ":6:1:", "YAML syntax error"},
      {"tab_indent", kHead + "geometry:\n\tshape: cylinder\n", ":6:", "YAML syntax error"},
      {"deep_nesting", std::string(5000, '['), ":1:1:", "YAML syntax error"},
      {"binary_garbage", std::string("\x01\x02\xff\xfe]\x00\x7f{{::\x80\x81", 14), ":1:", "YAML syntax error"},
      {"two_documents", kHead + kCylinder + "---\nx: 1\n", ":7:1:", "several YAML documents"},
      {"huge_number", kHead + geo + "  diameter_nm: 1e400\n  length_nm: 3\n",
       ":7:16:", "geometry.diameter_nm: bad value '1e400'"},
      {"dot_nan", kHead + geo + "  diameter_nm: .nan\n  length_nm: 3\n", ":7:16:", "geometry.diameter_nm"},
      {"plain_nan", kHead + geo + "  diameter_nm: NaN\n  length_nm: 3\n", ":7:16:", "geometry.diameter_nm"},
      {"dot_inf", kHead + geo + "  diameter_nm: 3\n  length_nm: .inf\n", ":8:14:", "geometry.length_nm"},
      {"minus_inf", kHead + geo + "  diameter_nm: 3\n  length_nm: -.inf\n", ":8:14:", "geometry.length_nm"},
      {"negative_size", kHead + geo + "  diameter_nm: -5\n  length_nm: 3\n",
       ":7:16:", "geometry.diameter_nm: bad value '-5'"},
      {"zero_size", kHead + geo + "  diameter_nm: 3\n  length_nm: 0\n", ":8:14:", "geometry.length_nm"},
      {"too_big_size", kHead + geo + "  diameter_nm: 3\n  length_nm: 1001\n", ":8:14:", "≤ 1000"},
      {"word_for_number", kHead + geo + "  diameter_nm: ten\n  length_nm: 3\n", ":7:16:", "bad value 'ten'"},
      {"list_for_map", kHead + "geometry: [1, 2]\n", ":5:11:", "geometry: bad value (a list)"},
      {"map_for_scalar", "schema_version: 1\nname: {a: 1}\n", ":2:7:", "name: bad value (a map)"},
      {"list_as_key", kHead + "[a, b]: 1\n" + kCylinder, ":5:1:", "keys must be plain names"},
      {"duplicate_key", kHead + "seed: 2\n" + kCylinder, ":5:1:", "seed: duplicate key (first on line 3)"},
      {"duplicate_nested", kHead + geo + "  diameter_nm: 3\n  diameter_nm: 4\n  length_nm: 3\n",
       ":8:3:", "geometry.diameter_nm: duplicate key"},
      {"schema_version_2", "schema_version: 2\nname: t\n", ":1:17:", "schema_version: bad value '2'"},
      {"schema_version_word", "schema_version: one\n", ":1:17:", "schema_version"},
      {"missing_schema_version", "name: t\nseed: 1\n", ":1:1:", "schema_version: missing required key"},
      {"missing_seed", "schema_version: 1\nname: t\nmaterial: Ag\n" + kCylinder, ":1:1:", "seed: missing required key"},
      {"missing_geometry", kHead, ":1:1:", "geometry: missing required key"},
      {"misspelt_geometry", kHead + "geometri: {shape: cylinder}\n", ":1:1:", "is 'geometri' on line 5 a misspelling?"},
      {"missing_diameter", kHead + geo + "  length_nm: 3\n", ":6:3:", "geometry.diameter_nm: missing required key"},
      {"empty_value", kHead + "geometry:\n  shape:\n", ":6:3:", "geometry.shape: missing value"},
      {"unknown_top_key", kHead + kCylinder + "colour: red\n", ":6:1:", "colour: unknown key 'colour'"},
      {"typo_suggestion", kHead + kCylinder + "kmc:\n  temprature: 300\n  max_events: 10\n",
       ":7:3:", "unknown key 'temprature'; did you mean 'temperature_K'?"},
      {"other_shape_key", kHead + geo + "  diameter_nm: 3\n  length_nm: 3\n  width_nm: 2\n",
       ":9:3:", "geometry.width_nm: unknown key"},
      {"gauge_on_slab",
       kHead + "geometry: {shape: slab, size_x_nm: 2, size_z_nm: 2, thickness_nm: 1, gauge: {diameter_nm: 1}}\n",
       ":5:", "geometry.gauge: unknown key"},
      {"gauge_too_thick",
       kHead + "geometry: {shape: cylinder, diameter_nm: 3, length_nm: 9, gauge: {diameter_nm: 4, length_nm: 2}}\n",
       ":5:", "gauge diameter must not exceed"},
      {"cut_shift_a_whole_cell", kHead + "geometry: {shape: cylinder, diameter_nm: 3, length_nm: 3, cut_shift_y: 1}\n",
       ":5:", "geometry.cut_shift_y: bad value '1'"},
      {"cut_shift_z_on_slab",
       kHead + "geometry: {shape: slab, size_x_nm: 2, size_z_nm: 2, thickness_nm: 1, cut_shift_z: 0.5}\n",
       ":5:", "geometry.cut_shift_z: unknown key"},
      {"bad_shape", kHead + "geometry: {shape: hexagon, diameter_nm: 3, length_nm: 3}\n",
       ":5:19:", "geometry.shape: bad value 'hexagon'"},
      {"shape_typo", kHead + "geometry: {shape: cylindre, diameter_nm: 3, length_nm: 3}\n",
       ":5:19:", "did you mean 'cylinder'?"},
      {"unknown_material", "schema_version: 1\nname: t\nseed: 1\nmaterial: Agg\n" + kCylinder,
       ":4:11:", "material: bad value 'Agg'; did you mean 'Ag'?"},
      {"missing_material_file", "schema_version: 1\nname: t\nseed: 1\nmaterial: nowhere/x.yaml\n" + kCylinder,
       ":4:11:", "no materials file"},
      {"negative_seed", "schema_version: 1\nname: t\nseed: -1\n", ":3:7:", "seed: bad value '-1'"},
      {"fraction_seed", "schema_version: 1\nname: t\nseed: 1.5\n", ":3:7:", "seed"},
      {"overflow_seed", "schema_version: 1\nname: t\nseed: 18446744073709551616\n", ":3:7:", "seed"},
      {"bad_name", "schema_version: 1\nname: ../etc\nseed: 1\n", ":2:7:", "name: bad value '../etc'"},
      {"fraction_events", kHead + kCylinder + "kmc: {max_events: 1.5}\n", ":6:19:", "kmc.max_events"},
      {"zero_events", kHead + kCylinder + "kmc: {max_events: 0}\n", ":6:19:", "kmc.max_events"},
      {"zero_temperature", kHead + kCylinder + "kmc: {temperature_K: 0, max_events: 5}\n",
       ":6:22:", "kmc.temperature_K: bad value '0'"},
      {"hot_temperature", kHead + kCylinder + "kmc: {temperature_K: 5000, max_events: 5}\n",
       ":6:22:", "kmc.temperature_K"},
      {"negative_duration", kHead + kCylinder + "kmc: {duration_s: -1}\n", ":6:19:", "kmc.duration_s"},
      {"bad_boolean", kHead + kCylinder + "kmc: {max_events: 5, checking: maybe}\n", ":6:32:", "kmc.checking"},
      {"super_moves_not_boolean", kHead + kCylinder + "kmc: {max_events: 5}\nacceleration: {super_moves: maybe}\n",
       ":7:29:", "acceleration.super_moves"},
      {"super_move_basin_too_small",
       kHead + kCylinder + "kmc: {max_events: 5}\nacceleration: {super_moves: true, super_move_basin_sites: 1}\n",
       ":7:59:", "acceleration.super_move_basin_sites"},
      {"super_move_after_no_hops",
       kHead + kCylinder + "kmc: {max_events: 5}\nacceleration: {super_move_after_hops: 0}\n",
       ":7:39:", "acceleration.super_move_after_hops"},
      {"super_move_cache_negative",
       kHead + kCylinder + "kmc: {max_events: 5}\nacceleration: {super_move_cache_shapes: -1}\n",
       ":7:41:", "acceleration.super_move_cache_shapes"},
      {"kmc_never_stops", kHead + kCylinder + "kmc: {temperature_K: 300}\n",
       ":6:6:", "kmc: without a loading section the KMC needs duration_s or max_events"},
      {"loading_both", kHead + kCylinder + "loading: {strain_rate_per_s: 1e-3, stress_GPa: 2, duration_s: 1}\n",
       ":6:", "loading: give exactly one of strain_rate_per_s"},
      {"loading_rate_zero", kHead + kCylinder + "loading: {strain_rate_per_s: 0}\n",
       ":6:30:", "loading.strain_rate_per_s: bad value '0'"},
      {"nucleation_model", kHead + kCylinder + "loading: {strain_rate_per_s: 1e-3}\nnucleation: {model: cubic}\n",
       ":7:", "nucleation.model"},
      {"replicas_zero", kHead + kCylinder + "replicas: 0\n", ":6:11:", "replicas: bad value '0'"},
      {"kmc_list", kHead + kCylinder + "kmc: [300]\n", ":6:6:", "kmc: bad value (a list)"},
      {"self_alias", kHead + "geometry: &g {shape: cylinder, diameter_nm: 3, length_nm: 3, again: *g}\n",
       ":5:", "geometry.again: unknown key"},
  };
}

}  // namespace surfkmc::app::test
