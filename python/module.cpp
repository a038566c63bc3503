// SPDX-License-Identifier: MIT
// The `_surfkmc` extension behind the `surfkmc` Python package (surfkmc/__init__.py): runs, sweeps
// and specimens in-process. Runs release the GIL; InputError becomes ValueError.
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>
#include <pybind11/stl/filesystem.h>

#include <filesystem>
#include <optional>
#include <sstream>
#include <string>

#include "app/run_command.hpp"
#include "app/scenario_loader.hpp"
#include "app/specimen.hpp"
#include "app/sweep_command.hpp"
#include "core/error.hpp"
#include "core/version.hpp"

namespace py = pybind11;

namespace {

using surfkmc::app::RunOptions;
using surfkmc::app::SweepOptions;
using OptionalPath = std::optional<std::filesystem::path>;

/// `surfkmc run`, with the report it prints returned as text.
std::string runScenario(const std::filesystem::path& scenario, const OptionalPath& out_dir, int threads, bool force,
                        const OptionalPath& resume_dir) {
  RunOptions options;
  options.out_dir = out_dir;
  options.threads = threads;
  options.force = force;
  options.resume_dir = resume_dir;
  std::ostringstream report;
  {
    py::gil_scoped_release release;
    surfkmc::app::runCommand(scenario, options, report);
  }
  return report.str();
}

/// `surfkmc sweep` in this process (oneTBB, never MPI), with its printed table returned as text.
std::string sweepScenario(const OptionalPath& scenario, const OptionalPath& out_dir, int threads, bool force,
                          const OptionalPath& resume_dir, const OptionalPath& data_file, bool series) {
  SweepOptions options;
  options.series = series;
  options.scenario = scenario;
  options.out_dir = out_dir;
  options.threads = threads;
  options.force = force;
  options.resume_dir = resume_dir;
  options.data_file = data_file;
  std::ostringstream report;
  std::ostringstream errors;
  {
    py::gil_scoped_release release;
    surfkmc::app::sweepCommand(options, report, errors);
  }
  return report.str() + errors.str();
}

/// The scenario's initial specimen as arrays: what `surfkmc wire` writes, without the file.
py::dict buildWireArrays(const std::filesystem::path& scenario_path) {
  const surfkmc::app::Scenario scenario = surfkmc::app::loadScenario(scenario_path);
  const surfkmc::lattice::BuiltWire built = surfkmc::app::buildSpecimen(scenario);
  const surfkmc::lattice::Lattice& lattice = built.lattice;
  const auto n = static_cast<py::ssize_t>(lattice.atomCount());
  py::array_t<double> positions({n, py::ssize_t{3}});
  py::array_t<long long> ids(n);
  py::array_t<int> coordination(n);
  auto pos = positions.mutable_unchecked<2>();
  auto id = ids.mutable_unchecked<1>();
  auto coord = coordination.mutable_unchecked<1>();
  // Atoms in the order of their ids, as in the extXYZ files, so frames of one run line up.
  std::vector<std::pair<surfkmc::lattice::AtomId, surfkmc::lattice::SiteIndex>> atoms;
  atoms.reserve(static_cast<std::size_t>(n));
  for (surfkmc::lattice::SiteIndex s = 0; s < lattice.siteCount(); ++s)
    if (lattice.occupied(s)) atoms.emplace_back(lattice.atomAt(s), s);
  std::sort(atoms.begin(), atoms.end());
  for (py::ssize_t i = 0; i < n; ++i) {
    const auto [atom, site] = atoms[static_cast<std::size_t>(i)];
    const surfkmc::lattice::Vec3 p = lattice.position(site);
    pos(i, 0) = p.x;
    pos(i, 1) = p.y;
    pos(i, 2) = p.z;
    id(i) = static_cast<long long>(atom);
    coord(i) = lattice.coordination(site);
  }
  const surfkmc::lattice::Vec3 len = lattice.boxLengths();
  const surfkmc::lattice::BoxSpec& box = lattice.box();
  py::dict result;
  result["species"] = scenario.material.species;
  result["positions"] = positions;
  result["ids"] = ids;
  result["coordination"] = coordination;
  result["cell"] = py::make_tuple(len.x, len.y, len.z);
  result["pbc"] = py::make_tuple(box.periodic_x, box.periodic_y, box.periodic_z);
  result["rounding_note"] = built.rounding_note;
  return result;
}

}  // namespace

PYBIND11_MODULE(_surfkmc, m) {
  m.doc() = "surfkmc's C++ engine, for the surfkmc Python package";
  py::register_exception<surfkmc::InputError>(m, "InputError", PyExc_ValueError);
  m.def("run", &runScenario, py::arg("scenario"), py::arg("out_dir") = py::none(), py::arg("threads") = 0,
        py::arg("force") = false, py::arg("resume_dir") = py::none(),
        "Runs a scenario file like `surfkmc run`; returns the printed report.");
  m.def("sweep", &sweepScenario, py::arg("scenario") = py::none(), py::arg("out_dir") = py::none(),
        py::arg("threads") = 0, py::arg("force") = false, py::arg("resume_dir") = py::none(),
        py::arg("data_file") = py::none(), py::arg("series") = false,
        "Runs a scenario's sweep like `surfkmc sweep` (series: `--series`); returns the printed table.");
  m.def("wire", &buildWireArrays, py::arg("scenario"),
        "The scenario's initial specimen: species, positions [Å], ids, coordination, cell [Å], pbc.");
  m.attr("version") = std::string(surfkmc::kVersion);
  m.attr("git_hash") = std::string(surfkmc::kGitHash);
}
