// SPDX-License-Identifier: MIT
// The `surfkmc` command line. A new command is one add_subcommand block calling an app function.
#include "app/command_line.hpp"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <cmath>
#include <exception>
#include <functional>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include "app/atomistic_command.hpp"
#include "app/check_command.hpp"
#include "app/compare_command.hpp"
#include "app/fit_command.hpp"
#include "app/run_command.hpp"
#include "app/sweep_command.hpp"
#include "app/edit_distance.hpp"
#include "app/wire_command.hpp"
#include "core/version.hpp"

namespace surfkmc::app {
namespace {

/// A number of seconds > 0, with a plain message otherwise (CLI11's PositiveNumber prints DBL_MAX).
CLI::Validator positiveSeconds() {
  return CLI::Validator(
      [](const std::string& text) -> std::string {
        std::size_t used = 0;
        double value = 0.0;
        try {
          value = std::stod(text, &used);
        } catch (const std::exception&) {
          used = 0;
        }
        if (used != text.size() || used == 0 || !std::isfinite(value) || value <= 0.0)
          return "bad value '" + text + "'; allowed: a number of seconds > 0";
        return {};
      },
      "", "positive seconds");
}

/// A thread count ≥ 0, with a plain message otherwise (CLI11's NonNegativeNumber prints DBL_MAX).
CLI::Validator threadCount() {
  return CLI::Validator(
      [](const std::string& text) -> std::string {
        std::size_t used = 0;
        long long value = -1;
        try {
          value = std::stoll(text, &used);
        } catch (const std::exception&) {
          used = 0;
        }
        if (used != text.size() || used == 0 || value < 0 || value > 4096)
          return "bad value '" + text + "'; allowed: a whole number of threads from 0 (all cores) to 4096";
        return {};
      },
      "", "thread count");
}

}  // namespace

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
  std::string run_out, run_resume;
  auto* run = cli.add_subcommand("run", "Evolve a scenario's wire (kmc:), or load it to yield (loading:)");
  run->add_option("SCENARIO", scenario, "Scenario YAML file (optional with --resume)");
  run->add_option("--out", run_out, "Results folder (default results/<name>)");
  run->add_option("--threads", run_options.threads, "Worker threads (default: all cores)")->check(threadCount());
  auto* run_every = run->add_option("--checkpoint-every", "Write a checkpoint every SECONDS of wall time")
                        ->type_name("SECONDS")
                        ->check(positiveSeconds());
  run->add_option("--resume", run_resume, "Continue the killed run whose results folder is DIR")->type_name("DIR");
  run->add_flag("--force", run_options.force,
                "Start afresh even if the results folder holds an earlier run (moved aside to DIR.old-N)");
  run->callback([&] {
    if (!run_out.empty()) run_options.out_dir = run_out;
    if (!run_resume.empty()) run_options.resume_dir = run_resume;
    if (*run_every) run_options.checkpoint_every_s = run_every->as<double>();
    if (scenario.empty() && run_resume.empty()) throw CLI::RequiredError("SCENARIO (or --resume DIR)");
    command = [&] { runCommand(scenario, run_options, out); };
  });

  SweepOptions sweep_options;
  std::string sweep_scenario, sweep_out, sweep_resume, sweep_data, sweep_shard;
  auto* sweep = cli.add_subcommand("sweep", "Run every point and replica of a scenario's sweep: to yield, in parallel");
  sweep->add_option("SCENARIO", sweep_scenario, "Scenario YAML file (optional with --resume)");
  sweep->add_option("--out", sweep_out, "Results folder (default results/<name>)");
  sweep->add_option("--threads", sweep_options.threads,
                    "Worker threads (per MPI rank under mpirun/srun; default: the cores this process may use)")
      ->check(threadCount());
  sweep->add_option("--resume", sweep_resume, "Continue the killed sweep whose results folder is DIR");
  sweep->add_flag("--force", sweep_options.force,
                  "Start afresh even if the results folder holds an earlier sweep (moved aside to DIR.old-N)");
  sweep->add_option("--data", sweep_data, "Experimental points CSV for the yield-vs-diameter figure");
  auto* sweep_every = sweep->add_option("--checkpoint-every", "Write a checkpoint of each running replica every SECONDS "
                                                              "of wall time")
                          ->type_name("SECONDS")
                          ->check(positiveSeconds());
  auto* shard = sweep->add_option("--shard", sweep_shard,
                    "Run only share I of N (0 <= I < N) of the tasks, for job arrays; no report: finish with --resume");
  sweep->callback([&] {
    if (!sweep_scenario.empty()) sweep_options.scenario = sweep_scenario;
    if (!sweep_out.empty()) sweep_options.out_dir = sweep_out;
    if (!sweep_resume.empty()) sweep_options.resume_dir = sweep_resume;
    if (!sweep_data.empty()) sweep_options.data_file = sweep_data;
    if (*sweep_every) sweep_options.checkpoint_every_s = sweep_every->as<double>();
    command = [&] {
      if (*shard) sweep_options.shard = parseSweepShard(sweep_shard);
      sweepCommand(sweep_options, out, err);
    };
  });

