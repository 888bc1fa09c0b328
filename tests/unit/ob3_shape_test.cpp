// OB 3.0 output shape: the checker accepts 1EdTech's examples and rejects broken copies, and
// every OB 3.0 document credgate writes passes it, for each context and VC version choice.
#include <gtest/gtest.h>

#include "gateway/pipeline.hpp"
#include "support/ob3_shape.hpp"
#include "support/test_support.hpp"

namespace credgate {
namespace {

using json = nlohmann::json;

std::string joined(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) out += s + "\n";
  return out;
}

TEST(Ob3Shape, AcceptsTheSpecExamples) {
  for (const auto& f : test::data_files("ob3")) {
    if (f == "ob3/endorsement.json") continue;  // an EndorsementCredential, another class
    json doc = json::parse(test::read_file(test::data_path(f)));
    EXPECT_EQ(joined(test::ob3_shape_violations(doc)), "") << f;
  }
}

TEST(Ob3Shape, RejectsBrokenCopies) {
  json doc = json::parse(test::read_file(test::data_path("ob3/basicOpenBadgeCredential.json")));
  json broken = doc;
  broken["credentialSubject"]["achievement"].erase("criteria");
  EXPECT_NE(joined(test::ob3_shape_violations(broken)).find("/credentialSubject/achievement: missing 'criteria'"),
            std::string::npos);
  broken = doc;
  broken["credentialSubject"]["identifier"] =
      json::array({{{"type", "IdentityObject"}, {"hashed", false}, {"identityHash", "x"}, {"identityType", "birthday"}}});
  EXPECT_NE(joined(test::ob3_shape_violations(broken)).find("identityType"), std::string::npos);
  broken = doc;
  broken.erase("validFrom");
  EXPECT_NE(joined(test::ob3_shape_violations(broken)).find("validFrom"), std::string::npos);
}

struct Variant {
  std::string vc, ob;
};

TEST(Ob3Shape, EveryOb3OutputPassesForEveryContextChoice) {
  std::vector<Variant> variants = {{"", ""}, {"1.1", "3.0.2"}, {"2.0", "3.0.3"}, {"1.1", "3.0.0"}};
  for (const auto& v : variants) {
    for (const auto& f : test::data_files("")) {
      if (f == "ob3/endorsement.json") continue;
      ConvertRequest req;
      req.target = "ob3";
      req.write.vc_version = v.vc;
      req.write.ob3_context = v.ob;
      ConvertOutcome o = convert_bytes(test::read_file(test::data_path(f)), req);
      ASSERT_TRUE(o.ok()) << f;
      for (const auto& d : o.documents) {
        json doc = json::parse(d.text);
        EXPECT_EQ(joined(test::ob3_shape_violations(doc)), "") << f << " vc=" << v.vc << " ob=" << v.ob;
        if (v.vc == "1.1") {
          EXPECT_EQ(doc["@context"][0], "https://www.w3.org/2018/credentials/v1");
        }
        if (v.ob == "3.0.2") {
          EXPECT_EQ(doc["@context"][1], "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.2.json");
        }
      }
    }
  }
}

}  // namespace
}  // namespace credgate
