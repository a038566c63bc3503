// SPDX-License-Identifier: MIT
// SIGTERM and SIGINT as a request to stop at the next checkpoint boundary.
#include "app/stop_request.hpp"

#include <atomic>
#include <csignal>

namespace surfkmc::app {
namespace {

// Lock-free, so the handler's store is async-signal-safe.
volatile std::sig_atomic_t g_signal = 0;
// A stop passed on by requestStop(): apart from g_signal, so that the signal itself, when it
// reaches this process after all, is its first and not a second one that ends it at once.
std::atomic<int> g_requested{0};

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

int stopSignal() { return g_signal != 0 ? static_cast<int>(g_signal) : g_requested.load(); }

void requestStop(int signal) {
  int none = 0;
  g_requested.compare_exchange_strong(none, signal);
}

void clearStopRequest() {
  g_signal = 0;
  g_requested = 0;
}

}  // namespace surfkmc::app
