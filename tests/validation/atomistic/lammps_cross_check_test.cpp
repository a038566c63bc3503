// SPDX-License-Identifier: MIT
// An independent code, LAMMPS with `pair_style kim` (Debian's lammps, KIM package), gives the same
// energy and largest force as surfkmc's KIM client for a shaken (111) slab with an adatom: periodic
// in-plane axes, open normal. Skipped when `lmp` is not installed.
#include <gtest/gtest.h>

#include <sys/wait.h>
#include <unistd.h>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>

#include "atomistic/crystal_properties.hpp"
#include "atomistic/surface_processes.hpp"
#include "tests/unit/atomistic/ag_model.hpp"

namespace surfkmc::atomistic {
namespace {

/// Runs `lmp -in in.check -log none` in `dir` (fork and exec, no shell; one OpenMP thread) and
/// returns what it printed; empty if it could not be started.
std::string runLammps(const std::filesystem::path& dir) {
  int pipe_fd[2];
  if (::pipe(pipe_fd) != 0) return {};
  const pid_t pid = ::fork();
  if (pid == 0) {
    if (::chdir(dir.c_str()) != 0 || ::dup2(pipe_fd[1], STDOUT_FILENO) < 0 || ::dup2(pipe_fd[1], STDERR_FILENO) < 0)
      ::_exit(126);
    ::close(pipe_fd[0]);
    ::close(pipe_fd[1]);
    ::setenv("OMP_NUM_THREADS", "1", 1);
    ::execlp("lmp", "lmp", "-in", "in.check", "-log", "none", static_cast<char*>(nullptr));
    ::_exit(127);
  }
  ::close(pipe_fd[1]);
  std::string out;
  char buf[4096];
  ssize_t n = 0;
  while (pid > 0 && (n = ::read(pipe_fd[0], buf, sizeof buf)) > 0) out.append(buf, static_cast<std::size_t>(n));
  ::close(pipe_fd[0]);
  if (pid > 0) ::waitpid(pid, nullptr, 0);
  return out;
}

/// Whether `lmp` is an executable on PATH.
bool lammpsInstalled() {
  const char* path = std::getenv("PATH");
  std::istringstream dirs(path ? path : "");
  for (std::string d; std::getline(dirs, d, ':');)
    if (!d.empty() && ::access((std::filesystem::path(d) / "lmp").c_str(), X_OK) == 0) return true;
  return false;
}

double field(const std::string& text, const std::string& key) {
  const auto at = text.find(key + " ");
  if (at == std::string::npos) return NAN;
  return std::stod(text.substr(at + key.size() + 1));
}

TEST(LammpsCrossCheck, EnergyAndMaxForceAgreeWithPairStyleKim) {
  if (!lammpsInstalled()) GTEST_SKIP() << "lmp (Debian package lammps) not installed";
  const PotentialSpec spec = test::agModel();
  KimPotential pot(spec);
  const double a = equilibriumLatticeConstant(pot, 4.09);
  Configuration c = hop111(a, {3, 5, 5, 2}).initial;
  std::mt19937 rng(5);
  std::uniform_real_distribution<double> u(-0.1, 0.1);
  for (int i = 0; i < c.size(); ++i)
    for (int k = 0; k < 3; ++k) c.positions(k, i) += u(rng);
  for (int i = 0; i < c.size(); ++i)
    for (int k : {0, 2}) c.positions(k, i) -= c.box[k] * std::floor(c.positions(k, i) / c.box[k]);
  Eigen::Matrix3Xd f;
  const double energy = pot.compute(c, &f);
  // LAMMPS's thermo keywords: fmax is the largest force component, fnorm the norm of the 3N vector.
  const double fmax = f.cwiseAbs().maxCoeff(), fnorm = f.norm();

  const auto dir = std::filesystem::temp_directory_path() / ("surfkmc_lammps_" + std::to_string(getpid()));
  std::filesystem::create_directories(dir);
  {
    std::ofstream data(dir / "slab.data");
    data.precision(17);
    data << "surfkmc cross-check\n\n" << c.size() << " atoms\n1 atom types\n\n";
    data << "0 " << c.box[0] << " xlo xhi\n"
         << c.positions.row(1).minCoeff() - 10.0 << " " << c.positions.row(1).maxCoeff() + 10.0 << " ylo yhi\n0 "
         << c.box[2] << " zlo zhi\n\nMasses\n\n1 107.8682\n\nAtoms # atomic\n\n";
    for (int i = 0; i < c.size(); ++i)
      data << i + 1 << " 1 " << c.positions(0, i) << " " << c.positions(1, i) << " " << c.positions(2, i) << "\n";
    std::ofstream in(dir / "in.check");
    in << "kim init " << spec.kim_model << " metal\nboundary p f p\natom_style atomic\nread_data slab.data\n"
       << "kim interactions " << spec.species
       << "\nthermo_style custom step pe fmax fnorm\nthermo_modify format float %.12f\n"
       << "run 0\nvariable e equal pe\nvariable f equal fmax\nvariable n equal fnorm\nprint \"PE ${e}\"\nprint \"FMAX "
          "${f}\"\nprint \"FNORM ${n}\"\n";
  }
  // Only the three printed lines: a key elsewhere in LAMMPS's output must not be read as one.
  std::string out;
  std::istringstream printed(runLammps(dir));
  for (std::string line; std::getline(printed, line);)
    if (line.rfind("PE ", 0) == 0 || line.rfind("FMAX ", 0) == 0 || line.rfind("FNORM ", 0) == 0) out += line + '\n';
  std::filesystem::remove_all(dir);
  const double lmp_energy = field(out, "PE"), lmp_fmax = field(out, "FMAX"), lmp_fnorm = field(out, "FNORM");
  ASSERT_TRUE(std::isfinite(lmp_energy)) << out;
  // Same model library, same coordinates (printed with 17 digits): the totals agree to rounding,
  // ~1e-12 relative; 1e-9 relative allows for a different summation order.
  EXPECT_NEAR(energy, lmp_energy, 1e-9 * std::abs(energy));
  EXPECT_NEAR(fmax, lmp_fmax, 1e-6);
  EXPECT_NEAR(fnorm, lmp_fnorm, 1e-6);
}

}  // namespace
}  // namespace surfkmc::atomistic
