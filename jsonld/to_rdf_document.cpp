// JsonLdProcessor.toRdf(): expansion, then Deserialize JSON-LD to RDF. On its own so that
// expanded_to_rdf() (to_rdf.cpp) can be used and tested without the expansion algorithm.
#include "jsonld/expand.hpp"
#include "jsonld/to_rdf.hpp"

namespace credgate::jsonld {

namespace {

ToRdfResult from_expanded(ExpandResult expanded, const JsonLdOptions& options) {
  if (!expanded.ok()) return {{}, std::move(expanded.diagnostics)};
  ToRdfResult result = expanded_to_rdf(std::move(expanded.expanded), options);
  // Expansion's warnings come first, in the order the steps ran.
  result.diagnostics.insert(result.diagnostics.begin(),
                            std::make_move_iterator(expanded.diagnostics.begin()),
                            std::make_move_iterator(expanded.diagnostics.end()));
  return result;
}

}  // namespace

ToRdfResult to_rdf(const nlohmann::json& input, const JsonLdOptions& options) {
  return from_expanded(expand(input, options), options);
}

ToRdfResult to_rdf(nlohmann::json&& input, const JsonLdOptions& options) {
  return from_expanded(expand(std::move(input), options), options);
}

}  // namespace credgate::jsonld
