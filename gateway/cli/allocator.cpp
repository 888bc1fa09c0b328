#include "gateway/cli/allocator.hpp"

#include <cstdlib>
#include <string>

#ifdef CREDGATE_MIMALLOC
#include <mimalloc.h>
#endif

namespace credgate::allocator {

const char* name() {
#ifdef CREDGATE_MIMALLOC
  // mi_version() also gives the executable a reference to libmimalloc, so that a linker with
  // --as-needed keeps it (the override works through symbol interposition alone).
  static const std::string text = [] {
    int v = mi_version();
    return "mimalloc " + std::to_string(v / 100) + "." + std::to_string(v / 10 % 10) + "." +
           std::to_string(v % 10);
  }();
  return text.c_str();
#else
  return "system malloc";
#endif
}

bool overrides_malloc() {
#ifdef CREDGATE_MIMALLOC
  // calloc: GCC takes the pointer argument below for a read of the block.
  void* probe = std::calloc(1, 64);
  bool ours = mi_is_in_heap_region(probe);
  std::free(probe);
  return ours;
#else
  return false;
#endif
}

}  // namespace credgate::allocator
