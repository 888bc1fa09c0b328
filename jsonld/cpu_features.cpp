#include "jsonld/cpu_features.hpp"

namespace credgate::jsonld {

#if defined(__x86_64__) && defined(__GNUC__)
bool cpu_has_avx2() {
  static const bool has = __builtin_cpu_supports("avx2");
  return has;
}
#endif

}  // namespace credgate::jsonld
