// expand() beyond the W3C suite: safe mode, diagnostics (codes and locations), and how
// remote contexts are loaded (through the loader, once per call, with a nesting limit).
#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "jsonld/context.hpp"
#include "jsonld/expand.hpp"
#include "jsonld/iri.hpp"

namespace credgate {
namespace {

using json = nlohmann::json;

// Serves fixed documents by URL and counts the loads.
class MapLoader : public jsonld::DocumentLoader {
 public:
  std::map<std::string, json> documents;
  std::map<std::string, int> loads;

  jsonld::LoadResult load(const std::string& url) override {
    ++loads[url];
    jsonld::LoadResult out;
    auto it = documents.find(url);
    if (it == documents.end()) {
      out.diagnostics.push_back(make_error("jsonld.loading-document-failed", "io", url));
      return out;
    }
    out.document = jsonld::RemoteDocument{url, "", "application/ld+json", it->second};
    return out;
  }
};

const json kDoc = json::parse(R"({
  "@context": {"@vocab": null, "name": "http://schema.org/name", "knows": {"@id": "http://schema.org/knows", "@type": "@id"}},
  "@id": "http://example.org/a",
  "name": "A",
  "nickname": "undefined term",
  "knows": "relative/b"
})");

bool has_code(const Diagnostics& ds, const std::string& code) {
  for (const auto& d : ds)
    if (d.code == code) return true;
  return false;
}

// expand_iri_view() answers as expand_iri() does, and views what it says: the value itself, a
// term definition of the context, or the scratch buffer when the IRI had to be built.
TEST(JsonLdExpand, IriViewsAgreeWithIriExpansionAndSayWhatTheyView) {
  jsonld::JsonLdOptions options;
  jsonld::ContextProcessor processor(options);
  const json local = json::parse(R"({
    "@vocab": "http://vocab.example/",
    "ex": "http://example.org/ns#",
    "name": "http://schema.org/name",
    "nothing": null,
    "kw": "@type"
  })");
  auto active = processor.process(jsonld::initial_context("http://base.example/dir/doc"),
                                  jsonld::borrowed(local), "http://base.example/dir/doc");
  struct Case {
    std::string value;
    bool document_relative, vocab;
    enum { kValue, kDefinition, kScratch, kNull } source;
  };
  const Case cases[] = {
      {"@id", false, true, Case::kValue},
      {"@ignoreme", false, true, Case::kNull},
      {"name", false, true, Case::kDefinition},
      {"kw", false, false, Case::kDefinition},
      {"nothing", false, true, Case::kNull},
      {"ex:thing", false, true, Case::kScratch},
      {"_:b0", false, true, Case::kValue},
      {"http://other.example/x", false, true, Case::kValue},
      {"plain", false, true, Case::kScratch},
      {"../up", true, false, Case::kScratch},
      {"relative", false, false, Case::kValue},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.value);
    std::string scratch = "left over from before";
    auto view = jsonld::expand_iri_view(*active, c.value, c.document_relative, c.vocab, scratch);
    auto owned = jsonld::expand_iri(*active, c.value, c.document_relative, c.vocab);
    ASSERT_EQ(view.has_value(), owned.has_value());
    if (c.source == Case::kNull) {
      EXPECT_FALSE(view.has_value());
      continue;
    }
    EXPECT_EQ(std::string(*view), *owned);
    const char* data = view->data();
    EXPECT_EQ(data == c.value.data(), c.source == Case::kValue);
    EXPECT_EQ(data == scratch.data(), c.source == Case::kScratch);
  }
  std::string scratch;
  EXPECT_EQ(*jsonld::expand_iri_view(*active, "ex:thing", false, true, scratch),
            "http://example.org/ns#thing");
  EXPECT_EQ(*jsonld::expand_iri_view(*active, "plain", false, true, scratch),
            "http://vocab.example/plain");
  EXPECT_EQ(*jsonld::expand_iri_view(*active, "../up", true, false, scratch),
            "http://base.example/up");
}

