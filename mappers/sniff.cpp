#include "mappers/sniff.hpp"

#include <openssl/evp.h>

#include <cstring>

#include "xsd/xml_parse.hpp"

namespace credgate {
namespace {

using json = nlohmann::json;

constexpr std::string_view kXmlDsigNs = "http://www.w3.org/2000/09/xmldsig#";
constexpr std::string_view kXadesNs = "http://uri.etsi.org/01903/v1.3.2#";

std::string_view trim_left(std::string_view s) {
  size_t i = 0;
  // A UTF-8 byte order mark is not content.
  if (s.size() >= 3 && static_cast<unsigned char>(s[0]) == 0xEF &&
      static_cast<unsigned char>(s[1]) == 0xBB && static_cast<unsigned char>(s[2]) == 0xBF)
    i = 3;
  while (i < s.size() && (s[i] == ' ' || s[i] == '\n' || s[i] == '\r' || s[i] == '\t')) ++i;
  return s.substr(i);
}

std::string_view trim(std::string_view s) {
  s = trim_left(s);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\n' || s.back() == '\r' ||
                        s.back() == '\t'))
    s.remove_suffix(1);
  return s;
}

bool is_base64url_char(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
         c == '-' || c == '_';
}

// Compact JWS: three base64url parts; the payload part may be empty (detached).
bool looks_like_compact_jws(std::string_view s) {
  size_t dots = 0;
  for (char c : s) {
    if (c == '.')
      ++dots;
    else if (!is_base64url_char(c))
      return false;
  }
  return dots == 2 && s.front() != '.';
}

// Parses with the one secure XML parser (xsd/xml_parse.hpp: DOCTYPE refused, no network,
// limits), so every command reports a bad XML input alike, with line and column; then looks
// at the root and for signatures.
std::optional<XmlRoot> scan_xml(std::string_view bytes, const InputLimits& limits,
                                Diagnostics& diagnostics) {
  xsd::ParsedXml parsed =
      xsd::parse_xml(bytes, {limits.max_bytes, static_cast<int>(limits.max_depth)});
  if (!parsed.ok()) {
    for (auto& d : parsed.diagnostics) diagnostics.push_back(std::move(d));
    return std::nullopt;
  }
  XmlRoot root;
  const xmlNode* top = xmlDocGetRootElement(parsed.doc.get());
  root.local_name = reinterpret_cast<const char*>(top->name);
  root.namespace_uri = top->ns && top->ns->href ? reinterpret_cast<const char*>(top->ns->href) : "";
  for (const xmlNode* e : xsd::elements_in_order(parsed.doc.get())) {
    std::string_view ns_view =
        e->ns && e->ns->href ? reinterpret_cast<const char*>(e->ns->href) : "";
    if (xmlStrEqual(e->name, BAD_CAST "Signature") && ns_view == kXmlDsigNs)
      root.has_xmldsig_signature = true;
    if (xmlStrEqual(e->name, BAD_CAST "QualifyingProperties") &&
        ns_view.substr(0, 25) == kXadesNs.substr(0, 25))
      root.has_xades = true;
  }
  return root;
}

// Parses the credential held by a JWS payload (JSON text) and records where it came from.
void take_payload(Sniff& out, std::string payload, const std::string& pointer,
                  const InputLimits& limits) {
  out.payload_text = std::move(payload);
  ParsedJson inner = parse_json(out.payload_text, limits, pointer);
  out.json_pointer = pointer;
  out.json = std::move(inner.value);
  for (auto& d : inner.diagnostics) out.diagnostics.push_back(std::move(d));
}

