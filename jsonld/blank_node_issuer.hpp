// JSON-LD 1.1 API, Generate Blank Node Identifier (section 7.4), used by toRdf's node map
// generation (to_rdf.cpp, NodeMapBuilder, which follows section 7.2).
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>

namespace credgate::jsonld {

// Issues "_:b0", "_:b1", ... in order. The same old identifier always gets the same new one,
// so every blank node of a document is relabelled once, and labels issued for fresh nodes
// (nodes without @id, list nodes, compound literals) cannot collide with the document's own.
class BlankNodeIssuer {
 public:
  // Maps "_:x" (or any string) once; the label lives as long as the issuer.
  const std::string& issue(std::string_view old_identifier);
  // A blank node identifier's label (issue()); any other id (an IRI) as it is.
  std::string_view relabel(std::string_view id);
  std::string fresh();  // a new identifier, mapped to nothing

 private:
  std::map<std::string, std::string, std::less<>> issued_;
  uint64_t counter_ = 0;
};

}  // namespace credgate::jsonld
