#include "support/mapped_fields.hpp"

#include <gtest/gtest.h>

#include <functional>
#include <string>

#include "gateway/pipeline.hpp"

namespace credgate::test {

nlohmann::json mapped_fields(const model::Credential& c, bool positions) {
  using json = nlohmann::json;
  json dump = model::dump(c);
  dump.erase("envelope");
  std::function<void(json&)> strip = [&](json& j) {
    if (j.is_object()) {
      if (!positions) {
        j.erase("source_pointer");
        j.erase("pointer");
      }
      for (auto& [k, v] : j.items()) strip(v);
    } else if (j.is_array()) {
      for (auto& v : j) strip(v);
    } else if (j.is_string()) {
      std::string s = j.get<std::string>(), out;
      if (s.rfind("<", 0) != 0) return;
      for (char ch : s)
        if (ch != '\n' && ch != ' ') out += ch;
      j = out;
    }
  };
  strip(dump);
  return dump;
}

model::Credential read_one(const std::string& bytes) {
  ConvertRequest req;
  ReadResult r = read_bytes(bytes, req);
  EXPECT_TRUE(r.ok()) << (r.diagnostics.empty() ? "" : r.diagnostics[0].to_line());
  EXPECT_EQ(r.credentials.size(), 1u);
  return r.credentials.empty() ? model::Credential{} : r.credentials.front();
}

}  // namespace credgate::test
