// The canonical credential model: every reader fills it, every writer reads it.
//
// Shaped on the European Learning Model 3 (ELM) classes because Europass is the pivot; field
// names follow ELM terms (in snake_case) so that a reader of this file can look them up in the
// ELM ontology. Open Badges 3.0 notions without an ELM counterpart (criteria, alignments, result
// descriptions, endorsements, achievement type, ...) are first-class fields too, so that an
// OB3 -> OB3 round trip does not depend on the escape hatch below.
//
// The escape hatch: every node carries NodeMeta. A reader puts every member it does not map
// into `extras` with its source format, JSON Pointer and value. The writer of the same format
// puts them back (same-format round trips are lossless); any other writer lists them in the
// loss report. Nothing is dropped silently.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace credgate::model {

struct Extra {
  std::string key;      // member name in the source object
  std::string pointer;  // JSON Pointer of the member in the source document
  nlohmann::json value;
};

struct NodeMeta {
  std::string id;                  // IRI; empty when the source had none
  std::vector<std::string> types;  // the source's `type` values, as written
  bool type_array = false;         // the source wrote `type` as an array
  std::string source_format;       // format id of the reader that filled this node
  std::string source_pointer;      // JSON Pointer (or XPath) of this node in the source
  std::vector<Extra> extras;       // members the reader did not map
  bool as_iri = false;             // the source gave the node as a bare IRI string
  std::vector<std::string> numbers;  // typed members that were JSON numbers in the source
};

// An ELM language map ({"en": "...", "fr": ["...", "..."]}), or a plain OB string, which
// readers store under the credential's default language.
struct LangString {
  std::vector<std::pair<std::string, std::string>> entries;  // (language tag, text), in order
  bool plain = false;  // an ELM source wrote a plain string (no language); written back as one

  bool empty() const { return entries.empty(); }
  // The text in `language`, else English, else the first entry; "" when empty.
  std::string best(std::string_view language = "en") const;
  void add(std::string language, std::string text) {
    entries.emplace_back(std::move(language), std::move(text));
  }
};

// SKOS concept reference (EQF level, ISCED-F field, country, language, ...).
struct Concept {
  NodeMeta meta;
  LangString pref_label;
  std::string notation;
  std::string in_scheme;  // concept scheme IRI
};

struct Identifier {
  NodeMeta meta;
  std::string role;  // which property held it: identifier, registration, vatIdentifier,
                     // eIDASIdentifier, taxIdentifier, nationalID, or an OB identifierType
  std::string notation;
  std::string scheme_name;
  // OB sources: the identityType/identifierType as written ("-": none) and that member's name.
  std::string type_as_written, type_member;
};

struct MediaObject {
  NodeMeta meta;
  std::string content;      // base64 payload (ELM MediaObject.content)
  std::string content_url;  // ELM contentURL / OB Image.id when it is a URL or data: URI
  std::optional<Concept> content_type;
  std::optional<Concept> content_encoding;
  std::string caption;  // OB Image.caption
};

struct WebResource {
  NodeMeta meta;
  std::string content_url;
};

struct Address {
  NodeMeta meta;
  LangString full_address;  // ELM Address.fullAddress (a Note)
  std::optional<NodeMeta> full_address_note;
  std::optional<Concept> country_code;
  // OB 3.0 Address members without an ELM counterpart are kept typed here.
  std::string street_address, locality, region, postal_code, country_name;
};

// ELM Person, Organisation (and Group) and OB 3.0 Profile in one: they share almost all fields
// and OB3 does not distinguish people from organisations.
struct Agent {
  enum class Kind { Person, Organisation, Group, Profile };
  NodeMeta meta;
  Kind kind = Kind::Organisation;
  // Organisation / Profile
  LangString legal_name;  // ELM legalName, OB name
  LangString alt_label;
  LangString description;
  std::vector<WebResource> homepage;  // ELM homepage, OB url
  std::optional<MediaObject> logo;    // ELM logo, OB image
  std::vector<Identifier> identifiers;
  std::optional<NodeMeta> location;  // the ELM Location node holding the address
  std::optional<Address> address;    // ELM location/address, OB address
  std::optional<NodeMeta> contact_point;  // the ELM ContactPoint node holding the emails
  std::vector<std::string> emails;        // ELM emailAddress (mailto: IRIs), OB email
  std::string phone;
  // Person
  LangString given_name, family_name, full_name;
  std::string date_of_birth;
};

struct CreditPoint {
  NodeMeta meta;
  std::optional<Concept> framework;  // ECTS, ...
  std::string point;                 // ELM keeps it as a string ("2", "7.5")
};

struct LearningOutcome {
  NodeMeta meta;
  LangString title;
  std::vector<std::string> related_esco_skill;
  // OB alignment members when the outcome came from an Alignment
  std::string target_code, target_framework, target_description;
};