// is_keyword() decides by the letter after '@': exactly the 23 keywords of JSON-LD 1.1.
TEST(JsonLdExpand, KeywordsAreExactlyTheSpecs) {
  for (const char* k : {"@base",   "@container", "@context", "@direction", "@graph",     "@id",
                        "@import", "@included",  "@index",   "@json",      "@language",  "@list",
                        "@nest",   "@none",      "@prefix",  "@propagate", "@protected", "@reverse",
                        "@set",    "@type",      "@value",   "@version",   "@vocab"})
    EXPECT_TRUE(jsonld::is_keyword(k)) << k;
  for (const char* k : {"", "@", "@i", "@ids", "@Id", "id", "@bases", "@contexts", "@lis", "@nones",
                        "@prefixes", "@types", "@values", "@vocabs", "@x", "@default", "@foo"})
    EXPECT_FALSE(jsonld::is_keyword(k)) << k;
}

TEST(JsonLdExpand, SafeModeReportsEachDroppedTermAndKeepsGoing) {
  jsonld::JsonLdOptions options;
  options.safe = true;
  jsonld::ExpandResult r = jsonld::expand(kDoc, options);
  ASSERT_EQ(r.diagnostics.size(), 2u);
  EXPECT_EQ(r.diagnostics[0].code, "jsonld.safe-mode-dropped");
  EXPECT_NE(r.diagnostics[0].message.find("knows"), std::string::npos);  // relative, no base
  EXPECT_EQ(r.diagnostics[0].location, "/knows");
  EXPECT_NE(r.diagnostics[1].message.find("nickname"), std::string::npos);
  EXPECT_EQ(r.diagnostics[1].location, "/nickname");
  EXPECT_FALSE(r.ok());
  // The rest is expanded all the same: the caller decides.
  ASSERT_EQ(r.expanded.size(), 1u);
  EXPECT_EQ(r.expanded[0]["http://schema.org/name"][0]["@value"], "A");
}

TEST(JsonLdExpand, WithoutSafeModeTheSameDocumentExpandsQuietly) {
  jsonld::JsonLdOptions options;
  options.base = "http://example.org/doc";
  jsonld::ExpandResult r = jsonld::expand(kDoc, options);
  EXPECT_TRUE(r.ok());
  EXPECT_TRUE(r.diagnostics.empty());
  EXPECT_FALSE(r.expanded[0].contains("nickname"));
  EXPECT_EQ(r.expanded[0]["http://schema.org/knows"][0]["@id"], "http://example.org/relative/b");
}

TEST(JsonLdExpand, SafeModeFlagsKeywordLikeValuesAndFreeFloatingNodes) {
  jsonld::JsonLdOptions options;
  options.safe = true;
  json doc = json::parse(R"([
    {"@id": "http://example.org/only-id"},
    {"@id": "@reserved", "http://schema.org/name": {"@value": "x", "@language": "not a tag"}}
  ])");
  jsonld::ExpandResult r = jsonld::expand(doc, options);
  ASSERT_EQ(r.diagnostics.size(), 3u);
  EXPECT_EQ(r.diagnostics[0].location, "/0");
  EXPECT_EQ(r.diagnostics[1].location, "/1/@id");
  EXPECT_EQ(r.diagnostics[2].location, "/1/http:~1~1schema.org~1name/@language");
}

TEST(JsonLdExpand, ErrorsCarryTheSpecCodeAndWhereTheyHappened) {
  json doc = json::parse(R"({"http://schema.org/p": [{"@id": 5}]})");
  jsonld::ExpandResult r = jsonld::expand(doc, {});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.diagnostics[0].code, "jsonld.invalid-@id-value");
  EXPECT_EQ(r.diagnostics[0].location, "/http:~1~1schema.org~1p/0/@id");
  EXPECT_EQ(r.expanded, json::array());
}

TEST(JsonLdExpand, LanguageTagsAreLowerCased) {
  json doc = json::parse(R"({"@context": {"@language": "en-GB"},
    "http://schema.org/a": "x", "http://schema.org/b": {"@value": "y", "@language": "de-CH"}})");
  jsonld::ExpandResult r = jsonld::expand(doc, {});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.expanded[0]["http://schema.org/a"][0]["@language"], "en-gb");
  EXPECT_EQ(r.expanded[0]["http://schema.org/b"][0]["@language"], "de-ch");
}

