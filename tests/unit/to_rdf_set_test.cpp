// toRdf as a set (jsonld/to_rdf_set.cpp, what canonicalization uses) against toRdf over the
// node map (to_rdf.cpp, the spec's algorithm): after RDFC-1.0 both must give the same canonical
// N-Quads, and the same errors. On documents where the node map merges what the walk writes
// again (nodes met twice, with the same contents or not, and repeats that make fresh blank
// nodes: nodes without @id, lists), and on random expanded documents, also with the
// rdfDirection options (compound literals go through the node map).
#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <string>

#include "jsonld/rdfc10.hpp"
#include "jsonld/to_rdf_ref.hpp"

namespace credgate {
namespace {

using json = nlohmann::json;

struct Both {
  bool ok_map = false, ok_set = false;
  std::string error_map, error_set;  // first error codes
  std::string canonical_map, canonical_set;
  size_t quads_map = 0, quads_set = 0;
};

Both convert_both(const json& expanded, const jsonld::JsonLdOptions& options = {}) {
  const jsonld::ExpandedJson tree(expanded);
  Both b;
  jsonld::ToRdfRefs map = jsonld::expanded_to_rdf_refs(tree, options);
  jsonld::ToRdfRefs set = jsonld::expanded_to_rdf_set(tree, options);
  b.ok_map = map.ok();
  b.ok_set = set.ok();
  if (!map.ok()) b.error_map = map.diagnostics.front().code;
  if (!set.ok()) b.error_set = set.diagnostics.front().code;
  b.quads_map = map.dataset.size();
  b.quads_set = set.dataset.size();
  if (map.ok()) b.canonical_map = jsonld::canonicalize_refs(map.dataset).nquads;
  if (set.ok()) b.canonical_set = jsonld::canonicalize_refs(set.dataset).nquads;
  return b;
}

void expect_same(const json& expanded, const jsonld::JsonLdOptions& options = {}) {
  SCOPED_TRACE(expanded.dump());
  const Both b = convert_both(expanded, options);
  ASSERT_EQ(b.ok_set, b.ok_map);
  EXPECT_EQ(b.error_set, b.error_map);
  EXPECT_EQ(b.canonical_set, b.canonical_map);
}

json value(const std::string& s) {
  return {{"@value", s}};
}

// An organisation as EDC credentials repeat it: the same node, inline, wherever it is named.
json organisation() {
  return json::parse(R"({"@id": "urn:org", "@type": ["urn:Org"],
    "urn:name": [{"@value": "Uni", "@language": "en"}, {"@value": "Uni", "@language": "fr"}],
    "urn:country": [{"@id": "urn:IRL", "urn:label": [{"@value": "Ireland"}]}]})");
}

TEST(ToRdfSet, RepeatedNodes) {
  json doc = json::array({{{"@id", "urn:a"}, {"urn:by", json::array({organisation()})}},
                          {{"@id", "urn:b"}, {"urn:by", json::array({organisation()})}},
                          organisation()});
  expect_same(doc);
  const Both b = convert_both(doc);
  EXPECT_GT(b.quads_set, b.quads_map);  // repeats written again, and dropped by RDFC-1.0
}

// The repeats that are new blank nodes every time: each copy must stay in the dataset.
TEST(ToRdfSet, RepeatsWithFreshBlankNodesAreKept) {
  json anonymous = json::parse(R"({"@id": "urn:n", "urn:p": [{"urn:q": [{"@value": "x"}]}]})");
  json list = json::parse(R"({"@id": "urn:n", "urn:p": [{"@list": [{"@value": "x"}]}]})");
  json nested_list = json::parse(
      R"({"@id": "urn:n", "urn:p": [{"@id": "urn:m", "urn:q": [{"@list": [{"@value": 1}]}]}]})");
  json direction =
      json::parse(R"({"@id": "urn:n", "urn:p": [{"@value": "x", "@direction": "rtl"}]})");
  jsonld::JsonLdOptions compound;
  compound.rdf_direction = "compound-literal";
  for (const json& node : {anonymous, list, nested_list, direction}) {
    json doc = json::array({node, node, {{"@id", "urn:s"}, {"urn:r", json::array({node})}}});
    expect_same(doc);
    expect_same(doc, compound);
    const Both b = convert_both(doc, compound);
    EXPECT_GT(b.quads_set, 0u);
  }
  // Two anonymous copies: two blank nodes, two triples to them and two about them.
  const Both b = convert_both(json::array({anonymous, anonymous}));
  EXPECT_EQ(std::count(b.canonical_set.begin(), b.canonical_set.end(), '\n'), 4);
  // A list met twice: two lists of one cell each (3 triples per copy).
  const Both l = convert_both(json::array({list, list}));
  EXPECT_EQ(std::count(l.canonical_set.begin(), l.canonical_set.end(), '\n'), 6);
}

// The same id with other contents, in another graph, or through @reverse: walked again.
TEST(ToRdfSet, SameIdOtherContentsGraphsAndReverse) {
  json a = json::parse(R"({"@id": "urn:n", "urn:p": [{"@value": "a"}]})");
  json b = json::parse(R"({"@id": "urn:n", "urn:p": [{"@value": "b"}]})");
  expect_same(json::array({a, b, a}));
  json graphs = json::array({{{"@id", "urn:g1"}, {"@graph", json::array({a})}},
                             {{"@id", "urn:g2"}, {"@graph", json::array({a})}},
                             {{"@id", "_:g"}, {"@graph", json::array({a, a})}},
                             a});
  expect_same(graphs);
  json reverse = json::array({{{"@id", "urn:s"}, {"@reverse", {{"urn:r", json::array({a})}}}},
                              {{"@id", "urn:t"}, {"@reverse", {{"urn:r", json::array({a})}}}},
                              a});
  expect_same(reverse);
}

// What the node map drops, the walk drops; what is nested in it is still converted.
TEST(ToRdfSet, NotResourcesDroppedNestedNodesKept) {
  expect_same(json::parse(R"([
    {"@id": "relative", "urn:p": [{"@id": "urn:n", "urn:q": [{"@value": "kept"}]}]},
    {"@id": null, "urn:p": [{"@id": "urn:m", "urn:q": [{"@value": "kept too"}]}]},
    {"@id": "relative-graph", "@graph": [{"@id": "urn:o", "urn:q": [{"@value": "dropped"}],
      "urn:r": [{"@id": "urn:named", "@graph": [{"@id": "urn:x", "urn:q": [{"@value": "in"}]}]}]}]},
    {"@id": "urn:s", "_:p": [{"@id": "urn:k", "urn:q": [{"@value": "under a blank property"}]}]},
    {"@value": "top-level value"},
    {"@list": [{"@id": "urn:in-list", "urn:q": [{"@value": "free list"}]}]},
    {"@id": "urn:s", "@included": [{"@id": "urn:i", "urn:q": [{"@value": "included"}]}],
     "urn:t": [{"@value": "x", "@type": "_:dt"}, {"@value": "y", "@type": "relative"}]}
  ])"));
}

TEST(ToRdfSet, ConflictingIndexesEvenInRepeats) {
  expect_same(json::parse(R"([{"@id": "urn:s", "@index": "a"}, {"@id": "urn:s", "@index": "b"}])"));
  const Both b = convert_both(json::parse(
      R"([{"@id": "urn:t", "urn:p": [{"@id": "urn:s", "@index": "a"}]},
          {"@id": "urn:u", "urn:p": [{"@id": "urn:s", "@index": "b"}]}])"));
  EXPECT_EQ(b.error_set, "jsonld.conflicting-indexes");
  EXPECT_EQ(b.error_map, "jsonld.conflicting-indexes");
  // One index per graph: the same node in two graphs may have two.
  expect_same(json::parse(R"([{"@id": "urn:s", "@index": "a"},
    {"@id": "urn:g", "@graph": [{"@id": "urn:s", "@index": "b", "urn:p": [{"@value": 1}]}]}])"));
}

TEST(ToRdfSet, BadRdfDirectionAndGeneralizedRdf) {
  jsonld::JsonLdOptions bad;
  bad.rdf_direction = "sideways";
  const Both b = convert_both(json::array({organisation()}), bad);
  EXPECT_EQ(b.error_set, "usage.invalid-option");
  jsonld::JsonLdOptions generalized;  // through the node map: blank predicates show their labels
  generalized.produce_generalized_rdf = true;
  expect_same(json::parse(R"([{"@id": "urn:s", "_:p": [{"@value": "x"}]}])"), generalized);
}

// Random expanded documents: a few ids, so that nodes meet again; copies of earlier nodes, so
// that whole subtrees repeat; anonymous nodes, lists, reverse properties, graphs and indexes.
class Generator {
 public:
  explicit Generator(unsigned seed) : random_(seed) {}