// OB 3.0 Alignment that is not an ELM concept or learning outcome.
struct Alignment {
  NodeMeta meta;
  std::string target_name, target_url, target_code, target_framework, target_type,
      target_description;
};

struct Criteria {
  NodeMeta meta;
  std::string narrative;
};

struct ResultDescription {
  NodeMeta meta;
  std::string name;
  std::string result_type;
  std::vector<std::string> allowed_value;
  std::string required_value;
};

// ELM *Specification classes (LearningAchievementSpecification, Qualification,
// LearningActivitySpecification, LearningAssessmentSpecification,
// LearningEntitlementSpecification) and the OB 3.0 Achievement.
struct Specification {
  enum class Kind {
    LearningAchievementSpecification,
    Qualification,
    LearningActivitySpecification,
    LearningAssessmentSpecification,
    LearningEntitlementSpecification,
    Achievement
  };
  NodeMeta meta;
  Kind kind = Kind::LearningAchievementSpecification;
  LangString title;  // ELM title, OB name
  LangString description;
  std::optional<Concept> eqf_level;
  std::vector<Concept> nqf_level;
  std::vector<Concept> thematic_area;  // ISCED-F fields
  std::vector<CreditPoint> credit_point;
  std::vector<LearningOutcome> learning_outcome;
  std::vector<Concept> language;
  std::vector<WebResource> homepage;
  std::string volume_of_learning;
  // OB 3.0 Achievement
  std::string achievement_type;
  std::optional<Criteria> criteria;
  std::vector<Alignment> alignment;
  std::vector<ResultDescription> result_description;
  std::optional<MediaObject> image;
  std::optional<Agent> creator;
  std::string field_of_study, specialization, human_code, version, in_language;
  std::vector<std::string> tag;
  std::vector<nlohmann::json> endorsement;  // embedded EndorsementCredentials, verbatim
};

struct AwardingProcess {
  NodeMeta meta;
  std::vector<Agent> awarding_body;
  std::string awarding_date;
};

// OB 3.0 Result; ELM grades map onto it (see docs/mappings/edc-ob3.md).
struct Result {
  NodeMeta meta;
  std::string result_description;  // IRI of the ResultDescription
  std::string value;
  std::string status;
  std::string achieved_level;
};

// ELM Claim subclasses: LearningAchievement, LearningActivity, LearningAssessment,
// LearningEntitlement.
struct Claim {
  enum class Kind { LearningAchievement, LearningActivity, LearningAssessment, LearningEntitlement };
  NodeMeta meta;
  Kind kind = Kind::LearningAchievement;
  LangString title;
  LangString description;
  std::optional<Specification> specified_by;
  std::optional<AwardingProcess> awarded_by;
  std::vector<Claim> proven_by;     // LearningAssessments
  std::vector<Claim> influenced_by;  // LearningActivities
  std::vector<Claim> has_part;
  std::vector<CreditPoint> credit_received;
  LangString grade;  // LearningAssessment grade (ELM Note.noteLiteral)
  std::optional<NodeMeta> grade_note;
  std::optional<NodeMeta> period;  // ELM temporal PeriodOfTime
  std::string start_date, end_date;
  std::vector<Result> results;                  // OB 3.0 AchievementSubject.result
};

struct DisplayParameter {
  NodeMeta meta;
  LangString title;
  LangString description;
};

// The holder: ELM Person, OB AchievementSubject.
struct Subject {
  Agent person;  // kind Person
  std::vector<Claim> has_claim;
  // OB 3.0 AchievementSubject members without an ELM home. (creditsEarned and the activity
  // dates have one: the OB3 reader puts them on the claim, as creditReceived and temporal.)
  std::string term, role, license_number;
  NodeMeta subject_meta;  // OB AchievementSubject node (id/type), when read from OB3
};

struct Credential {
  NodeMeta meta;
  std::vector<std::string> context;  // @context URLs as the source had them
  Agent issuer;
  std::string issuance_date, issued, valid_from, valid_until, expiration_date;
  std::optional<DisplayParameter> display_parameter;  // ELM; OB name/description map here
  std::optional<MediaObject> image;                   // OB credential image
  Subject subject;
  std::vector<nlohmann::json> endorsement;  // OB credential-level endorsements, verbatim
  std::vector<Extra> envelope;  // what the reader saw around the credential (JAdES, ...)
};

// A deterministic, sorted JSON dump of the model (pandoc's `native`): goldens pass through it.
nlohmann::json dump(const Credential& credential);

const char* kind_name(Agent::Kind kind);
const char* kind_name(Specification::Kind kind);
const char* kind_name(Claim::Kind kind);

}  // namespace credgate::model