// JWS JSON serialization (general or flattened). JAdES is told apart by its ETSI header
// parameters (sigT, adoTst, x5t#S256 with crit) or its unprotected etsiU member.
bool unwrap_jws_json(Sniff& out, json& doc, const InputLimits& limits) {
  if (!doc.is_object() || !doc.contains("payload")) return false;
  const json* first_sig = nullptr;
  if (doc.contains("signatures") && doc["signatures"].is_array() && !doc["signatures"].empty())
    first_sig = &doc["signatures"][0];
  else if (doc.contains("signature") && doc.contains("protected"))
    first_sig = &doc;
  if (!first_sig || !first_sig->is_object()) return false;

  bool jades = false;
  json header;
  if (first_sig->contains("protected") && (*first_sig)["protected"].is_string()) {
    auto decoded = base64url_decode((*first_sig)["protected"].get<std::string>());
    if (decoded) header = json::parse(*decoded, nullptr, false);
  }
  if (header.is_object()) {
    jades = header.contains("sigT") || header.contains("adoTst") || header.contains("sigD") ||
            header.contains("srCms") || header.contains("sigPl");
    if (header.contains("crit") && header["crit"].is_array())
      for (const auto& c : header["crit"])
        if (c == "sigT") jades = true;
  }
  if (first_sig->contains("header") && (*first_sig)["header"].contains("etsiU")) jades = true;
  out.envelope = jades ? "jades" : "jws";

  const json& payload = doc["payload"];
  if (!payload.is_string()) {
    out.diagnostics.push_back(make_error("json.type", "parse",
                                         "JWS payload must be a string", "/payload"));
    return true;
  }
  std::string text = payload.get<std::string>();
  bool b64 = !(header.is_object() && header.contains("b64") && header["b64"] == false);
  if (b64) {
    auto decoded = base64url_decode(text);
    if (!decoded) {
      out.diagnostics.push_back(make_error("jws.payload", "parse",
                                           "JWS payload is not base64url", "/payload"));
      return true;
    }
    text = std::move(*decoded);
  }
  // Keep the envelope (signatures, protected headers) so a same-format writer can say what
  // it did not carry; verification (a later stage) works on the raw bytes, not on this.
  for (auto it = doc.begin(); it != doc.end(); ++it)
    if (it.key() != "payload")
      out.envelope_members.push_back({it.key(), pointer_append("", it.key()), it.value()});
  take_payload(out, std::move(text), "/payload", limits);
  return true;
}

void unwrap_compact_jws(Sniff& out, std::string_view text, const InputLimits& limits) {
  size_t a = text.find('.');
  size_t b = text.find('.', a + 1);
  auto header_text = base64url_decode(text.substr(0, a));
  auto payload_text = base64url_decode(text.substr(a + 1, b - a - 1));
  json header = header_text ? json::parse(*header_text, nullptr, false) : json();
  out.envelope = "jws";
  if (!payload_text) {
    out.diagnostics.push_back(make_error("jws.payload", "parse",
                                         "compact JWS payload is not base64url", ""));
    return;
  }
  ParsedJson claims = parse_json(*payload_text, limits, "");
  if (!claims.ok()) {
    out.payload_text = *payload_text;
    for (auto& d : claims.diagnostics) out.diagnostics.push_back(std::move(d));
    return;
  }
  out.envelope_members.push_back({"header", "", header});
  std::string typ = header.is_object() && header.contains("typ") && header["typ"].is_string()
                        ? header["typ"].get<std::string>()
                        : "";
  // VC-JWT (VC 1.1): the credential sits in the `vc` claim; VC-JOSE (VC 2.0, typ vc+jwt):
  // the payload is the credential itself.
  if (claims.value.is_object() && claims.value.contains("vc") && claims.value["vc"].is_object()) {
    out.envelope = "vc-jwt";
    for (auto it = claims.value.begin(); it != claims.value.end(); ++it)
      if (it.key() != "vc") out.envelope_members.push_back({it.key(), "/" + it.key(), it.value()});
    out.payload_text = *payload_text;
    out.json = std::move(claims.value["vc"]);
    out.json_pointer = "/vc";
    return;
  }
  if (typ == "vc+jwt" || typ == "vc+ld+jwt" ||
      (claims.value.is_object() && claims.value.contains("credentialSubject")))
    out.envelope = "vc-jwt";
  out.payload_text = *payload_text;
  out.json = std::move(claims.value);
  out.json_pointer = "";
}

}  // namespace

