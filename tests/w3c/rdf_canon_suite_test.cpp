// The W3C RDF Dataset Canonicalization test suite (tests/w3c/rdf-canon, copied from
// w3c/rdf-canon with its licence), driven by its manifest: every entry is a test case.
// Skipped entries, with their reasons, are listed in tests/w3c/SKIPPED.md (none so far).
#include <gtest/gtest.h>

#include <cstdio>

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

// Literal escaping skips plain runs 16 and 8 bytes at a time: every byte that needs an escape
// (and bytes next to those classes: 0x20, 0x7E, 0x80, 0xFF) at every position of a long
// literal gives the same form as a byte-by-byte escaper.
TEST(NQuads, LiteralEscapesAtEveryPosition) {
  auto reference = [](const std::string& v) {
    std::string out = "\"";
    for (unsigned char c : v) {
      if (c == '\b')
        out += "\\b";
      else if (c == '\t')
        out += "\\t";
      else if (c == '\n')
        out += "\\n";
      else if (c == '\f')
        out += "\\f";
      else if (c == '\r')
        out += "\\r";
      else if (c == '"')
        out += "\\\"";
      else if (c == '\\')
        out += "\\\\";
      else if (c < 0x20 || c == 0x7F) {
        char buf[8];
        std::snprintf(buf, sizeof buf, "\\u%04X", c);
        out += buf;
      } else {
        out += static_cast<char>(c);
      }
    }
    return out + "\"";
  };
  for (int special : {0x00, 0x08, 0x0A, 0x1F, 0x20, 0x22, 0x5C, 0x7E, 0x7F, 0x80, 0xFF}) {
    for (size_t length : {1u, 7u, 8u, 15u, 16u, 17u, 31u, 33u, 70u}) {
      for (size_t at = 0; at < length; ++at) {
        std::string value(length, 'a');
        value[at] = static_cast<char>(special);
        if (at + 3 < length) value[length - 1] = '"';  // a second one further on
        EXPECT_EQ(jsonld::term_to_nquads(jsonld::literal(value)), reference(value))
            << "byte " << special << " at " << at << " of " << length;
      }
    }
  }
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
