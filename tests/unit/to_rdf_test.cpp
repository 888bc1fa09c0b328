// Deserialize JSON-LD to RDF on hand-made expanded documents (no expansion involved): literal
// forms, lists, @json, base directions, generalized RDF, graphs, and the node map under it.
#include <gtest/gtest.h>

#include <algorithm>

#include "jsonld/blank_node_issuer.hpp"
#include "jsonld/nquads.hpp"
#include "jsonld/rdf_lexical.hpp"
#include "jsonld/to_rdf.hpp"

namespace credgate {
namespace {

using json = nlohmann::json;

const std::string kXsd = "http://www.w3.org/2001/XMLSchema#";
const std::string kRdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";

// The dataset as sorted N-Quads lines: the labels are the ones toRdf issued (_:b0, ...).
std::string nquads(const json& expanded, const jsonld::JsonLdOptions& options = {}) {
  jsonld::ToRdfResult r = jsonld::expanded_to_rdf(expanded, options);
  EXPECT_TRUE(r.ok()) << r.diagnostics.front().to_line();
  std::vector<std::string> lines;
  for (const auto& q : r.dataset) lines.push_back(jsonld::to_nquad(q));
  std::sort(lines.begin(), lines.end());
  std::string out;
  for (const auto& l : lines) out += l;
  return out;
}

// The object of the one triple `{"@id": "urn:s", "urn:p": [value]}` gives.
std::string object_of(const json& value, const jsonld::JsonLdOptions& options = {}) {
  std::string line =
      nquads(json::array({{{"@id", "urn:s"}, {"urn:p", json::array({value})}}}), options);
  const std::string prefix = "<urn:s> <urn:p> ";
  if (line.rfind(prefix, 0) != 0 || line.find('\n') != line.size() - 1)
    return "unexpected: " + line;
  return line.substr(prefix.size(), line.size() - prefix.size() - 3);  // drop " .\n"
}

TEST(ToRdf, StringsAndLanguageTags) {
  EXPECT_EQ(object_of({{"@value", "plain"}}), "\"plain\"");
  EXPECT_EQ(object_of({{"@value", "hi"}, {"@language", "en-GB"}}), "\"hi\"@en-GB");
  EXPECT_EQ(object_of({{"@value", "x"}, {"@type", "urn:t"}}), "\"x\"^^<urn:t>");
  EXPECT_EQ(object_of({{"@value", "a\"b\n"}}), "\"a\\\"b\\n\"");
}

TEST(ToRdf, BooleansAndNumbers) {
  const std::string integer = "^^<" + kXsd + "integer>", dbl = "^^<" + kXsd + "double>";
  EXPECT_EQ(object_of({{"@value", true}}), "\"true\"^^<" + kXsd + "boolean>");
  EXPECT_EQ(object_of({{"@value", false}}), "\"false\"^^<" + kXsd + "boolean>");
  EXPECT_EQ(object_of({{"@value", 8}}), "\"8\"" + integer);
  EXPECT_EQ(object_of({{"@value", -12}}), "\"-12\"" + integer);
  EXPECT_EQ(object_of({{"@value", json::parse("18446744073709551615")}}),
            "\"18446744073709551615\"" + integer);
  // A float without fractional part below 1e21 is an integer (JSON has one number type).
  EXPECT_EQ(object_of({{"@value", json::parse("1.0")}}), "\"1\"" + integer);
  EXPECT_EQ(object_of({{"@value", json::parse("-0.0")}}), "\"0\"" + integer);
  EXPECT_EQ(object_of({{"@value", json::parse("1e20")}}), "\"100000000000000000000\"" + integer);
  EXPECT_EQ(object_of({{"@value", json::parse("1e21")}}), "\"1.0E21\"" + dbl);
  EXPECT_EQ(object_of({{"@value", 5.3}}), "\"5.3E0\"" + dbl);
  EXPECT_EQ(object_of({{"@value", -0.5}}), "\"-5.0E-1\"" + dbl);
  // The given datatype stays; xsd:double makes even an integer a double.
  EXPECT_EQ(object_of({{"@value", 1}, {"@type", kXsd + "double"}}), "\"1.0E0\"" + dbl);
  EXPECT_EQ(object_of({{"@value", 9.9}, {"@type", kXsd + "integer"}}), "\"9.9E0\"" + integer);
  EXPECT_EQ(object_of({{"@value", 7}, {"@type", "urn:t"}}), "\"7\"^^<urn:t>");
}

TEST(ToRdfLexical, DoubleCanonicalForm) {
  using jsonld::xsd_double_lexical;
  EXPECT_EQ(xsd_double_lexical(5.3), "5.3E0");
  EXPECT_EQ(xsd_double_lexical(1), "1.0E0");
  EXPECT_EQ(xsd_double_lexical(0.1), "1.0E-1");
  EXPECT_EQ(xsd_double_lexical(1.5e-7), "1.5E-7");
  EXPECT_EQ(xsd_double_lexical(-2.5), "-2.5E0");
  EXPECT_EQ(xsd_double_lexical(1e300), "1.0E300");
  EXPECT_EQ(xsd_double_lexical(0.0), "0.0E0");
  EXPECT_EQ(xsd_double_lexical(-0.0), "0.0E0");
  // 16 significant digits, not the shortest round trip: 0.1 + 0.2 loses its last digit.
  EXPECT_EQ(xsd_double_lexical(0.1 + 0.2), "3.0E-1");
  EXPECT_EQ(xsd_double_lexical(123456789012345678.0), "1.234567890123457E17");
  EXPECT_EQ(xsd_double_lexical(5e-324), "4.940656458412465E-324");
  EXPECT_EQ(xsd_double_lexical(1.7976931348623157e308), "1.797693134862316E308");
  EXPECT_EQ(xsd_double_lexical(std::numeric_limits<double>::infinity()), "INF");
  EXPECT_EQ(xsd_double_lexical(-std::numeric_limits<double>::infinity()), "-INF");
  EXPECT_EQ(xsd_double_lexical(std::numeric_limits<double>::quiet_NaN()), "NaN");
  // An exact tie at the 16th digit: C rounds to even; jsonld.js (toExponential) gives
  // "1.000000000000001E15". We follow the spec's "%1.15E".
  EXPECT_EQ(xsd_double_lexical(1000000000000000.5), "1.0E15");
}

TEST(ToRdfLexical, WellFormedness) {
  EXPECT_TRUE(jsonld::is_well_formed_iri("http://example.com/a"));
  EXPECT_TRUE(jsonld::is_well_formed_iri("urn:x"));
  EXPECT_TRUE(jsonld::is_well_formed_iri("http://example.com/\u00e9"));
  EXPECT_FALSE(jsonld::is_well_formed_iri("http://example.com/a b"));
  EXPECT_FALSE(jsonld::is_well_formed_iri("http://example.com/<a>"));
  EXPECT_FALSE(jsonld::is_well_formed_iri("relative/path"));
  EXPECT_FALSE(jsonld::is_well_formed_iri("1http:x"));
  EXPECT_FALSE(jsonld::is_well_formed_iri(":x"));
  EXPECT_FALSE(jsonld::is_well_formed_iri("http://example.com/a##b"));  // '#' in a fragment
  EXPECT_TRUE(jsonld::is_well_formed_iri("http://example.com/%C3%A9?q#f"));
  EXPECT_FALSE(jsonld::is_well_formed_iri("http://example.com/%zz"));
  EXPECT_FALSE(jsonld::is_well_formed_iri("http://example.com/%A"));
  EXPECT_TRUE(jsonld::is_well_formed_iri("http://[::1]:8080/x"));
  EXPECT_FALSE(jsonld::is_well_formed_iri("http://example.com/[x]"));
  EXPECT_TRUE(jsonld::is_well_formed_language("en"));
  EXPECT_TRUE(jsonld::is_well_formed_language("en-US"));
  EXPECT_TRUE(jsonld::is_well_formed_language("zh-Hant-TW"));
  EXPECT_TRUE(jsonld::is_well_formed_language("de-1996"));
  EXPECT_FALSE(jsonld::is_well_formed_language("a b"));
  EXPECT_FALSE(jsonld::is_well_formed_language(""));
  EXPECT_FALSE(jsonld::is_well_formed_language("en-"));
  EXPECT_FALSE(jsonld::is_well_formed_language("1en"));
  EXPECT_FALSE(jsonld::is_well_formed_language("toolongtag"));
}

TEST(ToRdf, JsonLiterals) {
  const std::string type = "^^<" + kRdf + "JSON>";
  json value = json::parse(R"({"b": [1.0, 2.50, "\u00e9"], "a": null, "c": 1e21})");
  EXPECT_EQ(object_of({{"@value", value}, {"@type", "@json"}}), R"("{\"a\":null,\"b\":[1,2.5,\")"
                                                                "\u00e9"
                                                                R"(\"],\"c\":1e+21}")" +
                                                                    type);
  EXPECT_EQ(object_of({{"@value", true}, {"@type", "@json"}}), "\"true\"" + type);
  EXPECT_EQ(object_of({{"@value", nullptr}, {"@type", "@json"}}), "\"null\"" + type);
  EXPECT_EQ(object_of({{"@value", json::array()}, {"@type", "@json"}}), "\"[]\"" + type);
  EXPECT_EQ(object_of({{"@value", "s"}, {"@type", "@json"}}), R"("\"s\"")" + type);
}

TEST(ToRdf, NotWellFormedTriplesAreDropped) {
  json doc = json::parse(R"([
    {"@id": "relative", "urn:p": [{"@value": "subject is relative"}]},
    {"@id": "http://example.com/a b", "urn:p": [{"@value": "subject has a space"}]},
    {"@id": "urn:s",
     "@type": ["urn:T", "relative-type", "http://in valid"],
     "relative-property": [{"@value": "x"}],
     "urn:p": [{"@id": "relative-object"},
               {"@value": "x", "@type": "relative-datatype"},
               {"@value": "x", "@language": "a b"},
               {"@value": "kept"}]}
  ])");
  EXPECT_EQ(nquads(doc),
            "<urn:s> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <urn:T> .\n"
            "<urn:s> <urn:p> \"kept\" .\n");
}

// Expansion leaves {"@id": null} for a keyword-like @id: no triple refers to that node, but
// the nodes in its properties are still converted.
TEST(ToRdf, NullIdIsDroppedNotReplaced) {
  json doc = json::parse(R"([{"@id": "urn:s", "urn:p": [
    {"@id": null, "urn:q": [{"@id": "urn:o", "urn:r": [{"@value": "v"}]}]}]}])");
  EXPECT_EQ(nquads(doc), "<urn:o> <urn:r> \"v\" .\n");
}

