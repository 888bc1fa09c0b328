// toRdf into quads that refer to their strings (rdf_ref.hpp), for canonize_text(): the same
// conversion as expanded_to_rdf() (which copies these quads into a Dataset), without a
// std::string per term.
#pragma once

#include <memory>

#include "jsonld/expanded_json.hpp"
#include "jsonld/options.hpp"
#include "jsonld/rdf.hpp"
#include "jsonld/rdf_ref.hpp"
#include "jsonld/to_rdf.hpp"
#include "mappers/model/diagnostic.hpp"

namespace credgate::jsonld {

struct ToRdfRefs {
  DatasetRef dataset;  // valid while `keep` and the expanded tree live
  Diagnostics diagnostics;
  std::shared_ptr<void> keep;  // the node map and computed strings the quads point to
  bool ok() const { return !has_error(diagnostics); }
};

// `expanded`: expansion's output (expand_document()); it must outlive the result's dataset.
// The node map behind `keep` is allocated in the expansion arena when one is open
// (expansion_arena.hpp): the result is then destroyed before that scope closes, like the tree.
ToRdfRefs expanded_to_rdf_refs(const ExpandedJson& expanded, const JsonLdOptions& options);
// The same quads as a set, for canonicalization (to_rdf_set.cpp): in no particular order,
// possibly repeated, with blank node labels of their own; equal to expanded_to_rdf_refs()'s
// up to blank node labels once repeats are dropped. Written while the tree is walked, without
// the node map. Generalized RDF and compound literals go through expanded_to_rdf_refs().
ToRdfRefs expanded_to_rdf_set(const ExpandedJson& expanded, const JsonLdOptions& options);
// The same, copied into a Dataset (expanded_to_rdf() without converting the tree first).
ToRdfResult expanded_json_to_rdf(const ExpandedJson& expanded, const JsonLdOptions& options);

}  // namespace credgate::jsonld
