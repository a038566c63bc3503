// SPDX-License-Identifier: MIT
// The one exception hierarchy of surfkmc; main() maps it to exit codes (2 bad input, 1 runtime).
#pragma once

#include <stdexcept>
#include <string>

namespace surfkmc {

/// Base of every error surfkmc throws on purpose.
class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// An error the user caused through input (scenario, material file, command line): exit code 2.
class InputError : public Error {
 public:
  using Error::Error;
};

/// A failure while running valid input (e.g. a total rate of zero, an I/O failure): exit code 1.
class RuntimeError : public Error {
 public:
  using Error::Error;
};

/// A broken invariant of the code itself (a bug, never bad input): exit code 1 with the message.
class InvariantError : public Error {
 public:
  using Error::Error;
};

/// Throws InputError(message) unless condition holds; for validate() methods of parameter structs.
void require(bool condition, const std::string& message);

}  // namespace surfkmc