TEST(JsonLdExpand, RemoteContextsAreLoadedOncePerCallThroughTheLoader) {
  MapLoader loader;
  loader.documents["https://example.org/ctx"] = {
      {"@context", {{"name", "http://schema.org/name"}}}};
  json doc = json::parse(R"([
    {"@context": "https://example.org/ctx", "@id": "http://example.org/a", "name": "A"},
    {"@context": "https://example.org/ctx", "@id": "http://example.org/b", "name": "B"}
  ])");
  jsonld::JsonLdOptions options;
  options.loader = &loader;
  ASSERT_TRUE(jsonld::expand(doc, options).ok());
  EXPECT_EQ(loader.loads["https://example.org/ctx"], 1);
  ASSERT_TRUE(jsonld::expand(doc, options).ok());  // no cache across calls
  EXPECT_EQ(loader.loads["https://example.org/ctx"], 2);
}

TEST(JsonLdExpand, RemoteContextFailures) {
  json doc = json::parse(R"({"@context": "https://example.org/missing", "@id": "urn:x"})");
  jsonld::ExpandResult no_loader = jsonld::expand(doc, {});
  EXPECT_TRUE(has_code(no_loader.diagnostics, "jsonld.loading-remote-context-failed"));

  MapLoader loader;
  jsonld::JsonLdOptions options;
  options.loader = &loader;
  EXPECT_TRUE(
      has_code(jsonld::expand(doc, options).diagnostics, "jsonld.loading-remote-context-failed"));

  // A context that includes itself recurses until the nesting limit.
  loader.documents["https://example.org/self"] = {{"@context", "https://example.org/self"}};
  json self = json::parse(R"({"@context": "https://example.org/self", "@id": "urn:x"})");
  jsonld::ExpandResult r = jsonld::expand(self, options);
  EXPECT_TRUE(has_code(r.diagnostics, "jsonld.context-overflow"));
  EXPECT_EQ(loader.loads["https://example.org/self"], 1);
}

TEST(JsonLdExpand, ScopedContextsThatMultiplyTheWorkAreStopped) {
  // Eight contexts, each defining ten terms whose scoped context is the next one: validating
  // them at definition time would process 10^8 contexts.
  MapLoader loader;
  for (int level = 0; level < 8; ++level) {
    json context = json::object();
    for (int t = 0; t < 10; ++t) {
      json def = {{"@id", "urn:t" + std::to_string(t)}};
      if (level < 7) def["@context"] = "https://example.org/c" + std::to_string(level + 1);
      context["t" + std::to_string(t)] = def;
    }
    loader.documents["https://example.org/c" + std::to_string(level)] = {{"@context", context}};
  }
  jsonld::JsonLdOptions options;
  options.loader = &loader;
  json doc = json::parse(R"({"@context": "https://example.org/c0", "t0": "x"})");
  jsonld::ExpandResult r = jsonld::expand(doc, options);
  EXPECT_TRUE(has_code(r.diagnostics, "jsonld.context-overflow"));
}

TEST(JsonLdExpand, ABatchNamingTheSameContextsProcessesThemOnce) {
  // 20 scoped terms: about 21 contexts to process each time the context is; 1000 credentials
  // would exceed the processing limit if each processed it again.
  MapLoader loader;
  json context = {{"@vocab", "urn:v:"}};
  for (int t = 0; t < 20; ++t)
    context["T" + std::to_string(t)] = {{"@id", "urn:T" + std::to_string(t)},
                                        {"@context", {{"p", "urn:p"}}}};
  loader.documents["https://example.org/ctx"] = {{"@context", context}};
  json batch = json::array();
  for (int i = 0; i < 1000; ++i)
    batch.push_back({{"@context", json::array({"https://example.org/ctx"})},
                     {"@id", "urn:c" + std::to_string(i)},
                     {"@type", "T" + std::to_string(i % 20)},
                     {"p", i}});
  jsonld::JsonLdOptions options;
  options.loader = &loader;
  jsonld::ExpandResult r = jsonld::expand(batch, options);
  ASSERT_TRUE(r.ok()) << r.diagnostics.front().to_line();
  EXPECT_EQ(r.expanded.size(), 1000u);
  EXPECT_EQ(r.expanded[999]["urn:p"][0]["@value"], 999);
}

}  // namespace
}  // namespace credgate

namespace credgate {
namespace {

// A term whose property-scoped context redefines the term itself: the value is expanded with
// the scoped definition (here, as an IRI), as jsonld.js does; the definition expansion read
// for the key in the outer context must not be reused for it.
TEST(JsonLdExpand, ValueUsesTheTermAsItsScopedContextRedefinesIt) {
  json doc = json::parse(R"({
    "@context": {"p": {"@id": "http://ex/p", "@context": {"p": {"@id": "http://ex/p", "@type": "@id"}}}},
    "p": "http://ex/o"
  })");
  jsonld::ExpandResult r = jsonld::expand(doc, {});
  ASSERT_TRUE(r.ok()) << r.diagnostics.front().to_line();
  EXPECT_EQ(r.expanded, json::parse(R"([{"http://ex/p": [{"@id": "http://ex/o"}]}])"));
}

}  // namespace
}  // namespace credgate

namespace credgate {
namespace {

// Terms are looked up only up to the longest term's length (ActiveContext::longest_term): a
// term as long as an IRI, defined after short ones, is still found, as key and as value.
TEST(JsonLdExpand, LongTermsAreFound) {
  json doc = json::parse(R"({
    "@context": [{"a": "http://ex/a"},
                 {"http://ex/a/long/term/as/long/as/an/iri": {"@type": "@id"},
                  "LongTypeNameThatIsLongerThanEveryOtherTermHere": "http://ex/T"}],
    "@type": "LongTypeNameThatIsLongerThanEveryOtherTermHere",
    "http://ex/a/long/term/as/long/as/an/iri": "http://ex/o"
  })");
  jsonld::ExpandResult r = jsonld::expand(doc, {});
  ASSERT_TRUE(r.ok()) << r.diagnostics.front().to_line();
  EXPECT_EQ(r.expanded, json::parse(R"([{"@type": ["http://ex/T"],
                                     "http://ex/a/long/term/as/long/as/an/iri": [{"@id": "http://ex/o"}]}])"));
}

// find() answers from the term shapes (ActiveContext::term_shapes) without hashing where no term
// can match: it never misses a term that is there, whatever its bytes and length (shapes
// that share a bit, the empty term, bytes above 0x7F, lengths beyond 64), including after
// take() has removed another term of the same shape.
TEST(JsonLdExpand, TermShapeFilterNeverMissesATerm) {
  jsonld::ActiveContext context;
  std::mt19937 random(7);
  std::vector<std::string> terms = {"",
                                    "a",
                                    "urn",
                                    "url",
                                    "\xc3\xa9t\xc3\xa9",
                                    std::string(70, 'x'),
                                    std::string(6, 'x')};  // 70 and 6 share a bit
  for (int i = 0; i < 300; ++i) {
    std::string t(1 + random() % 40, 'a');
    for (char& c : t) c = static_cast<char>(1 + random() % 255);
    terms.push_back(t);
  }
  auto def = std::make_shared<const jsonld::TermDefinition>();
  for (const std::string& t : terms) context.set(t, def);
  for (const std::string& t : terms) EXPECT_EQ(context.find(t), def.get()) << t;
  EXPECT_EQ(context.find(std::string(6, 'y')), nullptr);
  EXPECT_EQ(context.find("urn:epass:org:1"), nullptr);
  EXPECT_EQ(context.take("url"), def);
  EXPECT_EQ(context.find("url"), nullptr);
  EXPECT_EQ(context.find("urn"), def.get());
}

// A prefix found through the filter expands @id values, and a scheme that is no term leaves
// them as they are.
TEST(JsonLdExpand, IdsWithAndWithoutPrefixTerms) {
  json doc = json::parse(R"({
    "@context": {"ex": "http://ex/", "p": {"@id": "http://ex/p", "@type": "@id"}},
    "@id": "ex:s",
    "p": ["ex:o", "urn:epass:org:1", "exx:o"]
  })");
  jsonld::ExpandResult r = jsonld::expand(doc, {});
  ASSERT_TRUE(r.ok()) << r.diagnostics.front().to_line();
  EXPECT_EQ(r.expanded, json::parse(R"([{"@id": "http://ex/s", "http://ex/p": [
      {"@id": "http://ex/o"}, {"@id": "urn:epass:org:1"}, {"@id": "exx:o"}]}])"));
}

