// check_json_text (jsonld/json_check.hpp) against what it stands for: nlohmann::json::accept
// decides which texts are JSON, append_json_string_contents what the escaped output is. On
// hand-made edge cases of RFC 8259 (and nlohmann's own choices: a byte order mark, numbers
// that overflow a double, surrogate escapes), on every position of one-byte changes to a
// small credential, and on random mutations of the EC samples.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <random>
#include <string>
#include <vector>

#include "jsonld/jcs.hpp"
#include "jsonld/json_check.hpp"
#include "support/test_support.hpp"

namespace credgate {
namespace {

using json = nlohmann::json;
using namespace std::string_literals;  // "..."s: a byte list may hold a NUL

// A text in a failure message, as a JSON string (it may hold control bytes or bad UTF-8).
std::string printable(std::string_view text) {
  return json(std::string(text)).dump(-1, ' ', true, json::error_handler_t::replace);
}

// The text without blanks outside strings and without a leading byte order mark, byte by
// byte: what kMinified must write.
std::string minified(std::string_view text) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  std::string out;
  bool in_string = false;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (in_string) {
      out += c;
      if (c == '\\' && i + 1 < text.size()) {
        out += text[++i];
      } else if (c == '"') {
        in_string = false;
      }
      continue;
    }
    if (c == ' ' || c == '\n' || c == '\r' || c == '\t') continue;
    if (c == '"') in_string = true;
    out += c;
  }
  return out;
}

// One text through both, and the escaped output when it is JSON; the output is appended to
// what the string held, and left as it was when the text is refused.
void expect_as_nlohmann(std::string_view text) {
  bool accepted = json::accept(text);
  jsonld::JsonCheck check = jsonld::check_json_text(text);
  ASSERT_EQ(check.ok, accepted) << "text: " << printable(text);
  std::string out = "before";
  jsonld::JsonCheckOptions options;
  options.output = jsonld::JsonOutput::kStringContents;
  options.out = &out;
  ASSERT_EQ(jsonld::check_json_text(text, options).ok, accepted);
  if (!accepted) {
    EXPECT_EQ(out, "before");
    EXPECT_LE(check.error_offset, text.size());
    return;
  }
  std::string expected = "before";
  jsonld::append_json_string_contents(expected, text);
  ASSERT_EQ(out, expected) << "text: " << printable(text);

  std::string compact = "x";
  options.output = jsonld::JsonOutput::kMinified;
  options.out = &compact;
  jsonld::JsonCheck minifying = jsonld::check_json_text(text, options);
  ASSERT_TRUE(minifying.ok);
  // A text without blanks is its own minified form: then nothing is appended.
  ASSERT_EQ(minifying.minified_is_text, minified(text) == text) << "text: " << printable(text);
  ASSERT_EQ(compact, minifying.minified_is_text ? "x" : "x" + minified(text))
      << "text: " << printable(text);
}

