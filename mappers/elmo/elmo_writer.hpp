#pragma once
#include "mappers/format.hpp"
namespace credgate::elmo {
// Canonical model -> EMREX ELMO v1 (one <report> per credential). The output is validated
// against the bundled ELMO schema before it is returned: a credential that cannot make a
// valid ELMO (no issuer URL, no learner name, ...) is an error naming what is missing, never
// a half-valid file.
WriteResult write(const model::Credential& credential, const WriteOptions& options);
}  // namespace credgate::elmo
