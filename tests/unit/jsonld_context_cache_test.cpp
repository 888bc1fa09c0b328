// The process-wide cache of processed contexts (jsonld/context.hpp): a context is shared
// between calls only when everything it depends on is the same: the bytes behind each
// remote context (by the loader's fingerprint), the processing mode, the base IRI, safe mode.
// Also: the JSON-text entry points (canonize_text, to_rdf_text) agree with the JSON ones.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <sstream>
#include <thread>

#include "jsonld/canonize.hpp"
#include "jsonld/expand.hpp"
#include "jsonld/json_text.hpp"
#include "jsonld/loaders.hpp"
#include "jsonld/nquads.hpp"

namespace credgate {
namespace {

using json = nlohmann::json;

// Serves fixed documents by URL; with `fingerprints`, names each by its JSON text (so the
// processor may cache what it loads), and counts the loads.
class FingerprintLoader : public jsonld::DocumentLoader {
 public:
  explicit FingerprintLoader(bool fingerprints) : fingerprints_(fingerprints) {}
  std::map<std::string, json> documents;
  int loads = 0;

  jsonld::LoadResult load(const std::string& url) override {
    ++loads;
    jsonld::LoadResult out;
    auto it = documents.find(url);
    if (it == documents.end()) {
      out.diagnostics.push_back(make_error("jsonld.loading-document-failed", "io", url));
      return out;
    }
    out.document = jsonld::RemoteDocument{url, "", "application/ld+json", it->second};
    return out;
  }
  jsonld::LoadFingerprint fingerprint(const std::string& url) override {
    if (!fingerprints_) return {};
    auto it = documents.find(url);
    if (it == documents.end()) return {jsonld::LoadFingerprint::Kind::fails, {}};
    return {jsonld::LoadFingerprint::Kind::known, url + " " + it->second.dump()};
  }

