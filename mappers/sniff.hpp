// First look at an input: what kind of bytes it is, which envelope (JAdES, compact JWS,
// VC-JWT, Data Integrity proof, XML signature) is around the credential, and the credential's
// own content, parsed once and handed to detection and to the reader.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "mappers/json_input.hpp"
#include "mappers/model/credential.hpp"
#include "mappers/model/diagnostic.hpp"

namespace credgate {

enum class ContentKind { Json, Xml, Png, Text, Binary, Empty };

struct XmlRoot {
  std::string local_name;
  std::string namespace_uri;
  bool has_xmldsig_signature = false;  // a ds:Signature element anywhere
  bool has_xades = false;              // xades:QualifyingProperties inside it
};

struct Sniff {
  ContentKind kind = ContentKind::Empty;
  std::string envelope;  // "", "jades", "jws", "vc-jwt", "data-integrity", "xades", "xmldsig"
  std::string_view bytes;  // the whole input
  std::string payload_text;  // the credential's own text when an envelope held it
  nlohmann::json json;       // parsed credential (Json kind), envelope removed
  std::string json_pointer;  // where `json` sits in the input ("/payload", "/credential", "")
  std::vector<model::Extra> envelope_members;  // envelope parts kept for the model
  std::optional<XmlRoot> xml;
  Diagnostics diagnostics;  // parse errors; detection still runs on what could be read
};

Sniff sniff(std::string_view bytes, const InputLimits& limits);

// base64url without padding (RFC 4648 section 5), as JOSE uses it.
std::optional<std::string> base64url_decode(std::string_view text);
std::string base64url_encode(std::string_view bytes);

}  // namespace credgate
