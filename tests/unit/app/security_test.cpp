// SPDX-License-Identifier: MIT
// Hostile strings (backquotes, $(...), ';', quotes, newlines) in every field that reaches a figure,
// a file name, a CSV, an extXYZ comment or a log line: nothing runs, every output stays well-formed.
#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "tests/unit/app/test_files.hpp"

namespace surfkmc::app {
namespace {

namespace fs = std::filesystem;

const std::string kBinary = std::string(SURFKMC_BINARY_DIR) + "/bin/surfkmc";
const fs::path kAg = fs::path(SURFKMC_SOURCE_DIR) / "data/materials/Ag.yaml";

struct Result {
  int code = -1;
  std::string output;
};

/// Starts surfkmc with `args` in the folder `cwd`, without a shell (the arguments reach it as they
/// are), its output going to `log`.
pid_t spawnIn(const fs::path& cwd, const std::vector<std::string>& args, const fs::path& log) {
  const pid_t pid = ::fork();
  if (pid == 0) {
    std::vector<char*> argv{const_cast<char*>(kBinary.c_str())};
    for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    const int fd = ::open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd < 0 || ::chdir(cwd.c_str()) != 0 || ::dup2(fd, 1) < 0 || ::dup2(fd, 2) < 0) ::_exit(126);
    ::execv(kBinary.c_str(), argv.data());
    ::_exit(127);
  }
  return pid;
}

/// Runs surfkmc with `args` in the folder `cwd` (spawnIn) and collects its exit code and output.
Result runIn(const fs::path& cwd, const std::vector<std::string>& args) {
  const fs::path log = cwd / "surfkmc_test_log.txt";
  const pid_t pid = spawnIn(cwd, args, log);
  int status = 0;
  ::waitpid(pid, &status, 0);
  Result r;
  r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  std::ifstream in(log, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  r.output = text.str();
  fs::remove(log);
  return r;
}

/// Every file named `name` anywhere under `root`.
std::vector<fs::path> findNamed(const fs::path& root, const std::string& name) {
  std::vector<fs::path> found;
  std::error_code ec;
  for (fs::recursive_directory_iterator it(root, ec), end; !ec && it != end; it.increment(ec))
    if (it->path().filename() == name) found.push_back(it->path());
  return found;
}

/// A string that runs `touch <canary>` if a shell or gnuplot ever evaluates it, by any route.
std::string hostile(const fs::path& canary) {
  const std::string c = canary.string();
  return "`touch " + c + "` $(touch " + c + "); touch " + c + " | touch " + c + " 'q' \"dq\" \\ @x ${HOME}";
}

/// Whether gnuplot is an executable on PATH (looked up here, no shell).
bool gnuplotAvailable() {
  const char* path = std::getenv("PATH");
  std::istringstream dirs(path ? path : "");
  for (std::string dir; std::getline(dirs, dir, ':');)
    if (!dir.empty() && ::access((fs::path(dir) / "gnuplot").c_str(), X_OK) == 0) return true;
  return false;
}

/// Fields of a CSV line (RFC 4180 quotes), the way a reader of points.csv would split it.
std::vector<std::string> csvFields(const std::string& line) {
  std::vector<std::string> fields(1);
  bool quoted = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (quoted && c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
      fields.back() += '"';
      ++i;
    } else if (c == '"') {
      quoted = !quoted;
    } else if (c == ',' && !quoted) {
      fields.emplace_back();
    } else {
      fields.back() += c;
    }
  }
  return fields;
}

/// Records of a CSV file (quoted newlines kept inside their field), without '#' comment lines.
std::vector<std::vector<std::string>> csvRecords(const fs::path& file) {
  const std::string text = test::readAll(file);
  std::vector<std::vector<std::string>> records;
  std::string record;
  bool quoted = false;
  for (const char c : text) {
    if (c == '"') quoted = !quoted;
    if (c == '\n' && !quoted) {
      if (!record.empty() && record[0] != '#') records.push_back(csvFields(record));
      record.clear();
    } else {
      record += c;
    }
  }
  EXPECT_FALSE(quoted) << file << ": unbalanced quotes";
  EXPECT_TRUE(record.empty()) << file << ": no newline at the end";
  return records;
}

/// Every record has as many fields as the header.
void expectWellFormedCsv(const fs::path& file) {
  ASSERT_TRUE(fs::is_regular_file(file)) << file;
  const auto records = csvRecords(file);
  ASSERT_FALSE(records.empty()) << file;
  for (std::size_t i = 1; i < records.size(); ++i)
    EXPECT_EQ(records[i].size(), records[0].size()) << file << " record " << i;
}

/// Every line of a results CSV is a '#' comment, the header or a row: a comment cannot have been
/// split by a newline in a path.
void expectOneLineComments(const fs::path& file) {
  std::istringstream in(test::readAll(file));
  std::string line;
  std::getline(in, line);
  EXPECT_TRUE(line.starts_with("# surfkmc")) << file << ": " << line;
  std::getline(in, line);
  EXPECT_FALSE(line.starts_with("#")) << file;
  EXPECT_NE(line.find(','), std::string::npos) << file << ": header expected, got " << line;
}

/// A small fast sweep (2 diameters x 1 replica, a fraction of a second) on the material `material`.
std::string tinySweep(const std::string& material, const std::string& extra = "") {
  return "schema_version: 1\nname: sec\nseed: 3\nmaterial: '" + material +
         "'\ngeometry: {shape: cylinder, diameter_nm: 2, length_nm: 3}\nkmc: {temperature_K: 300}\n"
         "loading: {strain_rate_per_s: 30.0}\nreplicas: 1\nsweep:\n  geometry.diameter_nm: [2, 2.5]\n" +
         extra;
}

TEST(Security, OutPathWithCommandSubstitutionRunsNothing) {
  const test::TempDir dir;
  const fs::path scenario = dir.write("s.yaml", tinySweep("Ag"));
  // The reproduction of issue 20, from a folder where `touch PWNED` would land.
  const std::string out = "out/x$(touch PWNED)";
  const Result r = runIn(dir.path(), {"sweep", scenario.string(), "--threads", "1", "--out", out});
  ASSERT_EQ(r.code, 0) << r.output;
  EXPECT_TRUE(findNamed(dir.path(), "PWNED").empty()) << "a command ran";
  EXPECT_TRUE(fs::is_regular_file(dir.path() / out / "points.csv"));
  EXPECT_TRUE(fs::is_regular_file(dir.path() / out / "yield_vs_diameter.gp"));
  if (gnuplotAvailable()) {
    EXPECT_TRUE(fs::is_regular_file(dir.path() / out / "yield_vs_diameter.png")) << r.output;
    EXPECT_TRUE(fs::is_regular_file(dir.path() / out / "stress_strain.png")) << r.output;
  }
  // Every other route through the folder name: backquotes, ';', pipes, quotes, a newline.
  const std::string evil = "o`touch CANARY`;touch CANARY|'\"\n$(touch CANARY)";
  const Result e = runIn(dir.path(), {"sweep", scenario.string(), "--threads", "1", "--out", evil});
  ASSERT_EQ(e.code, 0) << e.output;
  EXPECT_TRUE(findNamed(dir.path(), "CANARY").empty()) << "a command ran";
  EXPECT_EQ(e.output.find("\n$(touch CANARY)"), std::string::npos) << "the log got a forged line: " << e.output;
  expectWellFormedCsv(dir.path() / evil / "points.csv");
  if (gnuplotAvailable()) {
    EXPECT_TRUE(fs::is_regular_file(dir.path() / evil / "yield_vs_diameter.png"));
  }
}

TEST(Security, HostileMaterialNameIsRefusedWithItsLocation) {
  const test::TempDir dir;
  const std::string ag = test::readAll(kAg);
  const std::size_t at = ag.find("\nname: Ag\n");
  ASSERT_NE(at, std::string::npos);
  // The line of `name:` (1-based), wherever the shipped file puts it; the value starts at column 7.
  const auto line = 2 + std::count(ag.begin(), ag.begin() + static_cast<std::ptrdiff_t>(at), '\n');
  const std::string location = "m.yaml:" + std::to_string(line) + ":7: name: bad value";
  for (const std::string& name : {std::string("'`touch CANARY`'"), std::string("'$(touch CANARY)'"),
                                  std::string("'a;b'"), std::string("\"a\\nb\""), std::string("'..'"),
                                  std::string("'.hidden'"), std::string("'a b'"), std::string("'x\"y'")}) {
    std::string text = ag;
    text.replace(at, 10, "\nname: " + name + "\n");
    dir.write("m.yaml", text);
    const fs::path scenario = dir.write("s.yaml", tinySweep("./m.yaml"));
    const Result r = runIn(dir.path(), {"check", scenario.string()});
    EXPECT_EQ(r.code, 2) << name << ": " << r.output;
    EXPECT_NE(r.output.find(location), std::string::npos) << name << ": " << r.output;
    EXPECT_TRUE(findNamed(dir.path(), "CANARY").empty());
  }
}

TEST(Security, HostileDataSourceInTheFigureRunsNothing) {
  const test::TempDir dir;
  const fs::path canary = dir.path() / "CANARY";
  std::string source = hostile(canary);
  std::string quoted = "\"";
  for (const char c : source) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
  quoted += "\"";
  const fs::path data = dir.write("data.csv",
                                  "material,diameter_nm,strain_rate_per_s,temperature_K,yield_GPa,err_GPa,source\n"
                                  "Ag,2.2,30,300,1.5,0.2," +
                                      quoted + "\n");
  const fs::path scenario = dir.write("s.yaml", tinySweep("Ag"));
  const Result r =
      runIn(dir.path(), {"sweep", scenario.string(), "--threads", "1", "--out", "res", "--data", data.string()});
  ASSERT_EQ(r.code, 0) << r.output;
  EXPECT_FALSE(fs::exists(canary)) << "a command ran through the figure";
  const nlohmann::json summary = nlohmann::json::parse(test::readAll(dir.path() / "res" / "summary.json"));
  EXPECT_EQ(summary["data"]["hash"].get<std::string>().rfind("fnv1a64:", 0), 0u)
      << "the data file is named with its hash";
  const std::string gp = test::readAll(dir.path() / "res" / "yield_vs_diameter.gp");
  EXPECT_NE(gp.find("title 'exp. Ag: `touch"), std::string::npos) << gp;
  EXPECT_NE(gp.find("\"dq\""), std::string::npos) << "double quotes are plain characters in single quotes";
  EXPECT_NE(gp.find("''q''"), std::string::npos) << "a single quote is doubled";
  if (gnuplotAvailable()) {
    EXPECT_TRUE(fs::is_regular_file(dir.path() / "res" / "yield_vs_diameter.png"));
  }

  // compare: the same data and the results folder, through its own figure and reports.
  const Result c = runIn(dir.path(), {"compare", "res", "--data", data.string()});
  ASSERT_EQ(c.code, 0) << c.output;
  EXPECT_FALSE(fs::exists(canary)) << "a command ran through compare";
  for (const auto& e : fs::directory_iterator(dir.path() / "res"))
    if (e.path().extension() == ".json") {
      EXPECT_TRUE(nlohmann::json::accept(test::readAll(e.path()))) << e.path();
    }
}

TEST(Security, HostileMaterialPathsInASweepStayInTheirCsvCells) {
  const test::TempDir dir;
  // Two copies of Ag under paths full of shell and gnuplot syntax, swept as `material` values.
  const fs::path evil_dir = dir.path() / "m`touch CANARY`$(touch CANARY);'\",x";
  fs::create_directories(evil_dir);
  for (const char* copy : {"a.yaml", "b.yaml"}) {
    std::ofstream(evil_dir / copy) << test::portableMaterial("Ag");
  }
  const std::string rel = evil_dir.filename().string();
  auto yaml_single = [](const std::string& s) {
    std::string q;
    for (const char c : s) q += c == '\'' ? std::string("''") : std::string(1, c);
    return q;
  };
  const std::string text =
      "schema_version: 1\nname: sec\nseed: 3\nmaterial: Ag\n"
      "geometry: {shape: cylinder, diameter_nm: 2, length_nm: 3}\nkmc: {temperature_K: 300}\n"
      "loading: {strain_rate_per_s: 30.0}\nreplicas: 1\nsweep:\n  material: ['" +
      yaml_single(rel + "/a.yaml") + "', '" + yaml_single(rel + "/b.yaml") + "']\n  geometry.diameter_nm: [2, 2.5]\n";
  // The scenario's own path holds a newline: it reaches every CSV's provenance comment.
  const fs::path scenario = dir.write("s\n`touch CANARY`.yaml", text);
  const Result r = runIn(dir.path(), {"sweep", scenario.string(), "--threads", "2", "--out", "res"});
  ASSERT_EQ(r.code, 0) << r.output;
  EXPECT_TRUE(findNamed(dir.path(), "CANARY").empty()) << "a command ran";
  expectWellFormedCsv(dir.path() / "res" / "points.csv");
  expectOneLineComments(dir.path() / "res" / "points.csv");
  expectOneLineComments(dir.path() / "res" / "stress_strain.csv");
  const auto rows = csvRecords(dir.path() / "res" / "points.csv");
  ASSERT_EQ(rows.size(), 5u);
  EXPECT_EQ(rows[1][2], rel + "/a.yaml") << "the value survives a CSV round trip";
  EXPECT_TRUE(nlohmann::json::accept(test::readAll(dir.path() / "res" / "summary.json")));
  EXPECT_TRUE(nlohmann::json::accept(test::readAll(dir.path() / "res" / "sweep.json")));
  // Error messages name files on one line: a newline in a path does not forge a log line.
  const Result missing = runIn(dir.path(), {"check", "no\n$(touch CANARY).yaml"});
  EXPECT_EQ(missing.code, 2) << missing.output;
  EXPECT_EQ(std::count(missing.output.begin(), missing.output.end(), '\n'), 1) << missing.output;
  std::string broken = text;
  broken.replace(broken.find("seed: 3"), 7, "seed: three");
  const Result located = runIn(dir.path(), {"check", dir.write("b\n`touch CANARY`.yaml", broken).string()});
  EXPECT_EQ(located.code, 2) << located.output;
  EXPECT_TRUE(located.output.starts_with("surfkmc: error: ")) << located.output;
  EXPECT_EQ(located.output.find("\n`touch"), std::string::npos) << located.output;
  EXPECT_TRUE(findNamed(dir.path(), "CANARY").empty());
  // extXYZ comment line of `wire`: the second line of the file, one line.
  const fs::path one =
      dir.write("w.yaml", "schema_version: 1\nname: w\nseed: 1\nmaterial: '" + yaml_single(rel + "/a.yaml") +
                              "'\ngeometry: {shape: cylinder, diameter_nm: 1.5, length_nm: 2}\n");
  const Result w = runIn(dir.path(), {"wire", one.string(), "-o", "w`touch CANARY`.xyz"});
  ASSERT_EQ(w.code, 0) << w.output;
  EXPECT_TRUE(findNamed(dir.path(), "CANARY").empty());
  std::istringstream xyz(test::readAll(dir.path() / "w`touch CANARY`.xyz"));
  std::string count, comment, atom;
  std::getline(xyz, count);
  std::getline(xyz, comment);
  std::getline(xyz, atom);
  EXPECT_GT(std::stoi(count), 0);
  EXPECT_TRUE(comment.starts_with("Lattice=")) << comment;
  EXPECT_TRUE(atom.starts_with("Ag ")) << atom;
}

TEST(Security, HostileMaterialInAResultsFolderGivenToCompare) {
  const test::TempDir dir;
  const fs::path res = dir.path() / "res";
  fs::create_directories(res);
  std::ofstream(res / "yield.csv") << "# made by hand\nreplica,yield_stress_GPa,material,diameter_nm,strain_rate_per_s,"
                                      "temperature_K\n0,1.5,\"`touch CANARY`$(touch CANARY);x\",2,30,300\n";
  // A FIFO where summary.json belongs is not read (it would block forever).
  ASSERT_EQ(::mkfifo((res / "summary.json").c_str(), 0600), 0);
  const Result r = runIn(dir.path(), {"compare", "res"});
  EXPECT_EQ(r.code, 2) << r.output;
  EXPECT_NE(r.output.find("allowed: a materials name"), std::string::npos) << r.output;
  EXPECT_TRUE(findNamed(dir.path(), "CANARY").empty()) << "a command ran";
  // fit: the material of a data file or of --material is a name, never a path to read.
  const fs::path data = dir.write("d.csv",
                                  "diameter_nm,strain_rate_per_s,temperature_K,yield_GPa,err_GPa,source\n"
                                  "2,30,300,1.5,0.2,x\n3,30,300,1.4,0.2,x\n2,3,300,1.3,0.2,x\n");
  const Result f = runIn(dir.path(), {"fit", data.string(), "--material", "../`touch CANARY`.yaml"});
  EXPECT_EQ(f.code, 2) << f.output;
  EXPECT_NE(f.output.find("allowed: a materials name"), std::string::npos) << f.output;
  EXPECT_TRUE(findNamed(dir.path(), "CANARY").empty()) << "a command ran";
}

TEST(Security, FreshRunOrSweepIntoAFolderItDoesNotOwnExitsTwoAndTouchesNothing) {
  const test::TempDir dir;
  const fs::path sweep = dir.write("s.yaml", tinySweep("Ag"));
  std::string single = tinySweep("Ag");
  single = single.substr(0, single.find("sweep:"));
  const fs::path run = dir.write("r.yaml", single);
  const fs::path foreign = dir.path() / "foreign";
  fs::create_directories(foreign / "points");
  std::ofstream(foreign / "points" / "notes.txt") << "mine";
  std::ofstream(foreign / "checkpoints") << "mine too";
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"sweep", sweep.string(), "--out", "foreign"},
        std::vector<std::string>{"sweep", sweep.string(), "--out", "foreign", "--force"},
        std::vector<std::string>{"sweep", sweep.string(), "--out", "foreign", "--shard", "0/2"},
        std::vector<std::string>{"run", run.string(), "--out", "foreign"},
        std::vector<std::string>{"run", run.string(), "--out", "foreign", "--force"},
        std::vector<std::string>{"run", run.string(), "--out", "."},
        std::vector<std::string>{"run", run.string(), "--out", ".."},
        std::vector<std::string>{"sweep", sweep.string(), "--out", ".res"}}) {
    const Result r = runIn(dir.path(), args);
    EXPECT_EQ(r.code, 2) << args.back() << ": " << r.output;
  }
  EXPECT_EQ(test::readAll(foreign / "points" / "notes.txt"), "mine");
  EXPECT_EQ(test::readAll(foreign / "checkpoints"), "mine too");
  EXPECT_FALSE(fs::exists(dir.path() / ".res"));

  // An earlier sweep's folder: refused without --resume or --force; --force moves it aside.
  ASSERT_EQ(runIn(dir.path(), {"sweep", sweep.string(), "--threads", "1", "--out", "res"}).code, 0);
  const std::string points = test::readAll(dir.path() / "res" / "points.csv");
  const Result again = runIn(dir.path(), {"sweep", sweep.string(), "--threads", "1", "--out", "res"});
  EXPECT_EQ(again.code, 2) << again.output;
  EXPECT_NE(again.output.find("--resume"), std::string::npos) << again.output;
  EXPECT_EQ(test::readAll(dir.path() / "res" / "points.csv"), points) << "untouched";
  const Result forced = runIn(dir.path(), {"sweep", sweep.string(), "--threads", "1", "--out", "res", "--force"});
  ASSERT_EQ(forced.code, 0) << forced.output;
  EXPECT_EQ(test::readAll(dir.path() / "res.old-1" / "points.csv"), points) << "moved aside whole";
  EXPECT_TRUE(fs::is_regular_file(dir.path() / "res" / "points.csv"));
  // The same for run.
  ASSERT_EQ(runIn(dir.path(), {"run", run.string(), "--threads", "1", "--out", "one"}).code, 0);
  EXPECT_EQ(runIn(dir.path(), {"run", run.string(), "--threads", "1", "--out", "one"}).code, 2);
  EXPECT_EQ(runIn(dir.path(), {"run", run.string(), "--threads", "1", "--out", "one", "--force"}).code, 0);
  EXPECT_TRUE(fs::is_regular_file(dir.path() / "one.old-1" / "yield.csv"));
}

