#pragma once

#include "mappers/format.hpp"

namespace credgate::ob3 {

// One OpenBadgeCredential per claim of the holder (OB 3.0 holds one achievement).
WriteResult write(const model::Credential& credential, const WriteOptions& options);

}  // namespace credgate::ob3
