#include "support/embedded_roots.hpp"

#include <openssl/pkcs7.h>
#include <openssl/x509.h>

#include <cctype>
#include <regex>
#include <vector>

#include "signing/jose.hpp"
#include "signing/keys.hpp"

namespace credgate::test {

namespace {

// The base64 contents of every xades:`element`, white space removed, decoded.
std::vector<std::string> embedded_der(const std::string& xml, const std::string& element) {
  std::vector<std::string> out;
  std::regex re("<xades:" + element + "[^>]*>([^<]+)<");
  for (auto it = std::sregex_iterator(xml.begin(), xml.end(), re); it != std::sregex_iterator();
       ++it) {
    std::string b64;
    for (char c : (*it)[1].str())
      if (!isspace(static_cast<unsigned char>(c))) b64 += c;
    if (auto der = signing::b64_decode_strict(b64)) out.push_back(*der);
  }
  return out;
}

}  // namespace

signing::VerifyOptions xades_embedded_roots(const std::string& xml) {
  signing::VerifyOptions options;
  auto add_if_root = [&](signing::X509Ptr c) {
    if (X509_check_issued(c.get(), c.get()) == X509_V_OK) options.trust.anchors.push_back(c);
  };
  for (const auto& der : embedded_der(xml, "EncapsulatedX509Certificate"))
    if (auto c = signing::parse_der_certificate(der)) add_if_root(*c);
  for (const auto& der : embedded_der(xml, "EncapsulatedTimeStamp")) {
    const auto* p = reinterpret_cast<const unsigned char*>(der.data());
    PKCS7* token = d2i_PKCS7(nullptr, &p, static_cast<long>(der.size()));
    if (token && PKCS7_type_is_signed(token) && token->d.sign->cert)
      for (int i = 0; i < sk_X509_num(token->d.sign->cert); ++i) {
        X509* c = sk_X509_value(token->d.sign->cert, i);
        X509_up_ref(c);
        add_if_root(signing::wrap(c));
      }
    PKCS7_free(token);
  }
  return options;
}

}  // namespace credgate::test