TEST(Security, ASecondWriterExitsTwoNamingTheHoldersPid) {
  const test::TempDir dir;
  // Long enough to be caught running: 2 points x 6 replicas on one thread.
  std::string text = tinySweep("Ag");
  text.replace(text.find("replicas: 1"), 11, "replicas: 6");
  const fs::path sweep = dir.write("s.yaml", text);
  const pid_t first =
      spawnIn(dir.path(), {"sweep", sweep.string(), "--threads", "1", "--out", "res"}, dir.path() / "first.log");
  const fs::path lock = dir.path() / "res" / ".surfkmc.lock";
  for (int i = 0; i < 2000 && test::readAll(lock).empty(); ++i) ::usleep(5000);
  const Result second = runIn(dir.path(), {"sweep", sweep.string(), "--threads", "1", "--out", "res"});
  const Result resume = runIn(dir.path(), {"sweep", "--resume", "res"});
  const Result compare = runIn(dir.path(), {"compare", "res"});
  int status = 0;
  const bool still_running = ::waitpid(first, &status, WNOHANG) == 0;
  ::kill(first, SIGKILL);
  ::waitpid(first, &status, 0);
  ASSERT_TRUE(still_running) << "the first sweep ended before the second started; make it longer";
  EXPECT_EQ(second.code, 2) << second.output;
  EXPECT_NE(second.output.find("in use by another surfkmc process (PID " + std::to_string(first) + ")"),
            std::string::npos)
      << second.output;
  EXPECT_EQ(resume.code, 2) << resume.output;
  EXPECT_NE(resume.output.find("PID " + std::to_string(first)), std::string::npos) << resume.output;
  EXPECT_EQ(compare.code, 2) << "no report into a folder being written: " << compare.output;
  EXPECT_NE(compare.output.find("PID " + std::to_string(first)), std::string::npos) << compare.output;
}

