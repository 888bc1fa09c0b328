// XAdES: sealing and verifying with the test PKI (RSA, EC; trusted, untrusted, expired,
// revoked, tampered; B-T with the loopback TSA), the EC's XAdES-B-LT sealed EDCI samples, the
// ELMO XMLDSig sample, and signature-wrapping attacks that must all fail.
#include <gtest/gtest.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <regex>

#include "signing/jose.hpp"
#include "signing/keys.hpp"
#include "signing/x509_trust.hpp"
#include "signing/xades.hpp"
#include "support/embedded_roots.hpp"
#include "support/test_pki.hpp"
#include "support/test_support.hpp"
#include "support/test_tsa.hpp"

namespace credgate {
namespace {

using namespace signing;
using test::data_path;
using test::read_file;
using test::test_pki;

const char* kDoc =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<credential xmlns=\"urn:test:cred\" Id=\"cred-1\"><holder>Alice Example</holder>"
    "<grade>A</grade></credential>\n";

VerifyOptions trusted() {
  VerifyOptions options;
  Diagnostics d;
  options.trust = load_trust(test_pki().path("trust"), d);
  EXPECT_FALSE(has_error(d));
  return options;
}

std::string seal(const Key& key, const std::string& doc = kDoc, const std::string& tsa = {},
                 std::optional<std::time_t> now = std::nullopt) {
  XadesSealOptions options;
  options.key = key;
  options.tsa_url = tsa;
  options.now = now;
  SealResult r = seal_xades(doc, options);
  EXPECT_TRUE(r.ok()) << (r.diagnostics.empty() ? "" : r.diagnostics[0].to_line());
  return r.output;
}

std::string replace_once(std::string s, const std::string& from, const std::string& to) {
  size_t at = s.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) s.replace(at, from.size(), to);
  return s;
}

// ---- shape and round trips ---------------------------------------------------------------

TEST(XadesSeal, BaselineBShape) {
  std::string out = seal(test_pki().eseal);
  for (const char* part :
       {"<ds:Signature", "URI=\"\"", "xmldsig#enveloped-signature", "xml-exc-c14n#",
        "xmlenc#sha256", "Type=\"http://uri.etsi.org/01903#SignedProperties\"",
        "xmldsig-more#rsa-sha256", "<xades:SigningTime>", "<xades:SigningCertificateV2>",
        "<xades:IssuerSerialV2>", "<xades:DataObjectFormat", "<ds:X509Certificate>"})
    EXPECT_NE(out.find(part), std::string::npos) << part;
  // The signature is the root's last child.
  EXPECT_NE(out.find("</ds:Signature></credential>"), std::string::npos);
}

// An EDCI europassCredential is signed in its proof (the EC's samples, and the only place the
// schema has for a ds:Signature): the existing proof, or one made before childCredentials.
TEST(XadesSeal, EdciSignatureGoesIntoTheProof) {
  const std::string open =
      "<europassCredential xmlns=\"http://data.europa.eu/snb\" Id=\"c\"><title/>";
  std::string with_proof =
      seal(test_pki().eseal, open + "<proof/><childCredentials/></europassCredential>");
  EXPECT_NE(with_proof.find("<proof><ds:Signature"), std::string::npos)
      << with_proof.substr(0, 300);
  EXPECT_NE(with_proof.find("</ds:Signature></proof><childCredentials/>"), std::string::npos);
  std::string without = seal(test_pki().eseal, open + "<childCredentials/></europassCredential>");
  EXPECT_NE(without.find("<title/><proof><ds:Signature"), std::string::npos)
      << without.substr(0, 300);
  EXPECT_NE(without.find("</ds:Signature></proof><childCredentials/>"), std::string::npos);
  for (const auto& out : {with_proof, without}) {
    EXPECT_EQ(verify_xades(out, trusted()).verdict, Verdict::TotalPassed);
    // Below the root: EU DSS's XPath transform (as the EC's seals), not enveloped-signature.
    EXPECT_NE(out.find("<ds:XPath xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\">"
                       "not(ancestor-or-self::ds:Signature)</ds:XPath>"),
              std::string::npos)
        << out;
    EXPECT_EQ(out.find("enveloped-signature"), std::string::npos);
  }
  // Another document in another namespace with a `proof` child: the root's last child as before.
  std::string other = seal(test_pki().eseal, "<doc xmlns=\"urn:x\"><proof/></doc>");
  EXPECT_NE(other.find("<proof/><ds:Signature"), std::string::npos);
  EXPECT_NE(other.find("xmldsig#enveloped-signature"), std::string::npos);
}

TEST(XadesRoundTrip, RsaTrustedPasses) {
  VerifyReport r = verify_xades(seal(test_pki().eseal), trusted());
  EXPECT_TRUE(r.integrity) << r.to_json().dump(2);
  EXPECT_EQ(r.verdict, Verdict::TotalPassed) << r.to_json().dump(2);
  EXPECT_EQ(r.method, "xades");
  ASSERT_TRUE(r.signer);
  EXPECT_TRUE(r.find("xades.signing-certificate", true));
  EXPECT_TRUE(r.find("xades.issuer-serial", true));
}

TEST(XadesRoundTrip, EcTrustedPasses) {
  std::string out = seal(test_pki().ec);
  EXPECT_NE(out.find("xmldsig-more#ecdsa-sha256"), std::string::npos);
  VerifyReport r = verify_xades(out, trusted());
  EXPECT_EQ(r.verdict, Verdict::TotalPassed) << r.to_json().dump(2);
}

TEST(XadesRoundTrip, UntrustedIsIndeterminate) {
  VerifyReport r = verify_xades(seal(test_pki().eseal), VerifyOptions{});
  EXPECT_TRUE(r.integrity);
  EXPECT_EQ(r.verdict, Verdict::Indeterminate);
}

TEST(XadesRoundTrip, ExpiredWithoutTimestampIsIndeterminate) {
  VerifyReport r = verify_xades(seal(test_pki().expired), trusted());
  EXPECT_TRUE(r.integrity);
  EXPECT_EQ(r.verdict, Verdict::Indeterminate);
  EXPECT_EQ(r.sub_indication, "OUT_OF_BOUNDS_NO_POE") << r.to_json().dump(2);
}

TEST(XadesRoundTrip, ExpiredPassesAtATimeInsideItsValidity) {
  // --at inside the expired certificate's validity (the CLI test uses the same 200 days).
  std::time_t then = std::time(nullptr) - 200 * 86400;
  VerifyOptions options = trusted();
  options.at = then;
  VerifyReport r = verify_xades(seal(test_pki().expired, kDoc, {}, then), options);
  EXPECT_EQ(r.verdict, Verdict::TotalPassed) << r.to_json().dump(2);
  EXPECT_EQ(r.signing_time, iso_time(then));
}

TEST(XadesRoundTrip, RevokedIsIndeterminateRevokedNoPoe) {
  VerifyReport r = verify_xades(seal(test_pki().revoked), trusted());
  EXPECT_TRUE(r.integrity);
  EXPECT_EQ(r.verdict, Verdict::Indeterminate);
  EXPECT_EQ(r.sub_indication, "REVOKED_NO_POE") << r.to_json().dump(2);
}

TEST(XadesRoundTrip, ChangedByteFails) {
  std::string out = replace_once(seal(test_pki().eseal), "Alice", "Alicf");
  VerifyReport r = verify_xades(out, trusted());
  EXPECT_FALSE(r.integrity);
  EXPECT_EQ(r.verdict, Verdict::TotalFailed);
  EXPECT_TRUE(r.find("xmldsig.reference", false));
}

TEST(XadesRoundTrip, ChangedSignedPropertyFails) {
  std::string out = seal(test_pki().eseal);
  out = replace_once(out, "<xades:MimeType>text/xml", "<xades:MimeType>text/plain");
  VerifyReport r = verify_xades(out, trusted());
  EXPECT_EQ(r.verdict, Verdict::TotalFailed);
  EXPECT_TRUE(r.find("xmldsig.reference", false));
}

TEST(XadesRoundTrip, ChangedSignatureValueFails) {
  std::string out = seal(test_pki().eseal);
  size_t at = out.find("<ds:SignatureValue>") + std::string("<ds:SignatureValue>").size();
  out[at + 4] = out[at + 4] == 'A' ? 'B' : 'A';
  VerifyReport r = verify_xades(out, trusted());
  EXPECT_EQ(r.verdict, Verdict::TotalFailed);
  EXPECT_TRUE(r.find("xmldsig.signature", false));
}

TEST(XadesRoundTrip, OtherCertificateInKeyInfoIsNotTheSigner) {
  // Swapping the KeyInfo certificate for another test certificate: SigningCertificateV2 no
  // longer names any embedded certificate.
  const auto& pki = test_pki();
  std::string out = seal(pki.eseal);
  std::string mine = b64_encode(certificate_der(pki.eseal.chain()[0].get()));
  std::string other = b64_encode(certificate_der(pki.ec.chain()[0].get()));
  out = replace_once(out, mine, other);
  VerifyReport r = verify_xades(out, trusted());
  EXPECT_NE(r.verdict, Verdict::TotalPassed);
  EXPECT_TRUE(r.find("xades.signing-certificate", false));
}

TEST(XadesSeal, RefusesWrongCertificateAndSignedInput) {
  const auto& pki = test_pki();
  XadesSealOptions options;
  options.key = pki.eseal;
  options.chain = pki.ec.chain();
  SealResult r = seal_xades(kDoc, options);
  EXPECT_FALSE(r.ok());
  EXPECT_TRUE(r.output.empty());
  options.chain.clear();
  SealResult twice = seal_xades(seal(pki.eseal), options);
  ASSERT_FALSE(twice.ok());
  EXPECT_EQ(twice.diagnostics.back().code, "xades.already-signed");
  SealResult bad = seal_xades("<a><b></a>", options);
  EXPECT_FALSE(bad.ok());
}

// The trust anchors plus the loopback TSA's self-signed certificate.
VerifyOptions trusted_with(const test::TestTsa& tsa) {
  VerifyOptions options = trusted();
  X509_up_ref(tsa.certificate());
  options.trust.anchors.push_back(wrap(tsa.certificate()));
  return options;
}

TEST(XadesSeal, BaselineTWithLoopbackTsa) {
  test::TestTsa tsa;
  ASSERT_TRUE(tsa.running());
  std::string out = seal(test_pki().eseal, kDoc, tsa.url());
  EXPECT_EQ(tsa.requests(), 1);
  EXPECT_NE(out.find("<xades:SignatureTimeStamp"), std::string::npos);
  VerifyReport r = verify_xades(out, trusted_with(tsa));
  EXPECT_EQ(r.verdict, Verdict::TotalPassed) << r.to_json().dump(2);
  ASSERT_EQ(r.timestamps.size(), 1u);
  EXPECT_TRUE(r.timestamps[0].valid);
  EXPECT_TRUE(r.find("xades.signature-timestamp.tsa", true));
  EXPECT_EQ(r.signing_time, r.timestamps[0].time);
  // The same token from a TSA nobody trusts: it verifies, but proves no time.
  VerifyReport untrusted = verify_xades(out, trusted());
  EXPECT_EQ(untrusted.verdict, Verdict::TotalPassed) << untrusted.to_json().dump(2);
  ASSERT_EQ(untrusted.timestamps.size(), 1u);
  EXPECT_FALSE(untrusted.timestamps[0].valid);
  EXPECT_TRUE(untrusted.find("tst.imprint", true));
  EXPECT_TRUE(untrusted.find("xades.signature-timestamp.tsa", false));
  // Validity is checked at the current time, not at a time the token would prove.
  ASSERT_TRUE(untrusted.find("trust.validity"));
  EXPECT_NE(untrusted.find("trust.validity")->detail.find("(now)"), std::string::npos)
      << untrusted.find("trust.validity")->detail;
  EXPECT_EQ(r.find("trust.validity")->detail.find("(now)"), std::string::npos)
      << r.find("trust.validity")->detail;
  // A timestamp over other bytes: the imprint check fails.
  std::string tampered = out;
  size_t at = tampered.find("<ds:SignatureValue>") + std::string("<ds:SignatureValue>").size();
  tampered.insert(at, "\n");  // changes the C14N of SignatureValue, not its base64 value
  VerifyReport t = verify_xades(tampered, trusted());
  EXPECT_EQ(t.verdict, Verdict::TotalFailed);
  EXPECT_TRUE(t.find("tst.imprint", false)) << t.to_json().dump(2);
}

TEST(XadesSeal, BaselineLtEmbedsChainAndCrlsThatVerifyUses) {
  const auto& pki = test_pki();
  test::TestTsa tsa;
  Diagnostics d;
  TrustStore full = load_trust(pki.path("trust"), d);  // root + the intermediate's CRL
  ASSERT_FALSE(full.crls.empty());
  XadesSealOptions options;
  options.key = pki.revoked;
  options.tsa_url = tsa.url();
  options.lt = true;
  options.crls = full.crls;
  SealResult sealed = seal_xades(kDoc, options);
  ASSERT_TRUE(sealed.ok()) << sealed.diagnostics.back().to_line();
  EXPECT_NE(sealed.output.find("<xades:CertificateValues>"), std::string::npos);
  EXPECT_NE(sealed.output.find("<xades:EncapsulatedCRLValue>"), std::string::npos);
  // Anchors only, no CRL supplied: the revocation comes from RevocationValues.
  VerifyOptions verify;
  verify.trust.anchors = full.anchors;
  VerifyReport r = verify_xades(sealed.output, verify);
  EXPECT_TRUE(r.integrity);
  EXPECT_EQ(r.sub_indication, "REVOKED_NO_POE") << r.to_json().dump(2);
  // Without LT data the same trust store cannot know the revocation.
  options.lt = false;
  VerifyReport plain = verify_xades(seal_xades(kDoc, options).output, verify);
  EXPECT_NE(plain.sub_indication, "REVOKED_NO_POE") << plain.to_json().dump(2);
  // LT without a TSA or CRLs is refused.
  options.lt = true;
  options.tsa_url.clear();
  EXPECT_FALSE(seal_xades(kDoc, options).ok());
}

TEST(XadesSeal, ExpiredCertificateWithEarlierTimestampStillExpired) {
  // The loopback TSA stamps now, after the expired certificate's end: no proof of existence
  // before expiry, so INDETERMINATE even with a valid timestamp.
  test::TestTsa tsa;
  VerifyReport r = verify_xades(seal(test_pki().expired, kDoc, tsa.url()), trusted());
  EXPECT_TRUE(r.integrity);
  EXPECT_EQ(r.verdict, Verdict::Indeterminate);
}

TEST(XadesSeal, ElmoDocumentRoundTrip) {
  std::string elmo = read_file(data_path("xml/elmo-real/elmo-tomcat-unsigned.xml"));
  VerifyReport r = verify_xades(seal(test_pki().eseal, elmo), trusted());
  EXPECT_EQ(r.verdict, Verdict::TotalPassed) << r.to_json().dump(2);
}

// ---- the EC's XAdES-B-LT sealed EDCI samples and the ELMO XMLDSig sample ----------------

const char* kEcSamples[] = {"xml/edci/edci_credential_basic.xml",
                            "xml/edci/Ildiko_Mazar_Certificate_of_Excellence.xml",
                            "xml/edci/EDC_DiplomaSupplement_AA.xml"};

VerifyOptions embedded_roots(const std::string& xml) {
  return test::xades_embedded_roots(xml);
}

TEST(XadesEcSamples, IntegrityAndTimestamps) {
  for (const char* name : kEcSamples) {
    SCOPED_TRACE(name);
    VerifyReport r = verify_xades(read_file(data_path(name)), VerifyOptions{});
    EXPECT_TRUE(r.integrity) << r.to_json().dump(2);
    EXPECT_EQ(r.method, "xades");
    EXPECT_EQ(r.verdict, Verdict::Indeterminate);  // no trust anchor given
    EXPECT_TRUE(r.find("xades.signing-certificate", true));
    ASSERT_FALSE(r.timestamps.empty());
    // The token verifies, but its TSA is not trusted without anchors: it proves no time.
    EXPECT_TRUE(r.find("tst.signature", true));
    EXPECT_TRUE(r.find("tst.imprint", true));
    EXPECT_FALSE(r.timestamps[0].valid);
    EXPECT_TRUE(r.find("xades.signature-timestamp.tsa", false));
  }
}

TEST(XadesEcSamples, OneChangedByteBreaksIntegrity) {
  for (const char* name : kEcSamples) {
    SCOPED_TRACE(name);
    std::string xml = read_file(data_path(name));
    size_t at = xml.find("<title");
    ASSERT_NE(at, std::string::npos);
    at = xml.find('>', at) + 1;
    xml[at] = xml[at] == 'X' ? 'Y' : 'X';
    VerifyReport r = verify_xades(xml, VerifyOptions{});
    EXPECT_FALSE(r.integrity);
    EXPECT_EQ(r.verdict, Verdict::TotalFailed);
  }
}

TEST(XadesEcSamples, ChangedSignatureValueFails) {
  for (const char* name : kEcSamples) {
    SCOPED_TRACE(name);
    std::string xml = read_file(data_path(name));
    size_t at = xml.find("<ds:SignatureValue");
    ASSERT_NE(at, std::string::npos);
    at = xml.find('>', at) + 6;
    xml[at] = xml[at] == 'A' ? 'B' : 'A';
    VerifyReport r = verify_xades(xml, VerifyOptions{});
    EXPECT_FALSE(r.integrity);
    EXPECT_EQ(r.verdict, Verdict::TotalFailed);
    EXPECT_TRUE(r.find("xmldsig.signature", false));
  }
}

// Wrapping on the DSS-style samples (signature in proof/, XPath enveloped form).
TEST(XadesEcSamples, WrappingAttacksFail) {
  std::string xml = read_file(data_path("xml/edci/edci_credential_basic.xml"));
  size_t root = xml.find("<europassCredential");
  ASSERT_NE(root, std::string::npos);
  std::string signed_root = xml.substr(root);
  // The signed credential moved under a forged one.
  std::string forged = xml.substr(0, root) +
                       "<europassCredential xmlns=\"http://data.europa.eu/snb\"><wrap><inner>" +
                       signed_root + "</inner></wrap></europassCredential>";
  VerifyReport moved = verify_xades(forged, VerifyOptions{});
  EXPECT_EQ(moved.verdict, Verdict::TotalFailed);
  EXPECT_TRUE(moved.find("xmldsig.placement", false));
  // The XPath step widened to keep everything but the SignatureValue.
  std::string widened = replace_once(xml, "not(ancestor-or-self::ds:Signature)",
                                     "not(ancestor-or-self::ds:SignatureValue)");
  VerifyReport w = verify_xades(widened, VerifyOptions{});
  EXPECT_EQ(w.verdict, Verdict::TotalFailed);
  EXPECT_TRUE(w.find("xmldsig.transform", false));
  // The ds prefix rebound to another namespace on the XPath element.
  std::string rebound = replace_once(xml, "<ds:XPath>", "<ds:XPath xmlns:ds=\"urn:other\">");
  EXPECT_EQ(verify_xades(rebound, VerifyOptions{}).verdict, Verdict::TotalFailed);
  // A second copy of the signature inside the credential.
  size_t a = xml.find("<ds:Signature ");
  size_t b = xml.find("</ds:Signature>") + std::string("</ds:Signature>").size();
  std::string twice = replace_once(xml, "</europassCredential>",
                                   "<x>" + xml.substr(a, b - a) + "</x></europassCredential>");
  EXPECT_TRUE((verify_xades(twice, VerifyOptions{})).find("xmldsig.signature-count", false));
}

TEST(XadesEcSamples, TrustWithEmbeddedRoot) {
  for (const char* name : kEcSamples) {
    SCOPED_TRACE(name);
    std::string xml = read_file(data_path(name));
    VerifyOptions options = embedded_roots(xml);
    ASSERT_FALSE(options.trust.anchors.empty());
    VerifyReport r = verify_xades(xml, options);
    EXPECT_EQ(r.verdict, Verdict::TotalPassed) << r.to_json().dump(2);
    // DSS embeds the TSA's chain too: the timestamp is trusted and proves the signing time.
    ASSERT_FALSE(r.timestamps.empty());
    EXPECT_TRUE(r.timestamps[0].valid) << r.to_json().dump(2);
    EXPECT_EQ(r.signing_time, r.timestamps[0].time);
  }
}

// The published ELMO example (emrex-eu/elmo-schemas) was re-indented after signing: neither
// its document digest nor its SignatureValue over SignedInfo verifies (npm xadesjs agrees on
// the digest). It is read as plain XMLDSig with its certificate; ELMO seals made by credgate
// and by xadesjs verify (XadesSeal.ElmoDocumentRoundTrip, oracle_xades_interop).
TEST(XmldsigElmo, PublishedExampleIsReadAndItsAlteredDigestCaught) {
  VerifyReport r = verify_xades(read_file(data_path("xml/elmo/example.xml")), VerifyOptions{});
  EXPECT_EQ(r.method, "xmldsig");
  ASSERT_TRUE(r.signer);
  EXPECT_EQ(r.signer->subject, "O=UiO,L=Oslo,ST=Some-State,C=NO");
  EXPECT_FALSE(r.integrity);
  EXPECT_EQ(r.sub_indication, "HASH_FAILURE");
  const Check* sig = r.find("xmldsig.signature", false);
  ASSERT_TRUE(sig);
  EXPECT_NE(sig->detail.find("does not verify either"), std::string::npos);
  // The same document sealed now verifies (the wrapping checks accept ELMO's shape).
  std::string elmo = read_file(data_path("xml/elmo/example.xml"));
  size_t a = elmo.find("<Signature");
  size_t b = elmo.find("</Signature>") + std::string("</Signature>").size();
  elmo.erase(a, b - a);
  EXPECT_EQ(verify_xades(seal(test_pki().eseal, elmo), trusted()).verdict, Verdict::TotalPassed);
}

TEST(XadesRoundTrip, TamperedContentKeepsSignedInfoValid) {
  // The report tells a content change (references) from a forged signature value.
  std::string out = replace_once(seal(test_pki().ec), "Alice", "Alicf");
  VerifyReport r = verify_xades(out, trusted());
  const Check* sig = r.find("xmldsig.signature", false);
  ASSERT_TRUE(sig);
  EXPECT_NE(sig->detail.find("SignatureValue over SignedInfo verifies"), std::string::npos);
}

// ---- signature wrapping ------------------------------------------------------------------

struct Sealed {
  std::string xml;
  std::string root_open;  // "<credential ...>"
  std::string signature;  // "<ds:Signature ...</ds:Signature>"
  std::string body;       // the original root element without its signature
  std::string props_id;
};

Sealed sealed_parts() {
  Sealed s;
  s.xml = seal(test_pki().eseal);
  size_t root = s.xml.find("<credential");
  size_t open_end = s.xml.find('>', root) + 1;
  s.root_open = s.xml.substr(root, open_end - root);
  size_t sig = s.xml.find("<ds:Signature");
  size_t sig_end = s.xml.find("</ds:Signature>") + std::string("</ds:Signature>").size();
  s.signature = s.xml.substr(sig, sig_end - sig);
  s.body = s.xml.substr(root, sig - root) + "</credential>";
  std::smatch m;
  std::regex_search(s.xml, m, std::regex("Id=\"(xades-[^\"]+)\""));
  s.props_id = m[1];
  return s;
}

void expect_refused(const std::string& xml, const std::string& check) {
  VerifyReport r = verify_xades(xml, trusted());
  EXPECT_EQ(r.verdict, Verdict::TotalFailed) << r.to_json().dump(2);
  EXPECT_TRUE(r.find(check, false)) << check << "\n" << r.to_json().dump(2);
}

TEST(XadesWrapping, BaselineVerifies) {
  // The unmodified document passes: every attack below differs from it only by the attack.
  EXPECT_EQ(verify_xades(sealed_parts().xml, trusted()).verdict, Verdict::TotalPassed);
}

TEST(XadesWrapping, ForgedRootAroundTheOriginal) {
  Sealed s = sealed_parts();
  std::string doc = s.xml.substr(s.xml.find("<credential"));
  // Deep enough that the signature is no longer enveloped in the root.
  std::string forged = "<credential xmlns=\"urn:test:cred\"><holder>Mallory</holder><wrap>" + doc +
                       "</wrap></credential>";
  expect_refused(forged, "xmldsig.placement");
  // One level: placed like EDCI's proof/ds:Signature, but URI="" now covers the forged root.
  std::string shallow =
      "<credential xmlns=\"urn:test:cred\"><holder>Mallory</holder>" + doc + "</credential>";
  expect_refused(shallow, "xmldsig.reference");
}

TEST(XadesWrapping, OriginalMovedIntoObjectSignatureOnForgedRoot) {
  Sealed s = sealed_parts();
  std::string sig = replace_once(s.signature, "</ds:Signature>",
                                 "<ds:Object>" + s.body + "</ds:Object></ds:Signature>");
  std::string forged =
      "<credential xmlns=\"urn:test:cred\" Id=\"cred-2\"><holder>Mallory</holder>" + sig +
      "</credential>";
  expect_refused(forged, "xmldsig.object");
}

TEST(XadesWrapping, DuplicateId) {
  Sealed s = sealed_parts();
  std::string xml = replace_once(s.xml, "<grade>", "<grade Id=\"" + s.props_id + "\">");
  expect_refused(xml, "xmldsig.duplicate-id");
  std::string root_dup = replace_once(s.xml, "<grade>", "<grade Id=\"cred-1\">");
  expect_refused(root_dup, "xmldsig.duplicate-id");
}

TEST(XadesWrapping, ReferenceToDetachedCopyInObject) {
  Sealed s = sealed_parts();
  std::string copy = replace_once(s.body, " Id=\"cred-1\"", " Id=\"copy\"");
  std::string sig = replace_once(s.signature, "URI=\"\"", "URI=\"#copy\"");
  sig = replace_once(sig, "</ds:Signature>", "<ds:Object>" + copy + "</ds:Object></ds:Signature>");
  std::string forged = replace_once(s.xml, s.signature, sig);
  forged = replace_once(forged, "Alice Example", "Mallory");
  expect_refused(forged, "xmldsig.reference-target");
}

TEST(XadesWrapping, SecondSignature) {
  Sealed s = sealed_parts();
  std::string xml = replace_once(s.xml, "</credential>", s.signature + "</credential>");
  expect_refused(xml, "xmldsig.signature-count");
}

TEST(XadesWrapping, WhitespaceInjectionChangesTheDigest) {
  Sealed s = sealed_parts();
  expect_refused(replace_once(s.xml, "Alice Example", "Alice  Example"), "xmldsig.reference");
  expect_refused(replace_once(s.xml, "<grade>A</grade>", "<grade>A </grade>"), "xmldsig.reference");
}

TEST(XadesWrapping, CommentInjectionThatChangesTextFails) {
  Sealed s = sealed_parts();
  // Comments vanish in C14N, so text that differs around a comment changes the digest.
  expect_refused(replace_once(s.xml, "Alice Example", "Mallory<!--Alice Example-->"),
                 "xmldsig.reference");
  expect_refused(replace_once(s.xml, "Alice Example", "Alice<!-- -->Example"), "xmldsig.reference");
}

TEST(XadesWrapping, CommentThatKeepsTheTextIsHarmless) {
  // A comment splitting a text node leaves the canonical form, and the text a reader maps,
  // unchanged: this one verifies (and is not an attack on a reader that reads whole content).
  Sealed s = sealed_parts();
  VerifyReport r =
      verify_xades(replace_once(s.xml, "Alice Example", "Alice Ex<!--x-->ample"), trusted());
  EXPECT_EQ(r.verdict, Verdict::TotalPassed);
}

TEST(XadesWrapping, XPathTransformSelectingSomethingElse) {
  Sealed s = sealed_parts();
  std::string xml = replace_once(
      s.xml, "<ds:Transform Algorithm=\"http://www.w3.org/2000/09/xmldsig#enveloped-signature\"/>",
      "<ds:Transform Algorithm=\"http://www.w3.org/TR/1999/REC-xpath-19991116\">"
      "<ds:XPath>ancestor-or-self::ds:Signature</ds:XPath></ds:Transform>");
  expect_refused(xml, "xmldsig.transform");
}

TEST(XadesWrapping, XsltTransformRefused) {
  Sealed s = sealed_parts();
  std::string xml = replace_once(
      s.xml, "<ds:Transform Algorithm=\"http://www.w3.org/2000/09/xmldsig#enveloped-signature\"/>",
      "<ds:Transform Algorithm=\"http://www.w3.org/TR/1999/REC-xslt-19991116\">"
      "<xsl:stylesheet xmlns:xsl=\"http://www.w3.org/1999/XSL/Transform\" version=\"1.0\"/>"
      "</ds:Transform>");
  expect_refused(xml, "xmldsig.transform");
}

TEST(XadesWrapping, ExternalReferenceRefused) {
  Sealed s = sealed_parts();
  std::string xml = replace_once(s.xml, "URI=\"\"", "URI=\"file:///etc/passwd\"");
  expect_refused(xml, "xmldsig.reference-target");
}

TEST(XadesWrapping, SignedPropertiesOutsideTheSignature) {
  // The SignedProperties reference pointed at a copy placed in the document body.
  Sealed s = sealed_parts();
  std::string xml = replace_once(s.xml, "Id=\"" + s.props_id + "\"", "Id=\"moved\"");
  xml = replace_once(xml, "<grade>",
                     "<x:SignedProperties xmlns:x=\"http://uri.etsi.org/01903/v1.3.2#\" Id=\"" +
                         s.props_id + "\"/><grade>");
  expect_refused(xml, "xmldsig.reference-target");
}

}  // namespace
}  // namespace credgate
