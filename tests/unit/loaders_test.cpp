// Document loaders: bundled contexts with their pins, a user's directory, and remote loading
// against a loopback server (allow-list, redirects, size limit, cache).
#include <gtest/gtest.h>

#include <filesystem>

#include "jsonld/bundled_contexts.hpp"
#include "jsonld/loaders.hpp"
#include "support/http_fixture.hpp"
#include "support/test_support.hpp"

namespace credgate {
namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;


TEST(BundledLoader, EveryContextLoadsAndMatchesItsPin) {
  jsonld::BundledLoader loader;
  for (const auto& c : jsonld::bundled_contexts()) {
    jsonld::LoadResult r = loader.load(std::string(c.url));
    EXPECT_TRUE(r.ok()) << c.url;
    EXPECT_EQ(c.sha256.size(), 64u);
  }
  jsonld::LoadResult missing = loader.load("https://example.org/unknown-context");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.diagnostics[0].code, "jsonld.loading-document-failed");
  EXPECT_NE(missing.diagnostics[0].message.find("https://example.org/unknown-context"), std::string::npos);
}

TEST(DirectoryLoader, ServesItsIndexAndNothingElse) {
  test::TempDir dir("contexts");
  test::write_file((dir.path / "index.json").string(), R"({"https://uni.example/ctx": "ctx.jsonld", "https://uni.example/up": "../x"})");
  test::write_file((dir.path / "ctx.jsonld").string(), R"({"@context": {"grade": "https://uni.example/grade"}})");
  jsonld::DirectoryLoader loader(dir.path.string());
  EXPECT_TRUE(loader.setup_diagnostics().empty());
  jsonld::LoadResult r = loader.load("https://uni.example/ctx");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.document->document["@context"]["grade"], "https://uni.example/grade");
  EXPECT_FALSE(loader.load("https://uni.example/other").ok());
  EXPECT_FALSE(loader.load("https://uni.example/up").ok());
  jsonld::DirectoryLoader broken((dir.path / "nowhere").string());
  EXPECT_FALSE(broken.setup_diagnostics().empty());
}

TEST(RemoteLoader, AllowListRules) {
  jsonld::RemotePolicy policy;
  policy.allow = {"https://contexts.example/", "http://127.0.0.1:8000", "https://bare.example"};
  jsonld::RemoteLoader loader(policy);
  EXPECT_TRUE(loader.allowed("https://contexts.example/a.jsonld"));
  EXPECT_FALSE(loader.allowed("http://contexts.example/a.jsonld"));  // no plain http by https prefix
  EXPECT_FALSE(loader.allowed("https://elsewhere.example/a.jsonld"));
  EXPECT_TRUE(loader.allowed("http://127.0.0.1:8000/x"));
  EXPECT_FALSE(loader.allowed("http://127.0.0.1:80001/x"));
  EXPECT_TRUE(loader.allowed("https://bare.example/ctx"));
  EXPECT_FALSE(loader.allowed("https://bare.example.evil.com/ctx"));
  EXPECT_FALSE(loader.allowed("file:///etc/passwd"));
  jsonld::RemoteLoader none(jsonld::RemotePolicy{});
  jsonld::LoadResult r = none.load("https://contexts.example/a.jsonld");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.diagnostics[0].message.find("not allowed"), std::string::npos);
}

TEST(ContextLink, FindsTheJsonLdContextRelation) {
  EXPECT_EQ(jsonld::context_link(R"(<ctx.jsonld>; rel="http://www.w3.org/ns/json-ld#context"; type="application/ld+json")"),
            "ctx.jsonld");
  EXPECT_EQ(jsonld::context_link(R"(<a>; rel="alternate", <b.jsonld>; rel="http://www.w3.org/ns/json-ld#context")"), "b.jsonld");
  EXPECT_EQ(jsonld::context_link(R"(<a>; rel="alternate")"), "");
}

TEST(RemoteLoader, FetchesRedirectsLimitsAndCachesOnLoopback) {
  test::TempDir site("site");
  test::TempDir cache("cache");
  test::write_file((site.path / "ctx.jsonld").string(), R"({"@context": {"x": "https://x.example/"}})");
  test::write_file((site.path / "big.json").string(), "{\"a\": \"" + std::string(5000, 'a') + "\"}");
  test::write_file((site.path / "page.html").string(), "<html></html>");
  test::write_file((site.path / "routes.json").string(), R"({
    "/moved": {"status": 301, "headers": {"Location": "/ctx.jsonld"}},
    "/away": {"status": 302, "headers": {"Location": "https://elsewhere.example/ctx"}},
    "/page.html": {"contentType": "text/html"}
  })");
  test::HttpFixture server(site.path.string(), (site.path / "routes.json").string());
  ASSERT_TRUE(server.running()) << "python3 http fixture did not start";
  jsonld::RemotePolicy policy;
  policy.allow = {server.base()};
  policy.max_bytes = 1000;
  policy.cache_directory = cache.path.string();
  jsonld::RemoteLoader loader(policy);

  jsonld::LoadResult r = loader.load(server.base() + "ctx.jsonld");
  ASSERT_TRUE(r.ok()) << r.diagnostics[0].to_line();
  EXPECT_EQ(r.document->content_type, "application/ld+json");
  jsonld::LoadResult moved = loader.load(server.base() + "moved");
  ASSERT_TRUE(moved.ok());
  EXPECT_EQ(moved.document->document_url, server.base() + "ctx.jsonld");
  EXPECT_FALSE(loader.load(server.base() + "away").ok());      // redirect off the allow-list
  EXPECT_FALSE(loader.load(server.base() + "big.json").ok());  // over max_bytes
  EXPECT_FALSE(loader.load(server.base() + "page.html").ok()); // not JSON
  EXPECT_FALSE(loader.load(server.base() + "missing.json").ok());
  fs::remove(site.path / "ctx.jsonld");  // now only the cache has it
  EXPECT_TRUE(loader.load(server.base() + "ctx.jsonld").ok());
}

}  // namespace
}  // namespace credgate