TEST(ToRdf, NamedGraphsAndBlankNodes) {
  json doc = json::parse(R"([
    {"@id": "urn:g", "@graph": [{"@id": "_:x", "urn:p": [{"@id": "_:y"}]}]},
    {"@id": "_:g", "@graph": [{"urn:p": [{"@value": "in a blank graph"}]}]},
    {"@id": "_:y", "urn:q": [{"@id": "_:x"}]}
  ])");
  // _:x and _:y keep one label each across graphs; the unnamed node gets a fresh one.
  EXPECT_EQ(nquads(doc),
            "_:b0 <urn:p> _:b1 <urn:g> .\n"
            "_:b1 <urn:q> _:b0 .\n"
            "_:b3 <urn:p> \"in a blank graph\" _:b2 .\n");
}

TEST(ToRdf, Lists) {
  json doc = json::parse(R"([{"@id": "urn:s",
    "urn:empty": [{"@list": []}],
    "urn:list": [{"@list": [{"@value": 1}, {"@id": "urn:o"}, {"@list": [{"@value": "inner"}]}]}]
  }])");
  const std::string first = "<" + kRdf + "first>", rest = "<" + kRdf + "rest>",
                    nil = "<" + kRdf + "nil>";
  EXPECT_EQ(nquads(doc), "<urn:s> <urn:empty> " + nil + " .\n" + "<urn:s> <urn:list> _:b0 .\n" +
                             "_:b0 " + first + " \"1\"^^<" + kXsd + "integer> .\n" + "_:b0 " +
                             rest + " _:b1 .\n" + "_:b1 " + first + " <urn:o> .\n" + "_:b1 " +
                             rest + " _:b2 .\n" + "_:b2 " + first + " _:b3 .\n" + "_:b2 " + rest +
                             " " + nil + " .\n" + "_:b3 " + first + " \"inner\" .\n" + "_:b3 " +
                             rest + " " + nil + " .\n");
}

