// Canonicalization expands a node object met again as a reference to the first one
// (jsonld/repeated_nodes.hpp) where that gives the same dataset. Checked against to_rdf() and
// canonicalize(), which expand every occurrence, on documents that repeat nodes where the
// shortcut must not apply: under another property (a scoped context), inside a named graph or
// a graph container, holding lists or nodes without @id, in another context, with a dropped
// term in safe mode; and on random documents built from such nodes.
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "jsonld/canonize.hpp"
#include "jsonld/context.hpp"
#include "jsonld/rdfc10.hpp"
#include "jsonld/repeated_nodes.hpp"
#include "jsonld/to_rdf.hpp"

namespace credgate {
namespace {

using json = nlohmann::json;

const json& context() {
  static const json c = json::parse(R"({
    "@vocab": "urn:v:", "id": "@id", "type": "@type",
    "list": {"@container": "@list"}, "graph": {"@container": "@graph"},
    "rev": {"@reverse": "urn:v:rev"}, "ref": {"@type": "@id"},
    "scoped": {"@id": "urn:v:scoped", "@context": {"name": "urn:v:scoped-name"}},
    "byId": {"@container": "@id"}, "byIndex": {"@container": "@index"},
    "byLang": {"@container": "@language"}, "nested": "@nest",
    "Typed": {"@id": "urn:v:Typed", "@context": {"name": "urn:v:typed-name"}},
    "Spread": {"@id": "urn:v:Spread",
               "@context": {"@propagate": true, "name": "urn:v:spread-name"}}})");
  return c;
}

// canonize_text() and canonize() against to_rdf() then canonicalize(); `safe` for safe mode.
void expect_same(const json& document, bool safe = false) {
  const std::string text = document.dump();
  SCOPED_TRACE(text);
  jsonld::JsonLdOptions options;
  options.safe = safe;
  jsonld::ToRdfResult rdf = jsonld::to_rdf(document, options);
  jsonld::Canonicalized from_text = jsonld::canonize_text(text, options);
  jsonld::Canonicalized from_json = jsonld::canonize(document, options);
  ASSERT_EQ(from_text.ok(), rdf.ok());
  ASSERT_EQ(from_json.ok(), rdf.ok());
  EXPECT_EQ(from_text.diagnostics.size(), rdf.diagnostics.size());
  if (!rdf.ok()) return;
  const std::string expected = jsonld::canonicalize(rdf.dataset).nquads;
  EXPECT_EQ(from_text.nquads, expected);
  EXPECT_EQ(from_json.nquads, expected);
}

json with_context(json graph) {
  return {{"@context", context()}, {"@graph", std::move(graph)}};
}
json doc(json top) {
  json d = std::move(top);
  d["@context"] = context();
  return d;
}

json org() {
  return json::parse(R"({"id": "urn:org", "type": "Org", "name": "Uni",
                         "country": {"id": "urn:IRL", "label": {"@value": "Ireland", "@language": "en"}}})");
}

TEST(RepeatedNodes, RepeatsGiveTheSameDataset) {
  expect_same(doc({{"id", "urn:c"},
                   {"by", {org(), org()}},
                   {"issuer", org()},
                   {"part", {{"id", "urn:p"}, {"by", org()}}}}));
}

TEST(RepeatedNodes, SameJsonUnderAnotherPropertyOrContext) {
  json n = json::parse(R"({"id": "urn:n", "name": "x"})");
  // "scoped" maps name elsewhere: the same JSON makes other triples there.
  expect_same(doc({{"id", "urn:s"}, {"p", n}, {"scoped", n}, {"q", n}}));
  json typed =
      json::parse(R"({"id": "urn:t", "type": "Typed", "p": {"id": "urn:n", "name": "x"}})");
  expect_same(doc({{"id", "urn:s"}, {"p", n}, {"q", typed}, {"r", n}}));
  // The same JSON under the same property, in another context: embedded, or a property's
  // scoped context that nested nodes inherit.
  json embedded = {{"@context", {{"name", "urn:v:other-name"}}}, {"id", "urn:m"}, {"p", n}};
  expect_same(doc({{"id", "urn:s"}, {"p", n}, {"q", embedded}}));
  expect_same(doc({{"id", "urn:s"}, {"p", n}, {"scoped", {{"id", "urn:m"}, {"p", n}}}}));
  // Under a typed node: its context ends at the nested node (the same expansion as outside),
  // unless it propagates.
  for (const char* type : {"Typed", "Spread"})
    expect_same(doc({{"id", "urn:s"},
                     {"p", n},
                     {"q", {{"id", "urn:t"}, {"type", type}, {"p", n}, {"name", "t"}}},
                     {"r", n}}));
  // The same JSON as a value of an index map and of a plain property.
  expect_same(doc({{"id", "urn:s"}, {"p", n}, {"byIndex", {{"k", n}}}}));
}

