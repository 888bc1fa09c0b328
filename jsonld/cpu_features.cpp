#include "jsonld/cpu_features.hpp"

namespace credgate::jsonld {

#if defined(__x86_64__) && defined(__GNUC__)
bool cpu_has_avx2() {
  static const bool has = __builtin_cpu_supports("avx2");
  return has;
}
bool cpu_has_avx512vbmi() {
  static const bool has = __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw") &&
                          __builtin_cpu_supports("avx512vbmi");
  return has;
}
#endif

}  // namespace credgate::jsonld
