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
#include "app/edit_distance.hpp"
#include "app/fit_command.hpp"
#include "app/hops_command.hpp"
#include "app/learn_command.hpp"
#include "app/material_command.hpp"
#include "app/run_command.hpp"
#include "app/status_command.hpp"
#include "app/sweep_command.hpp"
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

/// The values of every subcommand's options: they must live until the chosen command has run.
struct Options {
  std::string scenario, wire_output;
  RunOptions run;
  std::string run_out, run_resume;
  CLI::Option* run_every = nullptr;
  SweepOptions sweep;
  std::string sweep_scenario, sweep_out, sweep_resume, sweep_data, sweep_shard;
  CLI::Option* sweep_every = nullptr;
  CLI::Option* shard = nullptr;
  std::string template_name = "my_material", status_dir;
  CompareOptions compare;
  std::string compare_dir, compare_data;
  std::vector<std::string> compare_step_velocity;
  std::string compare_temperature_sweep;
  CLI::Option* compare_temperature = nullptr;
  bool compare_no_targets = false;
  FitOptions fit;
  std::string fit_data, fit_material, fit_output;
  CLI::Option* fit_temperature = nullptr;
  CLI::Option* fit_sigma = nullptr;
  CLI::Option* fit_prefactor = nullptr;
  AtomisticOptions atom;
  std::string atom_out, kmc_training, kmc_held_out, atom_surface;
  HopsOptions hops;
  LearnOptions learn;
};

/// What the parse chose to run (empty for --help and --version).
using Command = std::function<void()>;

/// Where a subcommand's registration puts what it parses and what it will run.
struct Registry {
  CLI::App& cli;
  Options& o;
  Command& command;
  std::ostream& out;
  std::ostream& err;
};

void addCheckAndWire(Registry r) {
  Options& o = r.o;
  auto* check = r.cli.add_subcommand("check", "Validate a scenario and print a summary of its specimen");
  check->add_option("SCENARIO", o.scenario, "Scenario YAML file")->required();
  check->callback([r] { r.command = [r] { checkCommand(r.o.scenario, r.out, r.err); }; });

  auto* wire = r.cli.add_subcommand("wire", "Write a scenario's initial structure as extended XYZ");
  wire->add_option("SCENARIO", o.scenario, "Scenario YAML file")->required();
  wire->add_option("-o,--output", o.wire_output, "Output file (.xyz)")->required();
  wire->callback([r] { r.command = [r] { wireCommand(r.o.scenario, r.o.wire_output, r.out); }; });
}

void addRun(Registry r) {
  Options& o = r.o;
  auto* run = r.cli.add_subcommand("run", "Evolve a scenario's wire (kmc:), or load it to yield (loading:)");
  run->add_option("SCENARIO", o.scenario, "Scenario YAML file (optional with --resume)");
  run->add_option("--out", o.run_out, "Results folder (default results/<name>)");
  run->add_option("--threads", o.run.threads, "Worker threads (default: all cores)")->check(threadCount());
  o.run_every = run->add_option("--checkpoint-every", "Write a checkpoint every SECONDS of wall time")
                    ->type_name("SECONDS")
                    ->check(positiveSeconds());
  run->add_option("--resume", o.run_resume, "Continue the killed run whose results folder is DIR")->type_name("DIR");
  run->add_flag("--force", o.run.force,
                "Start afresh even if the results folder holds an earlier run (moved aside to DIR.old-N)");
  run->add_flag("-q,--quiet", o.run.quiet, "No progress rows on stderr (progress.json is still written)");
  run->callback([r] {
    Options& o = r.o;
    if (!o.run_out.empty()) o.run.out_dir = o.run_out;
    if (!o.run_resume.empty()) o.run.resume_dir = o.run_resume;
    if (*o.run_every) o.run.checkpoint_every_s = o.run_every->as<double>();
    if (o.scenario.empty() && o.run_resume.empty()) throw CLI::RequiredError("SCENARIO (or --resume DIR)");
    r.command = [r] { runCommand(r.o.scenario, r.o.run, r.out); };
  });
}

