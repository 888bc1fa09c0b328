#include "gateway/seal_command.hpp"

#include <cstdlib>

#include "gateway/batch.hpp"
#include "gateway/commands.hpp"
#include "gateway/pipeline.hpp"
#include "signing/di/data_integrity.hpp"
#include "signing/jose.hpp"
#include "signing/jws.hpp"
#include "signing/keys.hpp"
#include "signing/timestamp.hpp"
#include "signing/x509_trust.hpp"
#include "signing/xades.hpp"

namespace credgate {

namespace {

bool looks_like_jose(std::string_view bytes) {
  size_t start = bytes.find_first_not_of(" \t\r\n");
  if (start == std::string_view::npos) return false;
  std::string_view body = bytes.substr(start);
  if (body.front() == '{') return body.find("\"payload\"") != std::string_view::npos;
  size_t end = body.find_last_not_of(" \t\r\n");
  body = body.substr(0, end + 1);
  return body.find_first_of(" \t\r\n{") == std::string_view::npos &&
         std::count(body.begin(), body.end(), '.') == 2;
}

std::string key_password(const SealArgs& args) {
  if (!args.key_password.empty()) return args.key_password;
  const char* env = std::getenv("CREDGATE_KEY_PASSWORD");
  return env ? env : "";
}

// The signing key (PEM, PKCS#12, JWK or pkcs11: URI) and the --cert chain, for every method
// that signs with a certificate; false when a diagnostic says why.
bool load_signer(const SealArgs& args, signing::Key& key, std::vector<signing::X509Ptr>& chain,
                 Diagnostics& diagnostics) {
  signing::KeyLoad loaded = signing::load_key(args.key, key_password(args));
  diagnostics.insert(diagnostics.end(), loaded.diagnostics.begin(), loaded.diagnostics.end());
  if (has_error(diagnostics)) return false;
  key = loaded.key;
  if (args.cert.empty()) return true;
  std::string cert_bytes;
  if (!read_input(args.cert, args.limits.max_bytes, cert_bytes, diagnostics)) return false;
  chain = signing::load_certificates(cert_bytes, diagnostics, args.cert);
  return !has_error(diagnostics);
}

// The sealed document to -o (written whole or not at all) or standard output.
bool write_output(const SealArgs& args, const std::string& text, std::ostream& out,
                  Diagnostics& diagnostics) {
  if (args.output.empty() || args.output == "-") {
    out << text;
    return true;
  }
  return write_file_atomic(args.output, text, diagnostics);
}

// The end of every XML and JOSE seal: the sealer's diagnostics, then the output written whole or
// not at all; the exit code.
int deliver(const SealArgs& args, const signing::SealResult& sealed, std::ostream& out,
            Diagnostics& diagnostics) {
  diagnostics.insert(diagnostics.end(), sealed.diagnostics.begin(), sealed.diagnostics.end());
  if (!sealed.ok()) {
    int code = exit_code_for(diagnostics);
    return code == exit_code::ok ? exit_code::internal : code;
  }
  if (!write_output(args, sealed.output, out, diagnostics)) return exit_code_for(diagnostics);
  return exit_code::ok;
}

// seal --method di-*: a Data Integrity proof (signing/di) with the key's EVP_PKEY.
int seal_data_integrity(const SealArgs& args, std::ostream& out, std::ostream& err) {
  Diagnostics diagnostics;
  auto finish = [&](int code) {
    print_diagnostics(err, args.input, diagnostics);
    return code;
  };
  auto usage = [&](std::string code, std::string message, std::string location = {}) {
    diagnostics.push_back(
        make_error(std::move(code), "seal", std::move(message), std::move(location)));
    return finish(exit_code::usage);
  };
  auto suite = signing::di::parse_cryptosuite(args.method);
  if (!suite)
    return usage("usage.method", "unknown Data Integrity method '" + args.method +
                                     "' (di-eddsa-rdfc-2022, di-ecdsa-rdfc-2019)");
  if (!args.tsa.empty()) return usage("usage.tsa", "--tsa applies to jades and xades only");
  if (!args.alg.empty()) return usage("usage.alg", "--alg does not apply to " + args.method);
  if (!args.cert.empty()) return usage("usage.cert", "--cert does not apply to " + args.method);
  signing::di::SealOptions options;
  if (!args.sig_time.empty()) {
    if (!signing::parse_iso_utc(args.sig_time))
      return usage("usage.time", "--signing-time must be YYYY-MM-DDThh:mm:ssZ", args.sig_time);
    options.created = args.sig_time;
  }

  std::string bytes;
  if (!read_input(args.input, args.limits.max_bytes, bytes, diagnostics))
    return finish(exit_code_for(diagnostics));
  nlohmann::json credential = nlohmann::json::parse(bytes, nullptr, false);
  if (credential.is_discarded() || !credential.is_object()) {
    diagnostics.push_back(
        make_error("json.syntax", "seal", "the credential to seal must be a JSON object"));
    return finish(exit_code::input);
  }
  signing::Key key;
  std::vector<signing::X509Ptr> no_chain;  // --cert was refused above
  if (!load_signer(args, key, no_chain, diagnostics)) return finish(exit_code_for(diagnostics));
  if (!key || !key.is_private) {
    diagnostics.push_back(make_error("input.key", "seal", "no private key to seal with", args.key));
    return finish(exit_code::input);
  }
  auto sealed = signing::di::seal_data_integrity(credential, key.pkey(), *suite,
                                                 args.verification_method, options);
  diagnostics.insert(diagnostics.end(), sealed.diagnostics.begin(), sealed.diagnostics.end());
  if (!sealed.ok()) {
    int code = exit_code_for(diagnostics);
    return finish(code == exit_code::ok ? exit_code::internal : code);
  }
  if (!write_output(args, sealed.document.dump(2) + "\n", out, diagnostics))
    return finish(exit_code_for(diagnostics));
  return finish(exit_code::ok);
}

signing::VerifyReport verify_data_integrity_bytes(const std::string& bytes,
                                                  const signing::di::VerifyOptions& options) {
  nlohmann::json doc = nlohmann::json::parse(bytes, nullptr, false);
  if (doc.is_discarded() || !doc.is_object()) {
    signing::VerifyReport report;
    report.diagnostics.push_back(
        make_error("json.syntax", "verify", "a Data Integrity credential must be a JSON object"));
    report.finish();
    return report;
  }
  return signing::di::verify_data_integrity(doc, options);
}

// XAdES (signing/xades.hpp): enveloped, baseline B-B, or B-T with --tsa.
int run_seal_xades(const SealArgs& args, std::ostream& out, std::ostream& err) {
  Diagnostics diagnostics;
  auto finish = [&](int code) {
    print_diagnostics(err, args.input, diagnostics);
    return code;
  };
  signing::XadesSealOptions options;
  options.tsa_url = args.tsa;
  if (!args.level.empty() && args.level != "b" && args.level != "t" && args.level != "lt") {
    diagnostics.push_back(make_error("usage.level", "seal", "--level must be b, t or lt"));
    return finish(exit_code::usage);
  }
  if ((args.level == "t" || args.level == "lt") && args.tsa.empty()) {
    diagnostics.push_back(
        make_error("usage.level", "seal", "--level " + args.level + " needs --tsa"));
    return finish(exit_code::usage);
  }
  if (args.level == "b" && !args.tsa.empty()) {
    diagnostics.push_back(make_error("usage.level", "seal", "--level b takes no --tsa"));
    return finish(exit_code::usage);
  }
  if (!args.tsa.empty())
    if (auto problem = signing::timestamp::check_tsa_url(args.tsa)) {
      diagnostics.push_back(make_error("usage.tsa", "seal", *problem, args.tsa));
      return finish(exit_code::usage);
    }
  options.lt = args.level == "lt";
  if (options.lt) {
    if (args.crl.empty()) {
      diagnostics.push_back(make_error("usage.level", "seal", "--level lt needs --crl"));
      return finish(exit_code::usage);
    }
    options.crls = signing::load_trust(args.crl, diagnostics).crls;
    if (has_error(diagnostics)) return finish(exit_code_for(diagnostics));
    if (options.crls.empty()) {
      diagnostics.push_back(
          make_error("input.crl", "seal", "no CRL found in " + args.crl, args.crl));
      return finish(exit_code::input);
    }
  }
  if (!args.sig_time.empty()) {
    options.now = signing::parse_iso_utc(args.sig_time);
    if (!options.now) {
      diagnostics.push_back(make_error(
          "usage.time", "seal", "--signing-time must be YYYY-MM-DDThh:mm:ssZ", args.sig_time));
      return finish(exit_code::usage);
    }
  }
  std::string bytes;
  if (!read_input(args.input, args.limits.max_bytes, bytes, diagnostics))
    return finish(exit_code_for(diagnostics));
  if (!load_signer(args, options.key, options.chain, diagnostics))
    return finish(exit_code_for(diagnostics));
  return finish(deliver(args, signing::seal_xades(bytes, options), out, diagnostics));
}

}  // namespace

// --tsa for jades: an RFC 3161 token over the base64url signature value, as a sigTst etsiU
// entry (ETSI TS 119 182-1 clause 5.3.4; shape of the EC's sealed samples).
signing::SignatureTimestamper tsa_timestamper(const std::string& url) {
  return [url](std::string_view signature_b64,
               Diagnostics& diagnostics) -> std::optional<nlohmann::json> {
    signing::timestamp::RequestOptions request;
    request.url = url;
    auto token = signing::timestamp::request_timestamp(signature_b64, request);
    diagnostics.insert(diagnostics.end(), token.diagnostics.begin(), token.diagnostics.end());
    if (!token.ok()) return std::nullopt;
    std::string der(token.token.begin(), token.token.end());
    return nlohmann::json{
        {"sigTst", {{"tstTokens", nlohmann::json::array({{{"val", signing::b64_encode(der)}}})}}}};
  };
}

int run_seal(const SealArgs& args, std::ostream& out, std::ostream& err) {
  Diagnostics diagnostics;
  auto finish = [&](int code) {
    print_diagnostics(err, args.input, diagnostics);
    return code;
  };
  if (args.method == "xades") return run_seal_xades(args, out, err);
  if (!args.level.empty() || !args.crl.empty()) {
    diagnostics.push_back(make_error("usage.level", "seal", "--level and --crl are for xades"));
    return finish(exit_code::usage);
  }
  if (args.method.rfind("di-", 0) == 0) return seal_data_integrity(args, out, err);
  if (args.method != "jades" && args.method != "jws" && args.method != "vc-jwt" &&
      args.method != "ob2-jws") {
    diagnostics.push_back(make_error("usage.method", "seal",
                                     "unknown seal method '" + args.method +
                                         "' (jades, jws, vc-jwt, ob2-jws, di-eddsa-rdfc-2022, "
                                         "di-ecdsa-rdfc-2019, xades)"));
    return finish(exit_code::usage);
  }

  signing::SealOptions options;
  options.method = args.method;
  options.alg = args.alg;
  if (!args.sig_time.empty()) {
    options.now = signing::parse_iso_utc(args.sig_time);
    if (!options.now) {
      diagnostics.push_back(make_error(
          "usage.time", "seal", "--signing-time must be YYYY-MM-DDThh:mm:ssZ", args.sig_time));
      return finish(exit_code::usage);
    }
  }
  if (!args.tsa.empty()) {
    if (args.method != "jades") {
      diagnostics.push_back(
          make_error("usage.tsa", "seal", "--tsa applies to jades and xades only"));
      return finish(exit_code::usage);
    }
    if (auto problem = signing::timestamp::check_tsa_url(args.tsa)) {
      diagnostics.push_back(make_error("usage.tsa", "seal", *problem, args.tsa));
      return finish(exit_code::usage);
    }
    options.timestamper = tsa_timestamper(args.tsa);
  }

  std::string bytes;
  if (!read_input(args.input, args.limits.max_bytes, bytes, diagnostics))
    return finish(exit_code_for(diagnostics));

  if (!load_signer(args, options.key, options.chain, diagnostics))
    return finish(exit_code_for(diagnostics));

  return finish(deliver(args, signing::seal_jose(bytes, options), out, diagnostics));
}

int run_verify(const VerifyArgs& args, std::ostream& out, std::ostream& err) {
  Diagnostics setup;
  signing::VerifyOptions options;
  options.limits.max_payload_bytes = args.limits.max_bytes;
  if (!args.trust.empty()) options.trust = signing::load_trust(args.trust, setup);
  signing::di::VerifyOptions di_options;
  di_options.trusted_controllers = args.trust_dids;
  di_options.now = args.at;
  if (!args.at.empty()) {
    options.at = signing::parse_iso_utc(args.at);
    if (!options.at)
      setup.push_back(
          make_error("usage.time", "verify", "--at must be YYYY-MM-DDThh:mm:ssZ", args.at));
  }
  if (!args.key.empty()) {
    std::string key_bytes;
    if (read_input(args.key, args.limits.max_bytes, key_bytes, setup)) {
      signing::KeyLoad key = signing::load_public_key_bytes(key_bytes, args.key);
      setup.insert(setup.end(), key.diagnostics.begin(), key.diagnostics.end());
      if (key.key) options.key = key.key;
    }
  }
  if (has_error(setup)) {
    print_diagnostics(err, "", setup);
    int code = exit_code_for(setup);
    return code == exit_code::input ? exit_code::usage : code;
  }
  print_diagnostics(err, "", setup);

  auto inputs = expand_inputs(args.inputs);
  int worst = exit_code::ok;
  for (const auto& path : inputs) {
    std::string bytes;
    Diagnostics io;
    signing::VerifyReport report;
    if (!read_input(path, args.limits.max_bytes, bytes, io)) {
      report.diagnostics = io;
      report.finish();
    } else {
      DetectOutcome detected = detect_bytes(bytes, args.limits);
      const std::string& envelope = detected.envelope;
      if (envelope == "jades" || envelope == "jws" || envelope == "vc-jwt" ||
          (envelope.empty() && looks_like_jose(bytes))) {
        report = signing::verify_jose(bytes, options);
      } else if (envelope == "xades" || envelope == "xmldsig") {
        report = signing::verify_xades(bytes, options);
      } else if (envelope == "data-integrity") {
        report = verify_data_integrity_bytes(bytes, di_options);
        if (!args.trust.empty() && args.trust_dids.empty())
          report.add("di.trust-source", false,
                     "--trust holds X.509 anchors, which Data Integrity proofs do not use; "
                     "name trusted issuers with --trust-did",
                     signing::CheckKind::Info);
      } else if (envelope.empty()) {
        report.add("envelope", false, "no seal found: nothing to verify",
                   signing::CheckKind::Format, "FORMAT_FAILURE");
        report.finish();
      } else {
        report.method = envelope;
        report.add("envelope", false,
                   "verification of " + envelope + " seals is not in this build yet",
                   signing::CheckKind::Format, "FORMAT_FAILURE");
        report.finish();
      }
      if (detected.format) report.format = detected.format->id;
    }
    report.file = path;
    out << report.to_json().dump() << "\n";
    print_diagnostics(err, path, report.diagnostics);
    int code = has_error(report.diagnostics)                     ? exit_code_for(report.diagnostics)
               : report.verdict == signing::Verdict::TotalPassed ? exit_code::ok
                                                                 : exit_code::check_failed;
    worst = std::max(worst, code);
  }
  // As every batch command: with several inputs any failure is 1 (the reports say which).
  if (inputs.size() > 1 && worst != exit_code::ok) return exit_code::check_failed;
  return worst;
}

}  // namespace credgate
