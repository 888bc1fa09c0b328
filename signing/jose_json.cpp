#include "signing/jose_json.hpp"

#include <simdjson.h>

#include <cmath>
#include <span>
#include <string>
#include <utility>

#include "jsonld/jcs.hpp"
#include "jsonld/json_check.hpp"
#include "jsonld/json_text.hpp"
#include "jsonld/sorted_members.hpp"

namespace credgate::signing {
namespace {

using json = nlohmann::json;
using simdjson::dom::element;
using simdjson::dom::element_type;

// Which members of an object to keep, level by level (jsonld::JsonPick: the same projection
// picks them out of the text in json_check's pass, and out of simdjson's DOM in Convert).
using Projection = jsonld::JsonPick;
using Keep = jsonld::JsonPickMember;

constexpr Keep kIdMembers[] = {{"id"}};
constexpr Projection kIdOnly{kIdMembers};
constexpr Projection kFirstSubjectId{kIdMembers, true};
constexpr Keep kVerificationMembers[] = {{"type"}, {"creator"}};
constexpr Projection kVerification{kVerificationMembers};
constexpr Keep kCredentialMembers[] = {
    {"issuer", &kIdOnly}, {"id"},        {"credentialSubject", &kFirstSubjectId},
    {"issuanceDate"},     {"validFrom"}, {"expirationDate"},
    {"validUntil"}};
constexpr Projection kCredential{kCredentialMembers};
constexpr Keep kSealedMembers[] = {{"@context"},
                                   {"issuer", &kIdOnly},
                                   {"id"},
                                   {"credentialSubject", &kFirstSubjectId},
                                   {"issuanceDate"},
                                   {"validFrom"},
                                   {"expirationDate"},
                                   {"validUntil"}};
constexpr Projection kSealed{kSealedMembers};
constexpr Keep kClaimMembers[] = {{"type"},
                                  {"iss"},
                                  {"jti"},
                                  {"sub"},
                                  {"nbf"},
                                  {"exp"},
                                  {"credentialSubject", &kFirstSubjectId},
                                  {"verification", &kVerification},
                                  {"vc", &kCredential}};
constexpr Projection kClaims{kClaimMembers};

// simdjson values into nlohmann ones, as jsonld::parse_json_text converts them (its converter
// is internal to jsonld/ and converts everything); `projection` limits what is converted.
// Sets `declined` for -0 (nlohmann reads "-0" as the integer 0, simdjson as -0.0) and for a
// value that cannot be read as its type says: the caller then lets parse_json_text decide.
struct Convert {
  bool declined = false;