TEST(Integrity, ReplicasCutShortByMaxEventsAreMarkedAndLeftOutOfMeans) {
  const test::TempDir dir;
  std::string text = tinySweep("Ag");
  // Short analysis intervals, so the cap is seen at a boundary long before the stress can nucleate.
  text.replace(text.find("kmc: {temperature_K: 300}"), 25,
               "kmc: {temperature_K: 300, max_events: 100}\nnucleation: {analysis_interval_s: 0.0001}");
  const fs::path scenario = dir.write("s.yaml", text);
  const Result r = runIn(dir.path(), {"sweep", scenario.string(), "--threads", "1", "--out", "res"});
  ASSERT_EQ(r.code, 0) << r.output;
  EXPECT_NE(r.output.find("warning: point 0: 1 of 1 replicas stopped at kmc.max_events"), std::string::npos)
      << r.output;
  const auto rows = csvRecords(dir.path() / "res" / "points.csv");
  ASSERT_EQ(rows.size(), 3u);
  const auto stop = std::find(rows[0].begin(), rows[0].end(), "stop_reason") - rows[0].begin();
  ASSERT_LT(static_cast<std::size_t>(stop), rows[0].size());
  EXPECT_EQ(rows[1][static_cast<std::size_t>(stop)], "max_events");
  const nlohmann::json summary = nlohmann::json::parse(test::readAll(dir.path() / "res" / "summary.json"));
  EXPECT_EQ(summary["points"][0]["cut_short"], 1);
  EXPECT_EQ(summary["points"][0]["stop_reasons"]["max_events"], 1);
  EXPECT_TRUE(summary["points"][0]["strength_GPa"]["mean"].is_null()) << "a lower bound is not averaged";

  std::string single = text.substr(0, text.find("sweep:"));
  const fs::path run = dir.write("r.yaml", single);
  const Result one = runIn(dir.path(), {"run", run.string(), "--threads", "1", "--out", "one"});
  ASSERT_EQ(one.code, 0) << one.output;
  EXPECT_NE(one.output.find("warning: 1 of 1 replicas stopped at kmc.max_events"), std::string::npos) << one.output;
  const auto yield = csvRecords(dir.path() / "one" / "yield.csv");
  const auto column = std::find(yield[0].begin(), yield[0].end(), "stop_reason") - yield[0].begin();
  EXPECT_EQ(yield[1][static_cast<std::size_t>(column)], "max_events");
}

