// The W3C JSON-LD 1.1 expansion tests (tests/w3c/json-ld-api, copied from w3c/json-ld-api with
// its licence), driven by expand-manifest.jsonld: every entry is a test case. Entries for
// JSON-LD 1.0 processors only are skipped; tests/w3c/SKIPPED.md lists them with the reason,
// and a test below keeps that list in step with the manifest.
#include <gtest/gtest.h>

#include <algorithm>
#include <regex>

#include <simdjson.h>

#include "jsonld/expand.hpp"
#include "jsonld/expander.hpp"  // expand_document, InputValue
#include "support/jsonld_compare.hpp"
#include "support/suite_loader.hpp"
#include "support/test_support.hpp"

namespace credgate {
namespace {

using json = nlohmann::json;

std::string suite_dir() {
  return test::json_ld_api_suite_dir();
}

struct Entry {
  std::string id, name, input, expect, error;
  bool positive = true;
  json option;
};

void PrintTo(const Entry& e, std::ostream* os) {
  *os << e.id << " " << e.name;
}

std::vector<Entry> entries() {
  std::vector<Entry> out;
  json manifest = json::parse(test::read_file(suite_dir() + "expand-manifest.jsonld"));
  for (const auto& e : manifest["sequence"]) {
    Entry entry;
    entry.id = e["@id"].get<std::string>().substr(1);
    entry.name = e["name"];
    entry.input = e["input"];
    entry.expect = e.value("expect", "");
    entry.error = e.value("expectErrorCode", "");
    const auto& types = e["@type"];
    entry.positive =
        std::find(types.begin(), types.end(), "jld:NegativeEvaluationTest") == types.end();
    entry.option = e.value("option", json::object());
    out.push_back(std::move(entry));
  }
  return out;
}

bool for_json_ld_10_only(const Entry& e) {
  return e.option.value("specVersion", "") == "json-ld-1.0";
}

class JsonLdExpand : public testing::TestWithParam<Entry> {};

jsonld::JsonLdOptions options_for(const Entry& e, test::SuiteLoader& loader) {
  jsonld::JsonLdOptions options;
  options.loader = &loader;
  options.base = e.option.value("base", std::string(test::kJsonLdApiSuiteBase) + e.input);
  options.processing_mode = e.option.value("processingMode", "json-ld-1.1");
  if (e.option.contains("expandContext"))  // relative to the manifest
    options.expand_context =
        json(std::string(test::kJsonLdApiSuiteBase) + e.option["expandContext"].get<std::string>());
  return options;
}

void check(const Entry& e, const jsonld::ExpandResult& result) {
  if (!e.positive) {
    ASSERT_FALSE(result.ok()) << "expected " << e.error << ", got " << result.expanded.dump();
    std::string code = jsonld::jsonld_error_code(e.error);
    EXPECT_TRUE(std::any_of(result.diagnostics.begin(), result.diagnostics.end(),
                            [&code](const Diagnostic& d) { return d.code == code; }))
        << "expected " << code << ", got " << result.diagnostics.front().to_line();
    return;
  }
  ASSERT_TRUE(result.ok()) << result.diagnostics.front().to_line();
  json expected = json::parse(test::read_file(suite_dir() + e.expect));
  EXPECT_TRUE(test::jsonld_equal(result.expanded, expected))
      << "expected " << expected.dump() << "\n     got " << result.expanded.dump();
}

TEST_P(JsonLdExpand, Manifest) {
  const Entry& e = GetParam();
  if (for_json_ld_10_only(e)) GTEST_SKIP() << "for JSON-LD 1.0 processors only (SKIPPED.md)";
  test::SuiteLoader loader = test::json_ld_api_suite_loader();
  json input = json::parse(test::read_file(suite_dir() + e.input));
  check(e, jsonld::expand(input, options_for(e, loader)));
}

// The same entries with the input read from simdjson's DOM (InputValue), as canonize_text()
// expands documents: members in key order, a repeated key once, values copied out of the DOM.
TEST_P(JsonLdExpand, ManifestFromDom) {
  const Entry& e = GetParam();
  if (for_json_ld_10_only(e)) GTEST_SKIP() << "for JSON-LD 1.0 processors only (SKIPPED.md)";
  test::SuiteLoader loader = test::json_ld_api_suite_loader();
  simdjson::dom::parser parser;
  simdjson::dom::element root;
  ASSERT_EQ(parser.parse(simdjson::padded_string(test::read_file(suite_dir() + e.input))).get(root),
            simdjson::SUCCESS);
  jsonld::ExpandedDocument document =
      jsonld::expand_document(jsonld::InputValue(root), options_for(e, loader));
  jsonld::ExpandResult result;
  result.expanded = json(document.expanded);
  result.diagnostics = std::move(document.diagnostics);
  check(e, std::move(result));
}

std::string entry_name(const testing::TestParamInfo<Entry>& info) {
  return info.param.id;
}

INSTANTIATE_TEST_SUITE_P(W3C, JsonLdExpand, testing::ValuesIn(entries()), entry_name);

// SKIPPED.md's "## expand" section names exactly the entries this suite skips.
TEST(JsonLdExpandSuite, SkippedEntriesAreListed) {
  std::string text = test::read_file(test::source_dir() + "/tests/w3c/SKIPPED.md");
  size_t start = text.find("## expand");
  ASSERT_NE(start, std::string::npos);
  size_t end = text.find("\n## ", start + 1);
  std::string section = text.substr(start, end == std::string::npos ? end : end - start);
  std::vector<std::string> listed;
  std::regex id(R"(^\| `?(t[a-z]*[0-9]+)`? \|)", std::regex::multiline);
  for (auto it = std::sregex_iterator(section.begin(), section.end(), id);
       it != std::sregex_iterator(); ++it)
    listed.push_back((*it)[1]);
  std::vector<std::string> skipped;
  for (const Entry& e : entries())
    if (for_json_ld_10_only(e)) skipped.push_back(e.id);
  EXPECT_EQ(listed, skipped);
}

}  // namespace
}  // namespace credgate