TEST(RepeatedNodes, GraphsKeepTheirOwnCopies) {
  json n = json::parse(R"({"id": "urn:n", "name": "x"})");
  expect_same(doc({{"id", "urn:s"}, {"graph", n}, {"p", n}}));
  expect_same(doc({{"id", "urn:s"}, {"p", n}, {"graph", n}}));
  expect_same(with_context({{{"id", "urn:g"}, {"@graph", {n}}}, n}));
  expect_same(with_context({n, {{"id", "urn:g"}, {"@graph", {n, n}}}}));
  expect_same(with_context({{{"id", "urn:s"}, {"byId", {{"urn:k", n}}}}, n}));
}

TEST(RepeatedNodes, RepeatsThatMakeBlankNodesAreExpandedAgain) {
  for (const char* node : {
           R"({"id": "urn:n", "p": {"name": "anonymous"}})",
           R"({"id": "urn:n", "list": ["a", "b"]})",
           R"({"id": "urn:n", "p": {"@list": [1]}})",
           R"({"id": "urn:n", "graph": {"id": "urn:m", "name": "in a graph"}})",
           R"({"id": "urn:n", "@graph": [{"id": "urn:m", "p": {"name": "anonymous"}}]})",
           R"({"id": "urn:n", "rev": {"id": "urn:m"}})",
           R"({"id": "urn:n", "@included": [{"id": "urn:i", "name": "i"}]})",
           R"({"id": "urn:n", "byIndex": {"k": {"name": "anonymous in an index map"}}})",
           R"({"id": "urn:n", "byLang": {"en": "x", "fr": "y"}, "nested": {"q": "nested"}})",
       }) {
    json n = json::parse(node);
    expect_same(doc({{"id", "urn:s"}, {"p", {n, n}}, {"q", n}}));
    expect_same(with_context({n, n}));
  }
}

TEST(RepeatedNodes, SafeModeReportsEveryOccurrence) {
  // "undefined-term" is dropped (no @vocab in this context): reported at each place.
  json c = json::parse(R"({"id": "@id", "p": "urn:p"})");
  json n = json::parse(R"({"id": "urn:n", "p": "x", "undefined-term": 1})");
  json d = {{"@context", c}, {"@id", "urn:s"}, {"p", {n, n}}};
  expect_same(d, true);
  expect_same(d, false);
}

// The memo itself: an entry is found for the same JSON in the same context only, and after
// kMaxMismatches comparisons that found other contents it stops comparing (and remembering).
TEST(RepeatedNodes, MemoStopsAfterMismatches) {
  const jsonld::ContextPtr context = jsonld::initial_context("https://x.example/");
  const jsonld::ContextPtr other = jsonld::initial_context("https://y.example/");
  const json first = json::parse(R"({"id": "urn:n", "v": 1})");
  const json same = json::parse(R"({"id": "urn:n", "v": 1})");
  const json different = json::parse(R"({"id": "urn:n", "v": 2})");
  jsonld::RepeatedNodes memo;
  // A key met for the first time: nothing found, and the slot to remember the node in.
  const jsonld::RepeatedNodes::Found new_key =
      memo.find(*context, nullptr, jsonld::InputValue(first), "urn:n");
  EXPECT_EQ(new_key.id, nullptr);
  ASSERT_NE(new_key.slot, nullptr);
  memo.remember(new_key.slot, context, *context, nullptr, jsonld::InputValue(first),
                jsonld::ExpandedJson::string_t("urn:n"));
  const auto* found = memo.find(*context, nullptr, jsonld::InputValue(same), "urn:n").id;
  ASSERT_NE(found, nullptr);
  EXPECT_EQ(*found, "urn:n");
  EXPECT_EQ(memo.find(*other, nullptr, jsonld::InputValue(same), "urn:n").id, nullptr);
  EXPECT_EQ(memo.find(*context, nullptr, jsonld::InputValue(same), "urn:m").id, nullptr);
  int mismatches = 0;
  while (memo.active() && mismatches < 100) {
    EXPECT_EQ(memo.find(*context, nullptr, jsonld::InputValue(different), "urn:n").id, nullptr);
    ++mismatches;
  }
  EXPECT_EQ(mismatches, 16);
  // Off: nothing is found, and there is no slot to remember in.
  const jsonld::RepeatedNodes::Found off =
      memo.find(*context, nullptr, jsonld::InputValue(same), "urn:n");
  EXPECT_EQ(off.id, nullptr);
  EXPECT_EQ(off.slot, nullptr);
}