 private:
  bool fingerprints_;
};

const std::string kUrl = "https://example.org/cache-test/context.jsonld";

json context_mapping_name_to(const std::string& iri) {
  return json{{"@context", {{"@version", 1.1}, {"name", iri}}}};
}

std::string expanded_name_iri(const json& expanded) {
  if (!expanded.is_array() || expanded.empty() || !expanded[0].is_object()) return "";
  for (const auto& [key, value] : expanded[0].items())
    if (key != "@id") return key;
  return "";
}

const json kDoc = json{{"@context", kUrl}, {"@id", "https://example.org/a"}, {"name", "A"}};

TEST(JsonLdContextCache, DifferentBytesBehindTheSameUrlAreNotShared) {
  FingerprintLoader a(true), b(true);
  a.documents[kUrl] = context_mapping_name_to("https://a.example/name");
  b.documents[kUrl] = context_mapping_name_to("https://b.example/name");
  jsonld::JsonLdOptions options;
  for (int round = 0; round < 2; ++round) {
    options.loader = &a;
    auto ra = jsonld::expand(kDoc, options);
    options.loader = &b;
    auto rb = jsonld::expand(kDoc, options);
    ASSERT_TRUE(ra.ok() && rb.ok());
    EXPECT_EQ(expanded_name_iri(ra.expanded), "https://a.example/name");
    EXPECT_EQ(expanded_name_iri(rb.expanded), "https://b.example/name");
  }
  // Same loader, bytes changed between calls: the fingerprint changes, so does the result.
  a.documents[kUrl] = context_mapping_name_to("https://a2.example/name");
  options.loader = &a;
  EXPECT_EQ(expanded_name_iri(jsonld::expand(kDoc, options).expanded), "https://a2.example/name");
}

TEST(JsonLdContextCache, AFingerprintedContextIsLoadedOnceAcrossCalls) {
  FingerprintLoader loader(true);
  loader.documents[kUrl] = context_mapping_name_to("https://once.example/name");
  jsonld::JsonLdOptions options;
  options.loader = &loader;
  for (int i = 0; i < 5; ++i)
    EXPECT_EQ(expanded_name_iri(jsonld::expand(kDoc, options).expanded),
              "https://once.example/name");
  EXPECT_LE(loader.loads, 1);
}

TEST(JsonLdContextCache, LoadersWithoutFingerprintsAreNeverCached) {
  FingerprintLoader loader(false);
  jsonld::JsonLdOptions options;
  options.loader = &loader;
  loader.documents[kUrl] = context_mapping_name_to("https://first.example/name");
  EXPECT_EQ(expanded_name_iri(jsonld::expand(kDoc, options).expanded),
            "https://first.example/name");
  loader.documents[kUrl] = context_mapping_name_to("https://second.example/name");
  EXPECT_EQ(expanded_name_iri(jsonld::expand(kDoc, options).expanded),
            "https://second.example/name");
  EXPECT_EQ(loader.loads, 2);
}

TEST(JsonLdContextCache, ProcessingModeIsPartOfTheKey) {
  FingerprintLoader loader(true);
  loader.documents[kUrl] = context_mapping_name_to("https://mode.example/name");
  jsonld::JsonLdOptions options;
  options.loader = &loader;
  ASSERT_TRUE(jsonld::expand(kDoc, options).ok());  // cached in json-ld-1.1 mode
  options.processing_mode = "json-ld-1.0";          // @version 1.1 conflicts with 1.0
  auto r = jsonld::expand(kDoc, options);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.diagnostics.front().code, "jsonld.processing-mode-conflict");
}

TEST(JsonLdContextCache, BaseIriIsPartOfTheKey) {
  // A relative @vocab resolves against the document's base: the same context text gives
  // different term IRIs under different bases.
  json doc = json::parse(
      R"({"@context": {"@vocab": "terms/"}, "@id": "https://x.example/a", "name": "A"})");
  jsonld::JsonLdOptions options;
  options.base = "https://one.example/";
  EXPECT_EQ(expanded_name_iri(jsonld::expand(doc, options).expanded),
            "https://one.example/terms/name");
  options.base = "https://two.example/";
  EXPECT_EQ(expanded_name_iri(jsonld::expand(doc, options).expanded),
            "https://two.example/terms/name");
}

TEST(JsonLdContextCache, SafeModeFindingsOfACachedContextAreReportedEveryTime) {
  json doc =
      json::parse(R"({"@context": {"@language": "not a tag!", "name": "https://s.example/name"},
                             "@id": "https://s.example/a", "name": "A"})");
  jsonld::JsonLdOptions options;
  options.safe = true;
  for (int i = 0; i < 3; ++i) {
    auto r = jsonld::expand(doc, options);
    bool found = false;
    for (const auto& d : r.diagnostics) found = found || d.code == "jsonld.safe-mode-dropped";
    EXPECT_TRUE(found) << "call " << i;
  }
  options.safe = false;  // the same context without safe mode reports nothing
  EXPECT_TRUE(jsonld::expand(doc, options).diagnostics.empty());
}

TEST(JsonLdContextCache, BundledLoaderFingerprintsOnlyWhatItServes) {
  jsonld::BundledLoader bundled;
  auto known = bundled.fingerprint("https://www.w3.org/2018/credentials/v1");
  EXPECT_EQ(known.kind, jsonld::LoadFingerprint::Kind::known);
  EXPECT_NE(known.identity.find("sha256:"), std::string::npos);
  EXPECT_EQ(bundled.fingerprint("https://example.org/not-bundled").kind,
            jsonld::LoadFingerprint::Kind::fails);
  jsonld::ChainLoader chain;
  chain.add(std::make_unique<FingerprintLoader>(false));  // cannot tell: the chain cannot either
  chain.add(std::make_unique<jsonld::BundledLoader>());
  EXPECT_EQ(chain.fingerprint("https://www.w3.org/2018/credentials/v1").kind,
            jsonld::LoadFingerprint::Kind::unknown);
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string canonical_via_json(const std::string& text, jsonld::DocumentLoader& loader) {
  jsonld::JsonLdOptions options;
  options.loader = &loader;
  auto rdf = jsonld::to_rdf(json::parse(text), options);
  if (!rdf.ok()) return "to_rdf failed";
  return jsonld::canonicalize(rdf.dataset).nquads;
}

TEST(JsonLdContextCache, ThreadsShareContextsAndGetTheSameCanonicalForm) {
  const std::string text = read_file(std::string(CREDGATE_SOURCE_DIR) +
                                     "/tests/data/edc/Sample-CertOfPart-unsigned.jsonld");
  jsonld::BundledLoader loader;
  const std::string expected = canonical_via_json(text, loader);
  ASSERT_GT(expected.size(), 1000u);
  std::vector<std::thread> threads;
  std::vector<int> mismatches(4, 0);
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&, t] {
      jsonld::BundledLoader own;
      jsonld::JsonLdOptions options;
      options.loader = &own;
      for (int i = 0; i < 10; ++i)
        if (jsonld::canonize_text(text, options).nquads != expected) ++mismatches[t];
    });
  for (auto& th : threads) th.join();
  for (int t = 0; t < 4; ++t) EXPECT_EQ(mismatches[t], 0) << "thread " << t;
}

