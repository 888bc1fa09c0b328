// Which malloc the executables run on. The library (libcredgate) leaves the allocator to its
// host program; credgate's own executables (the CLI and gateway, the benchmarks, the tests) link
// mimalloc when built with CREDGATE_MIMALLOC (the default), which replaces malloc/free/new for
// the whole process, OpenSSL, libxml2, xmlsec and Xerces included. Why: JSON-LD processing and
// the JSON seals allocate tens of thousands of small nodes and a few 100 KB buffers per
// document, and glibc's malloc returns the large ones to the kernel and takes them back (page
// faults) or consolidates its fastbins on every large free; bench/README.md has the figures.
#pragma once

namespace credgate::allocator {

// "mimalloc 2.0.9" or "system malloc".
const char* name();
// True when memory from malloc() is mimalloc's (the override took effect); false without it.
bool overrides_malloc();

}  // namespace credgate::allocator
