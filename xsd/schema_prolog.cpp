#include "xsd/schema_prolog.hpp"

namespace credgate::xsd {

namespace {

// Where the DOCTYPE declaration starting at `at` ends (one past its '>'), npos if it does not
// end. An internal subset is skipped by its brackets; quoted literals may hold '>' or ']'.
size_t doctype_end(std::string_view text, size_t at) {
  char quote = 0;
  bool in_subset = false;
  for (size_t i = at + 9; i < text.size(); ++i) {
    char c = text[i];
    if (quote) {
      if (c == quote) quote = 0;
    } else if (c == '"' || c == '\'') {
      quote = c;
    } else if (c == '[') {
      in_subset = true;
    } else if (c == ']') {
      in_subset = false;
    } else if (c == '>' && !in_subset) {
      return i + 1;
    }
  }
  return std::string_view::npos;
}

}  // namespace

std::string without_doctype(std::string_view text) {
  std::string out(text);
  // Only the prolog counts: the declaration must come before the first element.
  size_t at = text.find("<!DOCTYPE");
  if (at == std::string_view::npos) return out;
  for (size_t i = text.find('<'); i < at; i = text.find('<', i + 1))
    if (i + 1 < text.size() && text[i + 1] != '?' && text[i + 1] != '!') return out;
  size_t end = doctype_end(text, at);
  if (end == std::string_view::npos) return out;  // malformed: Xerces says where
  for (size_t i = at; i < end; ++i)
    if (out[i] != '\n' && out[i] != '\r') out[i] = ' ';
  return out;
}

}  // namespace credgate::xsd
