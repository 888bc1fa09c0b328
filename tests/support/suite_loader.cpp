#include "support/suite_loader.hpp"

#include <filesystem>

#include "support/test_support.hpp"

namespace credgate::test {

namespace {

jsonld::LoadResult failed(const std::string& url, const std::string& why) {
  jsonld::LoadResult out;
  out.diagnostics.push_back(
      make_error("jsonld.loading-document-failed", "io", "cannot load " + url + ": " + why));
  return out;
}

// The media type a test file is served with, by extension (the suite's README).
std::string content_type(const std::string& path) {
  if (path.ends_with(".jsonld")) return "application/ld+json";
  if (path.ends_with(".json")) return "application/json";
  return {};
}

}  // namespace

jsonld::LoadResult SuiteLoader::load(const std::string& url) {
  if (!url.starts_with(prefix_)) return failed(url, "outside the test suite");
  std::string relative = url.substr(prefix_.size());
  relative = relative.substr(0, relative.find_first_of("?#"));
  if (relative.find("..") != std::string::npos) return failed(url, "escapes the test suite");
  std::string type = content_type(relative);
  if (type.empty()) return failed(url, "not a JSON document");
  std::string path = directory_ + relative;
  if (!std::filesystem::is_regular_file(path)) return failed(url, "no such file");
  nlohmann::json document = nlohmann::json::parse(read_file(path), nullptr, false);
  if (document.is_discarded()) return failed(url, "not JSON");
  jsonld::LoadResult out;
  out.document = jsonld::RemoteDocument{url, "", type, std::move(document)};
  return out;
}

std::string json_ld_api_suite_dir() { return source_dir() + "/tests/w3c/json-ld-api/"; }

SuiteLoader json_ld_api_suite_loader() { return SuiteLoader(kJsonLdApiSuiteBase, json_ld_api_suite_dir()); }

}  // namespace credgate::test
