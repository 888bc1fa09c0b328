// The document loaders credgate offers: the bundled contexts (default, offline), a user's
// directory of contexts, and remote loading over libcurl, which is off unless enabled with an
// allow-list. A ChainLoader tries them in order; an unknown URL is a clear error naming it.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "jsonld/document_loader.hpp"

namespace credgate::jsonld {

// The contexts compiled into credgate, each checked against its SHA-256 pin before use.
class BundledLoader : public DocumentLoader {
 public:
  LoadResult load(const std::string& url) override;
  // The pinned SHA-256 of the bundled bytes and the URL; `fails` for a URL not bundled.
  LoadFingerprint fingerprint(const std::string& url) override;
};

// A directory with an index.json mapping URL -> file name (the layout of jsonld/contexts/),
// for institution-specific contexts. The index is read once, at construction.
class DirectoryLoader : public DocumentLoader {
 public:
  explicit DirectoryLoader(std::string directory);
  LoadResult load(const std::string& url) override;
  const Diagnostics& setup_diagnostics() const { return setup_; }

 private:
  std::string directory_;
  nlohmann::json index_;
  Diagnostics setup_;
};

struct RemotePolicy {
  std::vector<std::string> allow;  // URL prefixes that may be fetched; empty: nothing may
  long connect_timeout_ms = 5000;
  long total_timeout_ms = 15000;
  size_t max_bytes = 4u * 1024u * 1024u;
  int max_redirects = 5;
  std::string cache_directory;  // "" = no on-disk cache
};

// Fetches with libcurl: https only, plain http only under an allow-listed http:// prefix,
// redirects followed by hand and only to allow-listed URLs, size and time bounded.
class RemoteLoader : public DocumentLoader {
 public:
  explicit RemoteLoader(RemotePolicy policy);
  LoadResult load(const std::string& url) override;
  bool allowed(const std::string& url) const;

 private:
  RemotePolicy policy_;
};

class ChainLoader : public DocumentLoader {
 public:
  void add(std::unique_ptr<DocumentLoader> loader) { loaders_.push_back(std::move(loader)); }
  LoadResult load(const std::string& url) override;
  // That of the first loader that does not fail for `url`, as load() picks it.
  LoadFingerprint fingerprint(const std::string& url) override;

 private:
  std::vector<std::unique_ptr<DocumentLoader>> loaders_;
};

// The targets of the links in a Link header value with relation `rel` (and, when `type` is not
// empty, that media type), in order (JSON-LD 1.1 API, 9.4 remote document retrieval).
std::vector<std::string> links(const std::string& link_header, const std::string& rel,
                               const std::string& type = "");
// The one rel="http://www.w3.org/ns/json-ld#context" target, "" if none.
std::string context_link(const std::string& link_header);

}  // namespace credgate::jsonld