TEST(Integrity, EmptySpecimensHugeSampleCountsAndHugeSweepsAreRefusedAtOnce) {
  const test::TempDir dir;
  std::string text = tinySweep("Ag");
  std::string single = text.substr(0, text.find("sweep:"));
  // An empty wire: refused at geometry by check and by run.
  std::string empty = single;
  empty.replace(empty.find("diameter_nm: 2,"), 15, "diameter_nm: 0.1,");
  const fs::path e = dir.write("empty.yaml", empty);
  for (const std::string command : {"check", "run"}) {
    const Result r = runIn(dir.path(), {command, e.string()});
    EXPECT_EQ(r.code, 2) << command << ": " << r.output;
    EXPECT_NE(r.output.find("empty.yaml:5:11: geometry: the specimen holds"), std::string::npos) << r.output;
  }
  EXPECT_FALSE(fs::exists(dir.path() / "results"));
  // ... and by check in a sweep point.
  std::string sweep_empty = text;
  sweep_empty.replace(sweep_empty.find("[2, 2.5]"), 8, "[2, 0.1]");
  const Result se = runIn(dir.path(), {"check", dir.write("se.yaml", sweep_empty).string()});
  EXPECT_EQ(se.code, 2) << se.output;
  EXPECT_NE(se.output.find("sweep point 1"), std::string::npos) << se.output;
  // analysis_interval_s: 1e-20 would never end and grow without bound.
  const Result tiny = runIn(
      dir.path(), {"check", dir.write("tiny.yaml", single + "nucleation: {analysis_interval_s: 1e-20}\n").string()});
  EXPECT_EQ(tiny.code, 2) << tiny.output;
  EXPECT_NE(tiny.output.find("raise nucleation.analysis_interval_s"), std::string::npos) << tiny.output;
  // Points x replicas is capped before anything is allocated for the tasks.
  std::string many = text;
  many.replace(many.find("replicas: 1"), 11, "replicas: 100000");
  many.replace(many.find("[2, 2.5]"), 8, "[2, 2.5, 3]");
  const Result huge = runIn(dir.path(), {"check", dir.write("many.yaml", many).string()});
  EXPECT_EQ(huge.code, 2) << huge.output;
  EXPECT_NE(huge.output.find("too many tasks"), std::string::npos) << huge.output;
}

