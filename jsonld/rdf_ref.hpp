// RDF terms and quads that refer to their strings instead of owning them: what toRdf produces
// and RDFC-1.0 works on inside canonize_text(). A Term owns three std::strings, and a quad
// four terms; building, copying and freeing them (subject and predicate are copied for every
// quad, image literals of 100 KB are moved around) was a fifth of toRdf plus RDFC-1.0 on the
// EC samples. Here the strings stay where they are: in the expanded tree, the node map, string
// constants, or a RefStore for the few that are computed (blank node labels, number forms).
// Internal to jsonld/; the public types are Term, Quad and Dataset (rdf.hpp).
#pragma once

#include <deque>
#include <string>
#include <string_view>
#include <vector>

#include "jsonld/rdf.hpp"

namespace credgate::jsonld {

struct TermRef {
  Term::Kind kind = Term::Kind::DefaultGraph;
  std::string_view value;     // IRI, blank node label (without "_:"), or lexical form
  std::string_view datatype;  // literals: datatype IRI (xsd:string when none was given)
  std::string_view language;  // literals: language tag, for rdf:langString

  bool is_blank() const { return kind == Term::Kind::BlankNode; }
};

struct QuadRef {
  TermRef subject, predicate, object, graph;
};

using DatasetRef = std::vector<QuadRef>;

// Owns the computed strings the refs point to; references stay valid as it grows (deque).
class RefStore {
 public:
  std::string_view keep(std::string s) { return strings_.emplace_back(std::move(s)); }

 private:
  std::deque<std::string> strings_;
};

inline TermRef ref_of(const Term& t) {
  return {t.kind, t.value, t.datatype, t.language};
}
inline QuadRef ref_of(const Quad& q) {
  return {ref_of(q.subject), ref_of(q.predicate), ref_of(q.object), ref_of(q.graph)};
}
inline Term term_of(const TermRef& t) {
  return {t.kind, std::string(t.value), std::string(t.datatype), std::string(t.language)};
}
inline Quad quad_of(const QuadRef& q) {
  return {term_of(q.subject), term_of(q.predicate), term_of(q.object), term_of(q.graph)};
}

// N-Quads of a term and of a quad (nquads.cpp; the Term and Quad forms call these).
void append_term(std::string& out, const TermRef& term);
void append_nquad(std::string& out, const QuadRef& quad);
// A literal's N-Quads after its value: the closing quote and its language tag or datatype.
void append_literal_end(std::string& out, const TermRef& literal);
// Whether a literal value is its own N-Quads (no byte of it needs an escape).
bool literal_written_as_is(std::string_view value);

}  // namespace credgate::jsonld
