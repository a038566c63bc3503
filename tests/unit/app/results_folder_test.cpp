// SPDX-License-Identifier: MIT
// Results folders: owned (manifest), refused when foreign or taken, moved aside with --force, locked.
#include "app/results_folder.hpp"

#include <unistd.h>

#include <gtest/gtest.h>

#include <fstream>
#include <functional>
#include <string>

#include "core/error.hpp"
#include "tests/unit/app/test_files.hpp"

namespace surfkmc::app {
namespace {

namespace fs = std::filesystem;

std::string messageOf(const std::function<void()>& f) {
  try {
    f();
  } catch (const InputError& e) {
    return e.what();
  }
  return "(no InputError)";
}

TEST(ResultsFolder, CreatesANewFolderAndUsesAnEmptyOne) {
  const test::TempDir dir;
  const ResultsFolder a = ResultsFolder::open(dir.path() / "new" / "deeper", "run.json", FolderUse::kFresh, false);
  EXPECT_TRUE(fs::is_directory(dir.path() / "new" / "deeper"));
  EXPECT_FALSE(a.hadManifest());
  fs::create_directories(dir.path() / "empty");
  EXPECT_NO_THROW(ResultsFolder::open(dir.path() / "empty", "run.json", FolderUse::kFresh, false, "{}\n"));
  EXPECT_TRUE(fs::is_regular_file(dir.path() / "empty" / "run.json")) << "the manifest marks the folder as ours";
  // A shard starting a folder writes the manifest too; the next one joins it.
  EXPECT_FALSE(ResultsFolder::open(dir.path() / "array", "sweep.json", FolderUse::kShard, false, "{}\n").hadManifest());
  EXPECT_TRUE(ResultsFolder::open(dir.path() / "array", "sweep.json", FolderUse::kShard, false, "{}\n").hadManifest());
}

TEST(ResultsFolder, RefusesAForeignFolderWithOrWithoutForceAndTouchesNothing) {
  const test::TempDir dir;
  const fs::path mine = dir.path() / "thesis";
  fs::create_directories(mine / "checkpoints");
  std::ofstream(mine / "checkpoints" / "chapter1.tex") << "precious";
  for (const bool force : {false, true}) {
    const std::string m = messageOf([&] { ResultsFolder::open(mine, "run.json", FolderUse::kFresh, force); });
    EXPECT_NE(m.find("not empty and not the results folder"), std::string::npos) << m;
    EXPECT_NE(messageOf([&] { ResultsFolder::open(mine, "sweep.json", FolderUse::kShard, force); }), "(no InputError)");
  }
  std::ifstream in(mine / "checkpoints" / "chapter1.tex");
  std::string text;
  in >> text;
  EXPECT_EQ(text, "precious");
  EXPECT_FALSE(fs::exists(dir.path() / "thesis.old-1"));
}

TEST(ResultsFolder, RefusesEarlierResultsUnlessForcedAndThenMovesThemAside) {
  const test::TempDir dir;
  const fs::path out = dir.path() / "res";
  fs::create_directories(out / "points");
  std::ofstream(out / "sweep.json") << "{}";
  std::ofstream(out / "points" / "p00000_r0000.json") << "{}";
  const std::string m = messageOf([&] { ResultsFolder::open(out, "sweep.json", FolderUse::kFresh, false); });
  EXPECT_NE(m.find("--resume"), std::string::npos) << m;
  EXPECT_NE(m.find("--force"), std::string::npos) << m;
  EXPECT_TRUE(fs::exists(out / "points" / "p00000_r0000.json"));

  const ResultsFolder f = ResultsFolder::open(out, "sweep.json", FolderUse::kFresh, true);
  EXPECT_EQ(f.movedAside(), dir.path() / "res.old-1");
  EXPECT_TRUE(fs::exists(dir.path() / "res.old-1" / "points" / "p00000_r0000.json")) << "moved, not deleted";
  EXPECT_FALSE(fs::exists(out / "sweep.json"));
  EXPECT_TRUE(fs::is_directory(out));
}

TEST(ResultsFolder, ResumeNeedsTheManifestAndShardsJoinIt) {
  const test::TempDir dir;
  const fs::path out = dir.path() / "res";
  fs::create_directories(out);
  EXPECT_NE(
      messageOf([&] { ResultsFolder::open(out, "run.json", FolderUse::kResume, false); }).find("nothing to resume"),
      std::string::npos);
  EXPECT_NE(messageOf([&] { ResultsFolder::open(dir.path() / "no", "run.json", FolderUse::kResume, false); }),
            "(no InputError)");
  std::ofstream(out / "sweep.json") << "{}";
  EXPECT_TRUE(ResultsFolder::open(out, "sweep.json", FolderUse::kResume, false).hadManifest());
  EXPECT_TRUE(ResultsFolder::open(out, "sweep.json", FolderUse::kShard, false).hadManifest());
  // A run's folder is not a sweep's.
  EXPECT_NE(messageOf([&] { ResultsFolder::open(out, "run.json", FolderUse::kResume, false); }), "(no InputError)");
}

TEST(ResultsFolder, RejectsDotNames) {
  const test::TempDir dir;
  for (const std::string name : {".", "..", ".hidden", "./", "../"}) {
    const std::string m =
        messageOf([&] { ResultsFolder::open(dir.path() / name, "run.json", FolderUse::kFresh, false); });
    EXPECT_NE(m.find("bad results folder name"), std::string::npos) << name << ": " << m;
  }
  EXPECT_FALSE(fs::exists(dir.path() / ".hidden"));
}

TEST(ResultsFolder, ASecondWriterIsRefusedWithTheHoldersPid) {
  const test::TempDir dir;
  const fs::path out = dir.path() / "res";
  {
    const ResultsFolder first = ResultsFolder::open(out, "run.json", FolderUse::kFresh, false);
    const std::string m = messageOf([&] { ResultsFolder::open(out, "run.json", FolderUse::kFresh, false); });
    EXPECT_NE(m.find("in use by another surfkmc process (PID " + std::to_string(::getpid()) + ")"), std::string::npos)
        << m;
    std::ofstream(out / "run.json") << "{}";
    EXPECT_NE(messageOf([&] { ResultsFolder::open(out, "run.json", FolderUse::kResume, false); }).find("PID"),
              std::string::npos);
    EXPECT_NE(messageOf([&] { ResultsFolder::open(out, "run.json", FolderUse::kFresh, true); }).find("PID"),
              std::string::npos)
        << "--force does not move a folder in use";
  }
  // Released with the object.
  EXPECT_NO_THROW(ResultsFolder::open(out, "run.json", FolderUse::kResume, false));
}

TEST(ResultsFolder, ShardsShareTheLockAndExcludeOtherWriters) {
  const test::TempDir dir;
  const fs::path out = dir.path() / "res";
  const ResultsFolder a = ResultsFolder::open(out, "sweep.json", FolderUse::kShard, false, "{}\n");
  const ResultsFolder b = ResultsFolder::open(out, "sweep.json", FolderUse::kShard, false, "{}\n");
  EXPECT_FALSE(a.hadManifest());
  EXPECT_TRUE(b.hadManifest()) << "the second shard joins the folder the first set up";
  EXPECT_NE(messageOf([&] { ResultsFolder::open(out, "sweep.json", FolderUse::kFresh, true); }).find("PID"),
            std::string::npos);
  EXPECT_NE(messageOf([&] { ResultsFolder::open(out, "sweep.json", FolderUse::kResume, false); }).find("PID"),
            std::string::npos);
}

}  // namespace
}  // namespace surfkmc::app
