// release_tree(): frees an expanded tree bottom-up and leaves it null (the ASan run of this
// suite checks that everything is freed once).
#include <gtest/gtest.h>

#include "jsonld/tree_release.hpp"

namespace credgate {
namespace {

using json = nlohmann::json;

TEST(TreeRelease, LeavesNullAfterMixedTree) {
  json tree = json::array();
  for (int i = 0; i < 50; ++i) {
    json node = {{"@id", "http://example.org/node/" + std::to_string(i)},
                 {"http://example.org/p", json::array({{{"@value", std::string(100, 'x')}},
                                                       {{"@list", json::array({1, 2.5, true})}}})},
                 {"http://example.org/empty", json::object()},
                 {"http://example.org/none", json::array()}};
    tree.push_back(std::move(node));
  }
  jsonld::release_tree(tree);
  EXPECT_TRUE(tree.is_null());
}

TEST(TreeRelease, ScalarsAndEmptyContainers) {
  for (json tree : {json("a long string that is not short-string optimised"), json(1), json(),
                    json::object(), json::array()}) {
    jsonld::release_tree(tree);
    EXPECT_TRUE(tree.is_null());
  }
}

// As deep as expansion can make it from a document of jsonld::kMaxJsonDepth levels (an array
// and a map per level, with an @list map between).
TEST(TreeRelease, DeepTree) {
  json tree = "leaf";
  for (int depth = 0; depth < 3 * 1024; ++depth)
    tree = depth % 2 ? json::array({std::move(tree)}) : json{{"@list", std::move(tree)}};
  jsonld::release_tree(tree);
  EXPECT_TRUE(tree.is_null());
}

}  // namespace
}  // namespace credgate