void addSweep(Registry r) {
  Options& o = r.o;
  auto* sweep =
      r.cli.add_subcommand("sweep", "Run every point and replica of a scenario's sweep: to yield, in parallel");
  sweep->add_option("SCENARIO", o.sweep_scenario, "Scenario YAML file (optional with --resume)");
  sweep->add_option("--out", o.sweep_out, "Results folder (default results/<name>)");
  sweep
      ->add_option("--threads", o.sweep.threads,
                   "Worker threads (per MPI rank under mpirun/srun; default: the cores this process may use)")
      ->check(threadCount());
  sweep->add_option("--resume", o.sweep_resume, "Continue the killed sweep whose results folder is DIR");
  sweep->add_flag("--force", o.sweep.force,
                  "Start afresh even if the results folder holds an earlier sweep (moved aside to DIR.old-N)");
  sweep->add_flag("-q,--quiet", o.sweep.quiet, "No progress rows on stderr (progress.json is still written)");
  sweep->add_option("--data", o.sweep_data, "Experimental points CSV for the yield-vs-diameter figure");
  o.sweep_every =
      sweep->add_option("--checkpoint-every", "Write a checkpoint of each running replica every SECONDS of wall time")
          ->type_name("SECONDS")
          ->check(positiveSeconds());
  o.shard = sweep->add_option(
      "--shard", o.sweep_shard,
      "Run only share I of N (0 <= I < N) of the tasks, for job arrays; no report: finish with --resume");
  sweep->add_flag("--series", o.sweep.series,
                  "Stream every replica's time series to series/p<point>_r<replica>.csv (the columns of a run's "
                  "timeseries_r<k>.csv); kept by --resume, which cannot turn it on for a sweep started without it");
  sweep->footer(
      "While it runs: progress rows on stderr and DIR/progress.json (`surfkmc status DIR`), also under mpirun; "
      "frames/p<point>_r<replica>.xyz for points whose scenario sets kmc.snapshot_every_s; series/ with --series.\n"
      "SIGTERM or SIGINT: every running replica writes its checkpoint and the sweep exits 143 or 130; continue "
      "with --resume DIR. Every file and column: docs/outputs.md");
  sweep->callback([r] {
    Options& o = r.o;
    if (!o.sweep_scenario.empty()) o.sweep.scenario = o.sweep_scenario;
    if (!o.sweep_out.empty()) o.sweep.out_dir = o.sweep_out;
    if (!o.sweep_resume.empty()) o.sweep.resume_dir = o.sweep_resume;
    if (!o.sweep_data.empty()) o.sweep.data_file = o.sweep_data;
    if (*o.sweep_every) o.sweep.checkpoint_every_s = o.sweep_every->as<double>();
    r.command = [r] {
      if (*r.o.shard) r.o.sweep.shard = parseSweepShard(r.o.sweep_shard);
      sweepCommand(r.o.sweep, r.out, r.err);
    };
  });
}

void addMaterialAndStatus(Registry r) {
  Options& o = r.o;
  auto* material = r.cli.add_subcommand("material", "Material files: print a template to start a new one from");
  material->require_subcommand(1);
  auto* material_template = material->add_subcommand("template", "Print a complete, commented material file");
  material_template->add_option("--name", o.template_name, "The material's name (default my_material)");
  material_template->callback([r] { r.command = [r] { materialTemplateCommand(r.o.template_name, r.out); }; });

  auto* status = r.cli.add_subcommand(
      "status", "Show how far the run or sweep writing into DIR has got (running, stopped or complete)");
  status->add_option("DIR", o.status_dir, "Results folder of a run or sweep")->required();
  status->callback([r] { r.command = [r] { statusCommand(r.o.status_dir, r.out); }; });
}

