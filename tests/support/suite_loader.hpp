// A DocumentLoader for the W3C JSON-LD test suites: URLs under the suite's base
// (https://w3c.github.io/json-ld-api/tests/) are read from the copy in tests/w3c/json-ld-api;
// every other URL fails, as a document that cannot be dereferenced.
#pragma once

#include <string>

#include "jsonld/document_loader.hpp"

namespace credgate::test {

class SuiteLoader : public jsonld::DocumentLoader {
 public:
  SuiteLoader(std::string url_prefix, std::string directory)
      : prefix_(std::move(url_prefix)), directory_(std::move(directory)) {}

  jsonld::LoadResult load(const std::string& url) override;

 private:
  std::string prefix_;     // ends with "/"
  std::string directory_;  // ends with "/"
};

// The copy of the W3C JSON-LD API suite: tests/w3c/json-ld-api/ (ends with "/").
std::string json_ld_api_suite_dir();
// The loader for https://w3c.github.io/json-ld-api/tests/ -> tests/w3c/json-ld-api/.
SuiteLoader json_ld_api_suite_loader();
inline constexpr const char* kJsonLdApiSuiteBase = "https://w3c.github.io/json-ld-api/tests/";

}  // namespace credgate::test
