// expand(): JsonLdProcessor.expand() of the JSON-LD 1.1 API on an already parsed document:
// the initial context (base, expandContext), the Expansion algorithm, and the result's
// normalisation (a lone @graph unwrapped, always an array).
#include "jsonld/expand.hpp"

#include <string>
#include <unordered_set>

#include "jsonld/context.hpp"
#include "jsonld/expander.hpp"
#include "jsonld/expansion_util.hpp"

namespace credgate::jsonld {
namespace {

// A context applied twice (a scoped context validated, then used) reports a finding twice.
Diagnostics without_repeats(Diagnostics in) {
  Diagnostics out;
  std::unordered_set<std::string> seen;
  for (auto& d : in)
    if (seen.insert(d.code + '\n' + d.message + '\n' + d.location).second)
      out.push_back(std::move(d));
  return out;
}

}  // namespace

ExpandedDocument expand_document(InputValue input, const JsonLdOptions& options,
                                 bool for_canonicalization) {
  ExpandedDocument out;
  ContextProcessor processor(options);
  Expander expander(processor, options.base);
  if (for_canonicalization) expander.collapse_repeats();
  try {
    ContextPtr active = initial_context(options.base);
    if (options.expand_context) {
      const nlohmann::json& given = *options.expand_context;
      auto inner = given.is_object() ? given.find("@context") : given.end();
      active =
          processor.process(active, borrowed(inner != given.end() ? *inner : given), options.base);
    }
    ExpandedJson expanded = expander.expand(active, std::nullopt, input);
    if (expanded.is_object() && expanded.size() == 1 && expanded.contains("@graph")) {
      ExpandedJson graph = std::move(expanded["@graph"]);
      expanded = std::move(graph);
    }
    out.expanded = as_array(std::move(expanded));
  } catch (const JsonLdError& e) {
    out.expanded = ExpandedJson::array();
    out.diagnostics.push_back(
        make_error(jsonld_error_code(e.code), "expand", e.what(), expander.location()));
  }
  for (auto& d : without_repeats(std::move(processor.diagnostics())))
    out.diagnostics.push_back(std::move(d));
  return out;
}

namespace {

// The public result type: the expansion's maps converted into nlohmann::json's.
ExpandResult public_result(ExpandedDocument document) {
  ExpandResult out;
  out.expanded = nlohmann::json(document.expanded);
  out.diagnostics = std::move(document.diagnostics);
  return out;
}

}  // namespace

ExpandResult expand(const nlohmann::json& input, const JsonLdOptions& options) {
  ArenaScope arena;
  return public_result(expand_document(input, options));
}

}  // namespace credgate::jsonld
