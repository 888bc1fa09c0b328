#include <gtest/gtest.h>

#include "mappers/json_input.hpp"
#include "mappers/model/diagnostic.hpp"

namespace credgate {
namespace {

TEST(Diagnostic, LineFollowsTheContract) {
  Diagnostic d = make_error("json.type", "map", "'title' must be a language map", "/credentialSubject/title");
  EXPECT_EQ(d.to_line(), "json.type: 'title' must be a language map (/credentialSubject/title)");
  d.line = 3;
  d.column = 7;
  EXPECT_EQ(d.to_line(), "json.type: 'title' must be a language map (/credentialSubject/title at line 3, column 7)");
  EXPECT_EQ(d.category(), ErrorCategory::Input);
  EXPECT_EQ(make_error("usage.x", "cli", "m").category(), ErrorCategory::Usage);
  EXPECT_EQ(d.to_json()["severity"], "error");
}

TEST(Diagnostic, PointerEscapesRfc6901) {
  EXPECT_EQ(pointer_append("/a", "b/c~d"), "/a/b~1c~0d");
  EXPECT_EQ(pointer_append("", size_t{3}), "/3");
}

TEST(JsonInput, ReportsSyntaxErrorWithPointerAndPosition) {
  ParsedJson p = parse_json("{\n  \"a\": [1, 2,\n  }", InputLimits{});
  ASSERT_FALSE(p.ok());
  EXPECT_EQ(p.diagnostics[0].code, "json.syntax");
  EXPECT_EQ(p.diagnostics[0].location, "/a/1");  // the last value read before the error
  EXPECT_EQ(p.diagnostics[0].line, 3);
}

TEST(JsonInput, DepthLimitNamesTheDeepValue) {
  InputLimits limits;
  limits.max_depth = 3;
  ParsedJson ok = parse_json(R"({"a":{"b":[1]}})", limits);
  EXPECT_TRUE(ok.ok());
  ParsedJson deep = parse_json(R"({"a":{"b":[{"c":1}]}})", limits);
  ASSERT_FALSE(deep.ok());
  EXPECT_EQ(deep.diagnostics[0].code, "json.too-deep");
  EXPECT_EQ(deep.diagnostics[0].location, "/a/b/0");
}

TEST(JsonInput, SizeLimit) {
  InputLimits limits;
  limits.max_bytes = 10;
  ParsedJson p = parse_json(R"({"a":"0123456789"})", limits);
  ASSERT_FALSE(p.ok());
  EXPECT_EQ(p.diagnostics[0].code, "input.too-large");
}

}  // namespace
}  // namespace credgate
