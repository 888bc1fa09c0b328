// Golden tests over every sample in tests/data (the EC's EDC samples and the OB 3.0 spec
// examples): reader -> model dump, conversion to the other format with its loss report, the
// same-format round trip, and the EDC -> OB3 -> EDC round trip.
//
// Goldens live in tests/golden/data/<sample>.{model,to-ob3,to-edc,loss-ob3,loss-edc}.json.
// Regenerate with CREDGATE_ACCEPT=1 ctest -R Golden (then review the diff).
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <set>

#include "gateway/pipeline.hpp"
#include "support/loss_check.hpp"
#include "support/test_support.hpp"
#include "xsd/validator.hpp"

namespace credgate {
namespace {

using json = nlohmann::json;
using test::data_files;
using test::data_path;
using test::read_file;

bool accept_mode() { return std::getenv("CREDGATE_ACCEPT") != nullptr; }

std::string golden_path(const std::string& sample, const std::string& kind) {
  return test::source_dir() + "/tests/golden/data/" + sample + "." + kind + ".json";
}

void check_golden(const std::string& sample, const std::string& kind, const json& actual) {
  std::string path = golden_path(sample, kind);
  if (accept_mode()) {
    test::write_file(path, actual.dump(2) + "\n");
    return;
  }
  ASSERT_TRUE(std::filesystem::exists(path)) << "missing golden " << path << " (CREDGATE_ACCEPT=1)";
  json expected = json::parse(read_file(path));
  if (expected != actual) {
    // A JSON Patch from the golden to the actual value says what changed, and only that.
    ADD_FAILURE() << "golden " << path << " differs (CREDGATE_ACCEPT=1 to accept, then review):\n"
                  << json::diff(expected, actual).dump(1).substr(0, 3000);
  }
}

json documents_json(const ConvertOutcome& o) {
  json docs = json::array();
  for (const auto& d : o.documents) docs.push_back(json::parse(d.text));
  return docs;
}

json losses_json(const ConvertOutcome& o) {
  json out = json::array();
  for (const auto& l : o.losses) out.push_back(model::to_json_entry(l));
  return out;
}

struct Sample {
  std::string file;    // relative to tests/data
  std::string format;  // edc or ob3
  std::string other;   // the format to convert to
};

// gtest prints parameters in test listings (and ctest names); the file says which sample.
void PrintTo(const Sample& s, std::ostream* os) { *os << s.file; }

// The OB 3.0 EndorsementCredential example holds no achievement: reading it is an error,
// checked by ReaderModelDump; there is nothing to convert.
const char* const kNotConvertible = "ob3/endorsement.json";

std::vector<Sample> samples(bool convertible_only) {
  std::vector<Sample> out;
  for (const auto& f : data_files("edc")) out.push_back({f, "edc", "ob3"});
  for (const auto& f : data_files("ob3"))
    if (!convertible_only || f != kNotConvertible) out.push_back({f, "ob3", "edc"});
  return out;
}

std::string sample_name(const testing::TestParamInfo<Sample>& info) {
  std::string n = info.param.file;
  for (auto& c : n)
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  return n;
}

// Where a sample's credential sits (the upload form and JAdES wrap it).
json source_credential(const std::string& bytes, std::string& base) {
  Sniff s = sniff(bytes, InputLimits{});
  base = s.json_pointer;
  return s.json;
}

class Golden : public testing::TestWithParam<Sample> {};
class GoldenConversion : public testing::TestWithParam<Sample> {};

TEST_P(Golden, ReaderModelDump) {
  const Sample& s = GetParam();
  std::string bytes = read_file(data_path(s.file));
  ConvertRequest req;
  ReadResult r = read_bytes(bytes, req);
  if (s.file == kNotConvertible) {
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.diagnostics.front().code, "model.unsupported-type");
    return;
  }
  ASSERT_TRUE(r.ok()) << r.diagnostics.front().to_line();
  ASSERT_EQ(r.credentials.size(), 1u);
  check_golden(s.file, "model", model::dump(r.credentials.front()));
}

// A sample converted to `target`, with its source credential (envelope removed) beside it.
struct Converted {
  ConvertOutcome outcome;
  json source;
  std::string base;  // where the credential sits in the input
};

Converted convert_sample(const Sample& s, const std::string& target) {
  std::string bytes = read_file(data_path(s.file));
  ConvertRequest req;
  req.target = target;
  Converted c{convert_bytes(bytes, req), {}, {}};
  c.source = source_credential(bytes, c.base);
  return c;
}

TEST_P(GoldenConversion, CrossFormatOutputAndLossReport) {
  const Sample& s = GetParam();
  auto [o, source, base] = convert_sample(s, s.other);
  ASSERT_TRUE(o.ok()) << (o.diagnostics.empty() ? "no output" : o.diagnostics.front().to_line());
  check_golden(s.file, "to-" + s.other, documents_json(o));
  check_golden(s.file, "loss-" + s.other, losses_json(o));
  test::expect_nothing_silently_dropped(source, base, o);
  // One entry per source value: two entries at one pointer would be one loss told twice.
  std::set<std::string> pointers;
  for (const auto& l : o.losses) EXPECT_TRUE(pointers.insert(l.pointer).second) << "reported twice: " << l.pointer;
  // What a writer composes for another format uses only terms of the output's contexts.
  for (const auto& d : o.diagnostics) EXPECT_NE(d.code, "jsonld.undefined-term") << d.to_line();
}

TEST_P(GoldenConversion, SameFormatRoundTripIsLossless) {
  const Sample& s = GetParam();
  auto [o, source, base] = convert_sample(s, s.format);
  ASSERT_TRUE(o.ok()) << (o.diagnostics.empty() ? "no output" : o.diagnostics.front().to_line());
  ASSERT_EQ(o.documents.size(), 1u);
  json output = json::parse(o.documents.front().text);
  EXPECT_EQ(test::jsonld_normal(source), test::jsonld_normal(output));
  // Only an envelope around the credential may be reported: the credential itself is kept.
  for (const auto& l : o.losses) EXPECT_TRUE(l.reason.find("envelope") != std::string::npos) << l.pointer;
}

INSTANTIATE_TEST_SUITE_P(Samples, Golden, testing::ValuesIn(samples(false)), sample_name);
INSTANTIATE_TEST_SUITE_P(Samples, GoldenConversion, testing::ValuesIn(samples(true)), sample_name);

// EDC -> OB3 -> EDC keeps what OB 3.0 can carry (issue 2, "Mapping quality").
class RoundTrip : public testing::TestWithParam<Sample> {};

std::string best(const model::LangString& s) { return s.best("en"); }

TEST_P(RoundTrip, EdcThroughOb3KeepsTheEssentials) {
  const Sample& s = GetParam();
  std::string bytes = read_file(data_path(s.file));
  ConvertRequest to_model;
  ReadResult original = read_bytes(bytes, to_model);
  ASSERT_TRUE(original.ok());
  const model::Credential& a = original.credentials.front();

  ConvertRequest to_ob3;
  to_ob3.target = "ob3";
  ConvertOutcome ob3 = convert_bytes(bytes, to_ob3);
  ASSERT_TRUE(ob3.ok());
  ASSERT_EQ(ob3.documents.size(), a.subject.has_claim.size());
  json back_docs = json::array();
  for (size_t i = 0; i < ob3.documents.size(); ++i) {
    ReadResult back = read_bytes(ob3.documents[i].text, to_model);
    ASSERT_TRUE(back.ok());
    const model::Credential& b = back.credentials.front();
    ConvertRequest to_edc;
    to_edc.target = "edc";
    ConvertOutcome edc = convert_bytes(ob3.documents[i].text, to_edc);
    ASSERT_TRUE(edc.ok());
    back_docs.push_back(json::parse(edc.documents.front().text));

    // holder name, issuer, dates
    std::string name = best(a.subject.person.full_name);
    if (name.empty()) name = best(a.subject.person.given_name) + " " + best(a.subject.person.family_name);
    EXPECT_EQ(best(b.subject.person.full_name), name);
    EXPECT_EQ(b.issuer.meta.id, a.issuer.meta.id);
    EXPECT_EQ(best(b.issuer.legal_name), best(a.issuer.legal_name));
    std::string from = !a.valid_from.empty() ? a.valid_from : a.issuance_date;
    EXPECT_EQ(!b.valid_from.empty() ? b.valid_from : b.issuance_date, from);
    EXPECT_EQ(b.issued, a.issued);
    if (a.display_parameter) {
      EXPECT_EQ(best(b.display_parameter->title), best(a.display_parameter->title));
    }

    // the claim and its specification
    const model::Claim& ca = a.subject.has_claim[i];
    const model::Claim& cb = b.subject.has_claim.front();
    EXPECT_EQ(cb.kind, ca.kind);
    if (!ca.specified_by) continue;
    const model::Specification& sa = *ca.specified_by;
    ASSERT_TRUE(cb.specified_by.has_value());
    const model::Specification& sb = *cb.specified_by;
    EXPECT_EQ(sb.kind, sa.kind == model::Specification::Kind::LearningAchievementSpecification
                           ? model::Specification::Kind::Achievement
                           : sa.kind);
    EXPECT_EQ(sb.meta.id, sa.meta.id);
    EXPECT_EQ(best(sb.title), best(sa.title));
    if (!sa.description.empty()) {
      EXPECT_EQ(best(sb.description), best(sa.description));
    }
    ASSERT_EQ(sb.learning_outcome.size(), sa.learning_outcome.size());
    for (size_t k = 0; k < sa.learning_outcome.size(); ++k)
      EXPECT_EQ(best(sb.learning_outcome[k].title), best(sa.learning_outcome[k].title));
    if (sa.eqf_level) {
      ASSERT_TRUE(sb.eqf_level.has_value());
      EXPECT_EQ(sb.eqf_level->meta.id, sa.eqf_level->meta.id);
    }
    if (!sa.credit_point.empty()) {
      ASSERT_FALSE(sb.credit_point.empty());
      EXPECT_DOUBLE_EQ(std::stod(sb.credit_point.front().point), std::stod(sa.credit_point.front().point));
    }
    EXPECT_EQ(sb.thematic_area.size(), sa.thematic_area.size());
  }
  check_golden(s.file, "roundtrip-edc", back_docs);
}

std::vector<Sample> edc_samples() {
  std::vector<Sample> out;
  for (const auto& f : data_files("edc")) out.push_back({f, "edc", "ob3"});
  return out;
}

INSTANTIATE_TEST_SUITE_P(Samples, RoundTrip, testing::ValuesIn(edc_samples()), sample_name);

}  // namespace
}  // namespace credgate

