// Learning achievements with their assessments, activities and awarding processes, and the
// specifications and learning outcomes they refer to.
#include "mappers/edci_xml/edci_xml_writer_impl.hpp"

namespace credgate::edci_xml::detail {

void Writer::achievement(xmlNodePtr parent, const Claim& c) {
  xmlNodePtr a = element(parent, "learningAchievement");
  std::string id = achievement_id(c);
  attribute(a, "id", id);
  const Specification* spec = c.specified_by ? &*c.specified_by : nullptr;
  texts(a, "title", !c.title.empty() || !spec ? c.title : spec->title, c.meta, "title");
  note(a, "description", c.description, c.meta, "description");
  for (const auto& d : c.proven_by) assessment(a, d);
  for (const auto& i : c.influenced_by) activity(a, i);
  if (c.awarded_by) awarding(a, *c.awarded_by);
  for (const auto& part : c.has_part) achievement(element(a, "hasPart"), part);
  idref(a, "specifiedBy", spec ? specification(*spec) : implied_specification(c, id));
  for (const auto& cr : c.credit_received)
    lose_node("edci.misplaced", cr.meta, cr.point,
              "EDCI 0.10.0 has credit points on the specification only");
  for (const auto& r : c.results)
    lose_node("edci.no-counterpart", r.meta, r.value, "no EDCI result on an achievement");
  if (!c.grade.empty()) graded_assessment(a, c, id, spec);
  if (!c.start_date.empty())
    lose("edci.no-counterpart", c.meta, "startDate", c.start_date, "no EDCI achievement dates");
  if (!c.end_date.empty())
    lose("edci.no-counterpart", c.meta, "endDate", c.end_date, "no EDCI achievement dates");
  extras(a, c.meta);
}

// ELMO puts the grade on the achievement; EDCI on the assessment the achievement was derived
// from (ELM row 51 of docs/mappings/elmo-elm.md): one is composed, titled as the achievement.
void Writer::graded_assessment(xmlNodePtr a, const Claim& c, const std::string& achievement,
                               const Specification* spec) {
  xmlNodePtr d = element(a, "wasDerivedFrom");
  attribute(d, "id", achievement + "#assessment");
  LangString title;  // the achievement's title, as written above (losses reported there)
  for (const auto& [tag, text] : (!c.title.empty() || !spec ? c.title : spec->title).entries)
    if (allowed_language(primary_language(tag))) title.add(tag, text);
  texts(d, "title", title, c.meta, "title");
  element(d, "grade", c.grade.best(language_));
  if (c.grade.entries.size() > 1)
    lose("edci.one-value", c.meta, "grade", lang_json(c.grade), "an EDCI grade is one text");
}

std::string Writer::achievement_id(const Claim& c) {
  return c.meta.id.empty() ? composed_id("achievement", c.meta) : c.meta.id;
}

void Writer::assessment(xmlNodePtr parent, const Claim& d) {
  xmlNodePtr a = element(parent, "wasDerivedFrom");
  attribute(a, "id", d.meta.id.empty() ? composed_id("assessment", d.meta) : d.meta.id);
  texts(a, "title", d.title, d.meta, "title");
  note(a, "description", d.description, d.meta, "description");
  element(a, "grade", d.grade.best(language_));  // required; ELM v2 grades are plain text
  if (d.grade.entries.size() > 1)
    lose("edci.one-value", d.meta, "grade", lang_json(d.grade), "an EDCI grade is one text");
  if (d.grade_note) {
    extras(a, *d.grade_note);
    lose_id(*d.grade_note);
  }
  lose_claim_members(d);
  extras(a, d.meta);
}

void Writer::activity(xmlNodePtr parent, const Claim& i) {
  xmlNodePtr a = element(parent, "wasInfluencedBy");
  attribute(a, "id", i.meta.id.empty() ? composed_id("activity", i.meta) : i.meta.id);
  texts(a, "title", i.title, i.meta, "title");
  note(a, "description", i.description, i.meta, "description");
  if (!i.start_date.empty()) element(a, "startedAtTime", date_time(i.start_date));
  if (!i.end_date.empty()) element(a, "endedAtTime", date_time(i.end_date));
  if (i.period) {
    extras(a, *i.period);
    lose_id(*i.period);
  }
  lose_claim_members(i);
  extras(a, i.meta);
}

// What an assessment or activity may hold in the model and EDCI does not carry there.
void Writer::lose_claim_members(const Claim& c) {
  if (c.specified_by)
    lose_node("edci.misplaced", c.specified_by->meta, lang_json(c.specified_by->title),
              "no EDCI assessment/activity specifications are written");
  if (c.awarded_by)
    lose_node("edci.misplaced", c.awarded_by->meta, c.awarded_by->awarding_date,
              "only achievements are awarded in EDCI");
  for (const auto& p : c.has_part)
    lose_node("edci.misplaced", p.meta, lang_json(p.title),
              "no nested EDCI assessments/activities are written");
  for (const auto& p : c.proven_by)
    lose_node("edci.misplaced", p.meta, lang_json(p.title),
              "no nested EDCI assessments are written");
  for (const auto& p : c.influenced_by)
    lose_node("edci.misplaced", p.meta, lang_json(p.title),
              "no nested EDCI activities are written");
  for (const auto& cr : c.credit_received)
    lose_node("edci.misplaced", cr.meta, cr.point,
              "EDCI 0.10.0 has credit points on the specification only");
  for (const auto& r : c.results)
    lose_node("edci.no-counterpart", r.meta, r.value, "no EDCI result");
}

void Writer::awarding(xmlNodePtr achievement, const AwardingProcess& p) {
  std::string id = p.meta.id.empty() ? composed_id("awardingProcess", p.meta) : p.meta.id;
  idref(achievement, "wasAwardedBy", id);
  if (once(awarding_.see(id, fingerprint(p)), p.meta,
           [&](xmlNodePtr scratch) { write_awarding(scratch, p, id); }))
    write_awarding(container("awardingProcessReferences"), p, id);
}

void Writer::write_awarding(xmlNodePtr parent, const AwardingProcess& p, const std::string& id) {
  xmlNodePtr a = element(parent, "awardingProcess");
  attribute(a, "id", id);
  bool body = false;
  for (const auto& b : p.awarding_body) {
    std::string body_id = organisation(b, false);
    if (!body_id.empty()) idref(a, "awardingBody", body_id), body = true;
  }
  if (!body && !issuer_id_.empty()) idref(a, "awardingBody", issuer_id_);  // ELM: the issuer awards
  if (!p.awarding_date.empty()) element(a, "date", date_time(p.awarding_date));
  extras(a, p.meta);
}

// The specification into learningSpecificationReferences, once per id.
std::string Writer::specification(const Specification& s) {
  std::string id = s.meta.id.empty() ? composed_id("specification", s.meta) : s.meta.id;
  if (once(specifications_.see(id, fingerprint(s)), s.meta,
           [&](xmlNodePtr scratch) { write_specification(scratch, s, id); }))
    write_specification(container("learningSpecificationReferences"), s, id);
  return id;
}

void Writer::write_specification(xmlNodePtr parent, const Specification& s, const std::string& id) {
  bool qualification = s.kind == Specification::Kind::Qualification;
  xmlNodePtr e = element(parent, qualification ? "qualification" : "learningSpecification");
  attribute(e, "id", id);
  if (!s.title.empty()) texts(e, "title", s.title, s.meta, "title");
  note(e, "description", s.description, s.meta, "description");
  web_resources(e, s.homepage, s.meta);
  for (const auto& f : s.thematic_area) code(e, "hasISCED-FCode", f, s.meta, "ISCEDFCode", true);
  if (!s.volume_of_learning.empty()) element(e, "volumeOfLearning", s.volume_of_learning);
  credit_points(e, s);
  for (const auto& l : s.language) code(e, "language", l, s.meta, "language", true);
  learning_outcomes(e, s);
  if (qualification) {
    if (s.eqf_level) code(e, "eqfLevel", *s.eqf_level, s.meta, "EQFLevel", true);
    for (const auto& n : s.nqf_level) code(e, "nqfLevel", n, s.meta, "NQFLevel", true);
  } else {
    if (s.eqf_level)
      lose_node("edci.misplaced", s.eqf_level->meta, s.eqf_level->meta.id,
                "EDCI 0.10.0 has EQF levels on qualifications only");
    for (const auto& n : s.nqf_level)
      lose_node("edci.misplaced", n.meta, n.meta.id,
                "EDCI 0.10.0 has NQF levels on qualifications only");
  }
  lose_open_badges_members(s);
  extras(e, s.meta);
}

// A learning achievement without specification: EDCI requires one; it gets the claim's title.
std::string Writer::implied_specification(const Claim& c, const std::string& achievement) {
  Specification s;
  s.meta.id = achievement + "#specification";
  s.title = c.title;
  return specification(s);
}

void Writer::credit_points(xmlNodePtr e, const Specification& s) {
  bool ects_written = false;
  for (const auto& p : s.credit_point) {
    bool ects =
        p.framework && (p.framework->meta.id == kEctsFramework || p.framework->notation == "ECTS");
    if (ects && !ects_written) {
      element(e, "hasECTSCreditPoints", p.point);
      ects_written = true;
      lose_id(p.meta);
      lose_extras_unless_same(p.meta);
      // The element's name says ECTS; the framework concept itself (label, scheme) is not
      // written. (The EDCI reader composes that concept without source position.)
      const Concept& fw = *p.framework;
      if (!fw.meta.source_pointer.empty() && !ctx_.same_format(fw.meta))
        lose_node("edci.implied", fw.meta, fw.meta.id,
                  "hasECTSCreditPoints names the ECTS framework; its concept is not written");
    } else {
      lose_node("edci.one-value", p.meta, p.point,
                "EDCI 0.10.0 credit points are ECTS (one value) here");
    }
  }
}

void Writer::learning_outcomes(xmlNodePtr e, const Specification& s) {
  xmlNodePtr list = nullptr;
  for (const auto& o : s.learning_outcome) {
    std::string id = o.meta.id.empty() ? composed_id("learningOutcome", o.meta) : o.meta.id;
    if (!list) list = element(e, "learningOutcomes");
    idref(list, "learningOutcome", id);
    if (once(outcomes_.see(id, fingerprint(o)), o.meta,
             [&](xmlNodePtr scratch) { write_outcome(scratch, o, id); }))
      write_outcome(container("learningOutcomeReferences"), o, id);
  }
}

void Writer::write_outcome(xmlNodePtr parent, const LearningOutcome& o, const std::string& id) {
  xmlNodePtr lo = element(parent, "learningOutcome");
  attribute(lo, "id", id);
  texts(lo, "prefLabel", o.title, o.meta, "title");
  for (const auto& skill : o.related_esco_skill) {
    xmlNodePtr k = element(lo, "relatedEscoSkill");
    attribute(k, "uri", skill);
    element(k, "targetName");
  }
  for (const auto& [key, value] :
       {std::pair<const char*, const std::string*>{"targetCode", &o.target_code},
        {"targetFramework", &o.target_framework},
        {"targetDescription", &o.target_description}})
    if (!value->empty())
      lose("edci.no-counterpart", o.meta, key, *value, "no EDCI learning outcome member");
  extras(lo, o.meta);
}

void Writer::lose_open_badges_members(const Specification& s) {
  const NodeMeta& m = s.meta;
  if (!s.achievement_type.empty())
    lose("edci.no-counterpart", m, "achievementType", s.achievement_type,
         "no EDCI achievement type");
  if (s.criteria)
    lose_node("edci.no-counterpart", s.criteria->meta, s.criteria->narrative, "no EDCI criteria");
  for (const auto& a : s.alignment)
    lose_node("edci.no-counterpart", a.meta, a.target_url.empty() ? a.target_name : a.target_url,
              "no EDCI alignment");
  for (const auto& r : s.result_description)
    lose_node("edci.no-counterpart", r.meta, r.name, "no EDCI result description");
  if (s.image)
    lose_node("edci.no-counterpart", s.image->meta, s.image->content_url,
              "no EDCI specification image");
  if (s.creator)
    lose_node("edci.no-counterpart", s.creator->meta, s.creator->meta.id,
              "no EDCI specification creator");
  for (const auto& [key, value] :
       {std::pair<const char*, const std::string*>{"fieldOfStudy", &s.field_of_study},
        {"specialization", &s.specialization},
        {"humanCode", &s.human_code},
        {"version", &s.version},
        {"inLanguage", &s.in_language}})
    if (!value->empty()) lose("edci.no-counterpart", m, key, *value, "no EDCI counterpart");
  if (!s.tag.empty()) lose("edci.no-counterpart", m, "tag", s.tag, "no EDCI tags");
  if (!s.endorsement.empty())
    lose("edci.no-counterpart", m, "endorsement", s.endorsement, "no EDCI endorsements");
}

}  // namespace credgate::edci_xml::detail
