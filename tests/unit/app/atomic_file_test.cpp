// SPDX-License-Identifier: MIT
// Output files appear whole on commit and not at all otherwise.
#include "app/atomic_file.hpp"

#include <gtest/gtest.h>

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

}  // namespace
}  // namespace surfkmc::app