TEST(Integrity, SmallInputItemsOfIssue20) {
  const test::TempDir dir;
  // --threads -1: a plain message, not DBL_MAX.
  const fs::path scenario = dir.write("s.yaml", tinySweep("Ag"));
  const Result threads = runIn(dir.path(), {"sweep", scenario.string(), "--threads", "-1"});
  EXPECT_EQ(threads.code, 2);
  EXPECT_EQ(threads.output.find("1.79769e+308"), std::string::npos) << threads.output;
  EXPECT_NE(threads.output.find("allowed: a whole number of threads"), std::string::npos) << threads.output;
  // A malformed manifest is bad input (exit 2), not a library failure (exit 1).
  for (const std::string manifest : {"[1]", "{\"scenario\": 5}", "{\"scenario\": \"x\", ", "\xff\xfe"}) {
    fs::create_directories(dir.path() / "m");
    std::ofstream(dir.path() / "m" / "sweep.json", std::ios::trunc) << manifest;
    const Result r = runIn(dir.path(), {"sweep", "--resume", "m"});
    EXPECT_EQ(r.code, 2) << manifest << ": " << r.output;
  }
  // A material path that is not a YAML file is never read (its first line would be quoted).
  const Result secret = runIn(dir.path(), {"check", dir.write("p.yaml", tinySweep("/etc/hostname")).string()});
  EXPECT_EQ(secret.code, 2) << secret.output;
  EXPECT_NE(secret.output.find("ending in .yaml or .yml"), std::string::npos) << secret.output;
  // A UTF-8 byte-order mark before the header of a data CSV is accepted.
  const fs::path data = dir.write("bom.csv",
                                  "\xEF\xBB\xBFmaterial,diameter_nm,strain_rate_per_s,temperature_K,yield_GPa,"
                                  "err_GPa,source\nAg,2.2,30,300,1.5,0.2,illustrative\n");
  const Result bom =
      runIn(dir.path(), {"sweep", scenario.string(), "--threads", "1", "--out", "res", "--data", data.string()});
  EXPECT_EQ(bom.code, 0) << bom.output;
  // A bad --data file is refused before the sweep runs, not at report time.
  const fs::path bad = dir.write("bad.csv", "material,diameter_nm\nAg,2\n");
  const Result late = runIn(dir.path(), {"sweep", scenario.string(), "--out", "res2", "--data", bad.string()});
  EXPECT_EQ(late.code, 2) << late.output;
  EXPECT_FALSE(fs::exists(dir.path() / "res2"));
}

