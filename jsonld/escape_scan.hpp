// Finding the next byte a string escaper must handle, for N-Quads literals (jsonld/nquads.cpp)
// and JSON strings (jsonld/jcs.cpp, also the JAdES payload): control characters below 0x20,
// '"' and '\\', and for N-Quads also DEL. The strings are mostly long plain runs (40-100 KB of
// base64 images in the EC's credentials), so they are skipped 16 bytes per step with SSE2
// (part of every x86-64 CPU; no library offers this scan for our set of bytes), else 8 per
// step by word tricks, and only the tail byte by byte.
#pragma once

#include <bit>
#include <cstdint>
#include <cstring>
#include <string_view>

#include "jsonld/cpu_features.hpp"

#ifdef __SSE2__
#include <emmintrin.h>
#endif

namespace credgate::jsonld {

template <bool kWithDel>
inline bool byte_needs_escape(unsigned char c) {
  return c < 0x20 || c == '"' || c == '\\' || (kWithDel && c == 0x7F);
}

// True when one of the 8 bytes of `w` needs escaping (exact, by the "has less than" / "has
// byte" bit tricks).
template <bool kWithDel>
inline bool word_needs_escape(uint64_t w) {
  constexpr uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;
  auto has_zero = [](uint64_t x) { return ((x - ones) & ~x & highs) != 0; };
  return ((w - ones * 0x20) & ~w & highs) != 0 || has_zero(w ^ (ones * '"')) ||
         has_zero(w ^ (ones * '\\')) || (kWithDel && has_zero(w ^ (ones * 0x7F)));
}

#if defined(__x86_64__) && defined(__SSE2__) && defined(__GNUC__)
// Long runs (the image literals) are skipped 32 bytes per step where the CPU has AVX2, chosen
// at run time (escape_scan.cpp; the build targets baseline x86-64): from `i`, the position of
// the first byte that needs an escape, or of the first of the last (size - i) % 32 bytes if none.
size_t skip_plain_avx2(std::string_view text, size_t i, bool with_del);
#endif

// The position of the first byte at or after `i` that needs an escape (text.size() if none).
template <bool kWithDel>
inline size_t next_to_escape(std::string_view text, size_t i) {
#ifdef __SSE2__
  const __m128i below = _mm_set1_epi8(0x1F), quote = _mm_set1_epi8('"'),
                backslash = _mm_set1_epi8('\\'), del = _mm_set1_epi8(0x7F);
  size_t plain = 0;  // bytes this call has found plain so far
  while (i + 16 <= text.size()) {
#if defined(__x86_64__) && defined(__GNUC__)
    // A run still plain after 64 bytes is likely a long one (an image literal): on with AVX2,
    // once. Short runs (JSON text has a quote every few bytes) stay inline, without the two
    // out-of-line calls.
    if (plain == 64 && text.size() - i >= 256 && cpu_has_avx2()) {
      i = skip_plain_avx2(text, i, kWithDel);
      if (i + 32 <= text.size()) return i;  // found in a full block
      plain = 0;                            // the rest (under 32 bytes) with SSE2 and below
    }
    if (i + 16 > text.size()) break;
#endif
    __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data() + i));
    __m128i special =
        _mm_or_si128(_mm_cmpeq_epi8(_mm_max_epu8(x, below), below),  // x <= 0x1F
                     _mm_or_si128(_mm_cmpeq_epi8(x, quote), _mm_cmpeq_epi8(x, backslash)));
    if constexpr (kWithDel) special = _mm_or_si128(special, _mm_cmpeq_epi8(x, del));
    if (int mask = _mm_movemask_epi8(special); mask != 0)
      return i + std::countr_zero(static_cast<unsigned>(mask));
    i += 16;
    plain += 16;
  }
#endif
  for (; i + 8 <= text.size(); i += 8) {
    uint64_t w;
    std::memcpy(&w, text.data() + i, 8);
    if (word_needs_escape<kWithDel>(w)) break;
  }
  while (i < text.size() && !byte_needs_escape<kWithDel>(static_cast<unsigned char>(text[i]))) ++i;
  return i;
}

}  // namespace credgate::jsonld
