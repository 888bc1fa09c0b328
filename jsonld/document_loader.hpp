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

// What load(url) would return, named without loading it, for the processor's process-wide
// cache of processed contexts: a context built from loaded documents is reused by another
// call only when the loader of that call names every one of them with the same identity.
struct LoadFingerprint {
  enum class Kind {
    unknown,  // the loader cannot tell: nothing it loads is shared between calls
    fails,    // load(url) fails (a ChainLoader then asks the next loader)
    known,    // load(url) returns the document `identity` stands for
  };
  Kind kind = Kind::unknown;
  // Changes whenever the returned document could: e.g. the SHA-256 of its bytes and its URL.
  std::string identity;
};

class DocumentLoader {
 public:
  virtual ~DocumentLoader() = default;
  virtual LoadResult load(const std::string& url) = 0;
  // Loaders whose documents are fixed (the bundled contexts) override this; the default keeps
  // everything they load out of the shared context cache.
  virtual LoadFingerprint fingerprint(const std::string& url) {
    (void)url;
    return {};
  }
};

}  // namespace credgate::jsonld
