#include "gateway/jsonld_command.hpp"

#include <memory>

#include "gateway/batch.hpp"
#include "gateway/commands.hpp"
#include "jsonld/canonize.hpp"
#include "jsonld/expand.hpp"
#include "jsonld/loaders.hpp"
#include "jsonld/nquads.hpp"
#include "jsonld/to_rdf.hpp"

namespace credgate {

using json = nlohmann::json;

namespace {

std::string nquads_of(const jsonld::Dataset& dataset) {
  std::string out;
  for (const auto& q : dataset) out += jsonld::to_nquad(q);
  return out;
}

}  // namespace

int run_jsonld(const JsonLdArgs& args, std::ostream& out, std::ostream& err) {
  // Loaders: bundled contexts first, then the user's directory, then (only if allowed) remote.
  jsonld::ChainLoader loader;
  loader.add(std::make_unique<jsonld::BundledLoader>());
  if (!args.contexts_directory.empty()) {
    auto dir = std::make_unique<jsonld::DirectoryLoader>(args.contexts_directory);
    if (!dir->setup_diagnostics().empty()) {
      print_diagnostics(err, args.contexts_directory, dir->setup_diagnostics());
      return exit_code::usage;
    }
    loader.add(std::move(dir));
  }
  if (!args.allow_remote.empty()) {
    jsonld::RemotePolicy policy;
    policy.allow = args.allow_remote;
    policy.cache_directory = args.cache_directory;
    loader.add(std::make_unique<jsonld::RemoteLoader>(policy));
  }
  jsonld::JsonLdOptions options;
  options.base = args.base;
  options.processing_mode = args.processing_mode;
  options.rdf_direction = args.rdf_direction;
  options.produce_generalized_rdf = args.produce_generalized_rdf;
  options.safe = args.safe;
  options.loader = &loader;
  if (!args.expand_context_file.empty()) {
    std::string bytes;
    Diagnostics d;
    if (!read_input(args.expand_context_file, args.limits.max_bytes, bytes, d)) {
      print_diagnostics(err, args.expand_context_file, d);
      return exit_code::input;
    }
    ParsedJson ctx = parse_json(bytes, args.limits);
    if (!ctx.ok()) {
      print_diagnostics(err, args.expand_context_file, ctx.diagnostics);
      return exit_code::input;
    }
    options.expand_context =
        ctx.value.is_object() && ctx.value.contains("@context") ? ctx.value["@context"] : ctx.value;
  }
  jsonld::CanonicalizeOptions canon;
  canon.hash =
      args.hash == "sha384" ? jsonld::HashAlgorithm::Sha384 : jsonld::HashAlgorithm::Sha256;
  canon.work_factor = args.work_factor;

  int code = exit_code::ok;
  auto inputs = expand_inputs(args.inputs);
  for (const auto& file : inputs) {
    std::string bytes;
    Diagnostics diagnostics;
    if (!read_input(file, args.limits.max_bytes, bytes, diagnostics)) {
      print_diagnostics(err, file, diagnostics);
      code = inputs.size() > 1 ? exit_code::check_failed : exit_code::input;
      continue;
    }
    jsonld::Dataset dataset;
    bool have_dataset = false;
    if (args.operation == "canonize" && args.input_format == "nquads") {
      jsonld::ParsedNQuads p = jsonld::parse_nquads(bytes);
      diagnostics = p.diagnostics;
      dataset = std::move(p.quads);
      have_dataset = p.ok();
    } else {
      ParsedJson doc = parse_json(bytes, args.limits);
      diagnostics = doc.diagnostics;
      if (doc.ok()) {
        if (args.operation == "expand") {
          jsonld::ExpandResult e = jsonld::expand(doc.value, options);
          diagnostics = e.diagnostics;
          if (e.ok()) out << e.expanded.dump(2) << "\n";
        } else if (args.operation == "canonize") {
          // The engine's canonicalization path (as Data Integrity's): toRdf into a set, repeated
          // nodes expanded once (jsonld/canonize.hpp).
          jsonld::Canonicalized c = jsonld::canonize(doc.value, options, canon);
          diagnostics = c.diagnostics;
          if (c.ok()) out << c.nquads;
        } else {
          // The parsed document is not used again: toRdf moves its values instead of copying.
          jsonld::ToRdfResult r = jsonld::to_rdf(std::move(doc.value), options);
          diagnostics = r.diagnostics;
          dataset = std::move(r.dataset);
          have_dataset = r.ok();
        }
      }
    }
    if (have_dataset) {
      if (args.operation == "to-rdf") {
        out << nquads_of(dataset);
      } else {
        jsonld::Canonicalized c = jsonld::canonicalize(dataset, canon);
        for (auto& d : c.diagnostics) diagnostics.push_back(std::move(d));
        if (c.ok()) out << c.nquads;
      }
    }
    print_diagnostics(err, file, diagnostics);
    if (has_error(diagnostics))
      code = inputs.size() > 1 ? exit_code::check_failed : exit_code_for(diagnostics);
  }
  return code;
}

}  // namespace credgate
