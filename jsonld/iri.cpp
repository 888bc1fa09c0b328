#include "jsonld/iri.hpp"

#include <array>

#include "jsonld/literal_equals.hpp"

namespace credgate::jsonld {
namespace {

bool is_alpha(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

// The components of RFC 3986 appendix B; `has_*` tells an empty component from a missing one.
struct Reference {
  std::string_view scheme, authority, path, query, fragment;
  bool has_scheme = false, has_authority = false, has_query = false, has_fragment = false;
};

Reference split(std::string_view s) {
  Reference r;
  size_t i = 0;
  size_t colon = s.find_first_of(":/?#");
  if (colon != std::string_view::npos && colon > 0 && s[colon] == ':') {
    r.scheme = s.substr(0, colon);
    r.has_scheme = true;
    i = colon + 1;
  }
  if (s.substr(i, 2) == "//") {
    size_t end = s.find_first_of("/?#", i + 2);
    if (end == std::string_view::npos) end = s.size();
    r.authority = s.substr(i + 2, end - i - 2);
    r.has_authority = true;
    i = end;
  }
  size_t end = s.find_first_of("?#", i);
  if (end == std::string_view::npos) end = s.size();
  r.path = s.substr(i, end - i);
  i = end;
  if (i < s.size() && s[i] == '?') {
    end = s.find('#', i);
    if (end == std::string_view::npos) end = s.size();
    r.query = s.substr(i + 1, end - i - 1);
    r.has_query = true;
    i = end;
  }
  if (i < s.size() && s[i] == '#') {
    r.fragment = s.substr(i + 1);
    r.has_fragment = true;
  }
  return r;
}

// RFC 3986 section 5.2.4.
std::string remove_dot_segments(std::string_view in) {
  std::string out;
  while (!in.empty()) {
    if (in.starts_with("../")) {
      in.remove_prefix(3);
    } else if (in.starts_with("./")) {
      in.remove_prefix(2);
    } else if (in.starts_with("/./")) {
      in.remove_prefix(2);
    } else if (in == "/.") {
      in = "/";
    } else if (in.starts_with("/../") || in == "/..") {
      in = in.size() == 3 ? std::string_view("/") : in.substr(3);
      size_t last = out.rfind('/');
      out.erase(last == std::string::npos ? 0 : last);
    } else if (in == "." || in == "..") {
      in = {};
    } else {
      size_t next = in.find('/', in[0] == '/' ? 1 : 0);
      if (next == std::string_view::npos) next = in.size();
      out.append(in.substr(0, next));
      in.remove_prefix(next);
    }
  }
  return out;
}

// RFC 3986 section 5.2.3.
std::string merge_paths(const Reference& base, std::string_view path) {
  if (base.has_authority && base.path.empty()) return "/" + std::string(path);
  size_t slash = base.path.rfind('/');
  if (slash == std::string_view::npos) return std::string(path);
  return std::string(base.path.substr(0, slash + 1)) + std::string(path);
}

}  // namespace

bool is_keyword(std::string_view s) {
  // By the letter after '@' (expansion asks this for every key and IRI it expands).
  if (s.size() < 3 || s[0] != '@') return false;
  switch (s[1]) {
    case 'b':
      return equals(s, "@base");
    case 'c':
      return equals(s, "@container") || equals(s, "@context");
    case 'd':
      return equals(s, "@direction");
    case 'g':
      return equals(s, "@graph");
    case 'i':
      return equals(s, "@id") || equals(s, "@import") || equals(s, "@included") ||
             equals(s, "@index");
    case 'j':
      return equals(s, "@json");
    case 'l':
      return equals(s, "@language") || equals(s, "@list");
    case 'n':
      return equals(s, "@nest") || equals(s, "@none");
    case 'p':
      return equals(s, "@prefix") || equals(s, "@propagate") || equals(s, "@protected");
    case 'r':
      return equals(s, "@reverse");
    case 's':
      return equals(s, "@set");
    case 't':
      return equals(s, "@type");
    case 'v':
      return equals(s, "@value") || equals(s, "@version") || equals(s, "@vocab");
    default:
      return false;
  }
}

bool has_keyword_form(std::string_view s) {
  if (s.size() < 2 || s[0] != '@') return false;
  for (size_t i = 1; i < s.size(); ++i)
    if (!is_alpha(s[i])) return false;
  return true;
}

bool is_absolute_iri(std::string_view s) {
  if (s.empty() || !is_alpha(s[0])) return false;
  size_t i = 1;
  while (i < s.size() &&
         (is_alpha(s[i]) || is_digit(s[i]) || s[i] == '+' || s[i] == '-' || s[i] == '.'))
    ++i;
  if (i >= s.size() || s[i] != ':') return false;
  // One table lookup per character: expansion asks this of every @id and IRI value it keeps.
  static constexpr auto kExcluded = [] {
    std::array<bool, 256> excluded{};
    for (int c = 0; c <= 0x20; ++c) excluded[c] = true;
    for (unsigned char c : std::string_view("<>\"{}|\\^`")) excluded[c] = true;
    return excluded;
  }();
  for (char c : s)
    if (kExcluded[static_cast<unsigned char>(c)]) return false;
  return true;
}

bool ends_with_gen_delim(std::string_view s) {
  return !s.empty() && std::string_view(":/?#[]@").find(s.back()) != std::string_view::npos;
}

bool is_well_formed_language(std::string_view s) {
  if (s.empty()) return false;
  size_t start = 0;
  bool first = true;
  while (true) {
    size_t end = s.find('-', start);
    if (end == std::string_view::npos) end = s.size();
    size_t len = end - start;
    if (len < 1 || len > 8) return false;
    for (size_t i = start; i < end; ++i)
      if (!(is_alpha(s[i]) || (!first && is_digit(s[i])))) return false;
    if (end == s.size()) return true;
    start = end + 1;
    first = false;
  }
}

std::string ascii_lowercase(std::string s) {
  lowercase_ascii(s);
  return s;
}

std::string resolve_iri(std::string_view base_iri, std::string_view reference) {
  Reference r = split(reference);
  Reference b = split(base_iri);
  std::string out;
  auto append_authority = [&out](std::string_view authority) {
    out += "//";
    out += authority;
  };
  if (r.has_scheme) {
    out.append(r.scheme).append(":");
    if (r.has_authority) append_authority(r.authority);
    out += remove_dot_segments(r.path);
  } else {
    out.append(b.scheme).append(":");
    if (r.has_authority) {
      append_authority(r.authority);
      out += remove_dot_segments(r.path);
    } else {
      if (b.has_authority) append_authority(b.authority);
      if (r.path.empty()) {
        out += b.path;
        if (!r.has_query && b.has_query) out.append("?").append(b.query);
      } else if (r.path[0] == '/') {
        out += remove_dot_segments(r.path);
      } else {
        out += remove_dot_segments(merge_paths(b, r.path));
      }
    }
  }
  if (r.has_query) out.append("?").append(r.query);
  if (r.has_fragment) out.append("#").append(r.fragment);
  return out;
}

}  // namespace credgate::jsonld
