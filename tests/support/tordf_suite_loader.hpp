// A DocumentLoader over the local copy of the W3C JSON-LD API test suite: the suite's URLs
// https://w3c.github.io/json-ld-api/tests/<path> are files tests/w3c/json-ld-api/<path>.
// Nothing else loads. (Named for the toRdf suite test: the expansion branch has its own.)
#pragma once

#include <string>

#include "jsonld/document_loader.hpp"

namespace credgate::test {

inline constexpr const char* kJsonLdSuiteBase = "https://w3c.github.io/json-ld-api/tests/";

class TordfSuiteLoader : public jsonld::DocumentLoader {
 public:
  explicit TordfSuiteLoader(std::string directory) : directory_(std::move(directory)) {}
  // Unknown URLs, missing files and files that are not JSON fail with
  // jsonld.loading-document-failed; context processing reports its own code on top.
  jsonld::LoadResult load(const std::string& url) override;

 private:
  std::string directory_;  // ends with '/'
};

}  // namespace credgate::test