TEST(JsonLdText, SyntaxErrorsAreDiagnostics) {
  jsonld::JsonLdOptions options;
  auto r = jsonld::canonize_text(R"({"@id": "https://x.example/a", )", options);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.diagnostics.front().code, "json.syntax");
}

TEST(JsonLdText, DeepNestingIsAnErrorNotACrash) {
  std::string deep = std::string(100000, '[') + std::string(100000, ']');
  auto parsed = jsonld::parse_json_text(deep);
  EXPECT_FALSE(parsed.ok());
  jsonld::JsonLdOptions options;
  auto r = jsonld::canonize_text(deep, options);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.diagnostics.front().code, "json.syntax");
  std::string fine = std::string(100, '[') + std::string(100, ']');
  EXPECT_TRUE(jsonld::parse_json_text(fine).ok());
}

TEST(JsonLdText, ParsesAsNlohmannDoes) {
  for (const char* text :
       {R"({"a": -0, "b": -0.0, "c": 1.0, "d": 18446744073709551615, "e": -5, "f": 1e400})",
        R"({"k": 1, "k": 2, "big": 123456789012345678901234567890, "s": "\u00e9\n"})",
        R"([true, false, null, "x", [], {}])"}) {
    auto fast = jsonld::parse_json_text(text);
    json slow = json::parse(text, nullptr, false);
    if (slow.is_discarded()) {
      EXPECT_FALSE(fast.ok()) << text;
      continue;
    }
    ASSERT_TRUE(fast.ok()) << text << ": " << fast.error;
    EXPECT_EQ(fast.value, slow) << text;
    EXPECT_EQ(fast.value.dump(), slow.dump()) << text;
  }
}

// A term's scoped context keys the shared cache by its JSON text, remembered per JSON value
// (context.cpp, context_text): documents whose scoped contexts differ only in one IRI, each
// time in a newly parsed document and more of them than the memo keeps, must never share a
// result.
TEST(JsonLdContextCache, ScopedContextsThatDifferAreNeverConfused) {
  auto document = [](int i) {
    std::string n = std::to_string(i % 7);
    return R"({"@context": {"@version": 1.1, "T": {"@id": "https://t.example/T", "@context":
               {"name": "https://v.example/name)" +
           n + R"("}}}, "@id": "urn:x:a", "@type": "T", "name": "x"})";
  };
  for (int i = 0; i < 300; ++i) {
    jsonld::JsonLdOptions options;
    auto c = jsonld::canonize_text(document(i), options);
    ASSERT_TRUE(c.ok()) << i;
    std::string expected = "<https://v.example/name" + std::to_string(i % 7) + ">";
    EXPECT_NE(c.nquads.find("<urn:x:a> " + expected + " \"x\" ."), std::string::npos)
        << i << ": " << c.nquads;
  }
}

// Map keys' IRIs are remembered per context across documents (expander.cpp, key_iris_memo):
// documents whose own contexts map the same key to different IRIs, more of them than the memo
// keeps, each expanded and canonicalized in turn, never see another document's IRI.
TEST(JsonLdContextCache, KeyIrisOfOneDocumentNeverServeAnother) {
  for (int i = 0; i < 240; ++i) {
    std::string n = std::to_string(i % 80);  // 80 contexts: the memo is cleared in between
    std::string text = R"({"@context": {"name": "https://v.example/name)" + n +
                       R"("}, "@id": "urn:x:a", "name": "x"})";
    jsonld::JsonLdOptions options;
    auto c = jsonld::canonize_text(text, options);
    ASSERT_TRUE(c.ok()) << i;
    EXPECT_EQ(c.nquads, "<urn:x:a> <https://v.example/name" + n + "> \"x\" .\n") << i;
    auto e = jsonld::expand(json::parse(text), options);
    ASSERT_TRUE(e.ok()) << i;
    EXPECT_TRUE(e.expanded[0].contains("https://v.example/name" + n)) << e.expanded.dump();
  }
}

// Whether an IRI can be an RDF term (rdf_converter.cpp, is_resource; it was remembered per
// thread across documents, with a bound this test went beyond): over many documents and
// distinct IRIs (20 000), a well-formed IRI always gives its triple and an ill-formed one
// never does.
TEST(JsonLdToRdfResources, IllFormedIrisAreDroppedInEveryDocument) {
  for (int doc = 0; doc < 20; ++doc) {
    std::string text = R"({"@id": "urn:x:s)" + std::to_string(doc) + R"(")";
    for (int p = 0; p < 1000; ++p)
      text +=
          R"(, "https://p.example/)" + std::to_string(doc) + "/" + std::to_string(p) + R"(": "v")";
    text += R"(, "https://p.example/bad iri": "v", "https://p.example/ok": {"@id": "urn:x:a b"}})";
    jsonld::JsonLdOptions options;
    auto c = jsonld::canonize_text(text, options);
    ASSERT_TRUE(c.ok()) << doc;
    EXPECT_EQ(std::count(c.nquads.begin(), c.nquads.end(), '\n'), 1000) << doc;
    EXPECT_EQ(c.nquads.find("bad iri"), std::string::npos);
    EXPECT_EQ(c.nquads.find("a b"), std::string::npos);
  }
}

