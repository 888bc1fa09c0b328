#include "jsonld/expansion_arena.hpp"

#include <algorithm>
#include <cstdlib>
#include <memory>
#include <vector>

namespace credgate::jsonld {
namespace arena {
namespace {

// The first chunk; each next one doubles, or fits a block larger than that.
constexpr std::size_t kFirstChunk = 64 * 1024;
// What the thread keeps between scopes: its largest chunk, if not larger than this.
constexpr std::size_t kKeepAtMost = 8 * 1024 * 1024;

struct Chunk {
  char* data;
  std::size_t size;
};
// The thread's chunks, the one being filled last.
std::vector<Chunk>& chunks() {
  thread_local struct Owner {
    std::vector<Chunk> list;
    ~Owner() {
      for (const Chunk& c : list) std::free(c.data);
    }
  } owner;
  return owner.list;
}

void use(State& s, const Chunk& c) {
  s.begin = s.next = c.data;
  s.end = c.data + c.size;
}

}  // namespace

void* allocate_slow(State& s, std::size_t bytes) {
  std::vector<Chunk>& list = chunks();
  std::size_t size = list.empty() ? kFirstChunk : list.back().size * 2;
  size = std::max(size, bytes);
  auto* data = static_cast<char*>(std::aligned_alloc(kAlign, (size + kAlign - 1) & ~(kAlign - 1)));
  if (data == nullptr) throw std::bad_alloc();
  list.push_back({data, size});
  use(s, list.back());
  void* p = s.next;
  s.next += bytes;
  return p;
}

bool owns_slow(const void* p) {
  auto* c = static_cast<const char*>(p);
  for (const Chunk& chunk : chunks())
    if (c >= chunk.data && c < chunk.data + chunk.size) return true;
  return false;
}

}  // namespace arena

ArenaScope::ArenaScope() {
  ++arena::state().depth;
}

ArenaScope::~ArenaScope() {
  arena::State& s = arena::state();
  if (--s.depth > 0) return;
  // Everything allocated since the outermost scope opened is released: the largest chunk is
  // kept for the next scope (unless it is huge), the others go back to the system.
  std::vector<arena::Chunk>& list = arena::chunks();
  if (list.empty()) return;
  auto largest = std::max_element(list.begin(), list.end(),
                                  [](const auto& a, const auto& b) { return a.size < b.size; });
  arena::Chunk keep = *largest;
  bool kept = keep.size <= arena::kKeepAtMost;
  for (const arena::Chunk& c : list)
    if (c.data != keep.data || !kept) std::free(c.data);
  list.clear();
  s = arena::State{};
  if (!kept) return;
  list.push_back(keep);
  arena::use(s, keep);
  // Poisoned until handed out again (allocate_in_scope unpoisons each block): a block of the
  // closed scope that is still read is caught by ASan.
  CREDGATE_ARENA_POISON(keep.data, keep.size);
}

}  // namespace credgate::jsonld