namespace credgate {
namespace {

// XML formats with a reader (ELMO, EDCI): model dump, conversion to EDC and its loss report,
// whose entries point into the source by XPath.
std::vector<Sample> xml_samples() {
  std::vector<Sample> out;
  for (const char* folder : {"xml/elmo", "xml/elmo-real", "xml/edci"})
    for (const auto& e : std::filesystem::directory_iterator(data_path(folder))) {
      std::string name = e.path().filename().string();
      // A verifiablePresentation: not read yet (checked in edci_xml_reader_test).
      if (e.path().extension() != ".xml" || name == "EDC_DiplomaSupplement_AA.xml") continue;
      bool edci = std::string(folder) == "xml/edci";
      out.push_back({std::string(folder) + "/" + name, edci ? "edci-xml" : "elmo", "edc"});
    }
  std::sort(out.begin(), out.end(), [](const Sample& a, const Sample& b) { return a.file < b.file; });
  return out;
}

class GoldenXml : public testing::TestWithParam<Sample> {};

TEST_P(GoldenXml, ReaderModelDumpConversionAndLossReport) {
  const Sample& s = GetParam();
  std::string bytes = read_file(data_path(s.file));
  ConvertRequest req;
  std::string format;
  ReadResult r = read_bytes(bytes, req, &format);
  ASSERT_TRUE(r.ok()) << r.diagnostics.front().to_line();
  EXPECT_EQ(format, s.format);
  ASSERT_FALSE(r.credentials.empty());
  json dumps = json::array();
  for (const auto& c : r.credentials) dumps.push_back(model::dump(c));
  check_golden(s.file, "model", dumps);

  req.target = s.other;
  ConvertOutcome o = convert_bytes(bytes, req);
  ASSERT_TRUE(o.ok()) << (o.diagnostics.empty() ? "no output" : o.diagnostics.front().to_line());
  check_golden(s.file, "to-" + s.other, documents_json(o));
  check_golden(s.file, "loss-" + s.other, losses_json(o));
  // ... and to ELMO: the XML text (kept as a JSON string) and its loss report.
  ConvertRequest to_elmo;
  to_elmo.target = "elmo";
  // A source the ELMO schema rejects cannot become valid ELMO: then the errors are the golden.
  ConvertOutcome e = convert_bytes(bytes, to_elmo);
  if (e.ok()) {
    json texts = json::array();
    for (const auto& d : e.documents) texts.push_back(d.text);
    check_golden(s.file, "to-elmo", texts);
    check_golden(s.file, "loss-elmo", losses_json(e));
  } else {
    EXPECT_TRUE(e.documents.empty());
    json errors = json::array();
    for (const auto& d : e.diagnostics)
      if (d.severity == Severity::Error) errors.push_back({{"code", d.code}, {"location", d.location}});
    check_golden(s.file, "errors-elmo", errors);
  }

  std::set<std::string> pointers;
  for (const auto& l : o.losses) {
    EXPECT_EQ(l.pointer.rfind("/", 0), 0u) << l.pointer;
    bool xpath = l.pointer.rfind("/elmo", 0) == 0 || l.pointer.rfind("/ns0:elmo", 0) == 0 ||
                 l.pointer.rfind("/europassCredential", 0) == 0;
    EXPECT_TRUE(xpath) << "not an XPath into the source: " << l.pointer;
    EXPECT_TRUE(pointers.insert(l.pointer).second) << "reported twice: " << l.pointer;
  }
}

INSTANTIATE_TEST_SUITE_P(Samples, GoldenXml, testing::ValuesIn(xml_samples()), sample_name);

}  // namespace
}  // namespace credgate

