// The ELMO reader against the EMREX example and real Danish files: what lands in which model
// field, what is kept as an XPath-located extra, and lenient reading of schema-invalid input.
#include <gtest/gtest.h>

#include "gateway/pipeline.hpp"
#include "support/test_support.hpp"

namespace credgate {
namespace {

using namespace model;

ReadResult read_sample(const std::string& relative) {
  ConvertRequest req;
  std::string format;
  ReadResult r = read_bytes(test::read_file(test::data_path(relative)), req, &format);
  EXPECT_EQ(format, "elmo");
  return r;
}

const Extra* find_extra(const NodeMeta& meta, const std::string& pointer) {
  for (const auto& e : meta.extras)
    if (e.pointer == pointer) return &e;
  return nullptr;
}

TEST(ElmoReader, LearnerAndIssuerWithIdentifiers) {
  ReadResult r = read_sample("xml/elmo/example.xml");
  ASSERT_TRUE(r.ok()) << r.diagnostics.front().to_line();
  ASSERT_EQ(r.credentials.size(), 1u);
  const Credential& c = r.credentials[0];
  EXPECT_EQ(c.subject.person.kind, Agent::Kind::Person);
  EXPECT_EQ(c.subject.person.given_name.best(), "Wojciech Łukasz");
  EXPECT_EQ(c.subject.person.family_name.best(), "Rygielski");
  EXPECT_EQ(c.subject.person.date_of_birth, "1983-04-12");
  ASSERT_EQ(c.subject.person.identifiers.size(), 2u);
  EXPECT_EQ(c.subject.person.identifiers[0].role, "nationalID");
  EXPECT_EQ(c.subject.person.identifiers[0].notation, "83041200000");

  EXPECT_EQ(c.issuer.legal_name.best("en"), "University of Warsaw");
  EXPECT_EQ(c.issuer.legal_name.best("pl"), "Uniwersytet Warszawski");
  std::vector<std::pair<std::string, std::string>> ids;
  for (const auto& i : c.issuer.identifiers) ids.emplace_back(i.scheme_name, i.notation);
  EXPECT_EQ(ids, (std::vector<std::pair<std::string, std::string>>{
                     {"pic", "999572294"}, {"erasmus", "PL WARSZAW01"}, {"schac", "uw.edu.pl"}}));
  ASSERT_TRUE(c.issuer.address && c.issuer.address->country_code);
  EXPECT_EQ(c.issuer.address->country_code->notation, "PL");
  ASSERT_EQ(c.issuer.homepage.size(), 1u);
  EXPECT_EQ(c.issuer.homepage[0].content_url, "http://www.uw.edu.pl");
}

TEST(ElmoReader, OpportunityTreeWithCreditsGradesLevelsAndLanguage) {
  ReadResult r = read_sample("xml/elmo/example.xml");
  ASSERT_TRUE(r.ok());
  const auto& claims = r.credentials[0].subject.has_claim;
  ASSERT_EQ(claims.size(), 3u);
  // The degree: 120 ECTS, one part (15 ECTS, grade "Innpasset")
  const Claim& degree = claims[0];
  EXPECT_EQ(degree.specified_by->title.best("en"), "Master of Science in Biology");
  ASSERT_EQ(degree.credit_received.size(), 1u);
  EXPECT_EQ(degree.credit_received[0].point, "120");
  EXPECT_EQ(degree.credit_received[0].framework->notation, "ECTS");
  EXPECT_EQ(degree.start_date, "2009-01-15");
  EXPECT_EQ(degree.end_date, "2009-06-15");
  ASSERT_EQ(degree.has_part.size(), 1u);
  EXPECT_EQ(degree.has_part[0].grade.best(), "Innpasset");
  EXPECT_EQ(degree.has_part[0].credit_received.at(0).point, "15");
  // The course: ISCED 0612, EQF 5 and NQF 5, Polish, grade 45.1, two parts (two hasPart)
  const Claim& course = claims[1];
  const Specification& spec = *course.specified_by;
  EXPECT_EQ(spec.thematic_area.at(0).notation, "0612");
  ASSERT_TRUE(spec.eqf_level);
  EXPECT_EQ(spec.eqf_level->notation, "5");
  ASSERT_EQ(spec.nqf_level.size(), 1u);
  EXPECT_EQ(spec.language.at(0).notation, "pl");
  EXPECT_EQ(spec.description.entries.size(), 3u);
  EXPECT_EQ(course.grade.best(), "45.1");
  EXPECT_EQ(course.has_part.size(), 2u);
  // engagement hours and status have no model field: extras where they were
  const Extra* hours = find_extra(
      course.has_part[0].meta,
      "/elmo/report/learningOpportunitySpecification[2]/hasPart[1]/"
      "learningOpportunitySpecification/specifies/learningOpportunityInstance/engagementHours");
  ASSERT_NE(hours, nullptr);
  EXPECT_EQ(hours->value, "30");
  // CDATA and escaped markup read as the text they stand for
  EXPECT_EQ(claims[2].specified_by->title.best(), "The importance of <br> in HTML");
}

TEST(ElmoReader, AttachmentsAndGradingSchemesKeptIntact) {
  std::string source = test::read_file(test::data_path("xml/elmo/example.xml"));
  ReadResult r = read_sample("xml/elmo/example.xml");
  ASSERT_TRUE(r.ok());
  const NodeMeta& meta = r.credentials[0].meta;
  const Extra* global = find_extra(meta, "/elmo/attachment");
  ASSERT_NE(global, nullptr);
  std::string xml = global->value.get<std::string>();
  EXPECT_NE(xml.find("<type>EMREX transcript</type>"), std::string::npos);
  EXPECT_NE(xml.find("<content xml:lang=\"pl\">data:application/pdf;base64,"), std::string::npos);
  EXPECT_NE(find_extra(meta, "/elmo/report/gradingScheme[1]"), nullptr);
  EXPECT_NE(find_extra(meta, "/elmo/report/attachment[1]"), nullptr);
  EXPECT_NE(find_extra(meta, "/elmo/generatedDate"), nullptr);
}

TEST(ElmoReader, NoNamespaceReadsWithAWarning) {
  ReadResult r = read_sample("xml/elmo-real/stads-elmo2.xml");
  ASSERT_TRUE(r.ok()) << r.diagnostics.front().to_line();
  bool warned = false;
  for (const auto& d : r.diagnostics) warned |= d.code == "elmo.namespace";
  EXPECT_TRUE(warned);
  EXPECT_EQ(r.credentials.at(0).subject.person.family_name.best(), "testesen");
  EXPECT_FALSE(r.credentials[0].subject.has_claim.empty());
}

TEST(ElmoReader, SchemaInvalidFileStillReads) {
  ReadResult r = read_sample("xml/elmo-real/elmo-tomcat-unsigned.xml");
  ASSERT_TRUE(r.ok()) << r.diagnostics.front().to_line();
  EXPECT_FALSE(r.credentials.at(0).subject.has_claim.empty());
}

TEST(ElmoReader, NotWellFormedIsAnInputError) {
  ConvertRequest req;
  req.source = "elmo";
  ReadResult r = read_bytes(test::read_file(test::data_path("xml/bad/malformed.xml")), req);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.diagnostics[0].category(), ErrorCategory::Input);
}

}  // namespace
}  // namespace credgate
