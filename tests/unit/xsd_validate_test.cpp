// XSD validation with the bundled schemas (xsd/validator.hpp) and the secure XML parser
// (xsd/xml_parse.hpp): verdicts on the EC's and EMREX's samples, locations, hostile input,
// start-up failures, threads.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <future>

#include "gateway/validate.hpp"
#include "support/test_support.hpp"
#include "xsd/schema_prolog.hpp"
#include "xsd/validator.hpp"

namespace credgate {
namespace {

using xsd::SchemaCache;
using xsd::ValidationResult;

ValidationResult validate_file(const std::string& relative) {
  return SchemaCache::bundled().validate(test::read_file(test::data_path(relative)));
}

std::vector<Diagnostic> errors(const ValidationResult& r) {
  std::vector<Diagnostic> out;
  for (const auto& d : r.diagnostics)
    if (d.severity == Severity::Error) out.push_back(d);
  return out;
}

TEST(XsdBundled, LoadsEverySetWithoutNetwork) {
  const auto& cache = SchemaCache::bundled();
  EXPECT_TRUE(cache.load_diagnostics().empty()) << cache.load_diagnostics()[0].to_line();
  // Pools are built on first use; build every one now: Xerces accepts every bundled schema.
  Diagnostics all = cache.load_all();
  EXPECT_TRUE(all.empty()) << all[0].to_line();
  EXPECT_EQ(cache.set_ids().size(), xsd::bundled_schema_sets().size());
  auto ids = cache.set_ids();
  EXPECT_NE(std::find(ids.begin(), ids.end(), "edci-0.10.0"), ids.end());
  EXPECT_NE(std::find(ids.begin(), ids.end(), "elmo-1"), ids.end());
}

TEST(XsdEdci, BasicCredentialIsValid) {
  ValidationResult r = validate_file("xml/edci/edci_credential_basic.xml");
  EXPECT_EQ(r.schema_set, "edci-0.10.0");
  EXPECT_TRUE(r.validated);
  EXPECT_TRUE(r.valid);
  EXPECT_TRUE(errors(r).empty());
}

TEST(XsdEdci, SecondLearningAchievementIsReportedWhereItIs) {
  ValidationResult r = validate_file("xml/edci/Ildiko_Mazar_Certificate_of_Excellence.xml");
  EXPECT_TRUE(r.validated);
  EXPECT_FALSE(r.valid);
  auto e = errors(r);
  ASSERT_EQ(e.size(), 1u);
  EXPECT_EQ(e[0].code, "check.xsd.invalid");
  EXPECT_EQ(e[0].location,
            "/europassCredential/credentialSubject/achievements/learningAchievement/hasPart/"
            "learningAchievement[2]");
  EXPECT_EQ(e[0].line, 157);  // <learningAchievement id="urn:epass:learningAchievement:2">
  EXPECT_EQ(e[0].column, 16);
  EXPECT_NE(e[0].message.find("learningAchievement"), std::string::npos);
}

// The diploma-supplement presentation names the 1.2 presentation schema in xsi:schemaLocation
// (with the snb namespace, not the vp one of its root): that bundled set validates it.
TEST(XsdEdci, PresentationValidatesAgainstTheSchemaItNames) {
  ValidationResult r = validate_file("xml/edci/EDC_DiplomaSupplement_AA.xml");
  EXPECT_EQ(r.root, "{http://data.europa.eu/snb/vp}verifiablePresentation");
  EXPECT_EQ(r.schema_set, "edci-vp-dp-1.2");
  EXPECT_TRUE(r.validated);
  EXPECT_TRUE(r.valid) << (r.diagnostics.empty() ? "" : r.diagnostics[0].to_line());
  EXPECT_TRUE(r.diagnostics.empty());  // the schema it names is the one used: no note
}

// A presentation that names no bundled schema: its versions share a root, so none is guessed.
TEST(XsdEdci, PresentationWithoutAKnownSchemaLocationIsNotGuessed) {
  std::string xml = test::read_file(test::data_path("xml/edci/EDC_DiplomaSupplement_AA.xml"));
  size_t at = xml.find("mandatedschema_dp_1.2.xsd");
  ASSERT_NE(at, std::string::npos);
  xml.replace(at, 9, "otherschema");
  ValidationResult r = SchemaCache::bundled().validate(xml);
  EXPECT_FALSE(r.validated);
  EXPECT_FALSE(r.valid);
  auto e = errors(r);
  ASSERT_EQ(e.size(), 1u);
  EXPECT_EQ(e[0].code, "check.xsd.no-schema");
  EXPECT_NE(e[0].message.find("no bundled schema for root element "
                              "{http://data.europa.eu/snb/vp}verifiablePresentation"),
            std::string::npos);
  EXPECT_NE(e[0].message.find("presentation/mandatedschema_dp_1.2.xsd"), std::string::npos)
      << e[0].message;
}

// EDCI 1.2: the set is chosen by the document's xsi:schemaLocation; the EC's sample is valid
// against it (and was not against 0.10.0, which has no primaryLanguage).
TEST(XsdEdci, Version12CredentialValidatesAgainst12) {
  std::string xml = test::read_file(test::data_path("xml/edci-1x/EDC_WileECoyote_Simple.xml"));
  ValidationResult r = SchemaCache::bundled().validate(xml);
  EXPECT_EQ(r.schema_set, "edci-1.2");
  EXPECT_TRUE(r.valid) << (r.diagnostics.empty() ? "" : r.diagnostics[0].to_line());
  ValidationResult old = SchemaCache::bundled().validate_with("edci-0.10.0", xml);
  EXPECT_FALSE(old.valid);
}

// The EDC software's KO/OK pair differ in the contact point only: KO fails there, OK does not
// (both fail on `language`, an element of a later schema than the bundled 1.2).
TEST(XsdEdci, NegativeSampleFailsOnTheContactPointChoice) {
  auto contact_point_errors = [](const ValidationResult& r) {
    int n = 0;
    for (const auto& d : errors(r))
      n += d.location == "/europassCredential/credentialSubject/contactPoint";
    return n;
  };
  ValidationResult ko =
      validate_file("xml/edci/edci-test-credential-generic-contactPoint-choice-KO.xml");
  EXPECT_EQ(ko.schema_set, "edci-1.2");
  EXPECT_FALSE(ko.valid);
  EXPECT_EQ(contact_point_errors(ko), 1);
  ValidationResult ok =
      validate_file("xml/edci-1x/edci-test-credential-generic-contactPoint-choice-OK.xml");
  EXPECT_EQ(ok.schema_set, "edci-1.2");
  EXPECT_EQ(contact_point_errors(ok), 0);
}

TEST(XsdElmo, ExampleIsValid) {
  ValidationResult r = validate_file("xml/elmo/example.xml");
  EXPECT_EQ(r.schema_set, "elmo-1");
  EXPECT_TRUE(r.valid) << (r.diagnostics.empty() ? "" : r.diagnostics[0].to_line());
  // It names "schema.xsd" in xsi:schemaLocation: ignored, and said so in a note.
  bool noted = false;
  for (const auto& d : r.diagnostics)
    if (d.code == "xsd.schema-location-not-bundled" && d.severity == Severity::Info) noted = true;
  EXPECT_TRUE(noted);
}

TEST(XsdElmo, SchemaErrorsCarryXPathLineAndColumn) {
  ValidationResult r = validate_file("xml/bad/elmo-schema-invalid.xml");
  EXPECT_TRUE(r.validated);
  EXPECT_FALSE(r.valid);
  auto e = errors(r);
  ASSERT_EQ(e.size(), 2u);
  // familyName before givenNames: the child where the sequence breaks, at its line
  EXPECT_EQ(e[1].location, "/elmo/learner/familyName");
  EXPECT_EQ(e[1].line, 29);
  EXPECT_EQ(e[1].column, 9);
  // a value error: the element whose text is wrong, with Xerces' line and column
  EXPECT_EQ(e[0].location, "/elmo/learner/bday");
  EXPECT_EQ(e[0].line, 31);
  EXPECT_GT(e[0].column, 0);
  EXPECT_NE(e[0].message.find("12.04.1983"), std::string::npos);
}

TEST(XsdHostile, MalformedXmlHasLineAndColumn) {
  ValidationResult r = validate_file("xml/bad/malformed.xml");
  EXPECT_FALSE(r.validated);
  auto e = errors(r);
  ASSERT_EQ(e.size(), 1u);
  EXPECT_EQ(e[0].code, "xml.syntax");
  EXPECT_EQ(e[0].line, 5);
  EXPECT_GT(e[0].column, 0);
  EXPECT_EQ(e[0].category(), ErrorCategory::Input);
}

TEST(XsdHostile, ExternalEntityIsNeverRead) {
  std::string bytes = test::read_file(test::data_path("xml/bad/xxe.xml"));
  ValidationResult r = SchemaCache::bundled().validate(bytes);
  auto e = errors(r);
  ASSERT_EQ(e.size(), 1u);
  EXPECT_EQ(e[0].code, "xml.doctype");
  EXPECT_EQ(e[0].line, 2);
  for (const auto& d : r.diagnostics) EXPECT_EQ(d.message.find("root:"), std::string::npos);
  // The parser used by the readers refuses it the same way: no document at all.
  xsd::ParsedXml parsed = xsd::parse_xml(bytes);
  EXPECT_EQ(parsed.doc, nullptr);
  EXPECT_EQ(parsed.diagnostics.at(0).code, "xml.doctype");
}

TEST(XsdHostile, BillionLaughsIsRejectedFast) {
  std::string bytes = test::read_file(test::data_path("xml/bad/billion-laughs.xml"));
  auto start = std::chrono::steady_clock::now();
  ValidationResult r = SchemaCache::bundled().validate(bytes);
  auto elapsed = std::chrono::steady_clock::now() - start;
  EXPECT_LT(elapsed, std::chrono::milliseconds(500));
  ASSERT_FALSE(errors(r).empty());
  EXPECT_EQ(errors(r)[0].code, "xml.doctype");
}

TEST(XsdHostile, WrongNamespaceNamesTheExpectedOne) {
  ValidationResult r = validate_file("xml/bad/wrong-namespace.xml");
  auto e = errors(r);
  ASSERT_EQ(e.size(), 1u);
  EXPECT_EQ(e[0].code, "check.xsd.no-schema");
  EXPECT_NE(e[0].message.find("{http://data.europa.eu/snb}europassCredential"), std::string::npos);
  EXPECT_EQ(e[0].location, "/europassCredential");
}

TEST(XsdHostile, DepthAndSizeAreBounded) {
  std::string deep = "<elmo xmlns=\"https://github.com/emrex-eu/elmo-schemas/tree/v1\">";
  for (int i = 0; i < 150; ++i) deep += "<a>";
  for (int i = 0; i < 150; ++i) deep += "</a>";
  deep += "</elmo>";
  xsd::ParsedXml parsed = xsd::parse_xml(deep, {1u << 20, 100});
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.diagnostics.at(0).code, "xml.too-deep");
  xsd::ParsedXml big = xsd::parse_xml(deep, {100, 100});
  EXPECT_EQ(big.diagnostics.at(0).code, "input.too-large");
}

TEST(XsdXPath, NamesAsWrittenWithPositionsOnlyWhereNeeded) {
  xsd::ParsedXml parsed =
      xsd::parse_xml("<r xmlns='urn:d' xmlns:p='urn:p'><a/><p:b/><a><c x='1'/></a></r>");
  ASSERT_TRUE(parsed.ok());
  auto elements = xsd::elements_in_order(parsed.doc.get());
  ASSERT_EQ(elements.size(), 5u);
  EXPECT_EQ(xsd::xpath_of(elements[1]), "/r/a[1]");
  EXPECT_EQ(xsd::xpath_of(elements[2]), "/r/p:b");
  EXPECT_EQ(xsd::xpath_of(elements[4]), "/r/a[2]/c");
  EXPECT_EQ(xsd::xpath_of(reinterpret_cast<const xmlNode*>(elements[4]->properties)),
            "/r/a[2]/c/@x");
  EXPECT_EQ(xsd::clark_name(elements[2]), "{urn:p}b");
}

// A schema whose import does not resolve: the set does not load, the error names the URL,
// and a document of that set is not silently passed.
TEST(XsdStartUp, UnresolvableImportIsAnErrorNotASkip) {
  static const std::string schema =
      "<xs:schema xmlns:xs='http://www.w3.org/2001/XMLSchema' targetNamespace='urn:t' "
      "xmlns='urn:t' elementFormDefault='qualified'>"
      "<xs:import namespace='urn:other' schemaLocation='https://example.org/missing.xsd'/>"
      "<xs:element name='t' type='xs:string'/></xs:schema>";
  std::vector<xsd::BundledSchema> schemas = {{"https://example.org/t.xsd", "t.xsd", schema}};
  std::vector<xsd::BundledSchemaSet> sets = {
      {"t", "test", "https://example.org/t.xsd", {"{urn:t}t"}}};
  SchemaCache cache(schemas, sets);
  ASSERT_FALSE(cache.load_diagnostics().empty());
  const auto& d = cache.load_diagnostics()[0];  // the cause comes first
  EXPECT_EQ(d.code, "internal.xsd.schema-load");
  EXPECT_NE(d.message.find("import https://example.org/missing.xsd does not resolve"),
            std::string::npos);
  ValidationResult r = cache.validate("<t xmlns='urn:t'>x</t>");
  EXPECT_FALSE(r.valid);
  EXPECT_EQ(errors(r).at(0).category(), ErrorCategory::Internal);
}

// The same schema with its import bundled loads and validates: the failure above is the
// missing import, nothing else.
TEST(XsdStartUp, ResolvedImportLoads) {
  static const std::string schema =
      "<xs:schema xmlns:xs='http://www.w3.org/2001/XMLSchema' targetNamespace='urn:t' "
      "xmlns='urn:t' xmlns:o='urn:other' elementFormDefault='qualified'>"
      "<xs:import namespace='urn:other' schemaLocation='other.xsd'/>"
      "<xs:element name='t' type='o:code'/></xs:schema>";
  static const std::string other =
      "<xs:schema xmlns:xs='http://www.w3.org/2001/XMLSchema' targetNamespace='urn:other'>"
      "<xs:simpleType name='code'><xs:restriction base='xs:string'><xs:pattern value='[A-Z]{2}'/>"
      "</xs:restriction></xs:simpleType></xs:schema>";
  std::vector<xsd::BundledSchema> schemas = {{"https://example.org/t.xsd", "t.xsd", schema},
                                             {"https://example.org/other.xsd", "other.xsd", other}};
  std::vector<xsd::BundledSchemaSet> sets = {
      {"t", "test", "https://example.org/t.xsd", {"{urn:t}t"}}};
  SchemaCache cache(schemas, sets);
  ASSERT_TRUE(cache.load_diagnostics().empty()) << cache.load_diagnostics()[0].to_line();
  EXPECT_TRUE(cache.validate("<t xmlns='urn:t'>PL</t>").valid);
  ValidationResult bad = cache.validate("<t xmlns='urn:t'>pl</t>");
  EXPECT_FALSE(bad.valid);
  EXPECT_EQ(errors(bad).at(0).location, "/t");
}

// One locked pool, many threads: every thread gets the verdicts a single thread gets.
TEST(XsdThreads, LockedPoolSharedAcrossThreads) {
  std::string good = test::read_file(test::data_path("xml/edci/edci_credential_basic.xml"));
  std::string bad =
      test::read_file(test::data_path("xml/edci/Ildiko_Mazar_Certificate_of_Excellence.xml"));
  std::string elmo = test::read_file(test::data_path("xml/elmo/example.xml"));
  std::vector<std::future<int>> runs;
  for (int t = 0; t < 4; ++t)
    runs.push_back(std::async(std::launch::async, [&] {
      int ok = 0;
      for (int i = 0; i < 5; ++i) {
        const auto& c = SchemaCache::bundled();
        ok += c.validate(good).valid && !c.validate(bad).valid && c.validate(elmo).valid;
      }
      return ok;
    }));
  for (auto& r : runs) EXPECT_EQ(r.get(), 5);
}

TEST(ValidateProfiles, SchemaIsTheDefaultAndUnknownIsUsage) {
  EXPECT_NE(find_validation_profile("schema"), nullptr);
  ValidateRequest request;
  request.profile = "no-such-profile";
  ValidateOutcome o = validate_bytes("<x/>", request);
  ASSERT_FALSE(o.diagnostics.empty());
  EXPECT_EQ(o.diagnostics[0].category(), ErrorCategory::Usage);
}

TEST(ValidateProfiles, XmlFormatsNameTheirFormatAndSchema) {
  ValidateOutcome o = validate_bytes(test::read_file(test::data_path("xml/elmo/example.xml")), {});
  EXPECT_EQ(o.format, "elmo");
  EXPECT_EQ(o.schema, "elmo-1");
  EXPECT_TRUE(o.valid);
  ValidateOutcome e = validate_bytes(
      test::read_file(test::data_path("xml/edci/Ildiko_Mazar_Certificate_of_Excellence.xml")), {});
  EXPECT_EQ(e.format, "edci-xml");
  EXPECT_FALSE(e.valid);
}

TEST(ValidateProfiles, JsonFormatsUseTheReaderAndSaySo) {
  ValidateOutcome o =
      validate_bytes(test::read_file(test::data_path("edc/Sample-MC-Annex1-unsigned.jsonld")), {});
  EXPECT_EQ(o.format, "edc");
  EXPECT_EQ(o.schema, "reader");
  EXPECT_TRUE(o.valid);
  bool noted = false;
  for (const auto& d : o.diagnostics) noted |= d.code == "validate.structural-only";
  EXPECT_TRUE(noted);
  ValidateOutcome bad = validate_bytes("{\"type\": [\"VerifiableCredential\",", {});
  EXPECT_FALSE(bad.valid);
}

// The schema text Xerces is handed: the prolog DOCTYPE blanked, line breaks and the rest kept.
TEST(SchemaProlog, DoctypeWithInternalSubsetIsBlanked) {
  std::string text =
      "<?xml version=\"1.0\"?>\n<!DOCTYPE schema PUBLIC \"-//W3C//DTD XMLSchema 200102//EN\" "
      "\"x.dtd\"\n [\n <!ATTLIST schema xmlns:ds CDATA #FIXED \"a>b]\">\n ]>\n<schema/>\n";
  std::string out = xsd::without_doctype(text);
  ASSERT_EQ(out.size(), text.size());
  EXPECT_EQ(out.find("DOCTYPE"), std::string::npos);
  EXPECT_EQ(std::count(out.begin(), out.end(), '\n'), std::count(text.begin(), text.end(), '\n'));
  EXPECT_EQ(out.substr(out.find("<schema")), "<schema/>\n");
  EXPECT_EQ(out.substr(0, 22), "<?xml version=\"1.0\"?>\n");
}

TEST(SchemaProlog, TextWithoutPrologDoctypeIsUnchanged) {
  EXPECT_EQ(xsd::without_doctype("<schema/>"), "<schema/>");
  // A DOCTYPE after the first element is not a prolog declaration: left to the parser.
  std::string late = "<schema><!-- <!DOCTYPE x> --></schema>";
  EXPECT_EQ(xsd::without_doctype(late), late);
  std::string open = "<!DOCTYPE schema [ <!ENTITY x 'y'>";  // never closed: Xerces reports it
  EXPECT_EQ(xsd::without_doctype(open), open);
}

// The bundled XMLDSig schema (with its DOCTYPE in the file) still loads into the EDCI set.
TEST(SchemaProlog, BundledXmldsigSchemaLoadsWithoutItsDoctype) {
  bool found = false;
  for (const auto& s : xsd::bundled_schemas()) {
    if (s.text.find("<!DOCTYPE schema") == std::string_view::npos) continue;
    found = true;
    EXPECT_EQ(xsd::without_doctype(s.text).find("<!DOCTYPE"), std::string::npos) << s.file;
  }
  EXPECT_TRUE(found) << "no bundled schema with a DOCTYPE left to test";
  EXPECT_TRUE(xsd::SchemaCache::bundled().load_diagnostics().empty());
}

}  // namespace
}  // namespace credgate
