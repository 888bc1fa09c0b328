// The AVX2 scan of iri_scan.hpp, compiled for AVX2 alone (the rest of the build targets
// baseline x86-64) and used only where the CPU has it.
#include "jsonld/iri_scan.hpp"

#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>

namespace credgate::jsonld {

namespace {

// A byte is not plain when the entry of its high nibble and that of its low nibble share a
// bit. One bit per high nibble that holds such bytes:
//   0x01: 0x0_ and 0x1_, all of them (controls)
//   0x02: 0x2_: space " # %       (0x20 0x22 0x23 0x25)
//   0x04: 0x3_: < >               (0x3C 0x3E)
//   0x08: 0x5_: [ \ ] ^           (0x5B-0x5E)
//   0x10: 0x6_: `                 (0x60)
//   0x20: 0x7_: { | }             (0x7B-0x7D)
// High nibbles 8-F (non-ASCII) have no bit: plain. tests/unit/iri_scan_test.cpp checks every
// byte against kPlainIriByte.
constexpr char kHigh[16] = {0x01, 0x01, 0x02, 0x04, 0x00, 0x08, 0x10, 0x20,
                            0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00};
constexpr char kLow[16] = {0x13, 0x01, 0x03, 0x03, 0x01, 0x03, 0x01, 0x01,
                           0x01, 0x01, 0x01, 0x29, 0x2D, 0x29, 0x0D, 0x01};

// Bit k set: byte k of the block is not plain.
__attribute__((target("avx2"))) inline unsigned unplain_mask(__m256i x) {
  const __m256i high =
      _mm256_broadcastsi128_si256(_mm_loadu_si128(reinterpret_cast<const __m128i*>(kHigh)));
  const __m256i low =
      _mm256_broadcastsi128_si256(_mm_loadu_si128(reinterpret_cast<const __m128i*>(kLow)));
  const __m256i nibble = _mm256_set1_epi8(0x0F);
  __m256i h = _mm256_shuffle_epi8(high, _mm256_and_si256(_mm256_srli_epi16(x, 4), nibble));
  __m256i l = _mm256_shuffle_epi8(low, _mm256_and_si256(x, nibble));
  __m256i plain = _mm256_cmpeq_epi8(_mm256_and_si256(h, l), _mm256_setzero_si256());
  return ~static_cast<unsigned>(_mm256_movemask_epi8(plain));
}

// The same for 16 bytes: classified as the low half of a 32-byte block (one classification).
__attribute__((target("avx2"))) inline unsigned unplain_mask(__m128i x) {
  return unplain_mask(_mm256_broadcastsi128_si256(x)) & 0xFFFFu;
}

}  // namespace

__attribute__((target("avx2"))) size_t next_unplain_iri_byte_avx2(std::string_view iri, size_t i) {
  const char* p = iri.data();
  const size_t n = iri.size();
  if (n - i >= 32) {
    for (; i + 32 <= n; i += 32)
      if (unsigned m = unplain_mask(_mm256_loadu_si256(reinterpret_cast<const __m256i*>(p + i))))
        return i + static_cast<size_t>(__builtin_ctz(m));
    if (i == n) return n;
    // The last, partial block: the final 32 bytes, those before `i` already seen plain.
    const size_t start = n - 32;
    unsigned m = unplain_mask(_mm256_loadu_si256(reinterpret_cast<const __m256i*>(p + start)));
    m >>= (i - start);
    return m != 0 ? i + static_cast<size_t>(__builtin_ctz(m)) : n;
  }
  // 16 to 31 bytes: the first 16 and the last 16 (overlapping).
  if (unsigned m = unplain_mask(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i))))
    return i + static_cast<size_t>(__builtin_ctz(m));
  const size_t start = n - 16;
  unsigned m = unplain_mask(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p + start)));
  return m != 0 ? start + static_cast<size_t>(__builtin_ctz(m)) : n;
}

}  // namespace credgate::jsonld
#endif
