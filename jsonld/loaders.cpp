#include "jsonld/loaders.hpp"

#include <curl/curl.h>

#include <filesystem>
#include <fstream>
#include <mutex>
#include <sstream>
#include <unordered_map>

#include "jsonld/bundled_contexts.hpp"
#include "jsonld/rdfc10.hpp"  // hash_hex

namespace credgate::jsonld {

namespace fs = std::filesystem;
using json = nlohmann::json;

namespace {

LoadResult failure(const std::string& url, const std::string& why) {
  LoadResult r;
  r.diagnostics.push_back(make_error("jsonld.loading-document-failed", "parse",
                                     "cannot load " + url + ": " + why, url));
  return r;
}

LoadResult parsed(const std::string& url, std::string_view text, std::string content_type,
                  std::string context_url = {}) {
  json doc = json::parse(text, nullptr, false);
  if (doc.is_discarded()) return failure(url, "not JSON");
  LoadResult r;
  r.document = RemoteDocument{url, std::move(context_url), std::move(content_type), std::move(doc)};
  return r;
}

bool starts_with(const std::string& s, const std::string& prefix) {
  return s.compare(0, prefix.size(), prefix) == 0;
}

std::string read_file(const fs::path& path, bool& ok) {
  std::ifstream in(path, std::ios::binary);
  ok = static_cast<bool>(in);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace

namespace {

// Every bundled context, pin-checked and parsed once per process: contexts are loaded for
// every document, and parsing them again each time was a measurable part of a conversion.
// Keyed by URL alone is safe here because the bytes behind a URL are fixed at build time.
struct ParsedBundle {
  json document;
  std::string error;  // pin mismatch or parse failure
};

const std::unordered_map<std::string, ParsedBundle>& parsed_bundle() {
  static const auto table = [] {
    std::unordered_map<std::string, ParsedBundle> out;
    for (const auto& c : bundled_contexts()) {
      ParsedBundle b;
      if (hash_hex(HashAlgorithm::Sha256, c.text) != c.sha256) {
        b.error = "bundled context " + std::string(c.file) + " does not match its SHA-256 pin";
      } else {
        b.document = json::parse(c.text, nullptr, false);
        if (b.document.is_discarded())
          b.error = "bundled context " + std::string(c.file) + " is not JSON";
      }
      out.emplace(std::string(c.url), std::move(b));
    }
    return out;
  }();
  return table;
}

}  // namespace

LoadResult BundledLoader::load(const std::string& url) {
  auto it = parsed_bundle().find(url);
  if (it == parsed_bundle().end())
    return failure(url,
                   "not a bundled context (see `credgate formats`, jsonld/contexts/index.json)");
  if (!it->second.error.empty()) return failure(url, it->second.error);
  LoadResult r;
  r.document = RemoteDocument{url, "", "application/ld+json", it->second.document};
  return r;
}

LoadFingerprint BundledLoader::fingerprint(const std::string& url) {
  const BundledContext* bundled = find_bundled_context(url);
  auto it = parsed_bundle().find(url);
  if (!bundled || it == parsed_bundle().end() || !it->second.error.empty())
    return {LoadFingerprint::Kind::fails, {}};
  return {LoadFingerprint::Kind::known,
          "bundled sha256:" + std::string(bundled->sha256) + " " + url};
}

DirectoryLoader::DirectoryLoader(std::string directory) : directory_(std::move(directory)) {
  bool ok = false;
  std::string text = read_file(fs::path(directory_) / "index.json", ok);
  index_ = ok ? json::parse(text, nullptr, false) : json();
  if (!ok || !index_.is_object())
    setup_.push_back(make_error("jsonld.context-directory", "parse",
                                directory_ + "/index.json must map context URLs to file names"));
}

LoadResult DirectoryLoader::load(const std::string& url) {
  auto it = index_.is_object() ? index_.find(url) : index_.end();
  if (it == index_.end() || !it->is_string())
    return failure(url, "not in " + directory_ + "/index.json");
  fs::path file = fs::path(directory_) / it->get<std::string>();
  if (file.lexically_normal().string().find("..") != std::string::npos)
    return failure(url, "index entry leaves the context directory");
  bool ok = false;
  std::string text = read_file(file, ok);
  if (!ok) return failure(url, "cannot read " + file.string());
  return parsed(url, text, "application/ld+json");
}

RemoteLoader::RemoteLoader(RemotePolicy policy) : policy_(std::move(policy)) {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

bool RemoteLoader::allowed(const std::string& url) const {
  bool https = starts_with(url, "https://");
  bool http = starts_with(url, "http://");
  if (!https && !http) return false;
  for (const auto& prefix : policy_.allow) {
    if (!starts_with(url, prefix) || !(https || starts_with(prefix, "http://"))) continue;
    // A prefix ends at a boundary: "https://a.example" must not allow "https://a.example.evil".
    char next = url.size() > prefix.size() ? url[prefix.size()] : '\0';
    if (prefix.back() == '/' || next == '\0' || next == '/' || next == '?' || next == '#')
      return true;
  }
  return false;  // plain http only where an http:// prefix allows it explicitly
}

namespace {

struct Fetch {
  std::string body;
  std::string content_type, link, location;
  size_t max_bytes = 0;
  bool too_large = false;
};

size_t on_body(char* data, size_t size, size_t count, void* user) {
  auto* f = static_cast<Fetch*>(user);
  size_t n = size * count;
  if (f->body.size() + n > f->max_bytes) {
    f->too_large = true;
    return 0;  // aborts the transfer
  }
  f->body.append(data, n);
  return n;
}

size_t on_header(char* data, size_t size, size_t count, void* user) {
  auto* f = static_cast<Fetch*>(user);
  std::string line(data, size * count);
  auto colon = line.find(':');
  if (colon != std::string::npos) {
    std::string name = line.substr(0, colon);
    for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    std::string value = line.substr(colon + 1);
    while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) value.erase(0, 1);
    while (!value.empty() && (value.back() == '\r' || value.back() == '\n' || value.back() == ' '))
      value.pop_back();
    if (name == "content-type") f->content_type = value;
    if (name == "link") f->link += (f->link.empty() ? "" : ", ") + value;
    if (name == "location") f->location = value;
  }
  return size * count;
}

std::string resolve_location(const std::string& base, const std::string& location) {
  if (location.find("://") != std::string::npos) return location;
  auto scheme_end = base.find("://");
  auto host_end = base.find('/', scheme_end + 3);
  std::string origin = base.substr(0, host_end);
  if (!location.empty() && location.front() == '/') return origin + location;
  return base.substr(0, base.rfind('/') + 1) + location;
}

}  // namespace

LoadResult RemoteLoader::load(const std::string& original_url) {
  std::string url = original_url;
  fs::path cache_file;
  if (!policy_.cache_directory.empty()) {
    cache_file =
        fs::path(policy_.cache_directory) / (hash_hex(HashAlgorithm::Sha256, url) + ".json");
    bool ok = false;
    std::string cached = read_file(cache_file, ok);
    json entry = ok ? json::parse(cached, nullptr, false) : json();
    if (entry.is_object() && entry.value("url", "") == url)
      return parsed(entry.value("documentUrl", url), entry.value("body", ""),
                    entry.value("contentType", ""), entry.value("contextUrl", ""));
  }
  for (int hop = 0; hop <= policy_.max_redirects; ++hop) {
    if (!allowed(url))
      return failure(url,
                     "remote loading is not allowed for this URL (https only, and only under "
                     "--allow-remote prefixes)");
    CURL* curl = curl_easy_init();
    if (!curl) return failure(url, "libcurl could not start");
    Fetch f;
    f.max_bytes = policy_.max_bytes;
    curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
    curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "https,http");
    curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 0L);  // redirects are checked by hand
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, policy_.connect_timeout_ms);
    curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, policy_.total_timeout_ms);
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &f);
    curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, on_header);
    curl_easy_setopt(curl, CURLOPT_HEADERDATA, &f);
    curl_slist* headers =
        curl_slist_append(nullptr, "Accept: application/ld+json, application/json;q=0.9");
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
    CURLcode rc = curl_easy_perform(curl);
    long status = 0;
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
    curl_slist_free_all(headers);
    curl_easy_cleanup(curl);
    if (f.too_large)
      return failure(url, "larger than " + std::to_string(policy_.max_bytes) + " bytes");
    if (rc != CURLE_OK) return failure(url, curl_easy_strerror(rc));
    if (status >= 300 && status < 400 && !f.location.empty()) {
      url = resolve_location(url, f.location);
      continue;
    }
    if (status < 200 || status >= 300) return failure(url, "HTTP status " + std::to_string(status));
    std::string media = f.content_type.substr(0, f.content_type.find(';'));
    bool json_type = media == "application/ld+json" || media == "application/json" ||
                     (media.size() > 5 && media.compare(media.size() - 5, 5, "+json") == 0);
    if (!json_type) {
      // Not JSON, but a JSON-LD alternate is linked: load that instead (9.4 step 4).
      auto alternate = links(f.link, "alternate", "application/ld+json");
      if (!alternate.empty() && hop < policy_.max_redirects) {
        url = resolve_location(url, alternate.front());
        continue;
      }
      return failure(
          url, "content type " + (media.empty() ? std::string("(none)") : media) + " is not JSON");
    }
    // A context by Link header counts for plain JSON only (JSON-LD 1.1 API, 9.4 step 5).
    auto context_links = links(f.link, "http://www.w3.org/ns/json-ld#context");
    if (context_links.size() > 1 && media != "application/ld+json") {
      LoadResult r;
      r.diagnostics.push_back(make_error("jsonld.multiple-context-link-headers", "parse",
                                         url + " has more than one JSON-LD context Link header",
                                         url));
      return r;
    }
    std::string link = context_links.empty() ? "" : context_links.front();
    std::string context_url =
        media != "application/ld+json" && !link.empty() ? resolve_location(url, link) : "";
    LoadResult r = parsed(url, f.body, media, context_url);
    if (r.ok() && !cache_file.empty()) {
      std::error_code ec;
      fs::create_directories(policy_.cache_directory, ec);
      json entry = {{"url", original_url},
                    {"documentUrl", url},
                    {"contentType", media},
                    {"contextUrl", context_url},
                    {"body", f.body}};
      fs::path tmp = cache_file;
      tmp += ".tmp";
      std::ofstream(tmp, std::ios::binary) << entry.dump();
      fs::rename(tmp, cache_file, ec);
    }
    return r;
  }
  return failure(original_url, "more than " + std::to_string(policy_.max_redirects) + " redirects");
}

