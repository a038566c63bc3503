// SPDX-License-Identifier: MIT
// The surfkmc executable: runs the command line and maps exceptions to exit codes (0 done, 1 failed,
// 2 bad input, 128 + signal stopped by SIGINT/SIGTERM with a checkpoint written).
#include <exception>
#include <iostream>

#include "app/command_line.hpp"
#include "app/stop_request.hpp"
#include "core/error.hpp"

int main(int argc, char** argv) {
  try {
    return surfkmc::app::runCommandLine(argc, argv, std::cout, std::cerr);
  } catch (const surfkmc::app::Stopped& e) {
    // SIGTERM or SIGINT: the checkpoint is written; the exit code says which signal, as a shell would.
    std::cerr << "surfkmc: " << e.what() << '\n';
    return e.exitCode();
  } catch (const surfkmc::InputError& e) {
    std::cerr << "surfkmc: error: " << e.what() << '\n';
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "surfkmc: failed: " << e.what() << '\n';
    return 1;
  } catch (...) {
    std::cerr << "surfkmc: failed: unknown error\n";
    return 1;
  }
}
