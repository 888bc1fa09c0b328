// RDF Dataset Canonicalization (RDFC-1.0, W3C Recommendation 2024; URDNA2015 is the same
// algorithm): canonical blank node labels and the canonical N-Quads of a dataset, as Data
// Integrity proofs and dataset comparison need them.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "jsonld/rdf.hpp"
#include "jsonld/rdf_ref.hpp"
#include "mappers/model/diagnostic.hpp"

namespace credgate::jsonld {

enum class HashAlgorithm { Sha256, Sha384 };

struct CanonicalizeOptions {
  HashAlgorithm hash = HashAlgorithm::Sha256;
  // Poison graphs make the n-degree hashing explode. Each blank node may enter Hash N-Degree
  // Quads at most (number of blank nodes without a unique first-degree hash)^work_factor
  // times; beyond that canonicalization stops with rdfc.work-limit. Measured on the W3C
  // suite: factor 1 rejects its computable poison graphs (test044-046); factor 2 computes
  // them (~3 ms each) and rejects the 10-node clique (test074) after ~20 ms.
  unsigned work_factor = 2;
  std::optional<std::chrono::milliseconds> deadline;  // wall-clock bound, none by default
};

struct Canonicalized {
  std::string nquads;  // sorted canonical N-Quads, duplicates removed
  std::vector<std::pair<std::string, std::string>> issued;  // input label -> c14nN, in issue order
  Diagnostics diagnostics;                                  // rdfc.work-limit, rdfc.deadline
  bool ok() const { return !has_error(diagnostics); }
};

Canonicalized canonicalize(const Dataset& input, const CanonicalizeOptions& options = {});
// The same on quads that refer to their strings (rdf_ref.hpp), as canonize_text() has them.
Canonicalized canonicalize_refs(const DatasetRef& input, const CanonicalizeOptions& options = {});

// Hex digest of `data` with the algorithm (lowercase), as RDFC-1.0 uses it.
std::string hash_hex(HashAlgorithm algorithm, std::string_view data);

}  // namespace credgate::jsonld
