// JSON-LD 1.1 API, Node Map Generation (section 7.2) and Generate Blank Node Identifier (7.4):
// the flattened view of an expanded document (for flattening and framing). toRdf runs the same
// algorithm on its own, allocation-light structures (to_rdf.cpp, NodeMapBuilder).
#pragma once

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "mappers/model/diagnostic.hpp"

namespace credgate::jsonld {

// Issues "_:b0", "_:b1", ... in order. The same old identifier always gets the same new one,
// so every blank node of a document is relabelled once, and labels issued for fresh nodes
// (nodes without @id, list nodes, compound literals) cannot collide with the document's own.
class BlankNodeIssuer {
 public:
  std::string issue(std::string_view old_identifier);  // maps "_:x" (or any string) once
  std::string fresh();                                 // a new identifier, mapped to nothing

 private:
  std::map<std::string, std::string, std::less<>> issued_;
  uint64_t counter_ = 0;
};

struct NodeMap {
  // graph name ("@default" or the graph's @id) -> subject id -> node object whose property
  // values are arrays of value objects, list objects and node references ({"@id": ...}).
  // nlohmann objects are ordered maps, so iteration is in the spec's "ordered by" order
  // (code point order; the spec does not fix one).
  nlohmann::json graphs = {{"@default", nlohmann::json::object()}};
  Diagnostics diagnostics;  // jsonld.conflicting-indexes
  bool ok() const { return !has_error(diagnostics); }
};

// `expanded`: the output of expand(). Blank node identifiers of the input are relabelled.
NodeMap generate_node_map(const nlohmann::json& expanded, BlankNodeIssuer& issuer);
// The same, moving value objects out of `expanded` instead of copying them (credentials
// carry images of 100 KB as strings); `expanded` is left valid but unspecified.
NodeMap generate_node_map(nlohmann::json&& expanded, BlankNodeIssuer& issuer);

}  // namespace credgate::jsonld