  CompareOptions compare_options;
  std::string compare_dir, compare_data;
  auto* compare = cli.add_subcommand("compare", "Compare a results folder's yield strengths with the paper and data");
  compare->add_option("RESULTS_DIR", compare_dir, "Results folder with points.csv (sweep) or yield.csv (run)")
      ->required();
  compare->add_option("--data", compare_data, "Yield data CSV (docs/data_format.md) for residuals and the figure");
  auto* compare_temperature =
      compare->add_option("--temperature", "T [K] when the results have no temperature column and no readable scenario")
          ->check(CLI::Range(1.0, 5000.0));
  compare->callback([&] {
    compare_options.results_dir = compare_dir;
    if (*compare_temperature) compare_options.temperature_K = compare_temperature->as<double>();
    if (!compare_data.empty()) compare_options.data = compare_data;
    command = [&] { compareCommand(compare_options, out); };
  });

  FitOptions fit_options;
  std::string fit_data, fit_material, fit_output;
  auto* fit = cli.add_subcommand("fit", "Fit Eq. 2 (sigma_ath, Omega, ln N*nu_D) to yield data by least squares");
  fit->add_option("DATA", fit_data, "Yield data CSV (docs/data_format.md)")->required();
  fit->add_option("--material", fit_material, "Material (rows to fit; E and b from data/materials)");
  fit->add_option("--strain-rate-column", fit_options.strain_rate_column, "Strain-rate column [1/s]")
      ->capture_default_str();
  fit->add_option("--temperature-column", fit_options.temperature_column, "Temperature column [K]")
      ->capture_default_str();
  fit->add_option("--yield-column", fit_options.yield_column, "Yield-stress column [GPa]")->capture_default_str();
  fit->add_option("--error-column", fit_options.error_column, "Yield-error column [GPa] (optional in the file)")
      ->capture_default_str();
  auto* fit_temperature = fit->add_option("--temperature", "T [K] for all rows (file without temperature column)")
                              ->check(CLI::Range(1.0, 5000.0));
  auto* fit_sigma = fit->add_option("--fix-sigma-ath", "Hold sigma_ath [GPa] fixed");
  auto* fit_prefactor = fit->add_option("--fix-ln-prefactor", "Hold ln(N nu_D / (1/s)) fixed");
  fit->add_option("-o,--output", fit_output, "JSON output (default DATA with extension .fit.json)");
  fit->callback([&] {
    fit_options.data = fit_data;
    if (!fit_material.empty()) fit_options.material = fit_material;
    if (!fit_output.empty()) fit_options.output = fit_output;
    if (*fit_temperature) fit_options.temperature_K = fit_temperature->as<double>();
    if (*fit_sigma) fit_options.fix_sigma_ath_GPa = fit_sigma->as<double>();
    if (*fit_prefactor) fit_options.fix_ln_prefactor = fit_prefactor->as<double>();
    command = [&] { fitCommand(fit_options, out); };
  });

  AtomisticOptions atom_options;
  std::string atom_out;
  auto* atom = cli.add_subcommand("atomistic",
                                  "The material's interatomic potential (KIM API): properties, barriers, nucleation");
  atom->require_subcommand(1);
  auto* props = atom->add_subcommand("properties", "Zero-kelvin a0, E_coh, E<112>, surface and vacancy energies as JSON");
  props->add_option("--material", atom_options.material, "Material (shipped name or .yaml path)")->required();
  props->add_option("-o,--out", atom_out, "JSON file (default: print)");
  props->add_option("--threads", atom_options.threads, "Worker threads (default 1)");
  props->callback([&] {
    if (!atom_out.empty()) atom_options.out = atom_out;
    command = [&] { atomisticPropertiesCommand(atom_options, out); };
  });
  auto* barriers = atom->add_subcommand("barriers", "CI-NEB barriers of the canonical surface processes");
  barriers->add_option("--material", atom_options.material, "Material (shipped name or .yaml path)")->required();
  barriers->add_option("--out", atom_out, "Results folder (barriers.json)")->required();
  barriers->add_option("--axial-strain", atom_options.axial_strain, "Uniaxial strain along the wire axis");
  barriers->add_option("--threads", atom_options.threads, "Worker threads (default 1)");
  barriers->callback([&] {
    atom_options.out = atom_out;
    command = [&] { atomisticBarriersCommand(atom_options, out); };
  });
  auto* nucleation =
      atom->add_subcommand("nucleation", "CI-NEB barriers of partial-dislocation nucleation on a wire segment");
  nucleation->add_option("--material", atom_options.material, "Material (shipped name or .yaml path)")->required();
  nucleation->add_option("--out", atom_out, "Results folder (nucleation.json, saddle_*.xyz)")->required();
  nucleation->add_option("--sites", atom_options.sites, "edge, step_h1..6, pit_m1..20 (default edge)")->delimiter(',');
  nucleation->add_option("--strains", atom_options.strains, "Axial strains (default 0,0.01,...,0.06)")
      ->delimiter(',');
  nucleation->add_option("--diameter", atom_options.diameter_A, "Segment diameter [Å] (default 15)");
  nucleation->add_option("--length", atom_options.length_A, "Segment length [Å] (default 42)");
  nucleation->add_option("--images", atom_options.images, "Intermediate NEB images (default 9)");
  nucleation->add_option("--threads", atom_options.threads, "Worker threads (default 1)");
  nucleation->callback([&] {
    atom_options.out = atom_out;
    command = [&] { atomisticNucleationCommand(atom_options, out); };
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