TEST(Integrity, OutputOntoADeviceOrThroughASymlinkIsWrittenInPlace) {
  const test::TempDir dir;
  std::string single = tinySweep("Ag");
  single = single.substr(0, single.find("sweep:"));
  const fs::path scenario = dir.write("w.yaml", single);
  const Result null = runIn(dir.path(), {"wire", scenario.string(), "-o", "/dev/null"});
  EXPECT_EQ(null.code, 0) << null.output;
  EXPECT_TRUE(fs::is_character_file("/dev/null")) << "never replaced by a regular file";
  dir.write("real.xyz", "old\n");
  fs::create_symlink("real.xyz", dir.path() / "link.xyz");
  const Result link = runIn(dir.path(), {"wire", scenario.string(), "-o", "link.xyz"});
  EXPECT_EQ(link.code, 0) << link.output;
  EXPECT_TRUE(fs::is_symlink(dir.path() / "link.xyz")) << "the link stays";
  EXPECT_NE(test::readAll(dir.path() / "real.xyz"), "old\n") << "the file it points to is replaced";
  for (const auto& e : fs::directory_iterator(dir.path()))
    EXPECT_EQ(e.path().filename().string().find(".tmp-"), std::string::npos) << "no temporary left: " << e.path();
}

// Issue 20: a run resumes in a folder whose absolute path is beyond PATH_MAX (its manifest keeps
// the inputs' paths relative to the results folder too).
TEST(Integrity, RunResumesBeyondPathMax) {
  const test::TempDir dir;
  const std::string level(200, 'd');
  const int levels = 22;  // > 4096 characters in all
  std::string tiny = tinySweep("Ag");
  tiny = tiny.substr(0, tiny.find("sweep:"));
  const auto runDeep = [&](const std::vector<std::string>& args) {
    const pid_t pid = ::fork();
    if (pid == 0) {
      std::vector<char*> argv{const_cast<char*>(kBinary.c_str())};
      for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
      argv.push_back(nullptr);
      if (::chdir(dir.path().c_str()) != 0) ::_exit(126);
      for (int i = 0; i < levels; ++i) {
        (void)::mkdir(level.c_str(), 0755);
        if (::chdir(level.c_str()) != 0) ::_exit(126);
      }
      const int out = ::open("log.txt", O_WRONLY | O_CREAT | O_TRUNC, 0644);
      const int in = ::open("s.yaml", O_WRONLY | O_CREAT | O_TRUNC, 0644);
      if (out < 0 || in < 0 || ::write(in, tiny.data(), tiny.size()) != static_cast<ssize_t>(tiny.size()) ||
          ::dup2(out, 1) < 0 || ::dup2(out, 2) < 0)
        ::_exit(126);
      ::close(in);
      ::execv(kBinary.c_str(), argv.data());
      ::_exit(127);
    }
    int status = 0;
    ::waitpid(pid, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  };
  EXPECT_EQ(runDeep({"run", "s.yaml", "--threads", "1", "--out", "r"}), 0);
  EXPECT_EQ(runDeep({"run", "--resume", "r", "--threads", "1"}), 0);
  // TempDir cannot remove a tree this deep by path: a child walks down, and removes it bottom-up
  // with paths relative to each level.
  const pid_t pid = ::fork();
  if (pid == 0) {
    if (::chdir(dir.path().c_str()) != 0) ::_exit(1);
    for (int i = 0; i < levels - 1; ++i)
      if (::chdir(level.c_str()) != 0) ::_exit(1);
    for (int i = 0; i < levels; ++i) {
      std::error_code ec;
      fs::remove_all(level, ec);
      if (::chdir("..") != 0) ::_exit(1);
    }
    ::_exit(0);
  }
  int status = 0;
  ::waitpid(pid, &status, 0);
}

}  // namespace
}  // namespace surfkmc::app
