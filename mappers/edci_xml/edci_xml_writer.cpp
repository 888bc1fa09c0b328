// Model -> EDCI v2 europassCredential (schema 0.10.0), the reverse of edci_xml_reader.cpp.
// Elements are appended as they are mapped and sorted into schema order at the end
// (edci_xml_order.cpp), so the extras of an EDCI source go back wherever they belong: EDCI ->
// EDCI keeps them; from any other source they are losses.
#include "mappers/edci_xml/edci_xml_writer.hpp"

#include <algorithm>
#include <functional>
#include <map>
#include <set>

#include "mappers/edci_xml/edci_xml_once.hpp"
#include "mappers/edci_xml/edci_xml_order.hpp"
#include "mappers/edci_xml/edci_xml_prune.hpp"
#include "mappers/json_emit.hpp"
#include "xsd/xml_parse.hpp"

namespace credgate::edci_xml {
namespace {

using namespace model;
using json = nlohmann::json;

constexpr const char* kFormat = "edci-xml";
constexpr const char* kSnb = "http://data.europa.eu/snb";
constexpr const char* kCred = "http://data.europa.eu/europass/model/credentials/w3c#";
constexpr const char* kEctsFramework = "http://data.europa.eu/snb/education-credit/6fcec5c5af";

// The text languages the schema allows (LanguageCharCodeEnumType).
bool allowed_language(const std::string& tag) {
  static const std::set<std::string> tags = {
      "bg", "cs", "da", "de", "el", "en", "es", "et", "fi", "fr", "ga", "hr", "hu", "is", "it",
      "lt", "lv", "mk", "mt", "nl", "no", "pl", "pt", "ro", "sk", "sl", "sr", "sv", "tr"};
  return tags.count(tag) > 0;
}

// "en-GB" -> "en": EDCI texts carry the primary language subtag only.
std::string primary_language(const std::string& tag) {
  std::string out = tag.substr(0, tag.find('-'));
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

// xs:dateTime from a model date: a date alone becomes midnight (ELMO and OB give dates).
std::string date_time(const std::string& value) {
  return value.size() == 10 ? value + "T00:00:00" : value;
}

void drop_blank_text(xmlNodePtr node) {
  xmlNodePtr c = node->children;
  while (c) {
    xmlNodePtr next = c->next;
    if (c->type == XML_TEXT_NODE && xmlIsBlankNode(c)) {
      xmlUnlinkNode(c);
      xmlFreeNode(c);
    } else if (c->type == XML_ELEMENT_NODE) {
      drop_blank_text(c);
    }
    c = next;
  }
}

class Writer {
 public:
  Writer(WriteContext& ctx, Diagnostics& diagnostics, std::string language)
      : ctx_(ctx), diagnostics_(diagnostics), language_(std::move(language)) {}

  xmlNodePtr element(xmlNodePtr parent, const char* name, const std::string& text = {}) {
    xmlNodePtr n = xmlNewChild(parent, ns_, BAD_CAST name, nullptr);
    if (!text.empty()) xmlNodeAddContent(n, BAD_CAST text.c_str());
    return n;
  }
  xmlNodePtr cred_element(xmlNodePtr parent, const char* name, const std::string& text = {}) {
    xmlNodePtr n = element(parent, name, text);
    xmlSetNs(n, cred_);
    return n;
  }
  static void attribute(xmlNodePtr n, const char* name, const std::string& value) {
    if (!value.empty()) xmlSetProp(n, BAD_CAST name, BAD_CAST value.c_str());
  }
  void idref(xmlNodePtr parent, const char* name, const std::string& id) {
    attribute(element(parent, name), "idref", id);
  }

  // `where`: the location when the node has no place in the source (an issuer the reader
  // could not find is an empty node).
  void missing(std::string code, std::string what, const NodeMeta& owner,
               const std::string& where = {}) {
    diagnostics_.push_back(make_error(
        std::move(code), "map", "EDCI 0.10.0 requires " + what + ", which the credential lacks",
        owner.source_pointer.empty() ? where : owner.source_pointer));
  }

  // <name><text lang=".." content-type="text/plain">..</text>...</name> (LanguageStringType).
  xmlNodePtr texts(xmlNodePtr parent, const char* name, const LangString& value,
                   const NodeMeta& owner, std::string_view key) {
    xmlNodePtr n = element(parent, name);
    std::set<std::string> seen;  // the schema keys credential titles by language
    for (const auto& [tag, text] : value.entries) {
      std::string lang = primary_language(tag);
      if (!allowed_language(lang) || !seen.insert(lang).second) {
        lose_text("edci.text-language", owner, key, tag, text,
                  "EDCI texts are in one of the schema's languages, one text per language");
        continue;
      }
      xmlNodePtr t = element(n, "text", text);
      attribute(t, "lang", lang);
      attribute(t, "content-type", "text/plain");
    }
    return n;
  }
  // Every loss carries a stable code besides its reason (docs/mappings/edci-xml.md).
  void lose(const char* code, const NodeMeta& owner, std::string_view key, json value,
            std::string reason) {
    ctx_.lose(owner, key, std::move(value), std::move(reason));
    ctx_.losses().back().code = code;
  }
  void lose_at(const char* code, std::string pointer, json value, std::string reason) {
    ctx_.lose_at(std::move(pointer), std::move(value), std::move(reason));
    ctx_.losses().back().code = code;
  }
  void lose_node(const char* code, const NodeMeta& meta, json value, std::string reason) {
    ctx_.lose_node(meta, std::move(value), std::move(reason));
    ctx_.losses().back().code = code;
  }
  void lose_extras_unless_same(const NodeMeta& meta) {
    if (!ctx_.same_format(meta)) lose_extras(meta);
  }
  void lose_extras(const NodeMeta& meta) {
    size_t from = ctx_.losses().size();
    ctx_.lose_extras(meta);
    for (size_t i = from; i < ctx_.losses().size(); ++i)
      ctx_.losses()[i].code = "edci.no-counterpart";
  }

  // ELM v3 gives ids to nodes EDCI writes as plain elements (identifiers, web resources,
  // notes, locations, addresses, contact points, media objects, credit points, periods).
  void lose_id(const NodeMeta& meta) {
    if (meta.id.empty() || ctx_.same_format(meta) || meta.source_pointer.empty()) return;
    lose("edci.node-id", meta, "id", meta.id, "EDCI has no id on this element");
  }

  // One entry of a language map: at the map's pointer plus the language.
  void lose_text(const char* code, const NodeMeta& owner, std::string_view key,
                 const std::string& tag, const std::string& text, std::string reason) {
    lose_at(code, pointer_append(pointer_append(owner.source_pointer, key), tag), text,
            std::move(reason));
  }
  // NoteType: exactly one text; the best one of the map.
  void note(xmlNodePtr parent, const char* name, const LangString& value, const NodeMeta& owner,
            std::string_view key) {
    if (value.empty()) return;
    LangString one;
    std::string best = value.best(language_);
    for (const auto& [tag, text] : value.entries) {
      if (one.empty() && text == best && allowed_language(primary_language(tag))) {
        one.add(tag, text);
        continue;
      }
      lose_text("edci.one-value", owner, key, tag, text, "an EDCI note holds one text");
    }
    if (!one.empty()) texts(parent, name, one, owner, key);
  }

  // Kept source content of an EDCI node goes back; of any other source it is lost.
  void extras(xmlNodePtr parent, const NodeMeta& meta) {
    if (!ctx_.same_format(meta)) {
      lose_extras(meta);
      return;
    }
    for (const auto& e : meta.extras) put_back(parent, e);
  }
  void put_back(xmlNodePtr parent, const Extra& e) {
    if (!e.value.is_string()) {
      lose_at("edci.unreadable-kept", e.pointer, e.value, "kept value is not XML text");
      return;
    }
    std::string text = e.value.get<std::string>();
    if (!e.key.empty() && e.key[0] == '@') {
      xmlSetProp(parent, BAD_CAST e.key.substr(1).c_str(), BAD_CAST text.c_str());
      return;
    }
    if (text.rfind("<", 0) != 0) {  // a simple element: its text
      kept_.push_back({element(parent, e.key.c_str(), text), e});
      return;
    }
    // An element kept as XML, parsed again with the namespaces of an EDCI document.
    std::string wrapped = std::string("<w xmlns=\"") + kSnb + "\" xmlns:cred=\"" + kCred +
                          "\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">" + text +
                          "</w>";
    xsd::ParsedXml p = xsd::parse_xml(wrapped);
    if (!p.ok()) {
      lose_at("edci.unreadable-kept", e.pointer, e.value, "kept element could not be parsed again");
      return;
    }
    // Adopted with the parent as context, so the copy uses the root's declarations instead of
    // declaring the namespaces again.
    xmlNodePtr c = xmlDocGetRootElement(p.doc.get())->children;
    while (c) {
      xmlNodePtr next = c->next;
      if (c->type == XML_ELEMENT_NODE) {
        drop_blank_text(c);  // the source's indentation; the output is indented anew
        xmlUnlinkNode(c);
        xmlDOMWrapAdoptNode(nullptr, p.doc.get(), c, parent->doc, parent, 0);
        xmlAddChild(parent, c);
        kept_.push_back({c, e});
      }
      c = next;
    }
  }

  // A code (CodeType): uri, notation, framework; the label as targetName. Optional codes are
  // handed to validate_pruning: one the schema rejects (a framework that is not an http(s)
  // URL, say) becomes a loss rather than an invalid output.
  xmlNodePtr code(xmlNodePtr parent, const char* name, const Concept& k, const NodeMeta& owner,
                  std::string_view key, bool optional = false) {
    Concept c = k;
    if (c.meta.id.empty()) compose_concept_uri(name, c);
    if (c.meta.id.empty()) {
      lose("edci.needs-uri", owner, key,
           c.notation.empty() ? lang_json(c.pref_label) : json(c.notation),
           "an EDCI code needs a concept URI");
      return nullptr;
    }
    xmlNodePtr n = element(parent, name);
    attribute(n, "uri", c.meta.id);
    attribute(n, "targetNotation", c.notation);
    attribute(n, "targetFrameworkUrl", c.in_scheme);
    texts(n, "targetName", c.pref_label, c.meta, "prefLabel");
    if (!ctx_.same_format(c.meta)) element(n, "targetFrameworkName");  // required, unknown
    extras(n, c.meta);
    if (optional) {
      std::string at = !k.meta.source_pointer.empty() ? k.meta.source_pointer
                                                      : pointer_append(owner.source_pointer, key);
      kept_.push_back({n, {std::string(name), at, c.meta.id}});
    }
    return n;
  }

  // ELMO gives ISCED-F codes by notation only; the EU vocabulary names them by it.
  static void compose_concept_uri(const char* name, Concept& c) {
    bool digits = !c.notation.empty() && c.notation.size() <= 4 &&
                  std::all_of(c.notation.begin(), c.notation.end(),
                              [](unsigned char ch) { return std::isdigit(ch); });
    if (std::string(name) != "hasISCED-FCode" || !digits) return;
    c.meta.id = "http://data.europa.eu/snb/isced-f/" + c.notation;
    if (c.in_scheme.empty()) c.in_scheme = "http://data.europa.eu/snb/isced-f/25831c2";
  }

  void web_resources(xmlNodePtr parent, const std::vector<WebResource>& pages,
                     const NodeMeta& owner) {
    for (const auto& w : pages) {
      if (w.content_url.rfind("http://", 0) != 0 && w.content_url.rfind("https://", 0) != 0) {
        lose("edci.needs-uri", owner, "homepage", w.content_url, "EDCI homepages are http(s) URLs");
        continue;
      }
      xmlNodePtr h = element(parent, "homepage");
      attribute(h, "uri", w.content_url);
      extras(h, w.meta);
      lose_id(w.meta);
    }
  }

  void contact_point(xmlNodePtr parent, const Agent& a) {
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
  std::string organisation(const Agent& a, bool issuer) {
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

  // Whether an occurrence of a shared entity is written (the first); a repeated one is written
  // into a scratch element that is thrown away, so that what it holds EDCI cannot carry is
  // reported at its own place in the source; one that differs from the written one is a loss.
  bool once(WrittenOnce::Seen seen, const NodeMeta& meta,
            const std::function<void(xmlNodePtr)>& write) {
    if (seen == WrittenOnce::Seen::First) return true;
    if (ctx_.same_format(meta)) return false;  // the EDCI reader read one element, once
    if (seen == WrittenOnce::Seen::Different) {
      lose_node("edci.duplicate-id", meta, meta.id,
                "EDCI writes one entity per id; this occurrence differs from the one written");
      return false;
    }
    size_t kept = kept_.size(), diagnostics = diagnostics_.size();
    xmlNodePtr scratch = xmlNewDocNode(root_->doc, ns_, BAD_CAST "scratch", nullptr);
    write(scratch);
    kept_.resize(kept);
    diagnostics_.resize(diagnostics);  // told at the first occurrence already
    xmlFreeNode(scratch);
    return false;
  }

  void write_organisation(xmlNodePtr parent, const Agent& a, const std::string& id) {
    xmlNodePtr o = element(parent, "organization");
    attribute(o, "id", id);
    // registration (1..1) is the legal identifier; without one (ELMO, OB) the first identifier
    // stands in, its schemeID saying what it is.
    bool registration = false;
    bool has_registration =
        std::any_of(a.identifiers.begin(), a.identifiers.end(),
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
  void location(xmlNodePtr o, const Agent& a) {
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

  void logo(xmlNodePtr o, const Agent& a) {
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

  void person(xmlNodePtr root, const Subject& s) {
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
    if (!s.term.empty())
      lose("edci.no-counterpart", s.subject_meta, "term", s.term, "no EDCI term");
    if (!s.role.empty())
      lose("edci.no-counterpart", s.subject_meta, "role", s.role, "no EDCI role");
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

  void achievement(xmlNodePtr parent, const Claim& c) {
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
  void graded_assessment(xmlNodePtr a, const Claim& c, const std::string& achievement,
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

  std::string achievement_id(const Claim& c) {
    return c.meta.id.empty() ? composed_id("achievement", c.meta) : c.meta.id;
  }

  // EDCI requires ids where other formats (ELMO above all) have none: the writer composes a
  // local URN (nothing is lost, something is added), and says so once per document
  // (report_composed_ids) at the first such node.
  std::string composed_id(const std::string& kind, const NodeMeta& owner) {
    std::string id = "urn:credgate:" + kind + ":" + std::to_string(++composed_ids_);
    if (first_composed_.empty())
      first_composed_ = owner.source_pointer.empty() ? "/" : owner.source_pointer;
    return id;
  }
  void report_composed_ids() {
    if (composed_ids_ == 0) return;
    diagnostics_.push_back(make_warning(
        "map.composed-id", "map",
        "the source has no ids where EDCI requires them: " + std::to_string(composed_ids_) +
            " composed (urn:credgate:<kind>:<n>), the first here",
        first_composed_));
  }

  void assessment(xmlNodePtr parent, const Claim& d) {
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

  void activity(xmlNodePtr parent, const Claim& i) {
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
  void lose_claim_members(const Claim& c) {
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

  void awarding(xmlNodePtr achievement, const AwardingProcess& p) {
    std::string id = p.meta.id.empty() ? composed_id("awardingProcess", p.meta) : p.meta.id;
    idref(achievement, "wasAwardedBy", id);
    if (once(awarding_.see(id, fingerprint(p)), p.meta,
             [&](xmlNodePtr scratch) { write_awarding(scratch, p, id); }))
      write_awarding(container("awardingProcessReferences"), p, id);
  }

  void write_awarding(xmlNodePtr parent, const AwardingProcess& p, const std::string& id) {
    xmlNodePtr a = element(parent, "awardingProcess");
    attribute(a, "id", id);
    bool body = false;
    for (const auto& b : p.awarding_body) {
      std::string body_id = organisation(b, false);
      if (!body_id.empty()) idref(a, "awardingBody", body_id), body = true;
    }
    if (!body && !issuer_id_.empty())
      idref(a, "awardingBody", issuer_id_);  // ELM: the issuer awards
    if (!p.awarding_date.empty()) element(a, "date", date_time(p.awarding_date));
    extras(a, p.meta);
  }

  // The specification into learningSpecificationReferences, once per id.
  std::string specification(const Specification& s) {
    std::string id = s.meta.id.empty() ? composed_id("specification", s.meta) : s.meta.id;
    if (once(specifications_.see(id, fingerprint(s)), s.meta,
             [&](xmlNodePtr scratch) { write_specification(scratch, s, id); }))
      write_specification(container("learningSpecificationReferences"), s, id);
    return id;
  }

  void write_specification(xmlNodePtr parent, const Specification& s, const std::string& id) {
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
  std::string implied_specification(const Claim& c, const std::string& achievement) {
    Specification s;
    s.meta.id = achievement + "#specification";
    s.title = c.title;
    return specification(s);
  }

  void credit_points(xmlNodePtr e, const Specification& s) {
    bool ects_written = false;
    for (const auto& p : s.credit_point) {
      bool ects = p.framework &&
                  (p.framework->meta.id == kEctsFramework || p.framework->notation == "ECTS");
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

  void learning_outcomes(xmlNodePtr e, const Specification& s) {
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

  void write_outcome(xmlNodePtr parent, const LearningOutcome& o, const std::string& id) {
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

  void lose_open_badges_members(const Specification& s) {
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

  // The credential type is required; other formats have none (and a later EDCI version's type
  // may not be in 0.10.0's list): then the EC's default one, "Generic".
  void generic_type() {
    xmlNodePtr type = element(root_, "type");
    attribute(type, "uri", "http://data.europa.eu/snb/credential/e34929035b");
    attribute(type, "targetFrameworkUrl", "http://data.europa.eu/snb/credential/25831c2");
    LangString generic, framework;
    generic.add("en", "Generic");
    framework.add("en", "Europass Standard List of Credential Types");
    NodeMeta none;
    texts(type, "targetName", generic, none, "type");
    texts(type, "targetFrameworkName", framework, none, "type");
  }

  // A *References section of the root, made on first use.
  xmlNodePtr container(const std::string& name) {
    auto it = containers_.find(name);
    if (it != containers_.end()) return it->second;
    return containers_[name] = element(root_, name.c_str());
  }

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
  int composed_ids_ = 0;
  std::string first_composed_;
};

// The root's extras: entries of the *References sections no one referenced go back into
// their section; the rest (type, xsdVersion, ...) onto the root.
void root_extras(Writer& w, WriteContext& ctx, const Credential& c) {
  if (!ctx.same_format(c.meta)) {
    w.lose_extras(c.meta);
    return;
  }
  for (const auto& e : c.meta.extras) {
    size_t start = e.pointer.find('/', 1);
    size_t end = start == std::string::npos ? start : e.pointer.find('/', start + 1);
    std::string section =
        start == std::string::npos ? "" : e.pointer.substr(start + 1, end - start - 1);
    if (end != std::string::npos && section.find("References") != std::string::npos)
      w.put_back(w.container(section), e);
    else
      w.put_back(w.root_, e);
  }
}

}  // namespace

WriteResult write(const Credential& credential, const WriteOptions& options) {
  WriteResult out;
  WriteContext ctx(kFormat);
  Writer w(ctx, out.diagnostics, options.language.empty() ? "en" : options.language);
  xsd::XmlDocPtr doc(xmlNewDoc(BAD_CAST "1.0"));
  xmlNodePtr root = xmlNewDocNode(doc.get(), nullptr, BAD_CAST "europassCredential", nullptr);
  xmlDocSetRootElement(doc.get(), root);
  w.root_ = root;
  w.ns_ = xmlNewNs(root, BAD_CAST kSnb, nullptr);
  w.cred_ = xmlNewNs(root, BAD_CAST kCred, BAD_CAST "cred");
  xmlSetNs(root, w.ns_);
  const NodeMeta& meta = credential.meta;
  std::string id = meta.id.empty() ? w.composed_id("credential", meta) : meta.id;
  xmlSetNsProp(root, w.cred_, BAD_CAST "id", BAD_CAST id.c_str());
  bool same = ctx.same_format(meta);
  bool kept_type = same && std::any_of(meta.extras.begin(), meta.extras.end(),
                                       [](const Extra& e) { return e.key == "type"; });
  if (!same) xmlSetProp(root, BAD_CAST "xsdVersion", BAD_CAST "0.10.0");
  if (!kept_type) w.generic_type();
  if (!credential.valid_from.empty())
    w.cred_element(root, "validFrom", date_time(credential.valid_from));
  // cred:issued is required; unsealed ELM credentials often lack it: then the VC issuance date
  // or validFrom stands in (as for ELMO's issueDate).
  std::string issued = !credential.issued.empty()          ? credential.issued
                       : !credential.issuance_date.empty() ? credential.issuance_date
                                                           : credential.valid_from;
  if (issued.empty())
    w.missing("map.missing-member", "an issuance date (cred:issued)", meta);
  else
    w.cred_element(root, "issued", date_time(issued));
  std::string until =
      !credential.valid_until.empty() ? credential.valid_until : credential.expiration_date;
  if (!until.empty()) w.cred_element(root, "validUntil", date_time(until));
  if (!credential.valid_until.empty() && !credential.expiration_date.empty())
    w.lose("edci.one-value", meta, "expirationDate", credential.expiration_date,
           "EDCI has one validUntil");
  w.issuer_location_ = pointer_append(meta.source_pointer, same ? "cred:issuer" : "issuer");
  w.issuer_id_ = w.organisation(credential.issuer, true);
  xmlSetProp(w.cred_element(root, "issuer"), BAD_CAST "idref", BAD_CAST w.issuer_id_.c_str());
  LangString none;
  const DisplayParameter* display =
      credential.display_parameter ? &*credential.display_parameter : nullptr;
  w.texts(root, "title", display ? display->title : none, display ? display->meta : meta, "title");
  if (display && !display->description.empty())
    w.texts(root, "description", display->description, display->meta, "description");
  if (display && display->meta.source_format != kFormat) {
    w.lose_extras(display->meta);
    w.lose_id(display->meta);
  }
  w.person(root, credential.subject);
  if (credential.image)
    w.lose_node("edci.no-counterpart", credential.image->meta, credential.image->content_url,
                "no EDCI credential image");
  if (!credential.endorsement.empty())
    w.lose("edci.no-counterpart", meta, "endorsement", credential.endorsement,
           "no EDCI endorsements");
  for (const auto& e : credential.envelope)
    w.lose_at("edci.envelope", e.pointer, e.value,
              "envelope not carried: a converted credential must be sealed again");
  root_extras(w, ctx, credential);
  w.element(root, "proof");  // required; `credgate seal --method xades` signs into it
  sort_into_schema_order(root);
  w.report_composed_ids();
  out.losses = ctx.take_losses();
  if (has_error(out.diagnostics)) return out;
  // The output must be valid EDCI: checked here, so an invalid file is never handed out. Kept
  // elements of a source the schema rejects are dropped into the loss report first.
  PrunedOutput checked =
      validate_pruning(doc.get(), w.kept_, out.losses, [&](const KeptElement& gone) {
        if (gone.extra.key == "type" && gone.extra.pointer == "/europassCredential/type") {
          w.generic_type();
          sort_into_schema_order(root);
        }
      });
  std::string text = std::move(checked.text);
  for (const auto& d : checked.schema_errors) {
    Diagnostic e = d;
    e.code = "model.edci-invalid-output";
    e.stage = "serialize";
    e.message = "the EDCI this credential makes is not schema-valid: " + d.message;
    out.diagnostics.push_back(std::move(e));
  }
  if (!has_error(out.diagnostics)) out.documents.push_back({std::move(text), ""});
  return out;
}

}  // namespace credgate::edci_xml
