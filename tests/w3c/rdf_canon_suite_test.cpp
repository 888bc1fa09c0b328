// The W3C RDF Dataset Canonicalization test suite (tests/w3c/rdf-canon, copied from
// w3c/rdf-canon with its licence), driven by its manifest: every entry is a test case.
// Skipped entries, with their reasons, are listed in tests/w3c/SKIPPED.md (none so far).
#include <gtest/gtest.h>

#include "jsonld/nquads.hpp"
#include "jsonld/rdfc10.hpp"
#include "support/test_support.hpp"

namespace credgate {
namespace {

using json = nlohmann::json;

std::string suite_dir() { return test::source_dir() + "/tests/w3c/rdf-canon/"; }

struct Entry {
  std::string id, type, name, action, result, hash;
};

void PrintTo(const Entry& e, std::ostream* os) { *os << e.id << " " << e.name; }

std::vector<Entry> entries() {
  std::vector<Entry> out;
  json manifest = json::parse(test::read_file(suite_dir() + "manifest.jsonld"));
  for (const auto& e : manifest["entries"])
    out.push_back({e["id"].get<std::string>().substr(1), e["type"], e["name"], e["action"],
                   e.value("result", ""), e.value("hashAlgorithm", "SHA256")});
  return out;
}

class RdfCanon : public testing::TestWithParam<Entry> {};

TEST_P(RdfCanon, Manifest) {
  const Entry& e = GetParam();
  jsonld::ParsedNQuads input = jsonld::parse_nquads(test::read_file(suite_dir() + e.action));
  ASSERT_TRUE(input.ok()) << input.diagnostics.front().to_line();
  jsonld::CanonicalizeOptions options;
  options.hash = e.hash == "SHA384" ? jsonld::HashAlgorithm::Sha384 : jsonld::HashAlgorithm::Sha256;
  jsonld::Canonicalized c = jsonld::canonicalize(input.quads, options);
  if (e.type == "rdfc:RDFC10NegativeEvalTest") {
    ASSERT_FALSE(c.ok()) << "a poison graph must hit the work limit";
    EXPECT_EQ(c.diagnostics.front().code, "rdfc.work-limit");
    return;
  }
  ASSERT_TRUE(c.ok()) << c.diagnostics.front().to_line();
  if (e.type == "rdfc:RDFC10MapTest") {
    json expected = json::parse(test::read_file(suite_dir() + e.result));
    json actual = json::object();
    for (const auto& [from, to] : c.issued) actual[from] = to;
    EXPECT_EQ(expected, actual);
    return;
  }
  EXPECT_EQ(c.nquads, test::read_file(suite_dir() + e.result));
}

std::string entry_name(const testing::TestParamInfo<Entry>& info) { return info.param.id; }

INSTANTIATE_TEST_SUITE_P(W3C, RdfCanon, testing::ValuesIn(entries()), entry_name);

TEST(NQuads, SyntaxErrorsHaveLineAndColumn) {
  auto p = jsonld::parse_nquads("<urn:a> <urn:b> <urn:c> .\n<urn:a> <urn:b> \"unterminated .\n");
  ASSERT_FALSE(p.ok());
  EXPECT_EQ(p.diagnostics[0].code, "nquads.syntax");
  EXPECT_EQ(p.diagnostics[0].line, 2);
  EXPECT_EQ(p.quads.size(), 1u);
  EXPECT_FALSE(jsonld::parse_nquads("<relative> <urn:b> <urn:c> .\n").ok());
}

TEST(Rdfc10, DeadlineStopsAPoisonGraph) {
  auto p = jsonld::parse_nquads(test::read_file(suite_dir() + "rdfc10/test074-in.nq"));
  jsonld::CanonicalizeOptions options;
  options.work_factor = 10;  // no practical work limit: the deadline must stop it
  options.deadline = std::chrono::milliseconds(200);
  auto start = std::chrono::steady_clock::now();
  jsonld::Canonicalized c = jsonld::canonicalize(p.quads, options);
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.diagnostics.front().code, "rdfc.deadline");
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
}

}  // namespace
}  // namespace credgate
