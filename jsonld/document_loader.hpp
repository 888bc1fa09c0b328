// Loading remote documents (contexts, and documents by URL) for the JSON-LD processor. The
// processor only sees this interface; which loaders exist (bundled, user directory, remote
// over libcurl with an allow-list, test fixtures) is the caller's choice.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "mappers/model/diagnostic.hpp"

namespace credgate::jsonld {

// JSON-LD 1.1 API, RemoteDocument.
struct RemoteDocument {
  std::string document_url;  // after redirects
  std::string context_url;   // from an HTTP Link header (rel=http://www.w3.org/ns/json-ld#context)
  std::string content_type;
  nlohmann::json document;
};

struct LoadResult {
  std::optional<RemoteDocument> document;
  Diagnostics diagnostics;  // jsonld.loading-document-failed / jsonld.loading-remote-context-failed
  bool ok() const { return document.has_value() && !has_error(diagnostics); }
};

class DocumentLoader {
 public:
  virtual ~DocumentLoader() = default;
  virtual LoadResult load(const std::string& url) = 0;
};

}  // namespace credgate::jsonld
