// RDFC-1.0's final sort (jsonld/rdfc10.cpp, Lines::sorted_unique) sorts runs of lines that share
// their subject, then the runs: its output must be what sorting whole lines gives. Checked
// against std::sort of the N-Quads lines on datasets made to break that shortcut: subjects
// that are prefixes of one another, a subject met again after others, in another graph, written
// from two different strings, repeated quads, and shuffled random datasets.
#include <gtest/gtest.h>

#include <algorithm>
#include <deque>
#include <random>
#include <string>
#include <vector>

#include "jsonld/rdfc10.hpp"

namespace credgate {
namespace {

using jsonld::QuadRef;
using jsonld::Term;
using jsonld::TermRef;

// The strings the refs point to; a deque so that they stay where they are.
class Strings {
 public:
  std::string_view keep(std::string s) { return strings_.emplace_back(std::move(s)); }

 private:
  std::deque<std::string> strings_;
};

TermRef iri(std::string_view v) {
  return {Term::Kind::Iri, v, {}, {}};
}
TermRef literal(std::string_view v, std::string_view language = {}) {
  return {Term::Kind::Literal, v,
          language.empty() ? "http://www.w3.org/2001/XMLSchema#string"
                           : "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString",
          language};
}

// What the output must be: every quad's line, sorted, each once.
std::string sorted_lines(const jsonld::DatasetRef& quads) {
  std::vector<std::string> lines;
  for (const QuadRef& q : quads) {
    std::string line;
    jsonld::append_nquad(line, q);
    lines.push_back(line);
  }
  std::sort(lines.begin(), lines.end());
  lines.erase(std::unique(lines.begin(), lines.end()), lines.end());
  std::string out;
  for (const auto& l : lines) out += l;
  return out;
}

TEST(RdfcOrder, SubjectRunsSortAsWholeLines) {
  Strings s;
  // The same subject text from two strings (no shared address), prefixes of each other, and
  // subjects whose order differs from their text's once '>' closes them ("a" < "a/b" but
  // "<a/b>" < "<a>").
  std::string_view a = s.keep("http://ex/a"), a_again = s.keep("http://ex/a"),
                   ab = s.keep("http://ex/a/b"), ahash = s.keep("http://ex/a#x"),
                   urn = s.keep("urn:x:1"), p = s.keep("http://ex/p"), q = s.keep("http://ex/q"),
                   g = s.keep("http://ex/g");
  TermRef none{};
  jsonld::DatasetRef quads = {
      {iri(a), iri(q), literal("2"), none},
      {iri(a), iri(p), literal("1"), none},
      {iri(a), iri(p), literal("1"), none},  // repeated next to itself
      {iri(ab), iri(p), literal("x"), none},
      {iri(urn), iri(p), iri(a), none},
      {iri(a), iri(p), literal("0"), none},          // `a` again, after other subjects
      {iri(a_again), iri(p), literal("1"), none},    // the same quad from other strings
      {iri(a_again), iri(p), literal("1"), iri(g)},  // and in a named graph
      {iri(ahash), iri(p), literal("y", "en"), none},
      {iri(ahash), iri(p), literal("y", "en-us"), none},
      {iri(ahash), iri(p), literal("y"), none},
      {iri(ab), iri(p), literal("x"), none},  // repeated after others
  };
  jsonld::Canonicalized c = jsonld::canonicalize_refs(quads);
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c.nquads, sorted_lines(quads));
  // The shape of what it checks: "<http://ex/a#x>" < "<http://ex/a/b>" < "<http://ex/a>".
  EXPECT_LT(c.nquads.find("<http://ex/a#x>"), c.nquads.find("<http://ex/a/b>"));
  EXPECT_LT(c.nquads.find("<http://ex/a/b>"), c.nquads.find("<http://ex/a> "));
}

TEST(RdfcOrder, ShuffledRandomDatasetsSortAsWholeLines) {
  Strings s;
  std::mt19937 random(20261207);
  const char* subjects[] = {"http://ex/s",  "http://ex/s/", "http://ex/s/t",
                            "http://ex/s#", "urn:s",        "http://ex/S"};
  const char* predicates[] = {"http://ex/p", "http://ex/p2",
                              "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"};
  const char* objects[] = {"http://ex/s", "a", "a\"b", "a\nb", "", "http://ex/o"};
  const char* graphs[] = {"", "http://ex/g", "http://ex/g/"};
  for (int round = 0; round < 50; ++round) {
    jsonld::DatasetRef quads;
    for (int i = 0; i < 60; ++i) {
      auto pick = [&](const auto& pool) {
        return pool[random() % (sizeof(pool) / sizeof(pool[0]))];
      };
      // Half the time a fresh copy of the string: equal text at another address.
      auto text = [&](const char* v) -> std::string_view {
        return random() % 2 ? s.keep(v) : std::string_view(v);
      };
      QuadRef quad;
      quad.subject = iri(text(pick(subjects)));
      quad.predicate = iri(text(pick(predicates)));
      const char* o = pick(objects);
      quad.object = std::string_view(o).starts_with("http") ? iri(text(o)) : literal(text(o));
      const char* graph = pick(graphs);
      quad.graph = *graph ? iri(text(graph)) : TermRef{};
      // Runs: repeat the last subject's address now and then.
      if (!quads.empty() && random() % 3 == 0) quad.subject = quads.back().subject;
      quads.push_back(quad);
    }
    jsonld::Canonicalized c = jsonld::canonicalize_refs(quads);
    ASSERT_TRUE(c.ok());
    ASSERT_EQ(c.nquads, sorted_lines(quads)) << "round " << round;
  }
}

}  // namespace
}  // namespace credgate
