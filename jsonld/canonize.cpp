#include "jsonld/canonize.hpp"

#include <simdjson.h>

#include <cmath>

#include "jsonld/expand.hpp"
#include "jsonld/expander.hpp"
#include "jsonld/json_text.hpp"
#include "jsonld/to_rdf_ref.hpp"
#include "jsonld/tree_release.hpp"

namespace credgate::jsonld {
namespace {

// Whether the DOM holds a -0: nlohmann reads "-0" as the integer 0, and simdjson versions may
// read it as the double -0.0 (3.0.1, Debian's, reads the integer 0 too), so with such a
// version (reads_minus_zero_as_double()) a document holding one goes the nlohmann way
// (parse_json_text() does the same).
bool has_negative_zero(simdjson::dom::element e) {
  switch (e.type()) {
    case simdjson::dom::element_type::ARRAY: {
      simdjson::dom::array array;
      if (e.get(array) != simdjson::SUCCESS) return true;
      for (simdjson::dom::element item : array)
        if (has_negative_zero(item)) return true;
      return false;
    }
    case simdjson::dom::element_type::OBJECT: {
      simdjson::dom::object object;
      if (e.get(object) != simdjson::SUCCESS) return true;
      for (simdjson::dom::key_value_pair member : object)
        if (has_negative_zero(member.value)) return true;
      return false;
    }
    case simdjson::dom::element_type::DOUBLE: {
      double d = 0;
      return e.get(d) != simdjson::SUCCESS || (d == 0 && std::signbit(d));
    }
    default:
      return false;
  }
}

// Whether this simdjson reads the integer "-0" as the double -0.0, where nlohmann reads the
// integer 0. Debian's 3.0.1 does not (it reads the integer 0, as nlohmann does), and then no
// document needs the check below: "-0.0" is the double -0.0 in both. Asked of the library
// once rather than assumed from its version; the text scan it spares was 1% of a
// canonicalization of the EC samples (their dates and ids hold many '-').
bool reads_minus_zero_as_double() {
  static const bool answer = [] {
    simdjson::dom::parser parser;
    const simdjson::padded_string text{std::string_view("-0")};
    simdjson::dom::element e;
    return parser.parse(text).get(e) == simdjson::SUCCESS &&
           e.type() == simdjson::dom::element_type::DOUBLE;
  }();
  return answer;
}

// The document as simdjson's DOM, which expansion reads directly (InputValue): no
// nlohmann::json tree of the input is built or freed. The parser is this path's own, one per
// thread (parse_json_text's may be used meanwhile, by a loader parsing a remote context), and
// taken only when free. Where the DOM and nlohmann::json::parse could differ (nesting deeper
// than kMaxJsonDepth, numbers beyond 64 bits, -0, syntax errors and their messages), `ok` is
// false and the caller takes the parse_json_text() path.
class DomInput {
 public:
  explicit DomInput(std::string_view text) {
    if (busy()) return;
    busy() = true;
    owner_ = true;
    thread_local simdjson::dom::parser parser;
    thread_local std::string padded;  // simdjson reads up to SIMDJSON_PADDING bytes past the end
    padded.assign(text);
    padded.resize(text.size() + simdjson::SIMDJSON_PADDING, '\0');
    ok_ =
        parser.parse(padded.data(), text.size(), false).get(root_) == simdjson::SUCCESS &&
        !(reads_minus_zero_as_double() && may_hold_negative_zero(text) && has_negative_zero(root_));
  }
  ~DomInput() {
    if (owner_) busy() = false;
  }
  DomInput(const DomInput&) = delete;
  DomInput& operator=(const DomInput&) = delete;

  bool ok() const { return ok_; }
  InputValue root() const { return InputValue(root_); }

 private:
  static bool& busy() {
    thread_local bool in_use = false;
    return in_use;
  }
  simdjson::dom::element root_;
  bool owner_ = false;
  bool ok_ = false;
};

}  // namespace

ToRdfResult to_rdf_text(std::string_view json_text, const JsonLdOptions& options) {
  ParsedText parsed = parse_json_text(json_text);
  if (!parsed.ok()) {
    ToRdfResult out;
    out.diagnostics.push_back(
        make_error("json.syntax", "parse", "malformed JSON: " + parsed.error));
    return out;
  }
  return to_rdf(std::move(parsed.value), options);
}

namespace {

// toRdf into a set of quads that point into the expanded tree (to_rdf_ref.hpp), then RDFC-1.0; the
// tree is freed here. The diagnostics are those of all steps, in order.
Canonicalized canonicalize_expanded(ExpandedDocument expanded, const JsonLdOptions& options,
                                    const CanonicalizeOptions& canonicalize_options) {
  Canonicalized out;
  out.diagnostics = std::move(expanded.diagnostics);
  if (!expanded.ok()) return out;
  ToRdfRefs rdf = expanded_to_rdf_set(expanded.expanded, options);
  for (auto& d : rdf.diagnostics) out.diagnostics.push_back(std::move(d));
  if (has_error(out.diagnostics)) return out;
  Canonicalized canonical = canonicalize_refs(rdf.dataset, canonicalize_options);
  release_tree(expanded.expanded);
  canonical.diagnostics.insert(canonical.diagnostics.begin(),
                               std::make_move_iterator(out.diagnostics.begin()),
                               std::make_move_iterator(out.diagnostics.end()));
  return canonical;
}

}  // namespace

Canonicalized canonize_text(std::string_view json_text, const JsonLdOptions& options,
                            const CanonicalizeOptions& canonicalize_options) {
  ArenaScope arena;
  DomInput dom(json_text);
  ParsedText parsed;  // only when the DOM cannot be used
  if (!dom.ok()) {
    parsed = parse_json_text(json_text);
    if (!parsed.ok()) {
      Canonicalized out;
      out.diagnostics.push_back(
          make_error("json.syntax", "parse", "malformed JSON: " + parsed.error));
      return out;
    }
  }
  return canonicalize_expanded(dom.ok() ? expand_document(dom.root(), options, true)
                                        : expand_document(parsed.value, options, true),
                               options, canonicalize_options);
}

Canonicalized canonize(const nlohmann::json& document, const JsonLdOptions& options,
                       const CanonicalizeOptions& canonicalize_options) {
  ArenaScope arena;
  return canonicalize_expanded(expand_document(document, options, true), options,
                               canonicalize_options);
}

}  // namespace credgate::jsonld