void addCompare(Registry r) {
  Options& o = r.o;
  auto* compare = r.cli.add_subcommand("compare", "Compare a results folder's yield strengths with the paper and data");
  compare->add_option("RESULTS_DIR", o.compare_dir, "Results folder with points.csv (sweep) or yield.csv (run)")
      ->required();
  compare->add_option("--data", o.compare_data, "Yield data CSV (docs/data_format.md) for residuals and the figure");
  compare
      ->add_option(
          "--step-velocity", o.compare_step_velocity,
          "A step-velocity measurement (tools/kmc/step_velocity output, docs/data_format.md) for T5; repeatable")
      ->type_name("FILE")
      ->expected(1)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  compare
      ->add_option("--temperature-sweep", o.compare_temperature_sweep,
                   "Results of a sweep over temperature (scenarios/paper_fig1_temperature.yaml) on which T6 is judged")
      ->type_name("DIR");
  o.compare_temperature =
      compare->add_option("--temperature", "T [K] when the results have no temperature column and no readable scenario")
          ->check(CLI::Range(1.0, 5000.0))
          ->type_name("KELVIN");
  compare->add_flag("--no-targets", o.compare_no_targets,
                    "Write the comparison without the paper's targets (T1–T7, paper D_c and Ω): for a study that "
                    "is not Wang et al. 2021");
  compare->callback([r] {
    Options& o = r.o;
    o.compare.judge_targets = !o.compare_no_targets;
    o.compare.results_dir = o.compare_dir;
    if (*o.compare_temperature) o.compare.temperature_K = o.compare_temperature->as<double>();
    if (!o.compare_data.empty()) o.compare.data = o.compare_data;
    o.compare.step_velocity.assign(o.compare_step_velocity.begin(), o.compare_step_velocity.end());
    if (!o.compare_temperature_sweep.empty()) o.compare.temperature_sweep = o.compare_temperature_sweep;
    r.command = [r] { compareCommand(r.o.compare, r.out); };
  });
}

void addFit(Registry r) {
  Options& o = r.o;
  auto* fit = r.cli.add_subcommand("fit", "Fit Eq. 2 (sigma_ath, Omega, ln N*nu_D) to yield data by least squares");
  fit->add_option("DATA", o.fit_data, "Yield data CSV (docs/data_format.md, or a sweep's points.csv)")
      ->required()
      ->type_name("FILE");
  fit->add_option("--material", o.fit_material, "Material (rows to fit; E and b from data/materials)")
      ->type_name("NAME");
  fit->add_option("--strain-rate-column", o.fit.strain_rate_column, "Strain-rate column [1/s]")
      ->capture_default_str()
      ->type_name("COLUMN");
  fit->add_option("--temperature-column", o.fit.temperature_column, "Temperature column [K]")
      ->capture_default_str()
      ->type_name("COLUMN");
  fit->add_option("--yield-column", o.fit.yield_column,
                  "Yield-stress column [GPa] (a points.csv without it: yield_stress_GPa)")
      ->capture_default_str()
      ->type_name("COLUMN");
  fit->add_option("--error-column", o.fit.error_column, "Yield-error column [GPa] (optional in the file)")
      ->capture_default_str()
      ->type_name("COLUMN");
  o.fit_temperature = fit->add_option("--temperature", "T [K] for all rows (file without temperature column)")
                          ->check(CLI::Range(1.0, 5000.0))
                          ->type_name("KELVIN");
  o.fit_sigma = fit->add_option("--fix-sigma-ath", "Hold sigma_ath [GPa] fixed")->type_name("GPA");
  o.fit_prefactor = fit->add_option("--fix-ln-prefactor", "Hold ln(N nu_D / (1/s)) fixed")->type_name("LN");
  fit->add_option("-o,--output", o.fit_output, "JSON output (default DATA with extension .fit.json)")
      ->type_name("FILE");
  fit->callback([r] {
    Options& o = r.o;
    o.fit.data = o.fit_data;
    if (!o.fit_material.empty()) o.fit.material = o.fit_material;
    if (!o.fit_output.empty()) o.fit.output = o.fit_output;
    if (*o.fit_temperature) o.fit.temperature_K = o.fit_temperature->as<double>();
    if (*o.fit_sigma) o.fit.fix_sigma_ath_GPa = o.fit_sigma->as<double>();
    if (*o.fit_prefactor) o.fit.fix_ln_prefactor = o.fit_prefactor->as<double>();
    r.command = [r] { fitCommand(r.o.fit, r.out); };
  });
}

