// `credgate jsonld expand|to-rdf|canonize`: the JSON-LD processor on the command line, so
// that integrators (and the W3C suites) can drive it.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "jsonld/options.hpp"
#include "jsonld/rdfc10.hpp"
#include "mappers/json_input.hpp"

namespace credgate {

struct JsonLdArgs {
  std::string operation;  // expand, to-rdf, canonize
  std::vector<std::string> inputs;
  std::string base;
  std::string expand_context_file;
  std::string processing_mode = "json-ld-1.1";
  std::string rdf_direction;
  bool produce_generalized_rdf = false;
  std::string input_format = "jsonld";  // or nquads (canonize)
  std::string hash = "sha256";
  bool safe = false;
  std::vector<std::string> allow_remote;  // URL prefixes remote loading may fetch
  std::string contexts_directory;         // user contexts: DIR/index.json
  std::string cache_directory;
  unsigned work_factor = 2;
  InputLimits limits;
};

int run_jsonld(const JsonLdArgs& args, std::ostream& out, std::ostream& err);

}  // namespace credgate
