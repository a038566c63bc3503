// SPDX-License-Identifier: MIT
// The `surfkmc` command line. A new command is one add_subcommand block calling an app function.
#include "app/command_line.hpp"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <functional>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include "app/check_command.hpp"
#include "app/run_command.hpp"
#include "app/edit_distance.hpp"
#include "app/wire_command.hpp"
#include "core/version.hpp"

namespace surfkmc::app {

int runCommandLine(int argc, const char* const* argv, std::ostream& out, std::ostream& err) {
  CLI::App cli{"surfkmc: kinetic Monte Carlo of nanowire surfaces coupled to dislocation nucleation", "surfkmc"};
  cli.set_version_flag("--version", std::string("surfkmc ") + kVersion + " (git " + kGitHash + ")");
  cli.require_subcommand(1);
  std::function<void()> command;

  std::string scenario;
  auto* check = cli.add_subcommand("check", "Validate a scenario and print a summary of its specimen");
  check->add_option("SCENARIO", scenario, "Scenario YAML file")->required();
  check->callback([&] { command = [&] { checkCommand(scenario, out); }; });

  std::string wire_output;
  auto* wire = cli.add_subcommand("wire", "Write a scenario's initial structure as extended XYZ");
  wire->add_option("SCENARIO", scenario, "Scenario YAML file")->required();
  wire->add_option("-o,--output", wire_output, "Output file (.xyz)")->required();
  wire->callback([&] { command = [&] { wireCommand(scenario, wire_output, out); }; });

  RunOptions run_options;
  std::string run_out;
  auto* run = cli.add_subcommand("run", "Evolve a scenario's wire (kmc:), or load it to yield (loading:)");
  run->add_option("SCENARIO", scenario, "Scenario YAML file")->required();
  run->add_option("--out", run_out, "Results folder (default results/<name>)");
  run->add_option("--threads", run_options.threads, "Worker threads (default: all cores)")->check(CLI::NonNegativeNumber);
  run->callback([&] {
    if (!run_out.empty()) run_options.out_dir = run_out;
    command = [&] { runCommand(scenario, run_options, out); };
  });

  // CLI11 would report an unknown command as "A subcommand is required"; name it instead.
  if (argc > 1 && argv[1][0] != '-') {
    std::vector<std::string> names;
    for (const CLI::App* sub : std::as_const(cli).get_subcommands([](const CLI::App*) { return true; }))
      names.push_back(sub->get_name());
    const std::string word = argv[1];
    if (std::find(names.begin(), names.end(), word) == names.end()) {
      err << "unknown command '" << word << "';";
      if (const auto s = closestName(word, names)) err << " did you mean '" << *s << "'?";
      err << " commands: " << joinNames(names) << "\nRun with --help for more information.\n";
      return 2;
    }
  }
  try {
    cli.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    // CLI11 has its own codes per error kind; surfkmc promises 2 for any bad command line.
    return cli.exit(e, out, err) == 0 ? 0 : 2;
  }
  // Commands run outside the parse so their exceptions are not taken for CLI11 ones.
  if (command) command();
  return 0;
}

}  // namespace surfkmc::app
