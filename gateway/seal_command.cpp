#include "gateway/seal_command.hpp"

#include <cstdlib>

#include "gateway/batch.hpp"
#include "gateway/commands.hpp"
#include "gateway/pipeline.hpp"
#include "signing/jws.hpp"
#include "signing/keys.hpp"
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

// XAdES (signing/xades.hpp): enveloped, baseline B-B, or B-T with --tsa.
int run_seal_xades(const SealArgs& args, std::ostream& out, std::ostream& err) {
  Diagnostics diagnostics;
  auto finish = [&](int code) {
    print_diagnostics(err, args.input, diagnostics);
    return code;
  };
  std::string password = args.key_password;
  if (password.empty())
    if (const char* env = std::getenv("CREDGATE_KEY_PASSWORD")) password = env;
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
  signing::KeyLoad key = signing::load_key(args.key, password);
  diagnostics.insert(diagnostics.end(), key.diagnostics.begin(), key.diagnostics.end());
  if (has_error(diagnostics)) return finish(exit_code_for(diagnostics));
  options.key = key.key;
  if (!args.cert.empty()) {
    std::string cert_bytes;
    if (!read_input(args.cert, args.limits.max_bytes, cert_bytes, diagnostics))
      return finish(exit_code_for(diagnostics));
    options.chain = signing::load_certificates(cert_bytes, diagnostics, args.cert);
    if (has_error(diagnostics)) return finish(exit_code_for(diagnostics));
  }
  signing::SealResult sealed = signing::seal_xades(bytes, options);
  diagnostics.insert(diagnostics.end(), sealed.diagnostics.begin(), sealed.diagnostics.end());
  if (!sealed.ok()) {
    int code = exit_code_for(diagnostics);
    return finish(code == exit_code::ok ? exit_code::internal : code);
  }
  if (args.output.empty() || args.output == "-") {
    out << sealed.output;
  } else if (!write_file_atomic(args.output, sealed.output, diagnostics)) {
    return finish(exit_code_for(diagnostics));
  }
  return finish(exit_code::ok);
}

}  // namespace

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
  if (args.method != "jades" && args.method != "jws" && args.method != "vc-jwt" &&
      args.method != "ob2-jws") {
    bool planned = args.method.rfind("di-", 0) == 0;
    diagnostics.push_back(make_error(
        planned ? "usage.not-available" : "usage.method", "seal",
        planned ? "seal method '" + args.method + "' is not in this build yet"
                : "unknown seal method '" + args.method + "' (jades, jws, vc-jwt, ob2-jws)"));
    return finish(exit_code::usage);
  }
  std::string password = args.key_password;
  if (password.empty())
    if (const char* env = std::getenv("CREDGATE_KEY_PASSWORD")) password = env;

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
    // Baseline B-T: the RFC 3161 client is signing/timestamp (Data Integrity work); it plugs
    // into SealOptions::timestamper at merge.
    diagnostics.push_back(make_error("usage.not-available", "seal",
                                     "--tsa needs the RFC 3161 client, not in this build yet"));
    return finish(exit_code::usage);
  }

  std::string bytes;
  if (!read_input(args.input, args.limits.max_bytes, bytes, diagnostics))
    return finish(exit_code_for(diagnostics));

  signing::KeyLoad key = signing::load_key(args.key, password);
  diagnostics.insert(diagnostics.end(), key.diagnostics.begin(), key.diagnostics.end());
  if (has_error(diagnostics)) return finish(exit_code_for(diagnostics));
  options.key = key.key;
  if (!args.cert.empty()) {
    std::string cert_bytes;
    if (!read_input(args.cert, args.limits.max_bytes, cert_bytes, diagnostics))
      return finish(exit_code_for(diagnostics));
    options.chain = signing::load_certificates(cert_bytes, diagnostics, args.cert);
    if (has_error(diagnostics)) return finish(exit_code_for(diagnostics));
  }

  signing::SealResult sealed = signing::seal_jose(bytes, options);
  diagnostics.insert(diagnostics.end(), sealed.diagnostics.begin(), sealed.diagnostics.end());
  if (!sealed.ok()) {
    int code = exit_code_for(diagnostics);
    return finish(code == exit_code::ok ? exit_code::internal : code);
  }
  if (args.output.empty() || args.output == "-") {
    out << sealed.output;
  } else if (!write_file_atomic(args.output, sealed.output, diagnostics)) {
    return finish(exit_code_for(diagnostics));
  }
  return finish(exit_code::ok);
}

int run_verify(const VerifyArgs& args, std::ostream& out, std::ostream& err) {
  Diagnostics setup;
  signing::VerifyOptions options;
  options.limits.max_payload_bytes = args.limits.max_bytes;
  if (!args.trust.empty()) options.trust = signing::load_trust(args.trust, setup);
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
