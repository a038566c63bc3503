// SPDX-License-Identifier: MIT
// SIGTERM and SIGINT as a request to stop at the next checkpoint boundary.
#include "app/stop_request.hpp"

#include <csignal>

namespace surfkmc::app {
namespace {

// Lock-free, so the handler's store is async-signal-safe.
volatile std::sig_atomic_t g_signal = 0;

extern "C" void recordStop(int signal) {
  if (g_signal != 0) {
    // The second signal: the user does not want to wait for the boundary.
    std::signal(signal, SIG_DFL);
    std::raise(signal);
    return;
  }
  g_signal = signal;
}

}  // namespace

void installStopHandlers() {
  struct sigaction action {};
  action.sa_handler = recordStop;
  sigemptyset(&action.sa_mask);
  action.sa_flags = SA_RESTART;  // a write interrupted by the signal goes on
  sigaction(SIGTERM, &action, nullptr);
  sigaction(SIGINT, &action, nullptr);
}

int stopSignal() { return g_signal; }

void clearStopRequest() { g_signal = 0; }

}  // namespace surfkmc::app