void addAtomisticNucleation(Registry r, CLI::App* atom) {
  Options& o = r.o;
  auto* nucleation =
      atom->add_subcommand("nucleation", "CI-NEB barriers of partial-dislocation nucleation on a wire segment");
  nucleation->add_option("--material", o.atom.material, "Material (shipped name or .yaml path)")->required();
  nucleation->add_option("--out", o.atom_out, "Results folder (nucleation.json, saddle_*.xyz)")->required();
  nucleation->add_option("--sites", o.atom.sites, "edge, step_h1..6, pit_m1..20 (default edge)")->delimiter(',');
  nucleation->add_option("--strains", o.atom.strains, "Axial strains (default 0,0.01,...,0.06)")->delimiter(',');
  nucleation->add_option("--diameter", o.atom.diameter_A, "Segment diameter [Å] (default 15)");
  nucleation->add_option("--length", o.atom.length_A, "Segment length [Å] (default 42)");
  nucleation->add_option("--images", o.atom.images, "Intermediate NEB images (default 9)");
  nucleation->add_option("--threads", o.atom.threads, "Worker threads (default 1)");
  nucleation->add_flag("--refine", o.atom.refine,
                       "Take the barrier from a second band between the initial state and the first image past the "
                       "saddle");
  nucleation->add_option("--surface", o.atom_surface,
                         "extXYZ of `surfkmc run` on a wire of the segment's size: its occupancy replaces the cut");
  nucleation->add_option("--frame", o.atom.surface_frame, "Frame of --surface (default -1, the last)");
  nucleation->add_option("--shifts", o.atom.shifts, "Repeat cells the --surface is moved along x (default 0)")
      ->delimiter(',');
  nucleation->callback([r] {
    r.o.atom.out = r.o.atom_out;
    if (!r.o.atom_surface.empty()) r.o.atom.surface = r.o.atom_surface;
    r.command = [r] { atomisticNucleationCommand(r.o.atom, r.out); };
  });
}

void addAtomisticNucleationMerge(Registry r, CLI::App* atom) {
  Options& o = r.o;
  auto* merge = atom->add_subcommand(
      "nucleation-merge",
      "One nucleation.json from several `atomistic nucleation` runs on the same segment; from one run, the same "
      "file with `used_in_fit` decided again by the current checks");
  merge->add_option("--material", o.atom.material, "Material (shipped name or .yaml path)")->required();
  merge->add_option("--out", o.atom_out, "Results folder (nucleation.json, saddle_*.xyz)")->required();
  merge->add_option("parts", o.atom.parts, "Results folders of `atomistic nucleation` to merge (one or more)")
      ->required();
  merge->callback([r] {
    r.o.atom.out = r.o.atom_out;
    r.command = [r] { atomisticNucleationMergeCommand(r.o.atom, r.out); };
  });
}

void addAtomisticHops(Registry r, CLI::App* atom) {
  HopsOptions& h = r.o.hops;
  auto* hops = atom->add_subcommand(
      "hops", "Hops of a KMC surface by class and environment; CI-NEB barriers of sampled hops against the rate table");
  hops->add_option("scenario", h.scenario, "KMC-only scenario (kmc.duration_s, no loading)")->required();
  hops->add_option("--out", h.out, "Results folder (hops.json)")->required();
  hops->add_option("--per-class", h.per_class, "Hops sampled per (n_i, n_j, c) class (default 3)");
  hops->add_option("--frames", h.frames, "Frames after the start, evenly spaced over kmc.duration_s (default 4)");
  hops->add_option("--radius", h.free_radius_A, "Free radius of the cluster cut around a hop [Å] (default 10)");
  hops->add_option("--shell", h.shell_A, "Held shell beyond the free radius [Å] (default 6.5)");
  hops->add_option("--axial-strain", h.axial_strain, "Uniaxial strain along the wire axis (default 0)");
  hops->add_option("--min-to", h.min_to, "Smallest n_j of a hop's target site (default 2)");
  hops->add_option("--crossings", h.crossings,
                   "on|off: CI-NEB of the moves over each sampled rim site to its stable exits (default on)");
  hops->add_option("--threads", h.threads, "Worker threads (default 1)");
  hops->callback([r] { r.command = [r] { atomisticHopsCommand(r.o.hops, r.out); }; });
}