TEST(JsonCheck, DecidesEdgeCasesAsNlohmann) {
  const std::vector<std::string> texts = {
      // values at the top, blanks around them
      "{}",
      "[]",
      "0",
      "-0",
      "\"\"",
      "true",
      "false",
      "null",
      " \t\r\n{} \n",
      "",
      " ",
      "{} x",
      "{}{}",
      "[] ]",
      "\xEF\xBB\xBF{}",
      "\xEF\xBB{}",
      "\xEF{}",
      "{}\xEF\xBB\xBF",
      // objects and arrays
      R"({"a":1})",
      R"({"a":1,})",
      R"({,"a":1})",
      R"({"a"})",
      R"({"a":})",
      R"({a:1})",
      R"({"a" : 1 , "b" : [ 1 , 2 ] })",
      R"({"a":1 "b":2})",
      "[1,]",
      "[,1]",
      "[1 2]",
      "[[[]]]",
      "[[]",
      "[]]",
      R"([{"a":[{"b":{}}]}])",
      R"({"a":1]})",
      R"([1})",
      "{\"a\"\n:\n1}",
      "{'a':1}",
      // numbers
      "1",
      "-1",
      "01",
      "-01",
      "1.",
      ".5",
      "1.5",
      "-1.5e10",
      "1e",
      "1e+",
      "1E-7",
      "1e+07",
      "+1",
      "--1",
      "1.5.2",
      "0x10",
      "1_000",
      "Infinity",
      "NaN",
      "-",
      "2.",
      "0.0e0",
      "-0.0",
      "18446744073709551615",
      "18446744073709551616",
      "-9223372036854775809",
      "1e308",
      "1e309",
      "-1e309",
      "1.7976931348623157e308",
      "1.7976931348623159e308",
      "17976931348623157e292",
      "17976931348623159e292",
      "0.1e310",
      "100e306",
      "1e-400",
      "0e999999999999999999999",
      "-1e-99999999999999999999",
      "1e99999999999999999999",
      std::string(310, '9'),
      "0." + std::string(400, '0') + "1",
      "[1e309]",
      "{\"a\":1e400}",
      // literals
      "tru",
      "truee",
      "nul",
      "nulll",
      "False",
      "[true,false,null]",
      "[truefalse]",
      // strings and escapes
      R"("\"")",
      R"("\\")",
      R"("\/")",
      R"("\b\f\n\r\t")",
      R"("\a")",
      R"("\x41")",
      R"("\u0041")",
      R"("\u004")",
      R"("\u004G")",
      R"("\U0041")",
      R"("\uD834\uDD1E")",
      R"("\uD834")",
      R"("\uD834x")",
      R"("\uD834\u0041")",
      R"("\uD834\uD834")",
      R"("\uDD1E")",
      R"("\uDBFF\uDFFF")",
      R"("\ud834\udd1e")",
      "\"\\",
      "\"abc",
      "\"a\tb\"",
      "\"a\nb\"",
      std::string("\"a\0b\"", 5),
      "\"\x1f\"",
      "\"\x7f\"",
      "\"caf\xC3\xA9\"",
      "\"\xC3\"",
      "\"\xC3\xA9\xA9\"",
      "\"\xE2\x82\xAC\"",
      "\"\xF0\x9D\x84\x9E\"",
      "\"\xC0\xAF\"",
      "\"\xED\xA0\x80\"",
      "\"\xF4\x90\x80\x80\"",
      "\"\xFF\"",
      "\xC3\xA9",
      "[\"a\",\"b\"]",
      "{\"\\u0061\":1,\"a\":2}",
      "{\"a\":\"\\\"}\"}",
      "\"\\\\\\\"\"",
  };
  for (const std::string& text : texts) expect_as_nlohmann(text);
}

TEST(JsonCheck, NestingHasNoLimit) {
  // nlohmann's accept keeps its own stack, so does the check (no recursion).
  std::string deep = std::string(100000, '[') + std::string(100000, ']');
  EXPECT_TRUE(json::accept(deep));
  EXPECT_TRUE(jsonld::check_json_text(deep).ok);
  deep.pop_back();
  EXPECT_FALSE(jsonld::check_json_text(deep).ok);
}

TEST(JsonCheck, ErrorOffsetSaysWhere) {
  EXPECT_EQ(jsonld::check_json_text(R"({"a":1,})").error_offset, 7u);
  EXPECT_EQ(jsonld::check_json_text(R"({"a":tru})").error_offset, 5u);
  EXPECT_EQ(jsonld::check_json_text("{\"a\":\"\xC3\"}").error_offset, 6u);
  EXPECT_EQ(jsonld::check_json_text("{} x").error_offset, 3u);
}

