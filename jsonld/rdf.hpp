// RDF terms, quads and datasets: what JSON-LD deserializes to and RDFC-1.0 canonicalizes.
#pragma once

#include <string>
#include <vector>

namespace credgate::jsonld {

inline constexpr const char* kXsdString = "http://www.w3.org/2001/XMLSchema#string";
inline constexpr const char* kRdfLangString =
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString";

struct Term {
  enum class Kind { Iri, BlankNode, Literal, DefaultGraph };
  Kind kind = Kind::DefaultGraph;
  std::string value;     // IRI, blank node label (without "_:"), or lexical form
  std::string datatype;  // literals: datatype IRI (xsd:string when none was given)
  std::string language;  // literals: language tag, for rdf:langString

  bool is_blank() const { return kind == Kind::BlankNode; }
  bool operator==(const Term&) const = default;
};

struct Quad {
  Term subject, predicate, object, graph;
  bool operator==(const Quad&) const = default;
};

using Dataset = std::vector<Quad>;

inline Term iri(std::string v) {
  return {Term::Kind::Iri, std::move(v), {}, {}};
}
inline Term blank(std::string v) {
  return {Term::Kind::BlankNode, std::move(v), {}, {}};
}
inline Term literal(std::string v, std::string datatype = kXsdString, std::string language = {}) {
  return {Term::Kind::Literal, std::move(v), std::move(datatype), std::move(language)};
}

}  // namespace credgate::jsonld