void addAtomistic(Registry r) {
  Options& o = r.o;
  auto* atom = r.cli.add_subcommand(
      "atomistic",
      "The material's interatomic potential (KIM API): properties, barriers, hamiltonian, nucleation, hops");
  atom->require_subcommand(1);
  auto* props =
      atom->add_subcommand("properties", "Zero-kelvin a0, E_coh, E<112>, surface and vacancy energies as JSON");
  props->add_option("--material", o.atom.material, "Material (shipped name or .yaml path)")->required();
  props->add_option("-o,--out", o.atom_out, "JSON file (default: print)");
  props->add_option("--threads", o.atom.threads, "Worker threads (default 1)");
  props->callback([r] {
    if (!r.o.atom_out.empty()) r.o.atom.out = r.o.atom_out;
    r.command = [r] { atomisticPropertiesCommand(r.o.atom, r.out); };
  });
  auto* barriers = atom->add_subcommand("barriers", "CI-NEB barriers of the canonical surface processes");
  barriers->add_option("--material", o.atom.material, "Material (shipped name or .yaml path)")->required();
  barriers->add_option("--out", o.atom_out, "Results folder (barriers.json)")->required();
  barriers->add_option("--axial-strain", o.atom.axial_strain, "Uniaxial strain along the wire axis");
  barriers->add_option("--threads", o.atom.threads, "Worker threads (default 1)");
  barriers->callback([r] {
    r.o.atom.out = r.o.atom_out;
    r.command = [r] { atomisticBarriersCommand(r.o.atom, r.out); };
  });
  auto* hamiltonian = atom->add_subcommand(
      "hamiltonian", "Fit site energies E(n) of the occupancy to relaxed energies; errors and thermodynamics check");
  hamiltonian->add_option("--material", o.atom.material, "Material (shipped name or .yaml path)")->required();
  hamiltonian->add_option("--out", o.atom_out, "Results folder (hamiltonian.json)")->required();
  hamiltonian->add_option("--threads", o.atom.threads, "Worker threads (default 1)");
  hamiltonian->add_option("--kmc-training", o.kmc_training, "extXYZ snapshots of a KMC wire (surfkmc run) to fit on");
  hamiltonian->add_option("--kmc-held-out", o.kmc_held_out, "extXYZ snapshots of a KMC wire to test on");
  hamiltonian->callback([r] {
    Options& o = r.o;
    o.atom.out = o.atom_out;
    if (!o.kmc_training.empty()) o.atom.kmc_training = o.kmc_training;
    if (!o.kmc_held_out.empty()) o.atom.kmc_held_out = o.kmc_held_out;
    r.command = [r] { atomisticHamiltonianCommand(r.o.atom, r.out); };
  });
  addAtomisticNucleation(r, atom);
  addAtomisticNucleationMerge(r, atom);
  addAtomisticHops(r, atom);
}

void addLearn(Registry r) {
  LearnOptions& l = r.o.learn;
  auto* learn = r.cli.add_subcommand(
      "learn", "Grow the material's hop catalogue by the environments the scenarios' KMC meets and lacks");
  learn->add_option("SCENARIO", l.scenarios, "Scenarios with a kmc: section on energetics: catalogue, one material")
      ->required();
  learn->add_option("--out", l.out, "Results folder for the grown catalogue (hops.json and its strained files)")
      ->required();
  learn->add_option("--rounds", l.rounds, "Rounds of computing at most, each followed by a measuring run (default 4)");
  learn->add_option("--target", l.target, "Uncatalogued share of events to get below (default 1e-4)");
  learn->add_option("--max-new", l.max_new, "Environments computed per round at most (default 400)");
  learn->add_option("--threads", l.threads,
                    "Worker threads for the runs, then for the CI-NEBs (default 1; per rank under mpirun/srun, where "
                    "run k runs on rank k mod ranks and its rank computes what it lacked first)");
  learn
      ->add_option("--stress-GPa", l.stresses_GPa,
                   "Held axial stresses each scenario's KMC runs at, comma-separated, one run per scenario and "
                   "stress: learning under load (default 0)")
      ->delimiter(',');
  learn->callback([r] { r.command = [r] { learnCommand(r.o.learn, r.out); }; });
}

}  // namespace

int runCommandLine(int argc, const char* const* argv, std::ostream& out, std::ostream& err) {
  CLI::App cli{"surfkmc: kinetic Monte Carlo of nanowire surfaces coupled to dislocation nucleation", "surfkmc"};
  cli.set_version_flag("--version", std::string("surfkmc ") + kVersion + " (git " + kGitHash + ")");
  cli.require_subcommand(1);
  Command command;
  Options options;
  const Registry registry{cli, options, command, out, err};
  addCheckAndWire(registry);
  addRun(registry);
  addSweep(registry);
  addMaterialAndStatus(registry);
  addCompare(registry);
  addFit(registry);
  addAtomistic(registry);
  addLearn(registry);

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
