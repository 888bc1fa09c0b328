#include "jsonld/options.hpp"

namespace credgate::jsonld {

std::string jsonld_error_code(std::string_view spec_code) {
  std::string out = "jsonld.";
  for (char c : spec_code) out += c == ' ' ? '-' : c;
  return out;
}

}  // namespace credgate::jsonld
