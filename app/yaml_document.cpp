// SPDX-License-Identifier: MIT
// Parsing one YAML input file with located syntax errors.
#include "app/yaml_document.hpp"

#include <yaml-cpp/anchor.h>
#include <yaml-cpp/eventhandler.h>

#include <sstream>
#include <utility>

#include "core/error.hpp"

namespace surfkmc::app {
namespace {

/// Records where a document's first node starts; builds nothing.
class FirstNodeMark : public YAML::EventHandler {
 public:
  bool seen = false;
  YAML::Mark mark;

  void OnDocumentStart(const YAML::Mark&) override {}
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark& m, YAML::anchor_t) override { note(m); }
  void OnAlias(const YAML::Mark& m, YAML::anchor_t) override { note(m); }
  void OnScalar(const YAML::Mark& m, const std::string&, YAML::anchor_t, const std::string&) override { note(m); }
  void OnSequenceStart(const YAML::Mark& m, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override {
    note(m);
  }
  void OnSequenceEnd() override {}
  void OnMapStart(const YAML::Mark& m, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override {
    note(m);
  }
  void OnMapEnd() override {}

 private:
  void note(const YAML::Mark& m) {
    if (!seen) mark = m;
    seen = true;
  }
};

}  // namespace

YamlDocument::YamlDocument(SourceFile file) : file_(std::move(file)) {
  auto located = [&](const YAML::Mark& m) {
    return m.is_null() ? file_.location(0, 0) : file_.location(m.line, m.column);
  };
  try {
    root_ = YAML::Load(file_.text());
    // Never YAML::LoadAll: in yaml-cpp 0.7 it loops forever, allocating, on input such as ","
    // (jbeder/yaml-cpp#1040, fixed upstream by #1319). Looking at two documents at most is bounded.
    std::istringstream in(file_.text());
    YAML::Parser parser(in);
    FirstNodeMark first, second;
    if (parser.HandleNextDocument(first) && parser.HandleNextDocument(second) && second.seen) {
      // The bug's symptom: the "next document" starts where the first did, on a token nobody consumed.
      if (first.seen && second.mark.pos == first.mark.pos)
        throw InputError(located(second.mark).message("", "YAML syntax error: unexpected character"));
      throw InputError(located(second.mark).message("", "several YAML documents ('---'); a file holds exactly one"));
    }
  } catch (const YAML::Exception& e) {
    // Includes yaml-cpp's nesting-depth guard, so "[[[[..." cannot overflow the stack.
    throw InputError(located(e.mark).message("", "YAML syntax error: " + printableText(e.msg, 120)));
  }
}

MapReader YamlDocument::root() const { return MapReader(file_, root_, "", YAML::Mark()); }

}  // namespace surfkmc::app
