// Garbage in gives a diagnostic, not a crash: every sample, truncated, with bytes flipped, and
// with JSON values swapped for values of other types, goes through detect and convert (both
// targets). Deterministic (fixed seed) so a failure reproduces.
#include <gtest/gtest.h>

#include <random>

#include "gateway/pipeline.hpp"
#include "support/test_support.hpp"

namespace credgate {
namespace {

using json = nlohmann::json;

// Converts and checks the outcome is coherent: success with documents, or errors that say so.
void convert_must_not_crash(const std::string& bytes, const std::string& what) {
  for (const char* target : {"edc", "ob3"}) {
    ConvertRequest req;
    req.target = target;
    ConvertOutcome o;
    ASSERT_NO_THROW(o = convert_bytes(bytes, req)) << what;
    if (!o.ok()) {
      EXPECT_TRUE(has_error(o.diagnostics) || o.documents.empty()) << what;
      EXPECT_TRUE(o.documents.empty()) << what;
      for (const auto& d : o.diagnostics) EXPECT_FALSE(d.code.empty()) << what;
    }
    for (const auto& d : o.documents) EXPECT_FALSE(json::parse(d.text, nullptr, false).is_discarded()) << what;
  }
  ASSERT_NO_THROW((void)detect_bytes(bytes, InputLimits{})) << what;
}

// Replaces the value at a random place of the tree by one of another JSON type.
void swap_random_value(json& v, std::mt19937& rng) {
  std::vector<json*> nodes;
  std::vector<json*> stack = {&v};
  while (!stack.empty()) {
    json* n = stack.back();
    stack.pop_back();
    nodes.push_back(n);
    if (n->is_object() || n->is_array())
      for (auto& c : *n) stack.push_back(&c);
  }
  json* target = nodes[std::uniform_int_distribution<size_t>(1, nodes.size() - 1)(rng)];
  static const json replacements[] = {json(42), json("text"), json::array({1, "x"}), json::object({{"k", 1}}),
                                      json(nullptr), json(true)};
  *target = replacements[std::uniform_int_distribution<size_t>(0, 5)(rng)];
}

TEST(Robustness, MutatedSamplesGiveDiagnosticsNotCrashes) {
  std::mt19937 rng(20261123);
  size_t runs = 0;
  for (const auto& f : test::data_files("")) {
    std::string bytes = test::read_file(test::data_path(f));
    for (int i = 0; i < 8; ++i) {  // truncations
      size_t cut = std::uniform_int_distribution<size_t>(0, bytes.size())(rng);
      convert_must_not_crash(bytes.substr(0, cut), f + " cut at " + std::to_string(cut));
      ++runs;
    }
    for (int i = 0; i < 8; ++i) {  // byte flips
      std::string mutated = bytes;
      size_t at = std::uniform_int_distribution<size_t>(0, bytes.size() - 1)(rng);
      mutated[at] = static_cast<char>(mutated[at] ^ (1 << std::uniform_int_distribution<int>(0, 7)(rng)));
      convert_must_not_crash(mutated, f + " flip at " + std::to_string(at));
      ++runs;
    }
    json doc = json::parse(bytes, nullptr, false);
    if (doc.is_discarded() || !doc.is_object()) continue;
    for (int i = 0; i < 24; ++i) {  // type confusion
      json mutated = doc;
      swap_random_value(mutated, rng);
      convert_must_not_crash(mutated.dump(), f + " type swap " + std::to_string(i));
      ++runs;
    }
  }
  EXPECT_GT(runs, 800u);
}

}  // namespace
}  // namespace credgate