TEST(ToRdf, ListsKeepDuplicatesPropertiesDoNot) {
  json doc = json::parse(R"([{"@id": "urn:s",
    "urn:p": [{"@value": "a"}, {"@value": "a"}],
    "urn:l": [{"@list": [{"@value": "a"}, {"@value": "a"}]}]}])");
  std::string out = nquads(doc);
  EXPECT_EQ(std::count(out.begin(), out.end(), '\n'), 6) << out;  // 1 + 1 + 2 x (first, rest)
}

TEST(ToRdf, Directions) {
  json value = {{"@value", "en-US"}, {"@language", "en-US"}, {"@direction", "rtl"}};
  EXPECT_EQ(object_of(value), "\"en-US\"@en-US");  // no rdfDirection: the direction is lost
  jsonld::JsonLdOptions i18n;
  i18n.rdf_direction = "i18n-datatype";
  EXPECT_EQ(object_of(value, i18n), "\"en-US\"^^<https://www.w3.org/ns/i18n#en-us_rtl>");
  EXPECT_EQ(object_of({{"@value", "x"}, {"@direction", "ltr"}}, i18n),
            "\"x\"^^<https://www.w3.org/ns/i18n#_ltr>");

  jsonld::JsonLdOptions compound;
  compound.rdf_direction = "compound-literal";
  json doc = json::array({{{"@id", "urn:s"}, {"urn:p", json::array({value})}}});
  EXPECT_EQ(nquads(doc, compound),
            "<urn:s> <urn:p> _:b0 .\n"
            "_:b0 <" +
                kRdf +
                "direction> \"rtl\" .\n"
                "_:b0 <" +
                kRdf +
                "language> \"en-us\" .\n"
                "_:b0 <" +
                kRdf + "value> \"en-US\" .\n");

  jsonld::JsonLdOptions bad;
  bad.rdf_direction = "sideways";
  jsonld::ToRdfResult r = jsonld::expanded_to_rdf(doc, bad);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.diagnostics.front().code, "usage.invalid-option");
}

