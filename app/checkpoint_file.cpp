// SPDX-License-Identifier: MIT
// The checkpoint file envelope.
#include "app/checkpoint_file.hpp"

#include <fmt/format.h>

#include <fstream>
#include <sstream>
#include <string_view>

#include "app/atomic_file.hpp"
#include "app/source_file.hpp"
#include "core/binary_reader.hpp"
#include "core/binary_writer.hpp"
#include "core/error.hpp"
#include "core/version.hpp"

namespace surfkmc::app {
namespace {

/// Largest checkpoint accepted [bytes]: the state of a wire of millions of sites is far smaller.
constexpr std::size_t kMaxCheckpointBytes = std::size_t{4} << 30;

}  // namespace

namespace {

constexpr std::string_view kMagic = "SURFKMCK";

// FNV-1a, 64 bit: catches a damaged file (disk, copy) before its state is believed.
std::uint64_t checksum(std::string_view bytes) {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  for (const char c : bytes) {
    h ^= static_cast<unsigned char>(c);
    h *= 0x100000001b3ULL;
  }
  return h;
}

std::string kindName(CheckpointKind kind) { return kind == CheckpointKind::kKmc ? "KMC-only run" : "coupled replica"; }

}  // namespace

void writeCheckpoint(const std::filesystem::path& file, const CheckpointHeader& header, const std::string& state) {
  BinaryWriter w;
  w.write(kCheckpointVersion);
  w.write(header.kind);
  w.writeString(header.scenario_hash);
  w.write(header.point);
  w.write(header.replica);
  w.write(header.wall_time_s);
  w.writeString(std::string(kVersion) + " " + kGitHash);
  w.writeString(state);
  w.write(checksum(state));
  AtomicFile out(file);
  out.stream() << kMagic << w.bytes();
  out.commit();
}

std::optional<std::string> readCheckpoint(const std::filesystem::path& file, const CheckpointHeader& expected,
                                          double& wall_time_s) {
  std::error_code ec;
  if (!std::filesystem::exists(std::filesystem::symlink_status(file, ec))) return std::nullopt;
  // A regular file of bounded size only: a FIFO would block, /dev/zero would never end.
  const std::string bytes = SourceFile::read(file, kMaxCheckpointBytes).text();
  const auto bad = [&](const std::string& what) -> InputError {
    return InputError(file.string() + ": " + what + "; delete it to start that run afresh");
  };
  if (!std::string_view(bytes).starts_with(kMagic)) throw bad("not a surfkmc checkpoint");
  try {
    BinaryReader r(std::string_view(bytes).substr(kMagic.size()));
    const auto version = r.read<std::uint32_t>();
    if (version != kCheckpointVersion)
      throw bad(fmt::format("checkpoint format version {}, this build reads {}", version, kCheckpointVersion));
    const auto kind = r.read<CheckpointKind>();
    const std::string hash = r.readString();
    const auto point = r.read<std::uint64_t>();
    const auto replica = r.read<std::uint64_t>();
    wall_time_s = r.read<double>();
    const std::string build = r.readString();
    std::string state = r.readString();
    const auto sum = r.read<std::uint64_t>();
    r.expectEnd();
    if (sum != checksum(state)) throw bad("checkpoint is damaged (checksum mismatch)");
    // Another build may pick events differently (e.g. an optimised selector), so its state would
    // not continue this build's trajectory.
    const std::string this_build = std::string(kVersion) + " " + kGitHash;
    if (build != this_build)
      throw bad("checkpoint written by surfkmc " + build + ", this is " + this_build +
                "; finish the run with that build");
    if (hash != expected.scenario_hash)
      throw bad(
          fmt::format("checkpoint of another version of the scenario (hash {}, now {}); resume only an unchanged "
                      "scenario",
                      hash, expected.scenario_hash));
    if (kind != expected.kind) throw bad("checkpoint of a " + kindName(kind) + ", not of a " + kindName(expected.kind));
    if (point != expected.point || replica != expected.replica)
      throw bad(fmt::format("checkpoint of point {} replica {}, expected point {} replica {}", point, replica,
                            expected.point, expected.replica));
    return state;
  } catch (const InputError& e) {
    const std::string what = e.what();
    if (what.starts_with(file.string())) throw;
    throw bad(what);
  }
}

}  // namespace surfkmc::app
