// SPDX-License-Identifier: MIT
// SIGTERM and SIGINT as a request to stop at the next checkpoint boundary, never mid-event.
#pragma once

#include <stdexcept>
#include <string>

namespace surfkmc::app {

/// Installs handlers for SIGTERM and SIGINT that only record which signal came (an atomic store:
/// async-signal-safe). Run loops poll stopRequested() where their state is whole (a KMC-only run
/// between chunks of events, a coupled replica at each analysis boundary), write a checkpoint
/// there and throw Stopped. A second signal of either kind ends the process at once (the default
/// action), for a run that does not reach a boundary soon enough. Installing twice is harmless.
void installStopHandlers();

/// The signal number that asked the run to stop, or 0.
int stopSignal();
inline bool stopRequested() { return stopSignal() != 0; }

/// Records a stop request as if `signal` had come (stopSignal() returns it unless a signal came
/// itself): how an MPI sweep passes a signal that reached one rank on to the others. The signal,
/// if it reaches this process too, still counts as the first, not as a second that ends it.
void requestStop(int signal);

/// Forgets a recorded signal (tests; a process runs one command).
void clearStopRequest();

/// Thrown by a run loop after writing its checkpoint on a stop request; main() maps it to exit
/// code 128 + signal (130 for SIGINT, 143 for SIGTERM), as a shell reports a process the signal ended.
class Stopped : public std::runtime_error {
 public:
  Stopped(int signal, const std::string& what) : std::runtime_error(what), signal_(signal) {}
  int signal() const { return signal_; }
  int exitCode() const { return 128 + signal_; }

 private:
  int signal_;
};

}  // namespace surfkmc::app