// Keys that share the bytes the key memo's front cache is indexed by (length, first, middle and
// last byte: "abcdef" and "axcdef") take turns in one slot: each keeps its own IRI, in one
// document and across documents (the memo lives per thread).
TEST(JsonLdExpand, KeysSharingAMemoSlotKeepTheirOwnIris) {
  json doc = json::parse(R"({
    "@context": {"abcdef": "http://ex/first", "axcdef": "http://ex/second"},
    "abcdef": "1",
    "axcdef": "2",
    "http://ex/n": [{"axcdef": "3", "abcdef": "4"}, {"abcdef": "5"}, {"axcdef": "6"}]
  })");
  const json expected = json::parse(R"([{
    "http://ex/first": [{"@value": "1"}],
    "http://ex/second": [{"@value": "2"}],
    "http://ex/n": [{"http://ex/first": [{"@value": "4"}], "http://ex/second": [{"@value": "3"}]},
                    {"http://ex/first": [{"@value": "5"}]},
                    {"http://ex/second": [{"@value": "6"}]}]
  }])");
  for (int round = 0; round < 3; ++round) {
    jsonld::ExpandResult r = jsonld::expand(doc, {});
    ASSERT_TRUE(r.ok()) << r.diagnostics.front().to_line();
    EXPECT_EQ(r.expanded, expected);
  }
}

