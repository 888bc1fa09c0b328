#include "support/test_support.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <unistd.h>

namespace credgate::test {

namespace fs = std::filesystem;

std::string source_dir() { return CREDGATE_SOURCE_DIR; }

TempDir::TempDir(const std::string& name)
    : path(fs::temp_directory_path() / ("credgate-" + name + "-" + std::to_string(::getpid()))) {
  fs::remove_all(path);
  fs::create_directories(path);
}

TempDir::~TempDir() {
  std::error_code ignored;
  fs::remove_all(path, ignored);
}
std::string data_path(const std::string& relative) { return source_dir() + "/tests/data/" + relative; }
std::string vector_path(const std::string& relative) {
  return source_dir() + "/tests/vectors/" + relative;
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void write_file(const std::string& path, const std::string& bytes) {
  fs::create_directories(fs::path(path).parent_path());
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << bytes;
}

std::vector<std::string> data_files(const std::string& folder) {
  std::vector<std::string> out;
  fs::path root = data_path("");
  for (const auto& e : fs::recursive_directory_iterator(root / folder)) {
    if (!e.is_regular_file()) continue;
    auto ext = e.path().extension().string();
    if (ext != ".json" && ext != ".jsonld") continue;
    out.push_back(fs::relative(e.path(), root).string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

nlohmann::json jsonld_normal(const nlohmann::json& value) {
  if (value.is_object()) {
    nlohmann::json out = nlohmann::json::object();
    for (auto it = value.begin(); it != value.end(); ++it) {
      if (it.value().is_array() && it.value().empty()) continue;  // [] states nothing in JSON-LD
      out[it.key()] = jsonld_normal(it.value());
    }
    return out;
  }
  if (value.is_array()) {
    if (value.size() == 1) return jsonld_normal(value[0]);
    std::vector<nlohmann::json> items;
    for (const auto& v : value) items.push_back(jsonld_normal(v));
    std::sort(items.begin(), items.end(), [](const auto& a, const auto& b) { return a.dump() < b.dump(); });
    return nlohmann::json(items);
  }
  return value;
}

}  // namespace credgate::test