std::optional<std::string> base64url_decode(std::string_view text) {
  std::string b64(text);
  for (auto& c : b64) {
    if (c == '-')
      c = '+';
    else if (c == '_')
      c = '/';
    else if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '+' || c == '/' || c == '='))
      return std::nullopt;
  }
  while (!b64.empty() && b64.back() == '=') b64.pop_back();
  size_t padding = (4 - b64.size() % 4) % 4;
  if (padding == 3) return std::nullopt;
  b64.append(padding, '=');
  std::string out(b64.size() / 4 * 3, '\0');
  int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                          reinterpret_cast<const unsigned char*>(b64.data()),
                          static_cast<int>(b64.size()));
  if (n < 0) return std::nullopt;
  out.resize(static_cast<size_t>(n) - padding);
  return out;
}

std::string base64url_encode(std::string_view bytes) {
  std::string out(4 * ((bytes.size() + 2) / 3) + 1, '\0');
  int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                          reinterpret_cast<const unsigned char*>(bytes.data()),
                          static_cast<int>(bytes.size()));
  out.resize(static_cast<size_t>(n));
  while (!out.empty() && out.back() == '=') out.pop_back();
  for (auto& c : out) {
    if (c == '+')
      c = '-';
    else if (c == '/')
      c = '_';
  }
  return out;
}

Sniff sniff(std::string_view bytes, const InputLimits& limits) {
  Sniff out;
  out.bytes = bytes;
  std::string_view body = trim_left(bytes);
  if (body.empty()) {
    out.kind = ContentKind::Empty;
    out.diagnostics.push_back(make_error("input.empty", "detect", "input is empty"));
    return out;
  }
  if (bytes.size() > limits.max_bytes) {
    out.kind = ContentKind::Binary;
    out.diagnostics.push_back(make_error(
        "input.too-large", "parse",
        "input is " + std::to_string(bytes.size()) + " bytes, over the limit of " +
            std::to_string(limits.max_bytes) + " bytes (--max-input-size)"));
    return out;
  }
  if (bytes.size() >= 8 && std::memcmp(bytes.data(), "\x89PNG\r\n\x1a\n", 8) == 0) {
    out.kind = ContentKind::Png;
    return out;
  }
  if (body.front() == '{' || body.front() == '[') {
    out.kind = ContentKind::Json;
    ParsedJson parsed = parse_json(bytes, limits);
    if (!parsed.ok()) {
      out.diagnostics = std::move(parsed.diagnostics);
      return out;
    }
    if (unwrap_jws_json(out, parsed.value, limits)) return out;
    // The EDC issuer's upload form wraps the credential: {"credential": {...}}.
    if (parsed.value.is_object() && parsed.value.size() == 1 && parsed.value.contains("credential") &&
        parsed.value["credential"].is_object()) {
      out.json = std::move(parsed.value["credential"]);
      out.json_pointer = "/credential";
      return out;
    }
    if (parsed.value.is_object() && parsed.value.contains("proof")) out.envelope = "data-integrity";
    out.json = std::move(parsed.value);
    return out;
  }
  if (body.front() == '<') {
    out.kind = ContentKind::Xml;
    out.xml = scan_xml(bytes, limits, out.diagnostics);
    if (out.xml)
      out.envelope = out.xml->has_xades ? "xades" : (out.xml->has_xmldsig_signature ? "xmldsig" : "");
    return out;
  }
  std::string_view token = trim(body);
  if (looks_like_compact_jws(token)) {
    out.kind = ContentKind::Json;
    unwrap_compact_jws(out, token, limits);
    return out;
  }
  bool binary = false;
  for (unsigned char c : body.substr(0, 4096))
    if (c == 0) binary = true;
  out.kind = binary ? ContentKind::Binary : ContentKind::Text;
  return out;
}

}  // namespace credgate