TEST(JsonLdText, FindsEveryNumberThatMayBeNegativeZero) {
  for (const char* text : {"-0", " -0.0", "[-0]", "[1,-0e3]", "{\"a\":-0}", "{\"a\" :\n\t -0}",
                           "[1, \r\n-0]", "\"a, -0\"", "\"x:-0\""})
    EXPECT_TRUE(jsonld::may_hold_negative_zero(text)) << text;
  for (const char* text : {"", "0", "-1", "[-10]", "{\"d\":\"2023-05-01\"}", "{\"id\":\"urn:x-0\"}",
                           "{\"a\":\"b-0\"}", "[1e-0]", "[0-0]"})
    EXPECT_FALSE(jsonld::may_hold_negative_zero(text)) << text;
}

// canonize_text() (simdjson's DOM) and canonize() (a parsed document, Data Integrity's path)
// give what to_rdf() and canonicalize() give, on the credentials the project carries.
TEST(JsonLdText, CanonizeTextMatchesTheJsonPath) {
  jsonld::BundledLoader loader;
  for (const char* name :
       {"edc/Sample-MC-Annex1-unsigned.jsonld", "edc/Sample-CertOfPart-unsigned.jsonld",
        "edc/rdf-credential-sample.jsonld", "edc/rdf-credential-sample-v3.1.jsonld",
        "edc/rdf-credential-sample-v3.2-lts.jsonld", "ob3/achievementAlignmentCase.json",
        "ob3/basicOpenBadgeCredential.json", "ob3/endorsement.json"}) {
    const std::string text = read_file(std::string(CREDGATE_SOURCE_DIR) + "/tests/data/" + name);
    const std::string expected = canonical_via_json(text, loader);
    ASSERT_GT(expected.size(), 100u) << name << ": " << expected;
    jsonld::JsonLdOptions options;
    options.loader = &loader;
    auto from_text = jsonld::canonize_text(text, options);
    ASSERT_TRUE(from_text.ok()) << name;
    EXPECT_EQ(from_text.nquads, expected) << name;
    auto from_json = jsonld::canonize(json::parse(text), options);
    ASSERT_TRUE(from_json.ok()) << name;
    EXPECT_EQ(from_json.nquads, expected) << name;
  }
}

// canonize_text() expands simdjson's DOM: a repeated key keeps its last value and members are
// taken in key order, as nlohmann's objects give them, for small maps (sorted inline), maps
// of 9 to 16 members and larger ones (sorted on the heap); a number form simdjson and
// nlohmann read differently (-0) and numbers beyond 64 bits go the nlohmann way.
TEST(JsonLdText, DomInputReadsAsNlohmannDoes) {
  auto properties = [](int n) {
    std::string out;
    for (int i = n - 1; i >= 0; --i)
      out += ", \"p" + std::to_string(i) + "\": \"v" + std::to_string(i) + "\"";
    return out;
  };
  const std::string vocab = R"({"@context": {"@vocab": "https://v.example/"}, "@id": "urn:x:a")";
  for (const std::string& text :
       {vocab + R"(, "name": "first", "name": "second", "@type": "T", "@type": "U"})",
        vocab + properties(12) + R"(, "p3": "last"})", vocab + properties(40) + R"(, "p3": "z"})",
        vocab + R"(, "n": -0, "m": 1.5, "k": 123456789012345678901234567890})",
        // -0 wherever a number can stand, beside strings and dates that hold "-0".
        // (as an xsd:double, where the sign would show in the literal).
        vocab + R"(, "n":[1,{"@value":-0,"@type":"http://www.w3.org/2001/XMLSchema#double"}]})",
        vocab + R"(, "d": "2023-05-01", "n": {"@type": "http://www.w3.org/2001/XMLSchema#double",
            "@value" :
            -0.0}})",
        vocab + R"(, "j": {"@type": "@json", "@value": [)" + "\t" + R"(-0]}, "s": "a, -0"})",
        vocab + R"(, "d": "2023-05-01", "s": "x:-0"})",
        vocab +
            R"(, "l": {"@list": [3, 1, 2]}, "x": {"b": 1, "a": 2, "b": 3, "@id": "urn:x:b"}})"}) {
    jsonld::JsonLdOptions options;
    auto c = jsonld::canonize_text(text, options);
    jsonld::JsonLdOptions json_options;
    auto rdf = jsonld::to_rdf(json::parse(text), json_options);
    ASSERT_EQ(c.ok(), rdf.ok()) << text;
    EXPECT_EQ(c.nquads, jsonld::canonicalize(rdf.dataset).nquads) << text;
    EXPECT_FALSE(c.nquads.empty()) << text;
  }
}

}  // namespace
}  // namespace credgate
