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

namespace {

ExpandResult expand_document(InputValue input, const JsonLdOptions& options, bool take_values) {
  ExpandResult out;
  ContextProcessor processor(options);
  Expander expander(processor, options.base, take_values);
  try {
    ContextPtr active = initial_context(options.base);
    if (options.expand_context) {
      const nlohmann::json& given = *options.expand_context;
      auto inner = given.is_object() ? given.find("@context") : given.end();
      active =
          processor.process(active, borrowed(inner != given.end() ? *inner : given), options.base);
    }
    nlohmann::json expanded = expander.expand(active, std::nullopt, input);
    if (expanded.is_object() && expanded.size() == 1 && expanded.contains("@graph")) {
      nlohmann::json graph = std::move(expanded["@graph"]);
      expanded = std::move(graph);
    }
    out.expanded = as_array(std::move(expanded));
  } catch (const JsonLdError& e) {
    out.expanded = nlohmann::json::array();
    out.diagnostics.push_back(
        make_error(jsonld_error_code(e.code), "expand", e.what(), expander.location()));
  }
  for (auto& d : without_repeats(std::move(processor.diagnostics())))
    out.diagnostics.push_back(std::move(d));
  return out;
}

}  // namespace

ExpandResult expand(const nlohmann::json& input, const JsonLdOptions& options) {
  return expand_document(input, options, false);
}

ExpandResult expand(nlohmann::json&& input, const JsonLdOptions& options) {
  return expand_document(input, options, true);
}

ExpandResult expand_input(InputValue input, const JsonLdOptions& options) {
  return expand_document(input, options, false);
}

}  // namespace credgate::jsonld
