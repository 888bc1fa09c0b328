// Memory for an expanded document (ExpandedJson's maps, arrays, strings and the boxes nlohmann
// allocates for them), taken from a per-thread bump arena while an ArenaScope is open and
// given back all at once when the outermost scope closes.
//
// Why: canonicalizing the EC's MC sample allocated about 5,000 blocks, and freeing the tree
// afterwards gave every one back. In native profiles allocation and freeing took 13-14% of the
// time, most of it cache misses on mimalloc's free lists, which the frees of the previous
// document leave in scattered order. Bump allocation writes memory in order; a block given
// back inside a scope costs a range test, and a whole tree made in the scope is not visited
// to be freed at all (release_tree()). std::pmr is no help here: nlohmann::basic_json
// default-constructs its allocators, so the allocator has to find its arena on its own (the
// thread's), and arena blocks have to be told from heap blocks by address. Measured: -6.7%
// instructions and about -8% time per canonicalization of MC (bench/README.md, round 6).
//
// The rule: an ExpandedJson made inside a scope is destroyed inside it (the public entry
// points open the scope and convert their results to nlohmann::json before it closes). Made
// outside any scope, it lives on the heap as before. A block freed after its scope closed
// would be a use after free: ASan builds poison arena memory on reset, so the sanitizer run
// catches it. Each thread keeps its largest chunk (up to 8 MB) for its next scope.
#pragma once

#include <algorithm>
#include <cstddef>
#include <new>

#if defined(__SANITIZE_ADDRESS__)
#include <sanitizer/asan_interface.h>
#define CREDGATE_ARENA_POISON(p, n) ASAN_POISON_MEMORY_REGION(p, n)
#define CREDGATE_ARENA_UNPOISON(p, n) ASAN_UNPOISON_MEMORY_REGION(p, n)
#else
#define CREDGATE_ARENA_POISON(p, n) ((void)(p), (void)(n))
#define CREDGATE_ARENA_UNPOISON(p, n) ((void)(p), (void)(n))
#endif

namespace credgate::jsonld {

namespace arena {

// The thread's arena: the chunk being filled is [begin, end), filled up to `next`; older
// chunks are kept in the .cpp. `depth` counts the open scopes.
struct State {
  char* begin = nullptr;
  char* next = nullptr;
  char* end = nullptr;
  int depth = 0;
};
inline State& state() {
  thread_local State s;
  return s;
}

constexpr std::size_t kAlign = alignof(std::max_align_t);

void* allocate_slow(State& s, std::size_t bytes);  // a new chunk
bool owns_slow(const void* p);                     // the older chunks

// A block of the thread's arena, or null when no scope is open.
inline void* allocate_in_scope(std::size_t bytes) {
  State& s = state();
  if (s.depth == 0) return nullptr;
  // At least one unit, even for 0 bytes: a block at the very end of a chunk would not be
  // told from a heap block by owns() and would be freed to the heap.
  bytes = (std::max<std::size_t>(bytes, 1) + kAlign - 1) & ~(kAlign - 1);
  if (static_cast<std::size_t>(s.end - s.next) >= bytes) {
    void* p = s.next;
    s.next += bytes;
    CREDGATE_ARENA_UNPOISON(p, bytes);
    return p;
  }
  return allocate_slow(s, bytes);
}

// Whether `p` lies in the thread's arena (then freeing it is a no-op).
inline bool owns(const void* p) {
  const State& s = state();
  if (s.begin == nullptr) return false;
  auto* c = static_cast<const char*>(p);
  if (c >= s.begin && c < s.end) return true;
  return owns_slow(p);
}

// Whether `p` lies in the thread's arena while a scope is open.
inline bool in_open_scope(const void* p) {
  return state().depth > 0 && owns(p);
}

}  // namespace arena

// Opens the thread's arena for the lifetime of the object; nested scopes share it, and the
// outermost one's end releases everything allocated since it opened.
class ArenaScope {
 public:
  ArenaScope();
  ~ArenaScope();
  ArenaScope(const ArenaScope&) = delete;
  ArenaScope& operator=(const ArenaScope&) = delete;
};

// A stateless allocator over the thread's arena, falling back to the heap outside any scope.
template <class T>
struct ArenaAllocator {
  using value_type = T;
  ArenaAllocator() noexcept = default;
  template <class U>
  ArenaAllocator(const ArenaAllocator<U>&) noexcept {}

  T* allocate(std::size_t n) {
    if (void* p = arena::allocate_in_scope(n * sizeof(T))) return static_cast<T*>(p);
    return static_cast<T*>(::operator new(n * sizeof(T)));
  }
  void deallocate(T* p, std::size_t n) noexcept {
    if (!arena::owns(p)) ::operator delete(p, n * sizeof(T));
  }
  template <class U>
  bool operator==(const ArenaAllocator<U>&) const noexcept {
    return true;
  }
  template <class U>
  bool operator!=(const ArenaAllocator<U>&) const noexcept {
    return false;
  }
};

}  // namespace credgate::jsonld
