// The W3C JSON-LD remote-doc tests: documents fetched over HTTP from a loopback server that
// reproduces each entry's content type, Link headers, redirects and status codes, through
// credgate's RemoteLoader (the production loader, allow-listed to the loopback origin).
#include <gtest/gtest.h>

#include <filesystem>

#include "jsonld/expand.hpp"
#include "jsonld/loaders.hpp"
#include "support/http_fixture.hpp"
#include "support/suite_loader.hpp"
#include "support/test_support.hpp"

namespace credgate {
namespace {

using json = nlohmann::json;
namespace fs = std::filesystem;

const std::string kBase = "https://w3c.github.io/json-ld-api/tests/";
std::string suite() { return test::json_ld_api_suite_dir(); }

struct Entry {
  std::string id, name, input, expect, error, feature;
  bool negative = false;
};
void PrintTo(const Entry& e, std::ostream* os) { *os << e.id << " " << e.name; }

json manifest() { return json::parse(test::read_file(suite() + "remote-doc-manifest.jsonld")); }

std::vector<Entry> entries() {
  std::vector<Entry> out;
  const json m = manifest();  // named: a temporary in the range-for would dangle
  for (const auto& e : m["sequence"]) {
    Entry x;
    x.id = e["@id"].get<std::string>().substr(1);
    x.name = e["name"];
    x.input = e["input"];
    x.expect = e.value("expect", "");
    x.error = e.value("expectErrorCode", "");
    x.negative = e["@type"][0] == "jld:NegativeEvaluationTest";
    x.feature = e.contains("option") ? e["option"].value("processorFeature", "") : "";
    out.push_back(x);
  }
  return out;
}

// The routes the W3C test server has for these entries, for tests/support/http_fixture.py.
std::string write_routes() {
  json routes = json::object();
  const json m = manifest();
  for (const auto& e : m["sequence"]) {
    if (!e.contains("option")) continue;
    const json& o = e["option"];
    json r = json::object();
    if (o.contains("contentType")) r["contentType"] = o["contentType"];
    if (o.contains("httpLink")) r["headers"]["Link"] = o["httpLink"];
    if (o.contains("httpStatus")) r["status"] = o["httpStatus"];
    if (o.contains("redirectTo")) r["headers"]["Location"] = "/" + o["redirectTo"].get<std::string>();
    routes["/" + e["input"].get<std::string>()] = r;
  }
  std::string path = (fs::temp_directory_path() / ("credgate-remote-doc-routes-" + std::to_string(::getpid()) + ".json")).string();
  test::write_file(path, routes.dump());
  return path;
}

// Our server stands for w3c.github.io: URLs are swapped both ways.
std::string replace_all(std::string s, const std::string& from, const std::string& to) {
  for (size_t at = 0; (at = s.find(from, at)) != std::string::npos; at += to.size()) s.replace(at, from.size(), to);
  return s;
}

class RemoteDoc : public testing::TestWithParam<Entry> {
 protected:
  static void SetUpTestSuite() { server_ = new test::HttpFixture(suite(), write_routes()); }
  static void TearDownTestSuite() { delete server_; }
  static test::HttpFixture* server_;
};
test::HttpFixture* RemoteDoc::server_ = nullptr;

TEST_P(RemoteDoc, Manifest) {
  const Entry& e = GetParam();
  if (!e.feature.empty()) GTEST_SKIP() << "needs processor feature: " << e.feature << " (see tests/w3c/SKIPPED.md)";
  if (e.id == "t0013") GTEST_SKIP() << "context document in HTML (script extraction, see tests/w3c/SKIPPED.md)";
  ASSERT_TRUE(server_->running());
  jsonld::RemotePolicy policy;
  policy.allow = {server_->base()};
  jsonld::RemoteLoader loader(policy);
  std::string url = server_->base() + e.input;
  jsonld::LoadResult doc = loader.load(url);
  if (!doc.ok()) {
    ASSERT_TRUE(e.negative) << doc.diagnostics.front().to_line();
    EXPECT_EQ(doc.diagnostics.front().code, jsonld::jsonld_error_code(e.error));
    return;
  }
  jsonld::JsonLdOptions options;
  options.base = doc.document->document_url;
  options.loader = &loader;
  if (!doc.document->context_url.empty()) options.expand_context = json(doc.document->context_url);
  jsonld::ExpandResult r = jsonld::expand(doc.document->document, options);
  if (e.negative) {
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.diagnostics.front().code, jsonld::jsonld_error_code(e.error));
    return;
  }
  ASSERT_TRUE(r.ok()) << r.diagnostics.front().to_line();
  json expected = json::parse(test::read_file(suite() + e.expect));
  EXPECT_EQ(expected, json::parse(replace_all(r.expanded.dump(), server_->base(), kBase)));
}

std::string entry_name(const testing::TestParamInfo<Entry>& info) { return info.param.id; }
INSTANTIATE_TEST_SUITE_P(W3C, RemoteDoc, testing::ValuesIn(entries()), entry_name);

}  // namespace
}  // namespace credgate
