// Deserialize JSON-LD to RDF (JSON-LD 1.1 API, section 6.2), Object to RDF (6.3) and List
// Conversion (6.4), over the node map of section 7.2. to_rdf(), which expands first, is in
// to_rdf_document.cpp so that this file does not depend on the expansion algorithm.
#include "jsonld/to_rdf.hpp"

#include <cmath>
#include <optional>

#include "jsonld/jcs.hpp"
#include "jsonld/node_map.hpp"
#include "jsonld/rdf_lexical.hpp"

namespace credgate::jsonld {
namespace {

using json = nlohmann::json;

constexpr const char* kRdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
constexpr const char* kXsd = "http://www.w3.org/2001/XMLSchema#";
constexpr const char* kI18n = "https://www.w3.org/ns/i18n#";

std::string rdf(const char* local) {
  return std::string(kRdf) + local;
}
std::string xsd(const char* local) {
  return std::string(kXsd) + local;
}

// An IRI or blank node identifier as a term; nothing when it is not well-formed (relative
// IRIs included), since such triples are not RDF and the spec drops them.
std::optional<Term> resource(const std::string& id) {
  if (id.starts_with("_:")) {
    if (is_well_formed_blank_node(id)) return blank(id.substr(2));
    return std::nullopt;
  }
  if (is_well_formed_iri(id)) return iri(id);
  return std::nullopt;
}

const std::string* string_member(const json& object, const char* key) {
  auto it = object.find(key);
  return it != object.end() && it->is_string() ? &it->get_ref<const std::string&>() : nullptr;
}

std::string lowercase(std::string s) {
  for (char& c : s)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return s;
}

class Converter {
 public:
  Converter(const JsonLdOptions& options, BlankNodeIssuer& issuer, Dataset& out)
      : options_(options), issuer_(issuer), out_(out) {}

  // Section 6.2, step 1.
  void graph(const std::string& name, const json& nodes) {
    if (name == "@default") {
      graph_ = Term{};
    } else if (auto term = resource(name)) {
      graph_ = std::move(*term);
    } else {
      return;
    }
    for (auto node = nodes.begin(); node != nodes.end(); ++node) {
      std::optional<Term> subject = resource(node.key());
      if (!subject) continue;
      for (auto property = node->begin(); property != node->end(); ++property)
        properties(*subject, property.key(), property.value());
    }
  }

 private:
  // Section 6.2, step 1.3.2: one property of one node.
  void properties(const Term& subject, const std::string& property, const json& values) {
    if (property == "@type") {
      for (const auto& type : values)
        if (type.is_string())
          if (auto object = resource(type.get_ref<const std::string&>()))
            emit(subject, iri(rdf("type")), std::move(*object));
      return;
    }
    if (property.starts_with('@')) return;  // other keywords (@id, @index, ...)
    if (property.starts_with("_:") && !options_.produce_generalized_rdf) return;
    std::optional<Term> predicate = resource(property);
    if (!predicate) return;
    for (const auto& item : values) {
      // A list or compound literal adds triples of its own, after the one that refers to it.
      Dataset list_triples;
      if (auto object = object_to_rdf(item, list_triples))
        emit(subject, *predicate, std::move(*object));
      for (auto& q : list_triples) out_.push_back(std::move(q));
    }
  }

  void emit(const Term& subject, const Term& predicate, Term object, Dataset* into = nullptr) {
    (into != nullptr ? *into : out_).push_back({subject, predicate, std::move(object), graph_});
  }

  // Section 6.3. Nothing when the item cannot be an RDF term (not well-formed).
  std::optional<Term> object_to_rdf(const json& item, Dataset& list_triples) {
    if (!item.is_object()) return std::nullopt;
    if (item.contains("@value")) return value_to_rdf(item, list_triples);
    if (auto it = item.find("@list"); it != item.end()) return list_to_rdf(*it, list_triples);
    if (const std::string* id = string_member(item, "@id")) return resource(*id);
    return std::nullopt;
  }

