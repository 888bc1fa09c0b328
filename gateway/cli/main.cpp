// The `credgate` executable: command-line parsing only; every command is a library function
// (gateway/commands.hpp). Contract: ../shared/design/cli.md, extended in docs/cli.md.
#include <CLI/CLI.hpp>
#include <iostream>

#include "gateway/cli/allocator.hpp"
#include "gateway/commands.hpp"
#include "gateway/jsonld_command.hpp"
#include "gateway/seal_command.hpp"
#include "gateway/validate.hpp"

namespace {

// Later issues add these; until then they say so and exit with the usage code.
int not_yet(const std::string& command, const std::string& issue) {
  std::cerr << "credgate: usage.not-available: '" << command << "' is not in this build yet ("
            << issue << ")\n";
  return credgate::exit_code::usage;
}

void add_limits(CLI::App* app, credgate::InputLimits& limits) {
  app->add_option("--max-input-size", limits.max_bytes,
                  "largest input accepted, in bytes (default 32 MiB)");
  app->add_option("--max-depth", limits.max_depth, "deepest JSON nesting accepted (default 100)");
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"credgate: Europass-compatible credential interchange gateway"};
  // The allocator is named too: figures from two builds only compare with the same one.
  app.set_version_flag("--version", std::string("credgate ") + CREDGATE_VERSION + " (" +
                                        credgate::allocator::name() + ")");
  app.require_subcommand(1);

  bool formats_json = false, formats_markdown = false;
  auto* formats =
      app.add_subcommand("formats", "list the supported formats and their capabilities");
  formats->add_flag("--json", formats_json, "machine-readable table");
  formats->add_flag("--markdown", formats_markdown, "the table as Markdown (docs/formats.md)");

  std::vector<std::string> detect_inputs;
  credgate::InputLimits detect_limits;
  auto* detect =
      app.add_subcommand("detect", "recognise the format and envelope of each input by content");
  detect->add_option("FILE", detect_inputs, "files, directories or - for standard input")
      ->required();
  add_limits(detect, detect_limits);

  credgate::ConvertArgs convert_args;
  auto& request = convert_args.request;
  std::string vc_version, ob3_context;
  auto* convert = app.add_subcommand("convert", "convert credentials through the canonical model");
  convert->add_option("--to", request.target, "target format id")->required();
  convert->add_option("--from", request.source, "source format id (default: detect)");
  convert->add_option("-o,--output", convert_args.output, "output file (one input)");
  convert->add_option("--out-dir", convert_args.out_dir, "output directory (any number of inputs)");
  convert->add_option("--loss-report", convert_args.loss_report,
                      "write the loss report (JSON array) here");
  convert->add_option("--jobs", convert_args.jobs, "parallel conversions (default: all cores)");
  convert
      ->add_option("--ob3-context", ob3_context,
                   "OB 3.0 context version for ob3 output: 3.0.0 .. 3.0.3")
      ->check(CLI::IsMember({"3.0.0", "3.0.1", "3.0.2", "3.0.3"}));
  convert
      ->add_option("--vc-version", vc_version, "VC data model for ob3 output: 2.0 (default) or 1.1")
      ->check(CLI::IsMember({"1.1", "2.0"}));
  convert
      ->add_option("--edci-presentation", request.write.edci_presentation,
                   "edci-xml output: a verifiablePresentation of the EDCI 1.0 shared or mandated "
                   "schema around the credential")
      ->check(CLI::IsMember({"shared", "mandated"}));
  convert->add_option("--lang", request.read.default_language,
                      "language of plain strings read into ELM maps, and of the text picked from "
                      "ELM maps for OB (default en)");
  convert->add_flag(
      "--no-progress", [&](int64_t) { convert_args.progress = false; }, "no progress bar");
  convert->add_option("INPUT", convert_args.inputs, "files, directories or - for standard input")
      ->required();
  add_limits(convert, request.limits);

