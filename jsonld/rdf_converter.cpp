#include "jsonld/rdf_converter.hpp"

#include <cmath>
#include <string>

#include "jsonld/context.hpp"
#include "jsonld/iri.hpp"
#include "jsonld/jcs.hpp"
#include "jsonld/keyword_members.hpp"
#include "jsonld/literal_equals.hpp"
#include "jsonld/rdf_lexical.hpp"

namespace credgate::jsonld::rdf_conversion {
namespace {

using json = ExpandedJson;

constexpr const char* kRdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
constexpr const char* kXsd = "http://www.w3.org/2001/XMLSchema#";
constexpr const char* kI18n = "https://www.w3.org/ns/i18n#";

std::string rdf(const char* local) {
  return std::string(kRdf) + local;
}
std::string xsd(const char* local) {
  return std::string(kXsd) + local;
}

// IRIs the conversion refers to (TermRef values point to these, which live for the process).
struct Iris {
  std::string rdf_type = rdf("type"), rdf_first = rdf("first"), rdf_rest = rdf("rest"),
              rdf_nil = rdf("nil"), rdf_value = rdf("value"), rdf_language = rdf("language"),
              rdf_direction = rdf("direction"), rdf_json = rdf("JSON"),
              xsd_boolean = xsd("boolean"), xsd_double = xsd("double"),
              xsd_integer = xsd("integer");
};
const Iris& iris() {
  static const Iris constants;
  return constants;
}

TermRef iri_ref(std::string_view value) {
  return {Term::Kind::Iri, value, {}, {}};
}
TermRef literal_ref(std::string_view value, std::string_view datatype = kXsdString,
                    std::string_view language = {}) {
  return {Term::Kind::Literal, value, datatype, language};
}

}  // namespace

// Checked at each use, without a memo: with the vector scan (iri_scan.hpp) a check costs no
// more than looking an answer up in a per-thread map did.
bool is_resource(std::string_view id) {
  return is_blank_node_id(id) ? is_well_formed_blank_node(id) : is_well_formed_iri(id);
}

bool check_rdf_direction(const JsonLdOptions& options, Diagnostics& diagnostics) {
  const std::string& direction = options.rdf_direction;
  if (direction.empty() || direction == "i18n-datatype" || direction == "compound-literal")
    return true;
  diagnostics.push_back(make_error(
      "usage.invalid-option", "to-rdf",
      "rdfDirection must be i18n-datatype or compound-literal, not \"" + direction + "\""));
  return false;
}

Diagnostic conflicting_indexes(std::string_view node) {
  return make_error("jsonld.conflicting-indexes", "to-rdf",
                    "node " + std::string(node) + " has two different @index values");
}

bool Item::same(const Item& other) const {
  if (kind != other.kind) return false;
  if (kind == Kind::Ref) return same_text(id, other.id);
  if (kind == Kind::Value) return value == other.value || *value == *other.value;
  return false;
}

std::optional<TermRef> Converter::known_resource(std::string_view id) {
  if (!is_resource(id)) return std::nullopt;
  if (is_blank_node_id(id)) return TermRef{Term::Kind::BlankNode, id.substr(2), {}, {}};
  return iri_ref(id);
}

std::optional<TermRef> Converter::predicate(std::string_view property) {
  if (property.starts_with('@')) return std::nullopt;  // keywords (not produced by the walks)
  if (starts_with(property, "_:") && !options_.produce_generalized_rdf) return std::nullopt;
  return known_resource(property);
}

TermRef Converter::rdf_type() {
  return iri_ref(iris().rdf_type);
}

void Converter::value(const TermRef& subject, const TermRef& predicate, const Item& item) {
  DatasetRef list_triples;
  if (auto object = object_to_rdf(item, list_triples)) emit(subject, predicate, *object);
  out_.insert(out_.end(), list_triples.begin(), list_triples.end());
}

TermRef Converter::fresh_blank() {
  return {Term::Kind::BlankNode, store_.keep(issuer_.fresh()).substr(2), {}, {}};
}

// Section 6.3. Nothing when the item cannot be an RDF term (not well-formed).
std::optional<TermRef> Converter::object_to_rdf(const Item& item, DatasetRef& list_triples) {
  switch (item.kind) {
    case Item::Kind::Value:
      return value_to_rdf(*item.value, list_triples);
    case Item::Kind::List:
      return list_to_rdf(item.list, list_triples);
    case Item::Kind::Ref:
      break;
  }
  return known_resource(item.id);
}

// Section 6.3, steps 4-16: a value object.
std::optional<TermRef> Converter::value_to_rdf(const json& item, DatasetRef& list_triples) {
  // The entries of the value object in one pass (up to five lookups per value otherwise).
  const KeywordMembers<const json> keywords(item);
  auto string_of = [](const json* v) {
    return v != nullptr && v->is_string() ? &v->get_ref<const json::string_t&>() : nullptr;
  };
  const json* language_entry = keywords.language;
  const json::string_t* type = string_of(keywords.type);
  const json::string_t* direction = string_of(keywords.direction);
  if (keywords.value == nullptr) return std::nullopt;  // not a value object
  const json& value = *keywords.value;
  const json::string_t* language = string_of(language_entry);
  std::string_view datatype;
  if (type != nullptr)  // node map step 3: a blank node @type is relabelled
    datatype = issuer_.relabel(*type);
  if (type != nullptr && !equals(datatype, "@json") && !is_well_formed_iri(datatype))
    return std::nullopt;
  if (language_entry != nullptr && (language == nullptr || !is_well_formed_language(*language)))
    return std::nullopt;
  std::string_view lexical;
  if (equals(datatype, "@json")) {  // step 8: any JSON value, as its RFC 8785 form
    lexical = store_.keep(canonical_json(nlohmann::json(value)));
    datatype = iris().rdf_json;
  } else if (value.is_boolean()) {  // steps 9-10
    lexical = value.get<bool>() ? "true" : "false";
    if (datatype.empty()) datatype = iris().xsd_boolean;
  } else if (value.is_number()) {  // steps 11-12
    double d = value.get<double>();
    // Integers stay integers unless typed xsd:double; 1.0 in JSON is the integer 1 too.
    if ((value.is_number_float() && (std::fmod(d, 1.0) != 0 || std::fabs(d) >= 1e21)) ||
        datatype == iris().xsd_double) {
      lexical = store_.keep(xsd_double_lexical(d));
      if (datatype.empty()) datatype = iris().xsd_double;
    } else {
      lexical = store_.keep(xsd_integer_lexical(value));
      if (datatype.empty()) datatype = iris().xsd_integer;
    }
  } else if (value.is_string()) {  // step 13: the string stays in the expanded tree
    lexical = value.get_ref<const json::string_t&>();
    if (datatype.empty()) datatype = language != nullptr ? kRdfLangString : kXsdString;
  } else {
    return std::nullopt;  // null, a map or an array without @json: expansion rejects these
  }
  if (direction != nullptr && !options_.rdf_direction.empty())
    return directional(lexical, language, *direction, list_triples);
  // Step 15. A language tag only on a string without @type (expansion allows nothing else,
  // and a typed literal with a language tag is not RDF).
  if (language != nullptr && datatype == kRdfLangString)
    return literal_ref(lexical, datatype, *language);
  return literal_ref(lexical, datatype);
}

// Section 6.3, step 14: a string with a base direction, as the rdfDirection option says.
std::optional<TermRef> Converter::directional(std::string_view lexical,
                                              const json::string_t* language,
                                              std::string_view direction,
                                              DatasetRef& list_triples) {
  std::string lang = language != nullptr ? ascii_lowercase(std::string(*language)) : std::string();
  if (options_.rdf_direction == "i18n-datatype")
    return literal_ref(lexical, store_.keep(kI18n + lang + "_" + std::string(direction)));
  // compound-literal: a blank node with rdf:value, rdf:language (if any) and rdf:direction.
  TermRef node = fresh_blank();
  emit(node, iri_ref(iris().rdf_value), literal_ref(lexical), &list_triples);
  if (language != nullptr)
    emit(node, iri_ref(iris().rdf_language), literal_ref(store_.keep(std::move(lang))),
         &list_triples);
  emit(node, iri_ref(iris().rdf_direction), literal_ref(direction), &list_triples);
  return node;
}

// Section 6.4: rdf:first/rdf:rest cells on fresh blank nodes; rdf:nil for an empty list.
TermRef Converter::list_to_rdf(const ArenaVector<Item>& items, DatasetRef& list_triples) {
  const TermRef nil = iri_ref(iris().rdf_nil);
  if (items.empty()) return nil;
  std::vector<TermRef> cells;
  cells.reserve(items.size());
  for (size_t i = 0; i < items.size(); ++i) cells.push_back(fresh_blank());
  for (size_t i = 0; i < items.size(); ++i) {
    DatasetRef embedded;
    if (auto object = object_to_rdf(items[i], embedded))
      emit(cells[i], iri_ref(iris().rdf_first), *object, &list_triples);
    emit(cells[i], iri_ref(iris().rdf_rest), i + 1 < cells.size() ? cells[i + 1] : nil,
         &list_triples);
    list_triples.insert(list_triples.end(), embedded.begin(), embedded.end());
  }
  return cells.front();
}

}  // namespace credgate::jsonld::rdf_conversion