TEST(ToRdf, GeneralizedRdf) {
  json doc =
      json::parse(R"([{"@id": "urn:s", "_:p": [{"@value": "x"}], "urn:q": [{"@value": "y"}]}])");
  EXPECT_EQ(nquads(doc), "<urn:s> <urn:q> \"y\" .\n");  // blank node predicates are not RDF
  jsonld::JsonLdOptions generalized;
  generalized.produce_generalized_rdf = true;
  jsonld::ToRdfResult r = jsonld::expanded_to_rdf(doc, generalized);
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r.dataset.size(), 2u);
  EXPECT_EQ(r.dataset[0].predicate, jsonld::blank("b0"));  // relabelled like any blank node
  EXPECT_EQ(r.dataset[0].object, jsonld::literal("x"));
}

TEST(ToRdf, ReverseAndIncluded) {
  json doc = json::parse(R"([{"@id": "urn:s",
    "@reverse": {"urn:parent": [{"@id": "urn:child"}]},
    "@included": [{"@id": "urn:other", "urn:p": [{"@value": "included"}]}]}])");
  EXPECT_EQ(nquads(doc),
            "<urn:child> <urn:parent> <urn:s> .\n"
            "<urn:other> <urn:p> \"included\" .\n");
}

TEST(ToRdf, ConflictingIndexes) {
  json doc = json::parse(R"([{"@id": "urn:s", "@index": "a"}, {"@id": "urn:s", "@index": "b"}])");
  jsonld::ToRdfResult r = jsonld::expanded_to_rdf(doc, {});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.diagnostics.front().code, "jsonld.conflicting-indexes");
  EXPECT_TRUE(r.dataset.empty());
}

// Node map generation (API section 7.2) through toRdf: two node objects with the same @id merge
// into one subject, duplicate values collapse, and blank nodes are relabelled in document order
// (the property's blank node first, then the blank node type).
TEST(ToRdf, NodeMapMergesNodesAndRelabelsBlankNodes) {
  json doc = json::parse(R"([
    {"@id": "urn:a", "@type": ["urn:T"], "urn:p": [{"@id": "_:x", "urn:q": [{"@value": 1}]}]},
    {"@id": "urn:a", "@type": ["urn:T", "_:t"], "urn:p": [{"@id": "_:x"}], "@index": "i"}
  ])");
  jsonld::ToRdfResult r = jsonld::expanded_to_rdf(doc, {});
  ASSERT_TRUE(r.ok());
  std::vector<std::string> lines;
  for (const auto& q : r.dataset) {
    std::string line;
    jsonld::append_nquad(line, q);
    lines.push_back(line);
  }
  std::sort(lines.begin(), lines.end());
  std::vector<std::string> expected = {
      "<urn:a> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <urn:T> .\n",
      "<urn:a> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> _:b1 .\n",
      "<urn:a> <urn:p> _:b0 .\n",
      "_:b0 <urn:q> \"1\"^^<http://www.w3.org/2001/XMLSchema#integer> .\n"};
  std::sort(expected.begin(), expected.end());
  EXPECT_EQ(lines, expected);
}

TEST(BlankNodeIssuer, SameOldIdentifierSameLabelFreshOnesNeverCollide) {
  jsonld::BlankNodeIssuer issuer;
  EXPECT_EQ(issuer.issue("_:x"), "_:b0");
  EXPECT_EQ(issuer.fresh(), "_:b1");
  EXPECT_EQ(issuer.issue("_:y"), "_:b2");
  EXPECT_EQ(issuer.issue("_:x"), "_:b0");
}

}  // namespace
}  // namespace credgate
