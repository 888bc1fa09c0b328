#pragma once

#include "mappers/format.hpp"

namespace credgate::ob3 {

ReadResult read(const Sniff& sniff, const ReadOptions& options);

}  // namespace credgate::ob3
