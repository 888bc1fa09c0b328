#pragma once
#include "mappers/format.hpp"
namespace credgate::elmo {
// EMREX ELMO v1 (every version shares the v1 namespace; files without a namespace read too,
// with a warning) -> canonical model, one credential per <report>.
ReadResult read(const Sniff& sniff, const ReadOptions& options);
}  // namespace credgate::elmo
