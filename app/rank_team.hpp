// SPDX-License-Identifier: MIT
// The processes a command spreads its work over: this process alone, or the ranks of an MPI job. For commands
// that work in rounds every rank takes part in (`surfkmc learn`); `surfkmc sweep` hands out tasks its own way
// (app/mpi_sweep.hpp).
#pragma once

#include <exception>
#include <iosfwd>
#include <memory>
#include <string>
#include <vector>

namespace surfkmc::app {

class RankTeam {
 public:
  virtual ~RankTeam() = default;
  /// This process's rank, 0 … size() − 1; rank 0 reads the inputs' verdict, prints and writes.
  virtual int rank() const = 0;
  virtual int size() const = 0;
  /// Every rank's `mine`, at rank 0 in rank order; the other ranks get an empty vector. Every rank must call it.
  virtual std::vector<std::string> gather(const std::string& mine) = 0;
  /// Rank 0's `text` on every rank (the others' argument is ignored). Every rank must call it.
  virtual std::string broadcast(const std::string& text) = 0;
  /// Ends every rank after a failure the others cannot learn of in an orderly way (the MPI job is aborted;
  /// alone, the failure is rethrown).
  [[noreturn]] virtual void abort(std::exception_ptr failure, std::ostream& err) = 0;
};

/// This process alone: rank 0 of 1.
std::unique_ptr<RankTeam> soloTeam();

/// Whether this surfkmc was built with MPI (the same answer as mpiSweepBuilt).
bool mpiTeamBuilt();

/// The ranks of MPI_COMM_WORLD, for a process started by mpirun or srun; MPI is initialised here (threads funnelled
/// through the caller) and finalised when the team is destroyed. Throws InputError when built without MPI.
std::unique_ptr<RankTeam> mpiTeam();

/// The team `command` runs on: the MPI ranks when an MPI launcher started this process and MPI is built in,
/// else this process alone. Throws InputError when a launcher started several ranks of a build without MPI (each
/// would do the whole work into the same folder).
std::unique_ptr<RankTeam> launchedTeam(const std::string& command);

}  // namespace surfkmc::app
