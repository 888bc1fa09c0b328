#pragma once

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace credgate::test {

std::string source_dir();

// A fresh directory under the system temp dir, removed with the object. `name` and the
// process id keep parallel test processes apart.
struct TempDir {
  std::filesystem::path path;
  explicit TempDir(const std::string& name);
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
};
std::string data_path(const std::string& relative);
// Signing test vectors (keys, signed documents, hashes) under tests/vectors/: kept out of
// tests/data/, whose every JSON file the format tests convert as a credential.
std::string vector_path(const std::string& relative);
std::string read_file(const std::string& path);
void write_file(const std::string& path, const std::string& bytes);
// Files under tests/data/<folder> (recursive), relative to tests/data, sorted.
std::vector<std::string> data_files(const std::string& folder);
// JSON-LD equivalence for our purposes: member order does not matter (nlohmann compares
// objects by content), a one-element array equals its element, and arrays are sets (no @list
// in EDC or OB3), so they are compared sorted; a member holding [] states nothing.
nlohmann::json jsonld_normal(const nlohmann::json& value);

}  // namespace credgate::test
