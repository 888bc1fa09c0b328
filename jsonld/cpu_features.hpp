// What the CPU offers beyond the baseline x86-64 the build targets, asked once at run time:
// the vector scans (escape_scan.hpp, iri_scan.hpp) and the base64url coder
// (signing/base64url.cpp) take their vector paths only where the CPU has them.
#pragma once

namespace credgate::jsonld {

#if defined(__x86_64__) && defined(__GNUC__)
bool cpu_has_avx2();
// AVX-512 F, BW and VBMI (the byte permutes and multishift base64 coding uses).
bool cpu_has_avx512vbmi();
#endif

}  // namespace credgate::jsonld
