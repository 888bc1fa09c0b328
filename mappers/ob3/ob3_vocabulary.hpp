// The small vocabularies the OB 3.0 mapping needs in both directions, in one place so that
// reader and writer cannot drift apart.
#pragma once

#include <optional>
#include <string>
#include <utility>

#include "mappers/model/credential.hpp"

namespace credgate::ob3 {

inline constexpr const char* kVc2Context = "https://www.w3.org/ns/credentials/v2";
inline constexpr const char* kVc11Context = "https://www.w3.org/2018/credentials/v1";

// OB 3.0 context URL for a version "3.0.0" .. "3.0.3"; "" when unknown.
std::string context_url(const std::string& version);

// ELM concept schemes an OB alignment can point into, told apart by the concept IRI.
enum class ConceptTarget { None, Eqf, Nqf, IscedF };
ConceptTarget concept_target(const std::string& iri);
std::string scheme_of(ConceptTarget target);
std::string framework_name(ConceptTarget target);

// ELM identifier roles <-> OB identifierType (IdentifierTypeEnum, `ext:` for the rest).
std::string role_from_identifier_type(const std::string& type);
std::string identifier_type_from_role(const std::string& role);

// ELM claim/specification classes <-> OB achievementType. LearningAchievement with a
// LearningAchievementSpecification has no achievementType; the others use OB's "Assessment"
// or an `ext:` value, which OB 3.0 allows for extensions.
std::optional<std::pair<model::Claim::Kind, model::Specification::Kind>>
kinds_from_achievement_type(const std::string& achievement_type);
std::string achievement_type_for(model::Claim::Kind claim, model::Specification::Kind spec);

// data: URI media type for an ELM file-type concept IRI (.../file-type/PNG), "" if unknown.
std::string media_type_for_file_type(const std::string& concept_iri);

}  // namespace credgate::ob3