// Every byte of a small credential replaced by each byte that matters to the grammar, and
// removed, and doubled: each text decided as nlohmann decides it.
TEST(JsonCheck, EveryOneByteChangeOfACredential) {
  const std::string base =
      "{\"@context\":[\"https://www.w3.org/ns/credentials/v2\"], \"id\":\"urn:x:1\",\n"
      " \"type\":[\"VerifiableCredential\"],\"issuer\":{\"id\":\"did:x\",\"name\":\"\\u00e9cole "
      "\\\"A\\\" \\uD834\\uDD1E\"},\"validFrom\":\"2024-01-01T00:00:00Z\",\"n\":[-1.5e3,0,true,"
      "false,null],\"img\":\"" +
      std::string(300, 'Q') + "\"}";
  ASSERT_TRUE(json::accept(base));
  const std::string bytes = "{}[],:\" \\/\n\t0-1.eE+tfnulx\x01\x7f\xC3\xA9\0"s;
  for (size_t i = 0; i < base.size(); ++i) {
    for (char b : bytes) {
      std::string text = base;
      text[i] = b;
      expect_as_nlohmann(text);
    }
    expect_as_nlohmann(base.substr(0, i) + base.substr(i + 1));
    expect_as_nlohmann(base.substr(0, i + 1) + base.substr(i));
    expect_as_nlohmann(base.substr(0, i));  // every truncation
  }
}

// Random changes of one to four bytes anywhere in the EC samples (long base64 runs, nested
// objects, pretty-printed and compact): decided as nlohmann decides, escaped as
// append_json_string_contents escapes.
TEST(JsonCheck, RandomMutationsOfTheSamples) {
  std::vector<std::string> samples = {
      test::read_file(test::data_path("edc/Sample-CertOfPart-unsigned.jsonld")),
      test::read_file(test::data_path("ob3-vectors/credential.json")),
  };
  samples.push_back(json::parse(samples[0]).dump(2));  // blanks to escape between tokens
  std::mt19937 random(20261207);
  const std::string bytes = "{}[],:\" \\/\n\t\r0-1.eE+tfnulA\x01\x7f\xC3\xA9\xFF"s;
  for (const std::string& sample : samples) {
    ASSERT_FALSE(sample.empty());
    expect_as_nlohmann(sample);
    for (int round = 0; round < 200; ++round) {
      std::string text = sample;
      int changes = 1 + static_cast<int>(random() % 4);
      for (int k = 0; k < changes; ++k) {
        size_t at = random() % text.size();
        char b = bytes[random() % bytes.size()];
        switch (random() % 3) {
          case 0:
            text[at] = b;
            break;
          case 1:
            text.insert(text.begin() + static_cast<std::ptrdiff_t>(at), b);
            break;
          default:
            text.erase(at, 1);
        }
      }
      expect_as_nlohmann(text);
    }
  }
}

// A projection as Convert in signing/jose_json.cpp applies it to a parsed value: the
// reference for what check_json_text picks.
json project(const json& value, const jsonld::JsonPick* pick) {
  if (!pick) return value;
  if (value.is_array()) {
    json out = json::array();
    for (const json& item : value) {
      out.push_back(project(item, pick));
      if (pick->first_only) break;
    }
    return out;
  }
  if (!value.is_object()) return value;
  json out = json::object();
  for (const auto& [name, member] : value.items())
    for (const jsonld::JsonPickMember& keep : pick->members)
      if (keep.name == name) out[name] = project(member, keep.inner);
  return out;
}

// Whether some object repeats a member name (nlohmann keeps the last: counted by SAX).
bool repeats_a_name(std::string_view text) {
  struct Sax : json::json_sax_t {
    std::vector<std::vector<std::string>> names;
    bool repeated = false;
    bool null() override { return true; }
    bool boolean(bool) override { return true; }
    bool number_integer(number_integer_t) override { return true; }
    bool number_unsigned(number_unsigned_t) override { return true; }
    bool number_float(number_float_t, const string_t&) override { return true; }
    bool string(string_t&) override { return true; }
    bool binary(binary_t&) override { return true; }
    bool start_object(std::size_t) override {
      names.emplace_back();
      return true;
    }
    bool key(string_t& name) override {
      for (const std::string& seen : names.back()) repeated |= seen == name;
      names.back().push_back(name);
      return true;
    }
    bool end_object() override {
      names.pop_back();
      return true;
    }
    bool start_array(std::size_t) override { return true; }
    bool end_array() override { return true; }
    bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) override {
      return false;
    }
  } sax;
  EXPECT_TRUE(json::sax_parse(text, &sax));
  return sax.repeated;
}

