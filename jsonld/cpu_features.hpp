// What the CPU offers beyond the baseline x86-64 the build targets, asked once at run time:
// the vector scans (escape_scan.hpp, iri_scan.hpp) take their AVX2 paths only where it is
// there. Internal to jsonld/.
#pragma once

namespace credgate::jsonld {

#if defined(__x86_64__) && defined(__GNUC__)
bool cpu_has_avx2();
#endif

}  // namespace credgate::jsonld