  std::vector<std::string> dump_inputs;
  credgate::ConvertRequest dump_request;
  auto* dump = app.add_subcommand(
      "dump", "print the canonical model of each input (for goldens and debugging)");
  dump->add_option("--from", dump_request.source, "source format id (default: detect)");
  dump->add_option("FILE", dump_inputs, "files, directories or - for standard input")->required();
  add_limits(dump, dump_request.limits);

  credgate::JsonLdArgs jsonld_args;
  auto* jsonld =
      app.add_subcommand("jsonld", "JSON-LD 1.1 expand, to-rdf (N-Quads) and RDFC-1.0 canonize");
  jsonld->add_option("OPERATION", jsonld_args.operation, "expand, to-rdf or canonize")
      ->required()
      ->check(CLI::IsMember({"expand", "to-rdf", "canonize"}));
  jsonld->add_option("FILE", jsonld_args.inputs, "files, directories or - for standard input")
      ->required();
  jsonld->add_option("--base", jsonld_args.base, "base IRI");
  jsonld->add_option("--expand-context", jsonld_args.expand_context_file,
                     "a context file applied first");
  jsonld
      ->add_option("--processing-mode", jsonld_args.processing_mode,
                   "json-ld-1.0 or json-ld-1.1 (default)")
      ->check(CLI::IsMember({"json-ld-1.0", "json-ld-1.1"}));
  jsonld
      ->add_option("--rdf-direction", jsonld_args.rdf_direction,
                   "to-rdf/canonize: i18n-datatype or compound-literal")
      ->check(CLI::IsMember({"i18n-datatype", "compound-literal"}));
  jsonld->add_flag("--produce-generalized-rdf", jsonld_args.produce_generalized_rdf,
                   "keep blank node predicates");
  jsonld
      ->add_option("--input-format", jsonld_args.input_format,
                   "canonize: jsonld (default) or nquads")
      ->check(CLI::IsMember({"jsonld", "nquads"}));
  jsonld->add_option("--hash", jsonld_args.hash, "canonize: sha256 (default) or sha384")
      ->check(CLI::IsMember({"sha256", "sha384"}));
  jsonld->add_option("--work-factor", jsonld_args.work_factor,
                     "canonize: poison-graph work limit exponent (default 2)");
  jsonld->add_flag("--safe", jsonld_args.safe,
                   "fail where expansion would drop something (safe mode)");
  jsonld->add_option("--allow-remote", jsonld_args.allow_remote,
                     "URL prefix remote contexts may be fetched from (repeatable)");
  jsonld->add_option("--contexts", jsonld_args.contexts_directory,
                     "a directory of your own contexts with an index.json");
  jsonld->add_option("--cache", jsonld_args.cache_directory, "on-disk cache for remote documents");
  add_limits(jsonld, jsonld_args.limits);

  credgate::ValidateRequest validate_request;
  std::vector<std::string> validate_inputs;
  auto* validate = app.add_subcommand(
      "validate", "validate against the bundled schemas (XML: XSD) or a profile");
  validate->add_option("--profile", validate_request.profile,
                       "validation profile (default: schema)");
  validate->add_option("FILE", validate_inputs, "files, directories or - for standard input")
      ->required();
  add_limits(validate, validate_request.limits);

