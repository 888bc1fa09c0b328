// The edci-xml writer's one class, shared by its source files: edci_xml_writer_xml.cpp (XML,
// texts, codes, kept source elements and losses), edci_xml_writer_agents.cpp (organisations
// and the holder), edci_xml_writer_claims.cpp (achievements, assessments, activities,
// specifications, awarding, learning outcomes); edci_xml_writer.cpp drives it. Internal: only
// those files include it.
#pragma once

#include <libxml/tree.h>

#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "mappers/composed_ids.hpp"
#include "mappers/edci_xml/edci_xml_once.hpp"
#include "mappers/edci_xml/edci_xml_prune.hpp"
#include "mappers/format.hpp"
#include "mappers/json_emit.hpp"

namespace credgate::edci_xml::detail {

using namespace model;
using json = nlohmann::json;

inline constexpr const char* kFormat = "edci-xml";
inline constexpr const char* kSnb = "http://data.europa.eu/snb";
inline constexpr const char* kCred = "http://data.europa.eu/europass/model/credentials/w3c#";
inline constexpr const char* kEctsFramework =
    "http://data.europa.eu/snb/education-credit/6fcec5c5af";

// The text languages the schema allows (LanguageCharCodeEnumType).
bool allowed_language(const std::string& tag);
// "en-GB" -> "en": EDCI texts carry the primary language subtag only.
std::string primary_language(const std::string& tag);
// xs:dateTime from a model date: a date alone becomes midnight (ELMO and OB give dates).
std::string date_time(const std::string& value);
// Removes the blank text (a source's indentation) inside a kept element: the output is
// indented anew.
void drop_blank_text(xmlNodePtr node);

class Writer {
 public:
  Writer(WriteContext& ctx, Diagnostics& diagnostics, std::string language)
      : ctx_(ctx), diagnostics_(diagnostics), language_(std::move(language)) {}

  // edci_xml_writer_xml.cpp
  xmlNodePtr element(xmlNodePtr parent, const char* name, const std::string& text = {});
  xmlNodePtr cred_element(xmlNodePtr parent, const char* name, const std::string& text = {});
  static void attribute(xmlNodePtr n, const char* name, const std::string& value);
  void idref(xmlNodePtr parent, const char* name, const std::string& id);
  void missing(std::string code, std::string what, const NodeMeta& owner,
               const std::string& where = {});
  xmlNodePtr texts(xmlNodePtr parent, const char* name, const LangString& value,
                   const NodeMeta& owner, std::string_view key);
  void lose(const char* code, const NodeMeta& owner, std::string_view key, json value,
            std::string reason);
  void lose_at(const char* code, std::string pointer, json value, std::string reason);
  void lose_node(const char* code, const NodeMeta& meta, json value, std::string reason);
  void lose_extras_unless_same(const NodeMeta& meta);
  void lose_extras(const NodeMeta& meta);
  void lose_id(const NodeMeta& meta);
  void lose_text(const char* code, const NodeMeta& owner, std::string_view key,
                 const std::string& tag, const std::string& text, std::string reason);
  void note(xmlNodePtr parent, const char* name, const LangString& value, const NodeMeta& owner,
            std::string_view key);
  void extras(xmlNodePtr parent, const NodeMeta& meta);
  void put_back(xmlNodePtr parent, const Extra& e);
  xmlNodePtr code(xmlNodePtr parent, const char* name, const Concept& k, const NodeMeta& owner,
                  std::string_view key, bool optional = false);
  static void compose_concept_uri(const char* name, Concept& c);
  void web_resources(xmlNodePtr parent, const std::vector<WebResource>& pages,
                     const NodeMeta& owner);
  bool once(WrittenOnce::Seen seen, const NodeMeta& meta,
            const std::function<void(xmlNodePtr)>& write);
  std::string composed_id(const std::string& kind, const NodeMeta& owner);
  void report_composed_ids();
  void generic_type();
  xmlNodePtr container(const std::string& name);

  // edci_xml_writer_agents.cpp
  void contact_point(xmlNodePtr parent, const Agent& a);
  std::string organisation(const Agent& a, bool issuer);
  void write_organisation(xmlNodePtr parent, const Agent& a, const std::string& id);
  void location(xmlNodePtr o, const Agent& a);
  void logo(xmlNodePtr o, const Agent& a);
  void person(xmlNodePtr root, const Subject& s);

  // edci_xml_writer_claims.cpp
  void achievement(xmlNodePtr parent, const Claim& c);
  void graded_assessment(xmlNodePtr a, const Claim& c, const std::string& achievement,
                         const Specification* spec);
  std::string achievement_id(const Claim& c);
  void assessment(xmlNodePtr parent, const Claim& d);
  void activity(xmlNodePtr parent, const Claim& i);
  void lose_claim_members(const Claim& c);
  void awarding(xmlNodePtr achievement, const AwardingProcess& p);
  void write_awarding(xmlNodePtr parent, const AwardingProcess& p, const std::string& id);
  std::string specification(const Specification& s);
  void write_specification(xmlNodePtr parent, const Specification& s, const std::string& id);
  std::string implied_specification(const Claim& c, const std::string& achievement);
  void credit_points(xmlNodePtr e, const Specification& s);
  void learning_outcomes(xmlNodePtr e, const Specification& s);
  void write_outcome(xmlNodePtr parent, const LearningOutcome& o, const std::string& id);
  void lose_open_badges_members(const Specification& s);

  xmlNsPtr ns_ = nullptr, cred_ = nullptr;
  xmlNodePtr root_ = nullptr;
  std::vector<KeptElement> kept_;  // source elements put back, for validate_pruning
  std::string issuer_id_;
  std::string issuer_location_;  // where the issuer belongs in the source

 private:
  WriteContext& ctx_;
  Diagnostics& diagnostics_;
  std::string language_;
  WrittenOnce organisations_, specifications_, awarding_, outcomes_;
  std::map<std::string, xmlNodePtr> containers_;
  ComposedIds composed_ids_{"EDCI"};
};

}  // namespace credgate::edci_xml::detail
