#include "jsonld/node_map.hpp"

#include "jsonld/expansion_util.hpp"

namespace credgate::jsonld {

std::string BlankNodeIssuer::issue(std::string_view old_identifier) {
  auto it = issued_.find(old_identifier);
  if (it != issued_.end()) return it->second;
  std::string label = fresh();
  issued_.emplace(std::string(old_identifier), label);
  return label;
}

std::string BlankNodeIssuer::fresh() {
  return "_:b" + std::to_string(counter_++);
}

namespace {

using json = nlohmann::json;

bool is_blank(std::string_view id) {
  return id.starts_with("_:");
}

// The spec's "unless an equivalent item is already there" (maps compare by their entries).
void add_unique(json& values, json value) {
  if (!values.is_array()) values = json::array();
  for (const auto& v : values)
    if (v == value) return;
  values.push_back(std::move(value));
}

// The spec's active subject: null, a node id, or, while a reverse property is processed, the
// map {"@id": id} of the node the reverse property belongs to.
struct ActiveSubject {
  const std::string* id = nullptr;
  bool reverse = false;
};

// Section 7.2, step for step; the element is read, never modified: the entries the spec
// removes from it are skipped when its remaining properties are walked (step 6.12).
class Builder {
 public:
  // `take`: the element tree belongs to the caller's temporary, values may be moved out.
  Builder(NodeMap& out, BlankNodeIssuer& issuer, bool take)
      : out_(out), issuer_(issuer), take_(take) {}

  // False once processing is aborted (conflicting indexes).
  bool run(const json& element, const std::string& active_graph, ActiveSubject subject,
           const std::string* active_property, json* list) {
    if (element.is_array()) {  // step 1
      for (const auto& item : element)
        if (!run(item, active_graph, subject, active_property, list)) return false;
      return true;
    }
    if (!element.is_object()) return true;    // expanded documents hold only maps in arrays
    json& graph = out_.graphs[active_graph];  // step 2 (std::map: references stay valid)
    if (graph.is_null()) graph = json::object();
    json* subject_node = nullptr;
    if (subject.id != nullptr && !subject.reverse) {
      auto it = graph.find(*subject.id);
      if (it != graph.end()) subject_node = &*it;
    }
    if (element.contains("@value"))
      return value_object(element, subject_node, active_property, list);
    if (auto it = element.find("@list"); it != element.end()) {  // step 5
      json result = single_entry("@list", json::array());
      if (!run(*it, active_graph, subject, active_property, &result)) return false;
      append(std::move(result), subject_node, active_property, list);
      return true;
    }
    return node_object(element, graph, active_graph, subject, subject_node, active_property, list);
  }

 private:
  std::string relabel(const std::string& id) { return is_blank(id) ? issuer_.issue(id) : id; }

  // The property value a value, list or reference goes to: the list being built, or the
  // subject node's property (steps 4, 5.3-5.4 and 6.6.2-6.6.3). Lists keep duplicates.
  static void append(json value, json* subject_node, const std::string* property, json* list) {
    if (list != nullptr) {
      (*list)["@list"].push_back(std::move(value));
    } else if (subject_node != nullptr && property != nullptr) {
      json& values = (*subject_node)[*property];
      if (value.contains("@list"))  // step 5.3 appends list objects without comparing
        values.push_back(std::move(value));
      else
        add_unique(values, std::move(value));
    }
  }

  bool value_object(const json& element, json* subject_node, const std::string* property,
                    json* list) {
    // The only place a value object is consumed: with `take_` its tree is the caller's
    // rvalue (generate_node_map(json&&)), so moving out of it is moving out of a non-const
    // object.
    json value = take_ ? std::move(const_cast<json&>(element)) : element;
    // Step 3: a blank node @type is relabelled like every blank node identifier.
    if (auto t = value.find("@type");
        t != value.end() && t->is_string() && is_blank(t->get_ref<const std::string&>()))
      *t = relabel(t->get<std::string>());
    append(std::move(value), subject_node, property, list);
    return true;
  }

  bool node_object(const json& element, json& graph, const std::string& active_graph,
                   ActiveSubject subject, json* subject_node, const std::string* active_property,
                   json* list) {
    // Steps 6.1-6.2. Expansion leaves "@id": null where an @id was keyword-like ("@foo"); such
    // a node is keyed by its JSON text ("null"), as the JavaScript reference does: it is no
    // well-formed IRI, so toRdf drops its triples, while its properties' nodes still count.
    std::string id;
    if (auto it = element.find("@id"); it == element.end())
      id = issuer_.fresh();
    else if (it->is_string())
      id = relabel(it->get<std::string>());
    else
      id = it->dump();
    json& node = graph[id];  // steps 6.3-6.4
    if (node.is_null()) node = single_entry("@id", id);
    if (subject.reverse && active_property != nullptr) {  // step 6.5
      add_unique(node[*active_property], single_entry("@id", *subject.id));
    } else if (active_property != nullptr) {  // step 6.6
      append(single_entry("@id", id), subject_node, active_property, list);
    }
    if (auto it = element.find("@type"); it != element.end()) {  // steps 3 and 6.7
      json& types = node["@type"];
      for (const auto& type : *it)
        if (type.is_string()) add_unique(types, relabel(type.get<std::string>()));
    }
    if (auto it = element.find("@index"); it != element.end()) {  // step 6.8
      auto [index, inserted] = node.emplace("@index", *it);
      if (!inserted && *index != *it) {
        out_.diagnostics.push_back(make_error("jsonld.conflicting-indexes", "to-rdf",
                                              "node " + id + " has two different @index values"));
        return false;
      }
    }
    if (auto it = element.find("@reverse"); it != element.end() && it->is_object()) {  // 6.9
      for (auto p = it->begin(); p != it->end(); ++p)
        if (!run(p.value(), active_graph, {&id, true}, &p.key(), nullptr)) return false;
    }
    if (auto it = element.find("@graph"); it != element.end()) {  // step 6.10
      if (!run(*it, id, {}, nullptr, nullptr)) return false;
    }
    if (auto it = element.find("@included"); it != element.end()) {  // step 6.11
      if (!run(*it, active_graph, {}, nullptr, nullptr)) return false;
    }
    for (auto it = element.begin(); it != element.end(); ++it) {  // step 6.12
      // What is left of an expanded node object besides the keywords handled above are
      // property IRIs; expansion drops other keyword-like keys.
      if (it.key().starts_with('@')) continue;
      std::string property = relabel(it.key());
      json& values = node[property];
      if (values.is_null()) values = json::array();
      if (!run(it.value(), active_graph, {&id, false}, &property, nullptr)) return false;
    }
    return true;
  }

  NodeMap& out_;
  BlankNodeIssuer& issuer_;
  bool take_;
};

}  // namespace

NodeMap generate_node_map(const nlohmann::json& expanded, BlankNodeIssuer& issuer) {
  NodeMap out;
  Builder(out, issuer, false).run(expanded, "@default", {}, nullptr, nullptr);
  return out;
}

NodeMap generate_node_map(nlohmann::json&& expanded, BlankNodeIssuer& issuer) {
  NodeMap out;
  Builder(out, issuer, true).run(expanded, "@default", {}, nullptr, nullptr);
  return out;
}

}  // namespace credgate::jsonld