constexpr jsonld::JsonPickMember kId[] = {{"id"}};
constexpr jsonld::JsonPick kIdOnly{kId};
constexpr jsonld::JsonPick kFirstId{kId, true};
constexpr jsonld::JsonPickMember kTop[] = {
    {"@context"}, {"issuer", &kIdOnly}, {"id"}, {"credentialSubject", &kFirstId}, {"n"}, {"x"}};
constexpr jsonld::JsonPick kCredentialPick{kTop};

// The projection picked in the pass, parsed, is the projection of the parse; repeated names
// are found as nlohmann's SAX sees them (a name with an escape counts as maybe repeated).
TEST(JsonCheck, PicksMembersAndFindsRepeatedNames) {
  std::vector<std::string> texts = {
      test::read_file(test::data_path("edc/Sample-CertOfPart-unsigned.jsonld")),
      test::read_file(test::data_path("ob3-vectors/credential.json")),
      R"({"id":"u","issuer":"did:a","credentialSubject":{"id":"s","x":1},"x":{"id":[1,{"id":2}]}})",
      R"({ "issuer" : { "name" : "n" , "id" : "did:b" , "id" : "did:c" } , "n" : [ ] })",
      R"({"credentialSubject":[{"id":"s1","a":{"id":0}},{"id":"s2"}],"issuer":["x",{"id":"y"}]})",
      R"({"credentialSubject":[],"issuer":{},"a":{"b":1,"c":{"b":1}},"c":2})",
      R"({"a":1,"b":{"a":1,"a":2}})",
      R"([{"id":1},{"id":2}])",
      R"("id")",
  };
  // Names compared pairwise (up to 64 in an object), then sorted; names that share a length,
  // a first and a last byte (compared in full), with and without a repeat.
  for (int count : {10, 63, 64, 65, 200}) {
    std::string many = "{";
    for (int i = 0; i < count; ++i)
      many += "\"k" + std::to_string(i) + "x\":" + std::to_string(i) + ",";
    texts.push_back(many + "\"id\":1}");
    texts.push_back(many + "\"k7x\":1}");
    texts.push_back(many + "\"k" + std::to_string(count - 1) + "x\":1}");
  }

  for (const std::string& text : texts) {
    ASSERT_FALSE(text.empty());
    std::string picked = "[";
    jsonld::JsonCheckOptions options;
    options.pick = &kCredentialPick;
    options.picked = &picked;
    options.find_repeated_names = true;
    jsonld::JsonCheck check = jsonld::check_json_text(text, options);
    ASSERT_TRUE(check.ok) << text.substr(0, 80);
    EXPECT_FALSE(check.pick_unsure);
    EXPECT_EQ(check.repeated_names, repeats_a_name(text)) << text.substr(0, 80);
    EXPECT_EQ(json::parse(picked.substr(1)), project(json::parse(text), &kCredentialPick))
        << text.substr(0, 80) << "\npicked: " << picked;
  }
  // A name written with an escape: maybe repeated, and maybe a picked one.
  std::string picked;
  jsonld::JsonCheckOptions options;
  options.pick = &kCredentialPick;
  options.picked = &picked;
  options.find_repeated_names = true;
  jsonld::JsonCheck check = jsonld::check_json_text(R"({"\u0069d":1,"b":2})", options);
  EXPECT_TRUE(check.repeated_names);
  EXPECT_TRUE(check.pick_unsure);
  // Refused text: nothing picked stays behind.
  picked = "before";
  EXPECT_FALSE(jsonld::check_json_text(R"({"id":1,})", options).ok);
  EXPECT_EQ(picked, "before");
}

}  // namespace
}  // namespace credgate
