// Frees a large nlohmann::json (or ExpandedJson) tree bottom-up.
//
// Why not nlohmann's own destructor: to bound recursion it moves every value of the tree
// through a heap-allocated stack (each value moved twice, then destroyed a third time), which
// was 8% of a canonicalization of the EC samples, the expanded tree being freed per document.
// Here each container's children are released before the container itself, so that every
// destructor nlohmann then runs meets an empty container or a scalar. The recursion is as deep
// as the tree: callers pass trees that were just built or read by recursion per level with
// larger frames (expansion, toRdf's node map), so this adds no depth those did not reach.
#pragma once

#include <nlohmann/json.hpp>

#include "jsonld/expanded_json.hpp"

namespace credgate::jsonld {

// Leaves `tree` null.
void release_tree(nlohmann::json& tree);
// An ExpandedJson built in the open expansion arena (expansion_arena.hpp) is not visited at
// all: the arena gives its memory back when the scope closes.
void release_tree(ExpandedJson& tree);

}  // namespace credgate::jsonld
