// XSD 1.0 validation with Xerces-C against the bundled schemas. Each schema set is preparsed
// once into a Xerces grammar pool, which is then locked; every validation (on any thread) uses
// a parser of its own thread sharing the locked pool. Schema imports resolve through the URL
// index of the bundled schemas, never the network; an import that does not resolve makes the
// set fail to load (an internal error at start-up, not a silent skip).
#pragma once

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "mappers/model/diagnostic.hpp"
#include "xsd/bundled_schemas.hpp"
#include "xsd/xml_parse.hpp"

namespace credgate::xsd {

struct ValidationResult {
  std::string schema_set;   // id of the set used; "" when none applied
  bool validated = false;   // a schema was applied to a well-formed document
  bool valid = false;       // validated and no schema error
  std::string root;         // "{namespace}local" of the root element, when parsed
  Diagnostics diagnostics;  // xml.* (not well-formed / refused), check.xsd.* (schema)
};

struct SchemaSet;  // a loaded, locked grammar pool (validator.cpp)

class SchemaCache {
 public:
  // Loads every set of `sets`, resolving schema URLs in `schemas` only. Problems (an import
  // that does not resolve, a schema Xerces rejects) go to load_diagnostics(); a set that did
  // not load is left out, and validating its documents reports why.
  SchemaCache(const std::vector<BundledSchema>& schemas, const std::vector<BundledSchemaSet>& sets);
  ~SchemaCache();
  SchemaCache(const SchemaCache&) = delete;
  SchemaCache& operator=(const SchemaCache&) = delete;

  // The bundled schemas, loaded on first use (thread-safe) and kept for the process.
  static const SchemaCache& bundled();

  // Problems found at construction: a set whose entry schema or one of whose imports (at any
  // depth) is not bundled. Grammar pools are built on a set's first use; load_all() builds
  // every one now and returns what failed (Xerces rejecting a schema), for tests and checks.
  const Diagnostics& load_diagnostics() const { return load_diagnostics_; }
  Diagnostics load_all() const;
  std::vector<std::string> set_ids() const;

  // Parses `bytes` securely (parse_xml), picks the set (the one whose locations the root's
  // xsi:schemaLocation names, else the one without locations for its root element) and
  // validates.
  ValidationResult validate(std::string_view bytes, const XmlLimits& limits = {}) const;
  // Validates with one named set, whatever the root.
  ValidationResult validate_with(std::string_view set_id, std::string_view bytes,
                                 const XmlLimits& limits = {}) const;

 private:
  ValidationResult run(const SchemaSet* set, const ParsedXml& parsed, std::string_view bytes) const;
  ValidationResult use(SchemaSet& set, const ParsedXml& parsed, std::string_view bytes) const;
  SchemaSet* select(const xmlNode* root) const;
  const SchemaSet* loaded(SchemaSet& set) const;  // builds the pool once; nullptr if it failed
  Diagnostics unresolved_imports(const SchemaSet& set) const;
  std::map<std::string, std::string> index_;  // schema URL -> the text Xerces is given
  std::vector<std::unique_ptr<SchemaSet>> sets_;
  Diagnostics load_diagnostics_;
  std::vector<std::string> urls_;    // every bundled schema URL
  bool per_thread_parsers_ = false;  // the process-wide cache keeps a parser per thread and set
};

}  // namespace credgate::xsd