LoadResult ChainLoader::load(const std::string& url) {
  std::string tried;
  for (const auto& loader : loaders_) {
    LoadResult r = loader->load(url);
    if (r.ok()) return r;
    for (const auto& d : r.diagnostics) tried += (tried.empty() ? "" : "; ") + d.message;
  }
  return failure(url, tried.empty() ? "no document loader configured" : tried);
}

LoadFingerprint ChainLoader::fingerprint(const std::string& url) {
  for (const auto& loader : loaders_) {
    LoadFingerprint f = loader->fingerprint(url);
    if (f.kind != LoadFingerprint::Kind::fails) return f;
  }
  return {LoadFingerprint::Kind::fails, {}};
}

std::vector<std::string> links(const std::string& header, const std::string& rel,
                               const std::string& type) {
  // <ctx.jsonld>; rel="http://www.w3.org/ns/json-ld#context"; type="application/ld+json", <...>;
  // ...
  std::vector<std::string> out;
  size_t at = 0;
  auto has_param = [](const std::string& params, const std::string& name,
                      const std::string& value) {
    return params.find(name + "=\"" + value + "\"") != std::string::npos ||
           params.find(name + "=" + value) != std::string::npos;
  };
  while ((at = header.find('<', at)) != std::string::npos) {
    size_t end = header.find('>', at);
    if (end == std::string::npos) break;
    size_t next = header.find('<', end);
    std::string params =
        header.substr(end + 1, next == std::string::npos ? std::string::npos : next - end - 1);
    if (has_param(params, "rel", rel) && (type.empty() || has_param(params, "type", type)))
      out.push_back(header.substr(at + 1, end - at - 1));
    at = end;
  }
  return out;
}

std::string context_link(const std::string& header) {
  auto found = links(header, "http://www.w3.org/ns/json-ld#context");
  return found.empty() ? "" : found.front();
}

}  // namespace credgate::jsonld
