// The executables' allocator (gateway/cli/allocator.hpp): when built with mimalloc, malloc and
// operator new really are mimalloc's (a linker dropping the library, or a load order that lets
// libc's malloc win, would leave the override silently off).
#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "gateway/cli/allocator.hpp"

#ifdef CREDGATE_MIMALLOC
#include <mimalloc.h>
#endif

namespace credgate {
namespace {

TEST(Allocator, OverrideTakesEffectWhenBuiltWithIt) {
  std::string name = allocator::name();
#ifdef CREDGATE_MIMALLOC
  EXPECT_EQ(name.rfind("mimalloc ", 0), 0u) << name;
  EXPECT_TRUE(allocator::overrides_malloc());
  auto node = std::make_unique<std::string>(200, 'x');  // operator new, and a heap string
  EXPECT_TRUE(mi_is_in_heap_region(node.get()));
  EXPECT_TRUE(mi_is_in_heap_region(node->data()));
#else
  EXPECT_EQ(name, "system malloc");
  EXPECT_FALSE(allocator::overrides_malloc());
#endif
}

}  // namespace
}  // namespace credgate
