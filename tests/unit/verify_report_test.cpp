// The verdict is derived from the checks (ETSI EN 319 102-1), never set by a verifier.
#include <gtest/gtest.h>

#include "signing/verify_report.hpp"

using namespace credgate::signing;

TEST(VerifyReport, IntegrityAndTrustPassIsTotalPassed) {
  VerifyReport r;
  r.add("jws.signature", true, "RS256 over the signing input");
  r.add("trust.chain", true, "chain to anchor", CheckKind::Trust);
  r.finish();
  EXPECT_TRUE(r.integrity);
  EXPECT_EQ(r.verdict, Verdict::TotalPassed);
  EXPECT_EQ(r.to_json()["subIndication"], nullptr);
}

TEST(VerifyReport, IntegrityWithoutTrustIsIndeterminate) {
  VerifyReport r;
  r.add("jws.signature", true, "ok");
  r.finish();
  EXPECT_TRUE(r.integrity);
  EXPECT_EQ(r.verdict, Verdict::Indeterminate);
  EXPECT_EQ(r.sub_indication, "NO_CERTIFICATE_CHAIN_FOUND");

  VerifyReport expired;
  expired.add("jws.signature", true, "ok");
  expired.add("trust.validity", false, "expired", CheckKind::Trust, "OUT_OF_BOUNDS_NO_POE");
  expired.finish();
  EXPECT_EQ(expired.verdict, Verdict::Indeterminate);
  EXPECT_EQ(expired.sub_indication, "OUT_OF_BOUNDS_NO_POE");
}

TEST(VerifyReport, BrokenSignatureIsTotalFailedWhateverTheTrust) {
  VerifyReport r;
  r.add("jws.signature", false, "bad", CheckKind::Integrity, "SIG_CRYPTO_FAILURE");
  r.add("trust.chain", true, "chain to anchor", CheckKind::Trust);
  r.finish();
  EXPECT_FALSE(r.integrity);
  EXPECT_EQ(r.verdict, Verdict::TotalFailed);
  EXPECT_EQ(r.sub_indication, "SIG_CRYPTO_FAILURE");
  auto j = r.to_json();
  EXPECT_EQ(j["verdict"], "TOTAL-FAILED");
  EXPECT_EQ(j["checks"][0]["passed"], false);
}

TEST(VerifyReport, NoIntegrityCheckNeverPasses) {
  VerifyReport r;
  r.add("trust.chain", true, "chain", CheckKind::Trust);
  r.add("note", true, "info only", CheckKind::Info);
  r.finish();
  EXPECT_FALSE(r.integrity);
  EXPECT_EQ(r.verdict, Verdict::TotalFailed);
}

TEST(VerifyReport, InfoFailureDoesNotChangeVerdict) {
  VerifyReport r;
  r.add("jws.signature", true, "ok");
  r.add("trust.chain", true, "ok", CheckKind::Trust);
  r.add("x5c.order", false, "chain given out of order", CheckKind::Info);
  r.finish();
  EXPECT_EQ(r.verdict, Verdict::TotalPassed);
}

TEST(VerifyReport, UnfoundSigningKeyIsIndeterminateNotFailed) {
  VerifyReport r;
  r.add("di.proof-config", true, "ok", CheckKind::Format);
  r.add("di.verification-method", false, "remote resolution not enabled", CheckKind::Trust,
        "NO_SIGNING_CERTIFICATE_FOUND");
  r.finish();
  EXPECT_FALSE(r.integrity);
  EXPECT_EQ(r.verdict, Verdict::Indeterminate);
  EXPECT_EQ(r.sub_indication, "NO_SIGNING_CERTIFICATE_FOUND");

  // A broken format alongside stays TOTAL-FAILED.
  VerifyReport broken;
  broken.add("di.proof-config", false, "bad", CheckKind::Format);
  broken.add("di.verification-method", false, "not found", CheckKind::Trust,
             "NO_SIGNING_CERTIFICATE_FOUND");
  broken.finish();
  EXPECT_EQ(broken.verdict, Verdict::TotalFailed);
}
