// The W3C JSON-LD 1.1 toRdf test suite (tests/w3c/json-ld-api, copied from w3c/json-ld-api
// with its licence), driven by its manifest: every entry is a test case. Skipped entries, with
// their reasons, are listed in tests/w3c/SKIPPED.md under "toRdf".
#include <gtest/gtest.h>

#include <cctype>
#include <set>

#include "jsonld/canonize.hpp"
#include "jsonld/nquads.hpp"
#include "jsonld/rdfc10.hpp"
#include "jsonld/to_rdf.hpp"
#include "support/suite_loader.hpp"
#include "support/test_support.hpp"

namespace credgate {
namespace {

using json = nlohmann::json;

std::string suite_dir() {
  return test::json_ld_api_suite_dir();
}

struct Entry {
  std::string id, type, name, input, expect, error_code;
  std::string base, expand_context, processing_mode, spec_version, rdf_direction;
  bool generalized = false;
};

void PrintTo(const Entry& e, std::ostream* os) {
  *os << e.id << " " << e.name;
}

std::vector<Entry> entries() {
  std::vector<Entry> out;
  json manifest = json::parse(test::read_file(suite_dir() + "toRdf-manifest.jsonld"));
  for (const auto& e : manifest["sequence"]) {
    const json& option = e.contains("option") ? e["option"] : json::object();
    Entry entry;
    entry.id = e["@id"].get<std::string>().substr(1);         // "#t0001" -> "t0001"
    entry.type = e["@type"][0].get<std::string>().substr(4);  // "jld:PositiveEvaluationTest"
    entry.name = e["name"];
    entry.input = e["input"];
    entry.expect = e.value("expect", "");
    entry.error_code = e.value("expectErrorCode", "");
    entry.base = option.value("base", "");
    entry.expand_context = option.value("expandContext", "");
    entry.processing_mode = option.value("processingMode", "");
    entry.spec_version = option.value("specVersion", "");
    entry.rdf_direction = option.value("rdfDirection", "");
    entry.generalized = option.value("produceGeneralizedRdf", false);
    // useJCS needs nothing: @json literals are always in their RFC 8785 form.
    out.push_back(std::move(entry));
  }
  return out;
}

// N-Quads cannot write blank node predicates, so in expected generalized RDF they are read as
// IRIs under this prefix and turned back into blank nodes.
constexpr std::string_view kBlankPredicate = "urn:x-tordf-blank-predicate:";

jsonld::Dataset read_expected(const std::string& path) {
  std::istringstream in(test::read_file(path));
  std::string text, line;
  while (std::getline(in, line)) {
    size_t subject_end = line.find(' ');
    size_t predicate = line.find_first_not_of(' ', subject_end);
    if (predicate != std::string::npos && line.compare(predicate, 2, "_:") == 0) {
      size_t predicate_end = line.find(' ', predicate);
      line = line.substr(0, predicate) + "<" + std::string(kBlankPredicate) +
             line.substr(predicate + 2, predicate_end - predicate - 2) + ">" +
             line.substr(predicate_end);
    }
    text += line + "\n";
  }
  jsonld::ParsedNQuads parsed = jsonld::parse_nquads(text);
  EXPECT_TRUE(parsed.ok()) << parsed.diagnostics.front().to_line();
  for (auto& q : parsed.quads)
    if (q.predicate.value.starts_with(kBlankPredicate))
      q.predicate = jsonld::blank(q.predicate.value.substr(kBlankPredicate.size()));
  return std::move(parsed.quads);
}

// Canonical N-Quads: equal for two datasets exactly when they are isomorphic. RDFC-1.0 only
// relabels blank nodes in subject, object and graph position, so a quad with a blank node
// predicate is first encoded as a fresh blank node q with q <s> S, q <p> P, q <o> O in the
// quad's graph; the encodings are isomorphic exactly when the datasets are. Language tags are
// compared in lowercase, as the suite's README asks (its results write them so).
std::string canonical(jsonld::Dataset dataset) {
  jsonld::Dataset encoded;
  std::set<std::string> generalized;  // each such quad once: datasets are sets
  for (auto& q : dataset) {
    for (char& c : q.object.language)
      c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (!q.predicate.is_blank()) {
      encoded.push_back(q);
      continue;
    }
    if (!generalized.insert(jsonld::to_nquad(q)).second) continue;
    jsonld::Term node = jsonld::blank("x-quad" + std::to_string(generalized.size()));
    encoded.push_back({node, jsonld::iri("urn:x-s"), q.subject, q.graph});
    encoded.push_back({node, jsonld::iri("urn:x-p"), q.predicate, q.graph});
    encoded.push_back({node, jsonld::iri("urn:x-o"), q.object, q.graph});
  }
  jsonld::Canonicalized c = jsonld::canonicalize(encoded);
  EXPECT_TRUE(c.ok()) << c.diagnostics.front().to_line();
  return c.nquads;
}

const Diagnostic* first_error(const Diagnostics& diagnostics) {
  for (const auto& d : diagnostics)
    if (d.severity == Severity::Error) return &d;
  return nullptr;
}

class JsonLdToRdf : public testing::TestWithParam<Entry> {};

TEST_P(JsonLdToRdf, Manifest) {
  const Entry& e = GetParam();
  if (e.spec_version == "json-ld-1.0") GTEST_SKIP() << "a JSON-LD 1.0 only test";
  test::SuiteLoader loader = test::json_ld_api_suite_loader();
  jsonld::JsonLdOptions options;
  options.base = e.base.empty() ? test::kJsonLdApiSuiteBase + e.input : e.base;
  if (!e.expand_context.empty())
    options.expand_context = test::kJsonLdApiSuiteBase + e.expand_context;
  if (!e.processing_mode.empty()) options.processing_mode = e.processing_mode;
  options.loader = &loader;
  options.rdf_direction = e.rdf_direction;
  options.produce_generalized_rdf = e.generalized;
  json input = json::parse(test::read_file(suite_dir() + e.input));

  jsonld::ToRdfResult result = jsonld::to_rdf(input, options);
  const Diagnostic* error = first_error(result.diagnostics);

  if (e.type == "NegativeEvaluationTest") {
    ASSERT_NE(error, nullptr) << "expected " << e.error_code;
    EXPECT_EQ(error->code, jsonld::jsonld_error_code(e.error_code)) << error->to_line();
    return;
  }
  ASSERT_EQ(error, nullptr) << error->to_line();
  if (e.type == "PositiveSyntaxTest") return;
  EXPECT_EQ(canonical(std::move(result.dataset)), canonical(read_expected(suite_dir() + e.expect)));
}

std::string entry_name(const testing::TestParamInfo<Entry>& info) {
  return info.param.id;
}

// The same entries through canonize_text() (JSON text in through simdjson, expansion and
// toRdf moving values instead of copying them, canonical N-Quads out) and through canonize()
// (a parsed document, Data Integrity's path): their canonical form must be the expected
// dataset's, and their errors the expected ones. Generalized RDF (blank
// node predicates, which RDFC-1.0 does not relabel) is left to the test above.
TEST_P(JsonLdToRdf, ManifestThroughCanonizeText) {
  const Entry& e = GetParam();
  if (e.spec_version == "json-ld-1.0") GTEST_SKIP() << "a JSON-LD 1.0 only test";
  if (e.generalized) GTEST_SKIP() << "generalized RDF: compared by the Manifest test";
  test::SuiteLoader loader = test::json_ld_api_suite_loader();
  jsonld::JsonLdOptions options;
  options.base = e.base.empty() ? test::kJsonLdApiSuiteBase + e.input : e.base;
  if (!e.expand_context.empty())
    options.expand_context = test::kJsonLdApiSuiteBase + e.expand_context;
  if (!e.processing_mode.empty()) options.processing_mode = e.processing_mode;
  options.loader = &loader;
  options.rdf_direction = e.rdf_direction;
  const std::string text = test::read_file(suite_dir() + e.input);
  // From the text (simdjson's DOM), and from a parsed document as Data Integrity calls it.
  for (const bool from_text : {true, false}) {
    SCOPED_TRACE(from_text ? "canonize_text" : "canonize");
    jsonld::Canonicalized result = from_text
                                       ? jsonld::canonize_text(text, options)
                                       : jsonld::canonize(nlohmann::json::parse(text), options);
    const Diagnostic* error = first_error(result.diagnostics);
    if (e.type == "NegativeEvaluationTest") {
      ASSERT_NE(error, nullptr) << "expected " << e.error_code;
      EXPECT_EQ(error->code, jsonld::jsonld_error_code(e.error_code)) << error->to_line();
      continue;
    }
    ASSERT_EQ(error, nullptr) << error->to_line();
    if (e.type == "PositiveSyntaxTest") continue;
    EXPECT_EQ(result.nquads, canonical(read_expected(suite_dir() + e.expect)));
  }
}

INSTANTIATE_TEST_SUITE_P(W3C, JsonLdToRdf, testing::ValuesIn(entries()), entry_name);

// The comparison itself: isomorphic datasets compare equal, also with blank node predicates.
TEST(JsonLdToRdfComparison, GeneralizedDatasetsUpToBlankNodeLabels) {
  using jsonld::blank;
  using jsonld::iri;
  using jsonld::literal;
  jsonld::Dataset a = {{iri("urn:s"), blank("p"), literal("x"), {}},
                       {iri("urn:s"), blank("q"), blank("p"), {}}};
  jsonld::Dataset b = {{iri("urn:s"), blank("b1"), blank("b0"), {}},
                       {iri("urn:s"), blank("b0"), literal("x"), {}}};
  jsonld::Dataset c = {{iri("urn:s"), blank("b0"), blank("b0"), {}},
                       {iri("urn:s"), blank("b1"), literal("x"), {}}};
  EXPECT_EQ(canonical(a), canonical(b));
  EXPECT_NE(canonical(a), canonical(c));
}

TEST(JsonLdToRdfComparison, SuiteLoaderReadsTheLocalCopyOnly) {
  test::SuiteLoader loader = test::json_ld_api_suite_loader();
  jsonld::LoadResult ok =
      loader.load(std::string(test::kJsonLdApiSuiteBase) + "toRdf/e077-context.jsonld");
  ASSERT_TRUE(ok.ok());
  EXPECT_TRUE(ok.document->document.contains("@context"));
  EXPECT_EQ(ok.document->document_url,
            std::string(test::kJsonLdApiSuiteBase) + "toRdf/e077-context.jsonld");
  for (const char* url :
       {"tag:non-dereferencable-iri", "https://w3c.github.io/json-ld-api/tests/missing.jsonld",
        "https://w3c.github.io/json-ld-api/tests/../README.md"}) {
    jsonld::LoadResult failed = loader.load(url);
    EXPECT_FALSE(failed.ok()) << url;
    ASSERT_FALSE(failed.diagnostics.empty());
    EXPECT_EQ(failed.diagnostics.front().code, "jsonld.loading-document-failed");
  }
}

}  // namespace
}  // namespace credgate
