#include "support/tordf_suite_loader.hpp"

#include <fstream>
#include <sstream>
#include <string_view>

namespace credgate::test {

jsonld::LoadResult TordfSuiteLoader::load(const std::string& url) {
  jsonld::LoadResult result;
  auto fail = [&](const std::string& why) {
    result.diagnostics.push_back(
        make_error("jsonld.loading-document-failed", "expand", why + ": " + url));
    return result;
  };
  std::string_view base = kJsonLdSuiteBase;
  if (url.rfind(base, 0) != 0 || url.find("..") != std::string::npos)
    return fail("not a URL of the test suite");
  std::string relative = url.substr(base.size());
  relative = relative.substr(0, relative.find_first_of("?#"));
  std::ifstream in(directory_ + relative, std::ios::binary);
  if (!in) return fail("no such file in the test suite");
  std::stringstream text;
  text << in.rdbuf();
  nlohmann::json document = nlohmann::json::parse(text.str(), nullptr, false);
  if (document.is_discarded()) return fail("not JSON");
  result.document = jsonld::RemoteDocument{url, "", "application/ld+json", std::move(document)};
  return result;
}

}  // namespace credgate::test