// Many ids: the table grows (it starts with room for 128) and every slot keeps its entries,
// found again by its key after the growth; keys that differ in one byte stay apart.
TEST(RepeatedNodes, MemoKeepsEveryKeyAsItGrows) {
  const jsonld::ContextPtr context = jsonld::initial_context("https://x.example/");
  std::vector<json> nodes;
  std::vector<std::string> keys;
  nodes.reserve(1000);  // the memo keeps views of both
  keys.reserve(1000);
  for (int i = 0; i < 1000; ++i) {
    keys.push_back("urn:epass:node:" + std::to_string(i));
    nodes.push_back({{"id", keys.back()}, {"v", i}});
  }
  jsonld::RepeatedNodes memo;
  for (size_t i = 0; i < keys.size(); ++i) {
    const jsonld::RepeatedNodes::Found f =
        memo.find(*context, nullptr, jsonld::InputValue(nodes[i]), keys[i]);
    ASSERT_EQ(f.id, nullptr) << keys[i];
    memo.remember(f.slot, context, *context, nullptr, jsonld::InputValue(nodes[i]),
                  jsonld::ExpandedJson::string_t("id-" + std::to_string(i)));
  }
  for (size_t i = 0; i < keys.size(); ++i) {
    const auto* id = memo.find(*context, nullptr, jsonld::InputValue(nodes[i]), keys[i]).id;
    ASSERT_NE(id, nullptr) << keys[i];
    EXPECT_EQ(std::string_view(*id), "id-" + std::to_string(i));
  }
}

// Random documents from a few node shapes, repeated where they fit.
class Generator {
 public:
  explicit Generator(unsigned seed) : random_(seed) {}

  json document() {
    json top = json::array();
    for (int i = 1 + pick(3); i > 0; --i) top.push_back(node(3));
    return with_context(top);
  }

 private:
  int pick(int n) { return std::uniform_int_distribution<int>(0, n - 1)(random_); }

  json node(int depth) {
    if (!made_.empty() && pick(2) == 0) return made_[pick(static_cast<int>(made_.size()))];
    json n = json::object();
    static const char* ids[] = {"urn:a", "urn:b", "urn:c", "_:x"};
    if (pick(6) != 0) n["id"] = ids[pick(4)];
    if (pick(4) == 0) n["type"] = pick(2) == 0 ? "Typed" : "Plain";
    if (pick(2) == 0) n["name"] = pick(2) == 0 ? "x" : "y";
    if (depth > 0) {
      static const char* properties[] = {"p", "q", "scoped", "graph", "list", "rev", "byIndex"};
      for (int i = pick(3); i > 0; --i) {
        const char* property = properties[pick(7)];
        if (equals(property, "byIndex")) {
          n[property] = {{pick(2) == 0 ? "k" : "l", node(depth - 1)}};
        } else if (equals(property, "list")) {
          n[property] = {pick(2) == 0 ? json("v") : node(depth - 1)};
        } else {
          json v = node(depth - 1);
          if (equals(property, "rev") && !v.contains("id")) continue;
          n[property] = v;
        }
      }
      if (pick(8) == 0) n["@graph"] = {node(depth - 1)};
    }
    made_.push_back(n);
    return n;
  }
  static bool equals(const char* a, const char* b) { return std::string_view(a) == b; }

  std::mt19937 random_;
  std::vector<json> made_;
};

TEST(RepeatedNodes, RandomDocumentsAgreeWithToRdf) {
  for (unsigned seed = 1; seed <= 300; ++seed) {
    SCOPED_TRACE(seed);
    expect_same(Generator(seed).document());
  }
}

}  // namespace
}  // namespace credgate