// @type values are expanded through the key memo (vocab and document relative) where the two
// expansions agree, and as the spec says where they do not: a term is its IRI, a word with
// neither term nor @vocab resolves against @base (as a key it is dropped), and a compact IRI
// is expanded by its prefix. Twice, so that the second round reads the memo.
TEST(JsonLdExpand, TypeValuesFromTheKeyMemoResolveAsTheSpecSays) {
  json doc = json::parse(R"({
    "@context": {"@base": "http://base/", "Thing": "http://ex/Thing", "ex": "http://ex/"},
    "Other": "dropped: not an IRI as a key",
    "@type": ["Thing", "Other", "ex:Compact"],
    "http://ex/p": {"@type": "Other", "Thing": "a term as a key"}
  })");
  const json expected = json::parse(R"([{
    "@type": ["http://ex/Thing", "http://base/Other", "http://ex/Compact"],
    "http://ex/p": [{"@type": ["http://base/Other"], "http://ex/Thing": [{"@value": "a term as a key"}]}]
  }])");
  for (int round = 0; round < 2; ++round) {
    jsonld::ExpandResult r = jsonld::expand(doc, {});
    ASSERT_TRUE(r.ok()) << r.diagnostics.front().to_line();
    EXPECT_EQ(r.expanded, expected) << r.expanded.dump();
  }
}

// The key memo keeps at most kMaxKeysPerContext keys per context; a document with more distinct
// keys expands each of them all the same (the rest are kept for the call only), on the first
// and on a later call.
TEST(JsonLdExpand, MoreKeysThanTheMemoKeepsExpandAlike) {
  json doc = json::parse(R"({"@context": {"@vocab": "http://many.example/"}})");
  const int n = 6000;
  for (int i = 0; i < n; ++i) doc["k" + std::to_string(i)] = i;
  for (int round = 0; round < 2; ++round) {
    jsonld::ExpandResult r = jsonld::expand(doc, {});
    ASSERT_TRUE(r.ok()) << r.diagnostics.front().to_line();
    ASSERT_EQ(r.expanded.size(), 1u);
    ASSERT_EQ(r.expanded[0].size(), static_cast<size_t>(n));
    for (int i = 0; i < n; i += 7)
      EXPECT_EQ(r.expanded[0]["http://many.example/k" + std::to_string(i)][0]["@value"], i) << i;
  }
}

}  // namespace
}  // namespace credgate

namespace credgate {
namespace {

// is_absolute_iri(): a scheme (a letter, then letters, digits, '+', '-', '.') and ':', and
// none of the characters an IRI excludes (controls and space, <>"{}|\^`) anywhere.
TEST(JsonLdExpand, AbsoluteIrisAreTheSpecs) {
  for (const char* iri : {"http://ex/a", "urn:x:y", "a+b-c.d:z", "x:", "http://ex/\xc3\xa9",
                          "http://ex/a?b=c#d", "mailto:a@b", "http://ex/\x7f"})
    EXPECT_TRUE(jsonld::is_absolute_iri(iri)) << iri;
  for (const char* not_iri :
       {"", "1a:b", "http", "http//x", ":x", "_:b0", "ht tp:x", "http://ex/a b", "http://ex/<",
        "http://ex/>", "http://ex/\"", "http://ex/{", "http://ex/}", "http://ex/|", "http://ex/\\",
        "http://ex/^", "http://ex/`", "http://ex/\x01", "http://ex/\t"})
    EXPECT_FALSE(jsonld::is_absolute_iri(not_iri)) << not_iri;
}

}  // namespace
}  // namespace credgate