  // Section 6.3, steps 4-16: a value object.
  std::optional<Term> value_to_rdf(const json& item, Dataset& list_triples) {
    const json& value = item["@value"];
    const std::string* type = string_member(item, "@type");
    const std::string* language = string_member(item, "@language");
    if (type != nullptr && *type != "@json" && !is_well_formed_iri(*type)) return std::nullopt;
    if (item.contains("@language") && (language == nullptr || !is_well_formed_language(*language)))
      return std::nullopt;
    std::string datatype = type != nullptr ? *type : std::string();
    std::string lexical;
    if (datatype == "@json") {  // step 8: any JSON value, as its RFC 8785 form
      lexical = canonical_json(value);
      datatype = rdf("JSON");
    } else if (value.is_boolean()) {  // steps 9-10
      lexical = value.get<bool>() ? "true" : "false";
      if (datatype.empty()) datatype = xsd("boolean");
    } else if (value.is_number()) {  // steps 11-12
      double d = value.get<double>();
      // Integers stay integers unless typed xsd:double; 1.0 in JSON is the integer 1 too.
      if ((value.is_number_float() && (std::fmod(d, 1.0) != 0 || std::fabs(d) >= 1e21)) ||
          datatype == xsd("double")) {
        lexical = xsd_double_lexical(d);
        if (datatype.empty()) datatype = xsd("double");
      } else {
        lexical = xsd_integer_lexical(value);
        if (datatype.empty()) datatype = xsd("integer");
      }
    } else if (value.is_string()) {  // step 13
      // The node map is expanded_to_rdf's own and each value object is converted once.
      lexical = std::move(const_cast<json&>(value).get_ref<std::string&>());
      if (datatype.empty()) datatype = language != nullptr ? kRdfLangString : kXsdString;
    } else {
      return std::nullopt;  // null, a map or an array without @json: expansion rejects these
    }
    const std::string* direction = string_member(item, "@direction");
    if (direction != nullptr && !options_.rdf_direction.empty())
      return directional(std::move(lexical), language, *direction, list_triples);
    // Step 15. A language tag only on a string without @type (expansion allows nothing else,
    // and a typed literal with a language tag is not RDF).
    if (language != nullptr && datatype == kRdfLangString)
      return literal(std::move(lexical), datatype, *language);
    return literal(std::move(lexical), std::move(datatype));
  }

  // Section 6.3, step 14: a string with a base direction, as the rdfDirection option says.
  std::optional<Term> directional(std::string lexical, const std::string* language,
                                  const std::string& direction, Dataset& list_triples) {
    std::string lang = language != nullptr ? lowercase(*language) : std::string();
    if (options_.rdf_direction == "i18n-datatype")
      return literal(std::move(lexical), kI18n + lang + "_" + direction);
    // compound-literal: a blank node with rdf:value, rdf:language (if any) and rdf:direction.
    Term node = blank(issuer_.fresh().substr(2));
    emit(node, iri(rdf("value")), literal(std::move(lexical)), &list_triples);
    if (language != nullptr)
      emit(node, iri(rdf("language")), literal(std::move(lang)), &list_triples);
    emit(node, iri(rdf("direction")), literal(direction), &list_triples);
    return node;
  }

  // Section 6.4: rdf:first/rdf:rest cells on fresh blank nodes; rdf:nil for an empty list.
  Term list_to_rdf(const json& items, Dataset& list_triples) {
    if (!items.is_array() || items.empty()) return iri(rdf("nil"));
    std::vector<Term> cells;
    cells.reserve(items.size());
    for (size_t i = 0; i < items.size(); ++i) cells.push_back(blank(issuer_.fresh().substr(2)));
    for (size_t i = 0; i < items.size(); ++i) {
      Dataset embedded;
      if (auto object = object_to_rdf(items[i], embedded))
        emit(cells[i], iri(rdf("first")), std::move(*object), &list_triples);
      emit(cells[i], iri(rdf("rest")), i + 1 < cells.size() ? cells[i + 1] : iri(rdf("nil")),
           &list_triples);
      for (auto& q : embedded) list_triples.push_back(std::move(q));
    }
    return cells.front();
  }

  const JsonLdOptions& options_;
  BlankNodeIssuer& issuer_;
  Dataset& out_;
  Term graph_;  // the graph being converted: its triples' fourth term
};

}  // namespace

namespace {

template <typename Expanded>
ToRdfResult expanded_to_rdf_impl(Expanded&& expanded, const JsonLdOptions& options) {
  ToRdfResult result;
  const std::string& direction = options.rdf_direction;
  if (!direction.empty() && direction != "i18n-datatype" && direction != "compound-literal") {
    result.diagnostics.push_back(make_error(
        "usage.invalid-option", "to-rdf",
        "rdfDirection must be i18n-datatype or compound-literal, not \"" + direction + "\""));
    return result;
  }
  // One issuer for the node map and the conversion: list cells and compound literals get
  // labels after those of the document's nodes.
  BlankNodeIssuer issuer;
  NodeMap node_map = generate_node_map(std::forward<Expanded>(expanded), issuer);
  if (!node_map.ok()) {
    result.diagnostics = std::move(node_map.diagnostics);
    return result;
  }
  Converter converter(options, issuer, result.dataset);
  for (auto graph = node_map.graphs.begin(); graph != node_map.graphs.end(); ++graph)
    converter.graph(graph.key(), graph.value());
  return result;
}

}  // namespace

ToRdfResult expanded_to_rdf(const nlohmann::json& expanded, const JsonLdOptions& options) {
  return expanded_to_rdf_impl(expanded, options);
}

ToRdfResult expanded_to_rdf(nlohmann::json&& expanded, const JsonLdOptions& options) {
  return expanded_to_rdf_impl(std::move(expanded), options);
}

}  // namespace credgate::jsonld
