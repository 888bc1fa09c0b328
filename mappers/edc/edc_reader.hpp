#pragma once

#include "mappers/format.hpp"

namespace credgate::edc {

ReadResult read(const Sniff& sniff, const ReadOptions& options);

}  // namespace credgate::edc