  json document() {
    json doc = json::array();
    const int n = 1 + pick(4);
    for (int i = 0; i < n; ++i) doc.push_back(node(3, true));
    return doc;
  }

 private:
  int pick(int n) { return std::uniform_int_distribution<int>(0, n - 1)(random_); }

  json node(int depth, bool top) {
    if (!made_.empty() && pick(3) == 0) return made_[pick(static_cast<int>(made_.size()))];
    json n = json::object();
    static const char* ids[] = {"urn:a", "urn:b", "urn:c", "_:x", "_:y", "relative"};
    if (pick(5) != 0) n["@id"] = ids[pick(6)];
    if (pick(2) == 0) n["@type"] = json::array({pick(2) == 0 ? "urn:T" : "_:t"});
    if (pick(8) == 0) n["@index"] = pick(2) == 0 ? "i" : "j";
    if (depth > 0) {
      static const char* properties[] = {"urn:p", "urn:q", "_:bp"};
      const int k = pick(3);
      for (int i = 0; i < k; ++i) {
        json values = json::array();
        const int m = 1 + pick(3);
        for (int j = 0; j < m; ++j) values.push_back(item(depth - 1));
        n[properties[pick(3)]] = values;
      }
      if (pick(6) == 0) {
        json target = node(depth - 1, false);
        if (!target.contains("@value")) n["@reverse"] = {{"urn:r", json::array({target})}};
      }
      if (top && n.contains("@id") && pick(4) == 0) n["@graph"] = json::array({node(1, false)});
    }
    made_.push_back(n);
    return n;
  }

