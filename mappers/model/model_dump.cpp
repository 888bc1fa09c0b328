// The model's text dump. nlohmann's type macros keep it in step with the structs: a field
// added to a struct but not listed here fails no build, so tests compare dumps of goldens.
#include "mappers/model/credential.hpp"

namespace nlohmann {
template <typename T>
struct adl_serializer<std::optional<T>> {
  static void to_json(json& j, const std::optional<T>& value) {
    if (value)
      j = *value;
    else
      j = nullptr;
  }
};
}  // namespace nlohmann

// Only the to_json half of NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE: the dump is write-only.
#define CG_TO_JSON(Type, ...)                                                   \
  void to_json(nlohmann::json& nlohmann_json_j, const Type& nlohmann_json_t) { \
    NLOHMANN_JSON_EXPAND(NLOHMANN_JSON_PASTE(NLOHMANN_JSON_TO, __VA_ARGS__))    \
  }

namespace credgate::model {

std::string LangString::best(std::string_view language) const {
  for (const auto& [tag, text] : entries)
    if (tag == language) return text;
  for (const auto& [tag, text] : entries)
    if (tag == "en") return text;
  return entries.empty() ? std::string() : entries.front().second;
}

const char* kind_name(Agent::Kind kind) {
  switch (kind) {
    case Agent::Kind::Person:
      return "Person";
    case Agent::Kind::Organisation:
      return "Organisation";
    case Agent::Kind::Group:
      return "Group";
    case Agent::Kind::Profile:
      return "Profile";
  }
  return "Organisation";
}

const char* kind_name(Specification::Kind kind) {
  switch (kind) {
    case Specification::Kind::LearningAchievementSpecification:
      return "LearningAchievementSpecification";
    case Specification::Kind::Qualification:
      return "Qualification";
    case Specification::Kind::LearningActivitySpecification:
      return "LearningActivitySpecification";
    case Specification::Kind::LearningAssessmentSpecification:
      return "LearningAssessmentSpecification";
    case Specification::Kind::LearningEntitlementSpecification:
      return "LearningEntitlementSpecification";
    case Specification::Kind::Achievement:
      return "Achievement";
  }
  return "LearningAchievementSpecification";
}

const char* kind_name(Claim::Kind kind) {
  switch (kind) {
    case Claim::Kind::LearningAchievement:
      return "LearningAchievement";
    case Claim::Kind::LearningActivity:
      return "LearningActivity";
    case Claim::Kind::LearningAssessment:
      return "LearningAssessment";
    case Claim::Kind::LearningEntitlement:
      return "LearningEntitlement";
  }
  return "LearningAchievement";
}

// Empty members are left out of the dump so that goldens show what a reader filled.
static void prune(nlohmann::json& j) {
  if (j.is_object()) {
    for (auto it = j.begin(); it != j.end();) {
      prune(it.value());
      const auto& v = it.value();
      bool empty = v.is_null() || (v.is_string() && v.get_ref<const std::string&>().empty()) ||
                   (v.is_array() && v.empty()) || (v.is_object() && v.empty()) ||
                   (v.is_boolean() && !v.get<bool>() &&
                    (it.key() == "type_array" || it.key() == "as_iri"));
      if (empty)
        it = j.erase(it);
      else
        ++it;
    }
  } else if (j.is_array()) {
    for (auto& v : j) prune(v);
  }
}

void to_json(nlohmann::json& j, const Extra& e) {
  j = {{"key", e.key}, {"pointer", e.pointer}, {"value", e.value}};
}
void to_json(nlohmann::json& j, const LangString& s) {
  if (s.plain && s.entries.size() == 1) {
    j = s.entries.front().second;
    return;
  }
  j = nlohmann::json::array();
  for (const auto& [tag, text] : s.entries) j.push_back({tag, text});
}
void to_json(nlohmann::json& j, const Agent::Kind& k) { j = kind_name(k); }
void to_json(nlohmann::json& j, const Specification::Kind& k) { j = kind_name(k); }
void to_json(nlohmann::json& j, const Claim::Kind& k) { j = kind_name(k); }

CG_TO_JSON(NodeMeta, id, types, type_array, source_format, source_pointer, extras, as_iri,
           numbers)
CG_TO_JSON(Concept, meta, pref_label, notation, in_scheme)
CG_TO_JSON(Identifier, meta, role, notation, scheme_name, type_as_written, type_member)
CG_TO_JSON(MediaObject, meta, content, content_url, content_type,
                                   content_encoding, caption)
CG_TO_JSON(WebResource, meta, content_url)
CG_TO_JSON(Address, meta, full_address, full_address_note,
                                   country_code, street_address, locality, region, postal_code,
                                   country_name)
CG_TO_JSON(Agent, meta, kind, legal_name, alt_label, description,
                                   homepage, logo, identifiers, location, address, contact_point,
                                   emails, phone, given_name, family_name, full_name,
                                   date_of_birth)
CG_TO_JSON(CreditPoint, meta, framework, point)
CG_TO_JSON(LearningOutcome, meta, title, related_esco_skill, target_code,
                                   target_framework, target_description)
CG_TO_JSON(Alignment, meta, target_name, target_url, target_code,
                                   target_framework, target_type, target_description)
CG_TO_JSON(Criteria, meta, narrative)
CG_TO_JSON(ResultDescription, meta, name, result_type, allowed_value,
                                   required_value)
CG_TO_JSON(Specification, meta, kind, title, description, eqf_level,
                                   nqf_level, thematic_area, credit_point, learning_outcome,
                                   language, homepage, volume_of_learning, achievement_type,
                                   criteria, alignment, result_description, image, creator,
                                   field_of_study, specialization, human_code, version,
                                   in_language, tag, endorsement)
CG_TO_JSON(AwardingProcess, meta, awarding_body, awarding_date)
CG_TO_JSON(Result, meta, result_description, value, status,
                                   achieved_level)
void to_json(nlohmann::json& j, const Claim& c);
CG_TO_JSON(DisplayParameter, meta, title, description)

void to_json(nlohmann::json& j, const Claim& c) {
  j = {{"meta", c.meta},
       {"kind", c.kind},
       {"title", c.title},
       {"description", c.description},
       {"specified_by", c.specified_by},
       {"awarded_by", c.awarded_by},
       {"proven_by", c.proven_by},
       {"influenced_by", c.influenced_by},
       {"has_part", c.has_part},
       {"credit_received", c.credit_received},
       {"grade", c.grade},
       {"grade_note", c.grade_note},
       {"period", c.period},
       {"start_date", c.start_date},
       {"end_date", c.end_date},
       {"results", c.results}};
}

CG_TO_JSON(Subject, person, has_claim, term, role,
                                   license_number, subject_meta)
CG_TO_JSON(Credential, meta, context, issuer, issuance_date, issued,
                                   valid_from, valid_until, expiration_date, display_parameter,
                                   image, subject, endorsement, envelope)

nlohmann::json dump(const Credential& credential) {
  nlohmann::json j = credential;
  prune(j);
  return j;
}

}  // namespace credgate::model
