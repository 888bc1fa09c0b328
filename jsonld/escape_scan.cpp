// The AVX2 scan of escape_scan.hpp, compiled for AVX2 alone (the rest of the build targets
// baseline x86-64) and used only where the CPU has it.
#include "jsonld/escape_scan.hpp"

#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>

namespace credgate::jsonld {

__attribute__((target("avx2"))) size_t skip_plain_avx2(std::string_view text, size_t i,
                                                       bool with_del) {
  // Without DEL, its lane compares with '"' once more: the same mask, no branch in the loop.
  const __m256i below = _mm256_set1_epi8(0x1F), quote = _mm256_set1_epi8('"'),
                backslash = _mm256_set1_epi8('\\'),
                del = with_del ? _mm256_set1_epi8(0x7F) : _mm256_set1_epi8('"');
  for (; i + 32 <= text.size(); i += 32) {
    __m256i x = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(text.data() + i));
    __m256i special = _mm256_or_si256(
        _mm256_cmpeq_epi8(_mm256_max_epu8(x, below), below),  // x <= 0x1F
        _mm256_or_si256(_mm256_or_si256(_mm256_cmpeq_epi8(x, quote), _mm256_cmpeq_epi8(x, del)),
                        _mm256_cmpeq_epi8(x, backslash)));
    if (unsigned mask = static_cast<unsigned>(_mm256_movemask_epi8(special)); mask != 0)
      return i + static_cast<size_t>(__builtin_ctz(mask));
  }
  return i;
}

}  // namespace credgate::jsonld
#endif
