#include "support/loss_check.hpp"

#include <gtest/gtest.h>

#include <set>
#include <vector>

namespace credgate::test {

using json = nlohmann::json;

static void collect_leaves(const json& v, const std::string& pointer, std::vector<std::pair<std::string, std::string>>& out) {
  if (v.is_object()) {
    for (auto it = v.begin(); it != v.end(); ++it) {
      if (it.key() == "@context" || it.key() == "type") continue;
      collect_leaves(it.value(), pointer_append(pointer, it.key()), out);
    }
  } else if (v.is_array()) {
    for (size_t i = 0; i < v.size(); ++i) collect_leaves(v[i], pointer_append(pointer, i), out);
  } else if (v.is_string()) {
    out.emplace_back(pointer, v.get<std::string>());
  } else if (!v.is_null()) {
    out.emplace_back(pointer, v.dump());
  }
}

static void collect_values(const json& v, std::set<std::string>& out) {
  if (v.is_object()) {
    for (auto it = v.begin(); it != v.end(); ++it) collect_values(it.value(), out);
  } else if (v.is_array()) {
    for (const auto& x : v) collect_values(x, out);
  } else if (v.is_string()) {
    const auto& s = v.get_ref<const std::string&>();
    out.insert(s);
    if (s.rfind("mailto:", 0) == 0) out.insert(s.substr(7));
    if (s.rfind("data:", 0) == 0) out.insert(s.substr(s.find(',') + 1));
    try {  // "2" and 2.0 are the same credit value
      size_t used = 0;
      double d = std::stod(s, &used);
      if (used == s.size()) out.insert(json(d).dump());
    } catch (...) {
    }
  } else if (v.is_number()) {
    out.insert(v.dump());
    out.insert(json(v.get<double>()).dump());
  } else if (!v.is_null()) {
    out.insert(v.dump());
  }
}

static bool under(const std::string& pointer, const std::string& prefix) {
  return pointer == prefix || (pointer.size() > prefix.size() && pointer.compare(0, prefix.size(), prefix) == 0 &&
                               pointer[prefix.size()] == '/');
}

void expect_nothing_silently_dropped(const json& source, const std::string& base, const ConvertOutcome& o) {
  std::vector<std::pair<std::string, std::string>> leaves;
  collect_leaves(source, base, leaves);
  std::set<std::string> values;
  for (const auto& d : o.documents) collect_values(json::parse(d.text), values);
  for (const auto& [pointer, value] : leaves) {
    if (values.count(value)) continue;
    // Same value, other spelling: a mailto: IRI as a plain address, "6" as the number 6.0.
    if (value.rfind("mailto:", 0) == 0 && values.count(value.substr(7))) continue;
    try {
      size_t used = 0;
      double d = std::stod(value, &used);
      if (used == value.size() && values.count(json(d).dump())) continue;
    } catch (...) {
    }
    bool reported = false;
    for (const auto& l : o.losses) reported = reported || under(pointer, l.pointer);
    EXPECT_TRUE(reported) << "dropped without a loss entry: " << pointer << " = " << value.substr(0, 120);
  }
}

}  // namespace credgate::test
