// Organisations (issuer, awarding bodies: agentReferences) and the holder (credentialSubject).
#include "mappers/edci_xml/edci_xml_writer_impl.hpp"

#include <algorithm>

namespace credgate::edci_xml::detail {

void Writer::contact_point(xmlNodePtr parent, const Agent& a) {
  if (a.emails.empty() && !a.contact_point) return;
  xmlNodePtr c = element(parent, "contactPoint");
  for (const auto& mail : a.emails)
    attribute(element(c, "mailBox"), "uri",
              mail.rfind("mailto:", 0) == 0 ? mail : "mailto:" + mail);
  if (a.contact_point) {
    extras(c, *a.contact_point);
    lose_id(*a.contact_point);
  }
  if (!a.phone.empty())
    lose("edci.no-counterpart", a.meta, "phone", a.phone,
         "not mapped to EDCI phone (its structure differs)");
}

// An organisation into agentReferences, once per id; returns its id ("" when it has none).
std::string Writer::organisation(const Agent& a, bool issuer) {
  if (a.meta.id.empty() && a.legal_name.empty()) {
    if (issuer)
      missing("map.missing-member", "an issuer (cred:issuer)", a.meta, issuer_location_);
    else
      lose_node("edci.needs-uri", a.meta, json::object(), "an awarding body without id or name");
    return "";
  }
  std::string id = a.meta.id.empty() ? composed_id("organisation", a.meta) : a.meta.id;
  if (once(organisations_.see(id, fingerprint(a)), a.meta,
           [&](xmlNodePtr scratch) { write_organisation(scratch, a, id); }))
    write_organisation(container("agentReferences"), a, id);
  return id;
}

void Writer::write_organisation(xmlNodePtr parent, const Agent& a, const std::string& id) {
  xmlNodePtr o = element(parent, "organization");
  attribute(o, "id", id);
  // registration (1..1) is the legal identifier; without one (ELMO, OB) the first identifier
  // stands in, its schemeID saying what it is.
  bool registration = false;
  bool has_registration = std::any_of(a.identifiers.begin(), a.identifiers.end(),
                                      [](const Identifier& i) { return i.role == "registration"; });
  for (const auto& i : a.identifiers) {
    bool stand_in = !has_registration && !registration && !i.notation.empty();
    if ((i.role == "registration" || stand_in) && !registration) {
      registration = true;
      xmlNodePtr r = element(o, "registration", i.notation);
      attribute(r, "schemeID", i.scheme_name.empty() && stand_in ? i.role : i.scheme_name);
      extras(r, i.meta);
      lose_id(i.meta);
    } else if (i.role == "identifier" || (i.role.find("dentifier") == std::string::npos &&
                                          i.role != "registration" && i.role != "nationalID")) {
      xmlNodePtr r = element(o, "identifier", i.notation);
      attribute(r, "schemeID", i.scheme_name);
      extras(r, i.meta);
      lose_id(i.meta);
    } else {
      lose("edci.needs-spatial-id", a.meta, i.role, i.notation,
           "EDCI legal identifiers (vat, tax, eIDAS) need a spatialID the model lacks");
    }
  }
  if (!registration)
    missing("map.missing-member", "a registration (legal identifier) on organisation " + id,
            a.meta);
  if (a.legal_name.empty())
    missing("map.missing-member", "a legal name (prefLabel) on organisation " + id, a.meta);
  texts(o, "prefLabel", a.legal_name, a.meta, "legalName");
  if (!a.alt_label.empty()) texts(o, "altLabel", a.alt_label, a.meta, "altLabel");
  web_resources(o, a.homepage, a.meta);
  contact_point(o, a);
  location(o, a);
  logo(o, a);
  if (!a.description.empty())
    lose("edci.no-counterpart", a.meta, "description", lang_json(a.description),
         "no EDCI organisation description");
  extras(o, a.meta);
}

// hasLocation is required (1..n): the address, or an empty location, or the source's own.
void Writer::location(xmlNodePtr o, const Agent& a) {
  bool kept = ctx_.same_format(a.meta) &&
              std::any_of(a.meta.extras.begin(), a.meta.extras.end(),
                          [](const Extra& e) { return e.key == "hasLocation"; });
  if (kept) return;  // extras put it back
  xmlNodePtr l = element(o, "hasLocation");
  if (a.location) {
    extras(l, *a.location);
    lose_id(*a.location);
  }
  if (!a.address) return;
  const Address& ad = *a.address;
  if (!ad.country_code || ad.country_code->meta.id.empty()) {
    json value = ad.country_code ? json(ad.country_code->notation) : lang_json(ad.full_address);
    lose_node("edci.needs-uri", ad.meta, value, "an EDCI address needs a country code URI");
    return;
  }
  xmlNodePtr h = element(l, "hasAddress");
  note(h, "fullAddress", ad.full_address, ad.meta, "fullAddress");
  code(h, "country", *ad.country_code, ad.meta, "countryCode");
  for (const auto& [key, value] :
       {std::pair<const char*, const std::string*>{"streetAddress", &ad.street_address},
        {"addressLocality", &ad.locality},
        {"addressRegion", &ad.region},
        {"postalCode", &ad.postal_code},
        {"addressCountry", &ad.country_name}})
    if (!value->empty())
      lose("edci.no-counterpart", ad.meta, key, *value, "EDCI addresses are a full-address note");
  extras(h, ad.meta);
  lose_id(ad.meta);
  if (ad.full_address_note) {
    extras(h, *ad.full_address_note);
    lose_id(*ad.full_address_note);
  }
}

void Writer::logo(xmlNodePtr o, const Agent& a) {
  if (!a.logo) return;
  const MediaObject& m = *a.logo;
  if (m.content.empty() || !m.content_type || !m.content_encoding) {
    lose_node("edci.incomplete", m.meta,
              m.content_url.empty() ? json(m.content) : json(m.content_url),
              "an EDCI logo is an embedded image with its media type and encoding");
    return;
  }
  xmlNodePtr l = element(o, "logo");
  code(l, "contentType", *m.content_type, m.meta, "contentType");
  code(l, "contentEncoding", *m.content_encoding, m.meta, "contentEncoding");
  if (!m.content_url.empty()) element(l, "contentUrl", m.content_url);
  element(l, "content", m.content);
  extras(l, m.meta);
  lose_id(m.meta);
}

void Writer::person(xmlNodePtr root, const Subject& s) {
  const Agent& p = s.person;
  xmlNodePtr cs = element(root, "credentialSubject");
  attribute(cs, "id", p.meta.id.empty() ? composed_id("person", p.meta) : p.meta.id);
  for (const auto& i : p.identifiers) {
    if (i.role == "nationalID") {
      lose("edci.needs-spatial-id", p.meta, "nationalID", i.notation,
           "an EDCI nationalId needs a spatialID the model lacks");
      continue;
    }
    xmlNodePtr e = element(cs, "identifier", i.notation);
    attribute(e, "schemeID", i.scheme_name);
    extras(e, i.meta);
    lose_id(i.meta);
  }
  contact_point(cs, p);
  if (!p.full_name.empty()) texts(cs, "fullName", p.full_name, p.meta, "fullName");
  // Required, and may be empty (LanguageStringType holds 0..n texts): OB gives a name only.
  texts(cs, "givenNames", p.given_name, p.meta, "givenNames");
  texts(cs, "familyName", p.family_name, p.meta, "familyName");
  if (p.date_of_birth.size() < 10)
    missing("map.missing-member", "the holder's date of birth (credentialSubject/dateOfBirth)",
            p.meta);
  else
    element(cs, "dateOfBirth", p.date_of_birth.substr(0, 10));
  if (p.date_of_birth.size() > 10)
    lose("edci.date-only", p.meta, "dateOfBirth", p.date_of_birth,
         "EDCI dateOfBirth is an xs:date: the time of day (and zone) is not carried");
  if (p.address)
    lose_node("edci.no-counterpart", p.address->meta, lang_json(p.address->full_address),
              "no EDCI holder address is written");
  if (!p.legal_name.empty())
    lose("edci.no-counterpart", p.meta, "name", lang_json(p.legal_name),
         "an EDCI person has names, not a legal name");
  if (!s.term.empty()) lose("edci.no-counterpart", s.subject_meta, "term", s.term, "no EDCI term");
  if (!s.role.empty()) lose("edci.no-counterpart", s.subject_meta, "role", s.role, "no EDCI role");
  if (!s.license_number.empty())
    lose("edci.no-counterpart", s.subject_meta, "licenseNumber", s.license_number,
         "no EDCI licence number");
  if (!ctx_.same_format(s.subject_meta)) lose_extras(s.subject_meta);
  xmlNodePtr achievements = nullptr;
  for (const auto& c : s.has_claim) {
    if (c.kind != Claim::Kind::LearningAchievement) {
      lose_node("edci.misplaced", c.meta, lang_json(c.title),
                std::string("the writer carries learning achievements; a ") + kind_name(c.kind) +
                    " at the top of the subject is not written");
      continue;
    }
    if (!achievements) achievements = element(cs, "achievements");
    achievement(achievements, c);
  }
  extras(cs, p.meta);
}

}  // namespace credgate::edci_xml::detail