  json item(int depth) {
    switch (pick(5)) {
      case 0:
        return value(pick(2) == 0 ? "v" : "w");
      case 1:
        return {{"@value", "t"}, {"@language", "en"}, {"@direction", "ltr"}};
      case 2: {
        json list = json::array();
        for (int i = pick(3); i > 0; --i)
          list.push_back(pick(2) == 0 ? value("l") : node(0, false));
        return {{"@list", list}};
      }
      default:
        return node(depth, false);
    }
  }

  std::mt19937 random_;
  std::vector<json> made_;
};

TEST(ToRdfSet, RandomDocumentsAgreeWithTheNodeMap) {
  jsonld::JsonLdOptions compound, i18n;
  compound.rdf_direction = "compound-literal";
  i18n.rdf_direction = "i18n-datatype";
  int conflicts = 0;
  for (unsigned seed = 1; seed <= 400; ++seed) {
    Generator generator(seed);
    const json doc = generator.document();
    SCOPED_TRACE(seed);
    expect_same(doc);
    expect_same(doc, compound);
    expect_same(doc, i18n);
    const Both b = convert_both(doc);
    if (!b.ok_map) ++conflicts;
  }
  EXPECT_GT(conflicts, 0);  // the generator reaches the error too
}

}  // namespace
}  // namespace credgate
