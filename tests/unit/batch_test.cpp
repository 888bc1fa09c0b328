// The batch runner: one bad input among good ones, outputs written whole or not at all.
#include <gtest/gtest.h>

#include <filesystem>
#include <sstream>

#include "gateway/commands.hpp"
#include "support/test_support.hpp"

namespace credgate {
namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;


TEST(Batch, OneBadInputAmongGoodOnesFailsAloneAndExitsOne) {
  test::TempDir tmp(::testing::UnitTest::GetInstance()->current_test_info()->name());
  std::string bad = (tmp.path / "broken.json").string();
  test::write_file(bad, "{\"type\": [\"VerifiableCredential\", \"EuropeanDigitalCredential\"");
  ConvertArgs args;
  args.request.target = "ob3";
  args.inputs = {test::data_path("edc/Sample-MC-Annex1-unsigned.jsonld"), bad,
                 test::data_path("edc/Sample-CertOfPart-unsigned.jsonld")};
  args.out_dir = (tmp.path / "out").string();
  args.loss_report = (tmp.path / "losses.json").string();
  args.jobs = 3;
  std::ostringstream out, err;
  EXPECT_EQ(run_convert(args, out, err), exit_code::check_failed);
  EXPECT_TRUE(fs::exists(tmp.path / "out" / "Sample-MC-Annex1-unsigned.json"));
  EXPECT_TRUE(fs::exists(tmp.path / "out" / "Sample-CertOfPart-unsigned.json"));
  EXPECT_FALSE(fs::exists(tmp.path / "out" / "broken.json"));
  size_t files = 0;
  for (const auto& e : fs::directory_iterator(tmp.path / "out")) {
    ++files;
    EXPECT_EQ(e.path().string().find("credgate-tmp"), std::string::npos);  // no leftovers
  }
  EXPECT_EQ(files, 2u);
  EXPECT_NE(err.str().find("credgate: json.syntax: " + bad), std::string::npos) << err.str();
  EXPECT_NE(err.str().find("converted 2 of 3 inputs"), std::string::npos) << err.str();
  json report = json::parse(test::read_file(args.loss_report));
  ASSERT_TRUE(report.is_array());
  ASSERT_FALSE(report.empty());
  for (const auto& e : report) {
    EXPECT_NE(e["file"], bad);
    EXPECT_TRUE(e.contains("pointer") && e.contains("reason") && e.contains("value"));
  }
}

TEST(Batch, SingleBadInputExitsThreeAndWritesNothing) {
  test::TempDir tmp(::testing::UnitTest::GetInstance()->current_test_info()->name());
  std::string bad = (tmp.path / "bad.json").string();
  json doc = json::parse(test::read_file(test::data_path("edc/Sample-MC-Annex1-unsigned.jsonld")));
  doc["credentialSubject"]["hasClaim"]["type"] = "Unknown";
  test::write_file(bad, doc.dump());
  ConvertArgs args;
  args.request.target = "ob3";
  args.inputs = {bad};
  args.output = (tmp.path / "out.json").string();
  args.loss_report = (tmp.path / "loss.json").string();
  std::ostringstream out, err;
  EXPECT_EQ(run_convert(args, out, err), exit_code::input);
  EXPECT_FALSE(fs::exists(args.output));
  EXPECT_FALSE(fs::exists(args.loss_report));
  EXPECT_NE(err.str().find("model.unknown-type"), std::string::npos);
  EXPECT_NE(err.str().find("(/credentialSubject/hasClaim/type)"), std::string::npos);
  const std::string text = err.str();
  EXPECT_EQ(std::count(text.begin(), text.end(), '\n'), 1);  // one line
}

TEST(Batch, DirectoryInputSeveralDocumentsPerInputAndCollisions) {
  test::TempDir tmp(::testing::UnitTest::GetInstance()->current_test_info()->name());
  ConvertArgs args;
  args.request.target = "ob3";
  args.inputs = {test::data_path("edc/ebsi")};
  args.out_dir = (tmp.path / "out").string();
  std::ostringstream out, err;
  EXPECT_EQ(run_convert(args, out, err), exit_code::ok) << err.str();
  // Microcredential_-_Data_and_software_business holds four claims: four badges.
  for (int i = 1; i <= 4; ++i)
    EXPECT_TRUE(fs::exists(tmp.path / "out" / ("Microcredential_-_Data_and_software_business-" + std::to_string(i) + ".json")));

  ConvertArgs twice = args;
  twice.inputs = {test::data_path("edc/Sample-MC-Annex1-unsigned.jsonld"),
                  test::data_path("edc/Sample-MC-Annex1-unsigned-uploadable.json")};
  twice.request.target = "edc";
  twice.out_dir = (tmp.path / "edc").string();
  std::ostringstream out2, err2;
  EXPECT_EQ(run_convert(twice, out2, err2), exit_code::ok) << err2.str();  // different stems

  ConvertArgs clash = args;
  clash.inputs = {test::data_path("edc/Sample-MC-Annex1-unsigned.jsonld"), test::data_path("edc/Sample-MC-Annex1-unsigned.jsonld")};
  clash.out_dir = (tmp.path / "clash").string();
  clash.jobs = 1;
  std::ostringstream out3, err3;
  EXPECT_EQ(run_convert(clash, out3, err3), exit_code::check_failed);
  EXPECT_NE(err3.str().find("io.collision"), std::string::npos);
}

TEST(Batch, StandardOutputWhenNoFileIsGiven) {
  ConvertArgs args;
  args.request.target = "edc";
  args.inputs = {test::data_path("ob3/basicOpenBadgeCredential.json")};
  std::ostringstream out, err;
  EXPECT_EQ(run_convert(args, out, err), exit_code::ok);
  json doc = json::parse(out.str());
  EXPECT_EQ(doc["type"], json::array({"VerifiableCredential", "EuropeanDigitalCredential"}));
  EXPECT_EQ(err.str(), "");
}

}  // namespace
}  // namespace credgate
