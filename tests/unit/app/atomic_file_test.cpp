// SPDX-License-Identifier: MIT
// Output files appear whole on commit and not at all otherwise.
#include "app/atomic_file.hpp"

#include <gtest/gtest.h>

#include <cerrno>
#include <fstream>
#include <sstream>

#include "core/error.hpp"
#include "tests/unit/app/test_files.hpp"

namespace surfkmc::app {
namespace {

std::size_t filesIn(const std::filesystem::path& dir) {
  return static_cast<std::size_t>(std::distance(std::filesystem::directory_iterator(dir), {}));
}

TEST(AtomicFile, AppearsOnlyOnCommit) {
  test::TempDir dir;
  const auto target = dir.path() / "out.txt";
  {
    AtomicFile f(target);
    f.stream() << "hello\n";
    EXPECT_FALSE(std::filesystem::exists(target));
    f.commit();
  }
  std::ifstream in(target);
  std::stringstream s;
  s << in.rdbuf();
  EXPECT_EQ(s.str(), "hello\n");
  EXPECT_EQ(filesIn(dir.path()), 1u);  // no temporary left behind
}

TEST(AtomicFile, LeavesNothingWithoutCommitAndKeepsTheOldFile) {
  test::TempDir dir;
  const auto target = dir.write("out.txt", "old\n");
  try {
    AtomicFile f(target);
    f.stream() << "half";
    throw RuntimeError("failure while writing");
  } catch (const RuntimeError&) {
  }
  std::ifstream in(target);
  std::string line;
  std::getline(in, line);
  EXPECT_EQ(line, "old");
  EXPECT_EQ(filesIn(dir.path()), 1u);
}

TEST(AtomicFile, WritesAWholeFileInOneCall) {
  test::TempDir dir;
  writeFileAtomically(dir.path() / "a.txt", "abc");
  std::ifstream in(dir.path() / "a.txt");
  std::string text;
  std::getline(in, text);
  EXPECT_EQ(text, "abc");
  EXPECT_EQ(filesIn(dir.path()), 1u);
}

TEST(AtomicFile, MissingFolderIsAnInputError) {
  test::TempDir dir;
  EXPECT_THROW(AtomicFile(dir.path() / "no" / "out.txt"), InputError);
  EXPECT_THROW(AtomicFile{dir.path()}, InputError);
}

// Issue 20: a file or symlink planted where a temporary is created makes the create fail; it is
// never followed, and the name of a temporary cannot be guessed in advance.
TEST(AtomicFile, TemporariesAreCreatedExclusivelyNeverThroughALinkAndUnpredictably) {
  test::TempDir dir;
  const auto victim = dir.write("victim.txt", "keep");
  std::filesystem::create_symlink(victim, dir.path() / "planted");
  EXPECT_LT(createExclusive(dir.path() / "planted"), 0);
  EXPECT_EQ(errno, EEXIST);
  EXPECT_LT(createExclusive(victim), 0);
  std::ifstream in(victim);
  std::string text;
  std::getline(in, text);
  EXPECT_EQ(text, "keep");
  const std::string a = unpredictableName(), b = unpredictableName();
  EXPECT_EQ(a.size(), 16u);
  EXPECT_NE(a, b);
}

TEST(AtomicFile, ACharacterDeviceIsWrittenInPlaceOnlyIfTheUserNamedIt) {
  AtomicFile file(std::filesystem::path("/dev/null"), TargetKind::kUserNamed);
  file.stream() << "discarded";
  EXPECT_NO_THROW(file.commit());
  EXPECT_TRUE(std::filesystem::is_character_file("/dev/null"));
  EXPECT_THROW(AtomicFile(std::filesystem::path("/dev/null")), InputError);
}

// A symlink planted where surfkmc writes one of its own files is replaced, never followed.
TEST(AtomicFile, AnOwnedTargetsSymlinkIsReplacedNotFollowed) {
  test::TempDir dir;
  const auto victim = dir.write("victim.txt", "keep");
  std::filesystem::create_symlink(victim, dir.path() / "points.csv");
  writeFileAtomically(dir.path() / "points.csv", "results\n");
  EXPECT_FALSE(std::filesystem::is_symlink(dir.path() / "points.csv"));
  std::ifstream in(victim);
  std::string text;
  std::getline(in, text);
  EXPECT_EQ(text, "keep");
}

}  // namespace
}  // namespace surfkmc::app