  credgate::SealArgs seal_args;
  auto* seal = app.add_subcommand(
      "seal",
      "seal a credential (jades, jws, vc-jwt, ob2-jws, di-eddsa-rdfc-2022, di-ecdsa-rdfc-2019)");
  seal->add_option("--method", seal_args.method,
                   "jades, jws, vc-jwt, ob2-jws, di-eddsa-rdfc-2022 or di-ecdsa-rdfc-2019")
      ->required();
  seal->add_option("--key", seal_args.key, "PEM, PKCS#12 or JWK file, or a pkcs11: URI")
      ->required();
  seal->add_option("--key-password", seal_args.key_password,
                   "password of the key file (else $CREDGATE_KEY_PASSWORD)");
  seal->add_option("--cert", seal_args.cert, "signer certificate chain (PEM, leaf first)");
  seal->add_option("--alg", seal_args.alg, "JOSE algorithm (default: from the key)");
  seal->add_option(
      "--tsa", seal_args.tsa,
      "RFC 3161 timestamp authority URL, https (http on loopback only): JAdES baseline B-T");
  seal->add_option("--verification-method", seal_args.verification_method,
                   "di-*: the proof's verificationMethod (default: the key's did:key)");
  seal->add_option("--signing-time", seal_args.sig_time,
                   "sigT/nbf to use instead of the clock (YYYY-MM-DDThh:mm:ssZ)");
  seal->add_option("--level", seal_args.level,
                   "xades baseline level: b, t (needs --tsa), lt (needs --tsa and --crl)");
  seal->add_option("--crl", seal_args.crl,
                   "xades lt: CRL file(s) to embed (PEM/DER file or directory)");
  seal->add_option("-o,--output", seal_args.output, "output file (default: standard output)");
  seal->add_option("FILE", seal_args.input, "the credential, or - for standard input")->required();
  add_limits(seal, seal_args.limits);

  credgate::VerifyArgs verify_args;
  auto* verify =
      app.add_subcommand("verify", "verify seals (JAdES, JWS, VC-JWT, Data Integrity) and trust");
  verify->add_option("--trust", verify_args.trust,
                     "trust anchors and CRLs: a PEM file or a directory");
  verify->add_option("--at", verify_args.at,
                     "validation time (YYYY-MM-DDThh:mm:ssZ; default: a proven time, else now)");
  verify->add_option("--trust-did", verify_args.trust_dids,
                     "Data Integrity: a DID or URL trusted as issuer (controller of the "
                     "verification method); repeatable");
  verify->add_option("--key", verify_args.key,
                     "public key, certificate or JWK for seals that name no certificate");
  verify->add_option("FILE", verify_args.inputs, "files, directories or - for standard input")
      ->required();
  add_limits(verify, verify_args.limits);

  struct Planned {
    const char* name;
    const char* help;
    const char* issue;
  };
  const Planned planned[] = {
      {"conformance", "run conformance suites", "conformance issue"},
      {"serve", "HTTP gateway", "HTTP gateway issue"},
  };
  std::vector<std::pair<CLI::App*, const Planned*>> planned_commands;
  for (const auto& p : planned) {
    auto* sub = app.add_subcommand(p.name, std::string(p.help) + " (not in this build yet)");
    sub->allow_extras();
    planned_commands.emplace_back(sub, &p);
  }

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? 0 : credgate::exit_code::usage;
  }

  try {
    if (*formats)
      return credgate::run_formats(formats_json       ? credgate::TableStyle::Json
                                   : formats_markdown ? credgate::TableStyle::Markdown
                                                      : credgate::TableStyle::Text,
                                   std::cout);
    if (*detect) return credgate::run_detect(detect_inputs, detect_limits, std::cout, std::cerr);
    if (*convert) {
      request.write.vc_version = vc_version;
      request.write.ob3_context = ob3_context;
      request.write.language = request.read.default_language;
      return credgate::run_convert(convert_args, std::cout, std::cerr);
    }
    if (*dump) return credgate::run_dump(dump_inputs, dump_request, std::cout, std::cerr);
    if (*jsonld) return credgate::run_jsonld(jsonld_args, std::cout, std::cerr);
    if (*validate)
      return credgate::run_validate(validate_inputs, validate_request, std::cout, std::cerr);
    if (*seal) return credgate::run_seal(seal_args, std::cout, std::cerr);
    if (*verify) return credgate::run_verify(verify_args, std::cout, std::cerr);
    for (const auto& [sub, p] : planned_commands)
      if (*sub) return not_yet(p->name, p->issue);
  } catch (const std::exception& e) {
    std::cerr << "credgate: internal.exception: " << e.what() << "\n";
    return credgate::exit_code::internal;
  }
  return credgate::exit_code::usage;
}