namespace credgate {
namespace {

// Conversions to EDCI v2 XML (issue 5): the EDCI round trip, an EC EDC sample and an ELMO
// sample. The golden output is the XML text (as JSON strings) with its loss report, and every
// golden output is itself valid against the bundled EDCI schema.
std::vector<Sample> edci_targets() {
  return {{"xml/edci/edci_credential_basic.xml", "edci-xml", "edci-xml"},
          {"edc/Sample-CertOfPart-unsigned.jsonld", "edc", "edci-xml"},
          {"xml/elmo/example.xml", "elmo", "edci-xml"}};
}

class GoldenEdciXml : public testing::TestWithParam<Sample> {};

TEST_P(GoldenEdciXml, OutputAndLossReport) {
  const Sample& s = GetParam();
  ConvertRequest req;
  req.target = "edci-xml";
  ConvertOutcome o = convert_bytes(read_file(data_path(s.file)), req);
  ASSERT_TRUE(o.ok()) << (o.diagnostics.empty() ? "no output" : o.diagnostics.front().to_line());
  EXPECT_EQ(o.source_format, s.format);
  json texts = json::array();
  for (const auto& d : o.documents) texts.push_back(d.text);
  check_golden(s.file, "to-edci-xml", texts);
  check_golden(s.file, "loss-edci-xml", losses_json(o));
  std::set<std::string> pointers;
  for (const auto& l : o.losses)
    EXPECT_TRUE(pointers.insert(l.pointer).second) << "reported twice: " << l.pointer;
}

TEST_P(GoldenEdciXml, ExpectedOutputIsSchemaValid) {
  std::string path = golden_path(GetParam().file, "to-edci-xml");
  ASSERT_TRUE(std::filesystem::exists(path)) << path;
  json texts = json::parse(read_file(path));
  ASSERT_EQ(texts.size(), 1u);
  xsd::ValidationResult v = xsd::SchemaCache::bundled().validate(texts[0].get<std::string>());
  EXPECT_EQ(v.schema_set, "edci-0.10.0");
  EXPECT_TRUE(v.valid) << (v.diagnostics.empty() ? "" : v.diagnostics.front().to_line());
}

INSTANTIATE_TEST_SUITE_P(Samples, GoldenEdciXml, testing::ValuesIn(edci_targets()), sample_name);

// Every text and attribute value of an XML document, as a JSON array (what the JSON loss check
// compares source leaves with).
json xml_values(const std::string& text) {
  json out = json::array();
  xsd::ParsedXml p = xsd::parse_xml(text);
  if (!p.ok()) return out;
  for (const xmlNode* e : xsd::elements_in_order(p.doc.get())) {
    for (const xmlAttr* a = e->properties; a; a = a->next) {
      xmlChar* v = xmlNodeListGetString(e->doc, a->children, 1);
      if (v) out.push_back(reinterpret_cast<const char*>(v));
      xmlFree(v);
    }
    for (const xmlNode* c = e->children; c; c = c->next)
      if (c->type == XML_TEXT_NODE && c->content) {
        std::string t = reinterpret_cast<const char*>(c->content);
        size_t b = t.find_first_not_of(" \n\t\r"), end = t.find_last_not_of(" \n\t\r");
        if (b != std::string::npos) out.push_back(t.substr(b, end - b + 1));
      }
  }
  return out;
}

// EDC (JSON) -> EDCI: every leaf of the source is in the output or in the loss report.
class EdcToEdciXml : public testing::TestWithParam<Sample> {};

TEST_P(EdcToEdciXml, NothingIsDroppedSilently) {
  const Sample& s = GetParam();
  auto [o, source, base] = convert_sample(s, "edci-xml");
  if (!o.ok()) {  // what EDCI requires and the sample lacks is an error (tested elsewhere)
    EXPECT_TRUE(o.documents.empty());
    return;
  }
  ConvertOutcome as_json = o;
  as_json.documents = {{xml_values(o.documents[0].text).dump(), ""}};
  test::expect_nothing_silently_dropped(source, base, as_json);
}

INSTANTIATE_TEST_SUITE_P(Samples, EdcToEdciXml, testing::ValuesIn(edc_samples()), sample_name);

}  // namespace
}  // namespace credgate
