// The expansion arena (jsonld/expansion_arena.hpp): where ExpandedJson's memory comes from,
// inside and outside a scope, and when it is given back.
#include "jsonld/expansion_arena.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <cstring>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>

#include "jsonld/expanded_json.hpp"
#include "jsonld/tree_release.hpp"

#if defined(__SANITIZE_ADDRESS__)
#include <sanitizer/asan_interface.h>
#endif

namespace credgate {
namespace {

using jsonld::ArenaAllocator;
using jsonld::ArenaScope;
using jsonld::ExpandedJson;

const void* root_container(ExpandedJson& tree) {
  return tree.is_object() ? static_cast<const void*>(&tree.get_ref<ExpandedJson::object_t&>())
                          : static_cast<const void*>(&tree.get_ref<ExpandedJson::array_t&>());
}

TEST(ExpansionArena, OnlyAnOpenScopeAllocatesFromTheArena) {
  ArenaAllocator<int> alloc;
  int* outside = alloc.allocate(4);
  EXPECT_FALSE(jsonld::arena::owns(outside));
  {
    ArenaScope scope;
    int* inside = alloc.allocate(4);
    EXPECT_TRUE(jsonld::arena::owns(inside));
    EXPECT_TRUE(jsonld::arena::in_open_scope(inside));
    EXPECT_FALSE(jsonld::arena::owns(outside));
    alloc.deallocate(inside, 4);
    // A heap block freed inside a scope goes back to the heap (ASan and LeakSanitizer check).
    alloc.deallocate(outside, 4);
  }
  int* after = alloc.allocate(4);
  EXPECT_FALSE(jsonld::arena::owns(after));
  alloc.deallocate(after, 4);
}

TEST(ExpansionArena, BlocksAreAlignedAndDistinct) {
  ArenaScope scope;
  ArenaAllocator<char> alloc;
  char* a = alloc.allocate(1);
  char* b = alloc.allocate(3);
  char* c = alloc.allocate(17);
  for (const char* p : {a, b, c})
    EXPECT_EQ(reinterpret_cast<std::uintptr_t>(p) % alignof(std::max_align_t), 0u);
  EXPECT_GE(b - a, 1);
  EXPECT_GE(c - b, 3);
}

TEST(ExpansionArena, NestedScopesShareTheArenaUntilTheOutermostCloses) {
  ArenaAllocator<char> alloc;
  char* first = nullptr;
  {
    ArenaScope outer;
    first = alloc.allocate(64);
    std::memset(first, 'x', 64);
    {
      ArenaScope inner;
      char* second = alloc.allocate(64);
      EXPECT_NE(first, second);
    }
    // The inner scope's end released nothing: the outer one's block is still ours.
    EXPECT_TRUE(jsonld::arena::in_open_scope(first));
    EXPECT_EQ(first[63], 'x');
  }
  EXPECT_FALSE(jsonld::arena::in_open_scope(first));
  ArenaScope again;
  // The next scope starts over in the chunk the last one kept.
  EXPECT_EQ(alloc.allocate(64), first);
}

// An empty block is still a block of the arena, also when the chunk is full to its last byte
// (owns() must not take it for a heap block and free it there).
TEST(ExpansionArena, EmptyBlocksAtTheEndOfAChunkAreTheArenas) {
  ArenaScope scope;
  ArenaAllocator<char> alloc;
  char* first = alloc.allocate(1);  // makes a chunk current
  const jsonld::arena::State& s = jsonld::arena::state();
  const auto left = static_cast<std::size_t>(s.end - s.next);
  if (left > 0) alloc.allocate(left);
  ASSERT_EQ(s.next, s.end);
  char* empty = alloc.allocate(0);
  EXPECT_TRUE(jsonld::arena::owns(empty));
  alloc.deallocate(empty, 0);  // a no-op, not a heap free
  EXPECT_TRUE(jsonld::arena::owns(first));
}

TEST(ExpansionArena, BlocksLargerThanAChunkAreServed) {
  ArenaScope scope;
  ArenaAllocator<char> alloc;
  const size_t big = 3 * 1024 * 1024;
  char* p = alloc.allocate(big);
  std::memset(p, 'y', big);  // writable end to end (ASan checks the bounds)
  EXPECT_TRUE(jsonld::arena::owns(p));
  EXPECT_TRUE(jsonld::arena::owns(p + big - 1));
  char* small = alloc.allocate(8);
  EXPECT_TRUE(jsonld::arena::owns(small));
}

TEST(ExpansionArena, ATreeMadeInAScopeIsReadAndConvertedThere) {
  nlohmann::json copy;
  {
    ArenaScope scope;
    ExpandedJson tree = ExpandedJson::parse(
        R"([{"@id": "http://example.org/a-rather-long-node-identifier", "http://example.org/p":
            [{"@value": "a string well beyond the short string buffer of std::string"}]}])");
    EXPECT_TRUE(jsonld::arena::in_open_scope(root_container(tree)));
    const auto& value = tree[0]["http://example.org/p"][0]["@value"];
    EXPECT_TRUE(
        jsonld::arena::in_open_scope(value.get_ref<const ExpandedJson::string_t&>().data()));
    copy = nlohmann::json(tree);
  }
  EXPECT_EQ(copy[0]["@id"], "http://example.org/a-rather-long-node-identifier");
  EXPECT_EQ(copy[0]["http://example.org/p"][0]["@value"],
            "a string well beyond the short string buffer of std::string");
}

TEST(ExpansionArena, ReleaseLeavesNullAndFreesHeapTreesToo) {
  ExpandedJson heap_tree = ExpandedJson::parse(R"({"k": ["a long string outside any scope"]})");
  EXPECT_FALSE(jsonld::arena::owns(root_container(heap_tree)));
  ArenaScope scope;
  ExpandedJson arena_tree = ExpandedJson::parse(R"({"k": ["a long string inside the scope!"]})");
  jsonld::release_tree(arena_tree);
  EXPECT_TRUE(arena_tree.is_null());
  jsonld::release_tree(heap_tree);  // freed node by node (LeakSanitizer checks)
  EXPECT_TRUE(heap_tree.is_null());
}

TEST(ExpansionArena, EachThreadHasItsOwn) {
  ArenaScope scope;
  ArenaAllocator<char> alloc;
  char* mine = alloc.allocate(16);
  const char* theirs = nullptr;
  bool mine_is_theirs = true;
  std::thread other([&] {
    ArenaScope their_scope;
    theirs = alloc.allocate(16);
    mine_is_theirs = jsonld::arena::owns(mine);
  });
  other.join();
  EXPECT_FALSE(mine_is_theirs);
  EXPECT_TRUE(jsonld::arena::owns(mine));
  EXPECT_NE(theirs, nullptr);
}

TEST(ExpansionArena, MemoryOfAClosedScopeIsPoisonedUnderAsan) {
#if defined(__SANITIZE_ADDRESS__)
  ArenaAllocator<char> alloc;
  char* block = nullptr;
  {
    ArenaScope scope;
    block = alloc.allocate(32);
    EXPECT_FALSE(__asan_address_is_poisoned(block));
  }
  EXPECT_TRUE(__asan_address_is_poisoned(block));
#else
  GTEST_SKIP() << "ASan builds only";
#endif
}

}  // namespace
}  // namespace credgate