  // Each value is read into a local first (element::get): GCC's dangling-pointer warning
  // fires on simdjson's accessors used on temporaries.
  json operator()(element value, const Projection* projection = nullptr) {
    switch (value.type()) {
      case element_type::ARRAY: {
        simdjson::dom::array array;
        if (value.get(array) != simdjson::SUCCESS) declined = true;  // cannot: the type was checked
        json out = json::array();
        auto& items = *out.get_ptr<json::array_t*>();
        for (element item : array) {
          items.push_back((*this)(item, projection));
          if (projection && projection->first_only) break;
        }
        return out;
      }
      case element_type::OBJECT: {
        simdjson::dom::object object;
        if (value.get(object) != simdjson::SUCCESS)
          declined = true;  // cannot: the type was checked
        json out = json::object();
        auto& members = *out.get_ptr<json::object_t*>();
        for (simdjson::dom::key_value_pair member : object) {
          if (!projection) {
            members.insert_or_assign(std::string(member.key), (*this)(member.value));
            continue;
          }
          for (const Keep& keep : projection->members)
            if (keep.name == member.key)  // last wins, as in nlohmann
              members.insert_or_assign(std::string(member.key), (*this)(member.value, keep.inner));
        }
        return out;
      }
      case element_type::INT64: {
        int64_t v = 0;
        if (value.get(v) != simdjson::SUCCESS) declined = true;  // cannot: the type was checked
        return json(static_cast<json::number_integer_t>(v));
      }
      case element_type::UINT64: {
        uint64_t v = 0;
        if (value.get(v) != simdjson::SUCCESS) declined = true;  // cannot: the type was checked
        return json(static_cast<json::number_unsigned_t>(v));
      }
      case element_type::DOUBLE: {
        double d = 0;
        if (value.get(d) != simdjson::SUCCESS) declined = true;  // cannot: the type was checked
        if (d == 0 && std::signbit(d)) declined = true;
        return json(d);
      }
      case element_type::STRING: {
        std::string_view v;
        if (value.get(v) != simdjson::SUCCESS) declined = true;  // cannot: the type was checked
        return json(std::string(v));
      }
      case element_type::BOOL: {
        bool v = false;
        if (value.get(v) != simdjson::SUCCESS) declined = true;  // cannot: the type was checked
        return json(v);
      }
      case element_type::NULL_VALUE:
        return json(nullptr);
    }
    return json(nullptr);
  }
};

// One parser and padded buffer per thread, keeping their capacity between calls (simdjson
// reads up to SIMDJSON_PADDING bytes past the end, so the text is copied once).
struct ThreadParser {
  simdjson::dom::parser parser;
  std::string padded;
  simdjson::error_code parse(std::string_view text, element& root) {
    padded.assign(text);
    padded.resize(text.size() + simdjson::SIMDJSON_PADDING, '\0');
    return parser.parse(padded.data(), text.size(), false).get(root);
  }
};

ThreadParser& thread_parser() {
  thread_local ThreadParser parser;
  return parser;
}

void append_compact(std::string& out, const json& value) {
  switch (value.type()) {
    case json::value_t::object: {
      out += '{';
      bool first = true;
      for (const auto& [key, member] : value.get_ref<const json::object_t&>()) {
        if (!first) out += ',';
        first = false;
        out += '"';
        jsonld::append_json_string_contents(out, key);
        out += "\":";
        append_compact(out, member);
      }
      out += '}';
      return;
    }
    case json::value_t::array: {
      out += '[';
      bool first = true;
      for (const json& item : value) {
        if (!first) out += ',';
        first = false;
        append_compact(out, item);
      }
      out += ']';
      return;
    }
    case json::value_t::string:
      out += '"';
      jsonld::append_json_string_contents(out, value.get_ref<const std::string&>());
      out += '"';
      return;
    default:  // numbers, booleans, null: few and short, written by nlohmann itself
      out += value.dump();
      return;
  }
}

// A simdjson value written as nlohmann's dump(-1) writes its parse: object members sorted by
// name as std::map<std::string> orders them (byte-wise), a repeated name once with its last
// value, numbers as nlohmann formats them. Returns false for what nlohmann would read differently
// (-0) or an unreadable value.
bool append_sorted(std::string& out, element value) {
  switch (value.type()) {
    case element_type::OBJECT: {
      // Sorted by name, a repeated name once with its last value (jsonld/sorted_members.hpp,
      // which expansion reads its input through too).
      const jsonld::SortedMembers members(value);
      out += '{';
      for (size_t i = 0; i < members.size(); ++i) {
        if (i > 0) out += ',';
        out += '"';
        jsonld::append_json_string_contents(out, members[i].key);
        out += "\":";
        if (!append_sorted(out, members[i].value)) return false;
      }
      out += '}';
      return true;
    }
    case element_type::ARRAY: {
      simdjson::dom::array array;
      if (value.get(array) != simdjson::SUCCESS) return false;
      out += '[';
      bool first = true;
      for (element item : array) {
        if (!first) out += ',';
        first = false;
        if (!append_sorted(out, item)) return false;
      }
      out += ']';
      return true;
    }
    case element_type::STRING: {
      std::string_view text;
      if (value.get(text) != simdjson::SUCCESS) return false;
      out += '"';
      jsonld::append_json_string_contents(out, text);
      out += '"';
      return true;
    }
    case element_type::INT64: {
      int64_t v = 0;
      if (value.get(v) != simdjson::SUCCESS) return false;
      out += std::to_string(v);
      return true;
    }
    case element_type::UINT64: {
      uint64_t v = 0;
      if (value.get(v) != simdjson::SUCCESS) return false;
      out += std::to_string(v);
      return true;
    }
    case element_type::DOUBLE: {
      double d = 0;
      if (value.get(d) != simdjson::SUCCESS || (d == 0 && std::signbit(d))) return false;
      out += json(d).dump();  // nlohmann's own number formatting
      return true;
    }
    case element_type::BOOL: {
      bool v = false;
      if (value.get(v) != simdjson::SUCCESS) return false;
      out += v ? "true" : "false";
      return true;
    }
    case element_type::NULL_VALUE:
      out += "null";
      return true;
  }
  return false;
}

// The credential read through simdjson's DOM, written sorted as nlohmann orders members.
std::optional<JwtCredential> read_credential_by_dom(std::string_view text, JwtCredential out) {
  element root;
  if (thread_parser().parse(text, root) != simdjson::SUCCESS || !root.is_object())
    return std::nullopt;
  Convert convert;
  out.members = convert(root, &kSealed);
  out.written.reserve(text.size());
  if (convert.declined || !append_sorted(out.written, root)) return std::nullopt;
  return out;
}

}  // namespace

std::optional<JwtCredential> read_credential_for_jwt(std::string_view text) {
  // One pass checks the text, writes it without blanks and picks the members the claims come
  // from. A repeated name (or one written with an escape) takes the path below instead: the
  // credential is then written as nlohmann reads it, each name once, its last value.
  JwtCredential out;
  std::string picked;
  jsonld::JsonCheckOptions check;
  check.output = jsonld::JsonOutput::kMinified;
  check.out = &out.written;
  check.pick = &kSealed;
  check.picked = &picked;
  check.find_repeated_names = true;
  jsonld::JsonCheck checked = jsonld::check_json_text(text, check);
  if (!checked.ok) return std::nullopt;
  if (!checked.repeated_names && !checked.pick_unsure) {
    jsonld::ParsedText members = jsonld::parse_json_text(picked);
    if (members.ok() && members.value.is_object()) {
      out.members = std::move(members.value);
      if (checked.minified_is_text) out.text = text;
      return out;
    }
  }
  out.written.clear();
  return read_credential_by_dom(text, std::move(out));
}

std::string dump_compact(const json& value) {
  std::string out;
  append_compact(out, value);
  return out;
}

JwsJsonText read_jws_json(std::string_view text) {
  JwsJsonText out;
  element root;
  Convert convert;
  bool converted = false;
  if (thread_parser().parse(text, root) == simdjson::SUCCESS && root.is_object()) {
    out.document = json::object();
    auto& members = *out.document.get_ptr<json::object_t*>();
    simdjson::dom::object object;
    if (root.get(object) != simdjson::SUCCESS) convert.declined = true;  // is_object() held
    for (simdjson::dom::key_value_pair member : object) {
      std::string_view payload;
      if (member.key == "payload" && member.value.get(payload) == simdjson::SUCCESS) {
        out.payload = payload;  // no copy
        members.insert_or_assign("payload", json(""));
      } else {
        if (member.key == "payload") out.payload = {};
        members.insert_or_assign(std::string(member.key), convert(member.value));
      }
    }
    converted = !convert.declined;
  }
  if (!converted) {
    // Not an object, not JSON, or something simdjson declines: parse_json_text decides.
    out.payload = {};
    jsonld::ParsedText parsed = jsonld::parse_json_text(text);
    out.document = parsed.ok() ? std::move(parsed.value) : json();
    if (out.document.is_object() && out.document.contains("payload") &&
        out.document["payload"].is_string()) {
      out.payload_storage = out.document["payload"].get<std::string>();
      out.document["payload"] = "";
      out.payload = out.payload_storage;
    }
  }
  return out;
}

json read_jwt_claims(std::string_view text) {
  element root;
  if (thread_parser().parse(text, root) == simdjson::SUCCESS) {
    if (!root.is_object()) return json();  // not read: only an object has claims
    Convert convert;
    json claims = convert(root, &kClaims);
    if (!convert.declined) return claims;
  }
  return jsonld::parse_json_text(text).value;
}

}  // namespace credgate::signing
