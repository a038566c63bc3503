// SPDX-License-Identifier: MIT
// The schema helper: typed getters, ranges, defaults, located errors, unknown keys, duplicates.
#include "app/map_reader.hpp"

#include <gtest/gtest.h>

#include "app/yaml_document.hpp"
#include "core/error.hpp"

namespace surfkmc::app {
namespace {

/// The InputError message of `f`, or "" if it throws none.
template <class F>
std::string errorOf(F&& f) {
  try {
    f();
  } catch (const InputError& e) {
    return e.what();
  }
  return {};
}

TEST(MapReader, ReadsTypedValuesAndDefaults) {
  const YamlDocument doc(
      SourceFile("t.yaml", "x: 2.5\nn: 1e6\nb: yes\ns: hello\nsub: {y: -1}\nbig: 18446744073709551615\n"));
  MapReader m = doc.root();
  EXPECT_DOUBLE_EQ(m.number("x", NumberRange::positive(10.0)), 2.5);
  EXPECT_EQ(m.integer("n", 1, 10'000'000), 1'000'000);  // 1e6 is an exact integer
  EXPECT_TRUE(m.boolean("b"));
  EXPECT_EQ(m.string("s"), "hello");
  EXPECT_EQ(m.unsignedInteger("big"), 18446744073709551615ULL);
  MapReader sub = m.map("sub");
  EXPECT_DOUBLE_EQ(sub.number("y", NumberRange::closed(-2.0, 0.0)), -1.0);
  EXPECT_DOUBLE_EQ(sub.numberOr("z", NumberRange::positive(), 7.0), 7.0);
  EXPECT_FALSE(sub.booleanOr("flag", false));
  EXPECT_EQ(sub.optionalString("name"), std::nullopt);
  EXPECT_FALSE(m.optionalMap("absent"));
  EXPECT_EQ(sub.keyPath("y"), "sub.y");
  EXPECT_NO_THROW(sub.finish());
  EXPECT_NO_THROW(m.finish());
}

TEST(MapReader, RangeErrorsNameFileLineColumnKeyValueAndRange) {
  const YamlDocument doc(SourceFile("dir/t.yaml", "a: 1\nsection:\n  temperature_K: -5\n"));
  MapReader m = doc.root();
  MapReader s = m.map("section");
  const std::string msg = errorOf([&] { s.number("temperature_K", NumberRange::positive(3000.0)); });
  EXPECT_NE(msg.find("dir/t.yaml:3:18: section.temperature_K: bad value '-5'; allowed: a finite number > 0 and ≤ 3000"),
            std::string::npos)
      << msg;
  EXPECT_NE(msg.find("3 |   temperature_K: -5"), std::string::npos) << msg;  // the offending line
}

TEST(MapReader, UnknownKeySuggestsTheClosestKnownKey) {
  const YamlDocument doc(SourceFile("t.yaml", "temperature: 300\n"));
  MapReader m = doc.root();
  EXPECT_FALSE(m.optionalNumber("temperature_K", NumberRange::positive()));
  const std::string msg = errorOf([&] { m.finish(); });
  EXPECT_NE(msg.find("t.yaml:1:1: temperature: unknown key 'temperature'; did you mean 'temperature_K'?"),
            std::string::npos)
      << msg;
}

TEST(MapReader, RejectsDuplicateKeys) {
  const YamlDocument doc(SourceFile("t.yaml", "a: 1\nb: 2\na: 3\n"));
  const std::string msg = errorOf([&] { doc.root(); });
  EXPECT_NE(msg.find("t.yaml:3:1: a: duplicate key (first on line 1)"), std::string::npos) << msg;
}

TEST(MapReader, RejectsWrongTypes) {
  const YamlDocument doc(SourceFile("t.yaml", "l: [1, 2]\nm: {a: 1}\ni: 2.5\nb: 3\nu: -1\n"));
  MapReader m = doc.root();
  EXPECT_NE(errorOf([&] { m.number("l", NumberRange::positive()); }).find("t.yaml:1:4: l: bad value (a list)"),
            std::string::npos);
  EXPECT_NE(errorOf([&] { m.string("m"); }).find("t.yaml:2:4: m: bad value (a map)"), std::string::npos);
  EXPECT_NE(errorOf([&] { m.integer("i", 0, 10); }).find("t.yaml:3:4: i: bad value '2.5'; allowed: an integer"),
            std::string::npos);
  EXPECT_NE(errorOf([&] { m.boolean("b"); }).find("t.yaml:4:4: b: bad value '3'; allowed: true or false"),
            std::string::npos);
  EXPECT_NE(errorOf([&] { m.unsignedInteger("u"); }).find("t.yaml:5:4: u: bad value '-1'"), std::string::npos);
  EXPECT_NE(errorOf([&] { m.choice("missing", {"x"}); }).find("t.yaml:1:1: missing: missing required key"),
            std::string::npos);
}

TEST(MapReader, LocatesErrorsOfPlainStructValidation) {
  const YamlDocument doc(SourceFile("t.yaml", "s:\n  v: 1\n"));
  MapReader m = doc.root();
  MapReader s = m.map("s");
  const std::string msg = errorOf([&] { s.locateErrors("v", [] { throw InputError("v must be even"); }); });
  EXPECT_NE(msg.find("t.yaml:2:6: s.v: v must be even"), std::string::npos) << msg;
}

TEST(NumberRange, ExcludesNonFiniteValuesAndDescribesItself) {
  const NumberRange r = NumberRange::positive(3000.0);
  EXPECT_TRUE(r.contains(3000.0));
  EXPECT_FALSE(r.contains(0.0));
  EXPECT_FALSE(r.contains(std::numeric_limits<double>::quiet_NaN()));
  EXPECT_FALSE(NumberRange{}.contains(std::numeric_limits<double>::infinity()));
  EXPECT_EQ(r.describe(), "a finite number > 0 and ≤ 3000");
  EXPECT_EQ(NumberRange{}.describe(), "a finite number");
}

TEST(SourceFile, HashesTheExactBytesAndQuotesLinesSafely) {
  EXPECT_EQ(SourceFile("a", "x: 1\n").hash(), SourceFile("b", "x: 1\n").hash());
  EXPECT_NE(SourceFile("a", "x: 1\n").hash(), SourceFile("a", "x: 1 \n").hash());
  EXPECT_EQ(SourceFile("a", "").hash(), "fnv1a64:cbf29ce484222325");  // FNV-1a offset basis
  const SourceFile f("a", std::string("ok\nbad\x01\xff line\r\n", 16));
  EXPECT_EQ(f.printableLine(2), "bad?? line");
  EXPECT_EQ(f.printableLine(9), "");
  EXPECT_EQ(printableText(std::string(500, 'x'), 10), "xxxxxxxxxx...");
  EXPECT_EQ(printableText("Å ok", 10), "Å ok");  // valid UTF-8 is kept
}

}  // namespace
}  // namespace surfkmc::app
