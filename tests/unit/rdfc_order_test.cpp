// RDFC-1.0's final sort (jsonld/canonical_lines.cpp, CanonicalLines::sorted_unique) sorts runs of
// lines that share their subject, then the runs, and compares long literal values where they
// are (left out of the line buffer): its output must be what sorting whole lines gives. Checked
// against std::sort of the N-Quads lines on datasets made to break those shortcuts: subjects
// that are prefixes of one another, a subject met again after others, in another graph, written
// from two different strings, repeated quads, long values that are prefixes of one another or
// differ at their last byte or need an escape, and shuffled random datasets.
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

// One random round: canonicalized as sorting its whole lines would.
void expect_whole_line_order(const jsonld::DatasetRef& quads, int round) {
  jsonld::Canonicalized c = jsonld::canonicalize_refs(quads);
  ASSERT_TRUE(c.ok()) << "round " << round;
  EXPECT_EQ(c.nquads, sorted_lines(quads)) << "round " << round;
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
    expect_whole_line_order(quads, round);
  }
}

// Long literal values (left out of the line buffer from CanonicalLines::kLeaveOutFrom bytes on)
// ordered and deduplicated as whole lines: values that are prefixes of one another (the
// comparison goes on into the closing quote and what follows it), that differ only at their
// last byte, that are equal but stored apart, one byte under the threshold, or that need an
// escape (then written into the buffer), with and without a language tag, among short ones.
TEST(RdfcOrder, LongLiteralsSortAsWholeLines) {
  Strings s;
  std::mt19937 random(7);
  const std::string a300(300, 'a');
  const std::vector<std::string> values = {
      a300,       a300 + "b",  a300.substr(1) + "!",  a300 + "\n",
      a300 + " ", a300 + "\"", std::string(256, 'a'), std::string(255, 'a'),
      "a",        "",          a300 + "\xc3\xa9",     std::string(1000, 'z')};
  const char* subjects[] = {"http://ex/s", "http://ex/s/", "urn:s"};
  const char* predicates[] = {"http://ex/p", "http://ex/p2"};
  const char* languages[] = {"", "", "en", "en-us"};
  const char* graphs[] = {"", "http://ex/g"};
  for (int round = 0; round < 60; ++round) {
    jsonld::DatasetRef quads;
    for (int i = 0; i < 40; ++i) {
      auto pick = [&](const auto& pool, size_t n) { return pool[random() % n]; };
      QuadRef quad;
      quad.subject = iri(s.keep(pick(subjects, 3)));
      if (!quads.empty() && random() % 3 == 0) quad.subject = quads.back().subject;
      quad.predicate = iri(pick(predicates, 2));
      // A fresh copy now and then: equal values at other addresses.
      const std::string& value = values[random() % values.size()];
      quad.object =
          literal(random() % 2 ? s.keep(value) : std::string_view(value), pick(languages, 4));
      const char* graph = pick(graphs, 2);
      quad.graph = *graph ? iri(graph) : TermRef{};
      quads.push_back(quad);
    }
    expect_whole_line_order(quads, round);
  }
}

// With blank nodes, the relabelled lines take the same path: a long value stays whole and in
// place, the output is sorted and holds each quad once.
TEST(RdfcOrder, LongLiteralsOfBlankNodes) {
  Strings s;
  const std::string big(5000, 'x');
  const TermRef b1{Term::Kind::BlankNode, "b1", {}, {}}, b2{Term::Kind::BlankNode, "b2", {}, {}};
  jsonld::DatasetRef quads = {
      {b1, iri("http://ex/p"), literal(big), {}},
      {b2, iri("http://ex/p"), literal(s.keep(big + "y")), {}},
      {b1, iri("http://ex/p"), literal(s.keep(big)), {}},  // the same quad again
      {b1, iri("http://ex/q"), b2, {}},
  };
  jsonld::Canonicalized c = jsonld::canonicalize_refs(quads);
  ASSERT_TRUE(c.ok());
  std::vector<std::string> lines;
  for (size_t at = 0; at < c.nquads.size();) {
    const size_t end = c.nquads.find('\n', at);
    lines.push_back(c.nquads.substr(at, end + 1 - at));
    at = end + 1;
  }
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_TRUE(std::is_sorted(lines.begin(), lines.end()));
  // Which node is c14n0 is the hashes' choice: each value appears whole, once, after a label.
  auto count = [&](const std::string& tail) {
    return std::count_if(lines.begin(), lines.end(), [&](const std::string& l) {
      return l.starts_with("_:c14n") && l.ends_with(tail);
    });
  };
  EXPECT_EQ(count(" <http://ex/p> \"" + big + "\" .\n"), 1);
  EXPECT_EQ(count(" <http://ex/p> \"" + big + "y\" .\n"), 1);
  EXPECT_EQ(count(" .\n"), 3);
  EXPECT_NE(c.nquads.find(" <http://ex/q> _:c14n"), std::string::npos);
}

}  // namespace
}  // namespace credgate
