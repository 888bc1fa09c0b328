// Reading one JSON object into the model, member by member. Every member a reader takes is
// marked; finish() puts every member it did not take into the node's extras with its JSON
// Pointer. That is how "nothing is dropped silently" holds by construction, not by review.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "mappers/format.hpp"
#include "mappers/model/credential.hpp"
#include "mappers/model/diagnostic.hpp"

namespace credgate {

struct ReadContext {
  std::string format;
  std::string default_language = "en";
  Diagnostics diagnostics;

  void error(std::string code, std::string message, std::string pointer) {
    diagnostics.push_back(make_error(std::move(code), "map", std::move(message),
                                     std::move(pointer)));
  }
  bool failed() const { return has_error(diagnostics); }
};

const char* json_type_name(const nlohmann::json& value);

class ObjectCursor {
 public:
  ObjectCursor(const nlohmann::json& object, std::string pointer, ReadContext& context);

  const std::string& pointer() const { return pointer_; }
  std::string member_pointer(std::string_view key) const { return pointer_append(pointer_, key); }
  bool has(std::string_view key) const;

  // Marks the member taken and returns it, or nullptr when absent.
  const nlohmann::json* take(std::string_view key);
  // A string member; a member of another type is an error (json.type).
  std::string take_string(std::string_view key);
  // A string or number member, as the string itself or the number's JSON text; numbers are
  // remembered in the node's meta so the same format's writer writes a number again.
  std::string take_scalar_text(std::string_view key);
  // An ELM language map {"en": "text" | ["text", ...]}, or a plain string (stored under the
  // default language).
  model::LangString take_lang(std::string_view key);
  // A member holding one value or an array of values: calls fn(value, pointer) for each.
  template <typename Fn>
  void take_each(std::string_view key, Fn fn) {
    const nlohmann::json* v = take(key);
    if (!v) return;
    std::string p = member_pointer(key);
    if (v->is_array()) {
      for (size_t i = 0; i < v->size(); ++i) fn((*v)[i], pointer_append(p, i));
    } else {
      fn(*v, p);
    }
  }
  std::vector<std::string> take_strings(std::string_view key);
  // `@context` as its list of URLs; an embedded context object is an error (not supported yet).
  std::vector<std::string> take_context_urls();
  // model.missing-member for each member absent here; `what` names the object ("an EDC credential").
  void require(std::initializer_list<std::string_view> members, std::string_view what);

  // Takes id and type, checks the type against `allowed` (empty: any), and returns the meta
  // with every member not taken as extras. Call last.
  model::NodeMeta finish(std::initializer_list<std::string_view> allowed_types = {});
  // Takes id and type only (to decide what the object is before reading it).
  const std::vector<std::string>& peek_types() const { return types_; }

  // Is this object exactly {id?, type?, <keys>} (nothing else)? Used to decide whether a
  // small structural node (a concept scheme reference, a mailbox) can be stored typed.
  static bool only_has(const nlohmann::json& object, std::initializer_list<std::string_view> keys);
  // Is this exactly {"id": IRI, "type": type} (a reference whose class is implied)?
  static bool is_reference(const nlohmann::json& value, std::string_view type);

 private:
  const nlohmann::json& object_;
  std::string pointer_;
  ReadContext& context_;
  std::vector<std::string> types_;
  bool type_array_ = false;
  std::vector<std::string_view> taken_;
  std::vector<std::string> numbers_;
};

// The `read` of a JSON format holding one credential: runs `Reader` (constructed on the
// context, with a `credential(json, pointer)` method) over the sniffed document, attaches
// the envelope, and returns the credential only when no error was found.
template <typename Reader>
ReadResult read_single_credential(const Sniff& sniff, const ReadOptions& options, const char* format) {
  ReadResult out;
  ReadContext ctx{format, options.default_language, {}};
  Reader reader(ctx);
  model::Credential credential = reader.credential(sniff.json, sniff.json_pointer);
  credential.envelope = sniff.envelope_members;
  out.diagnostics = std::move(ctx.diagnostics);
  if (!has_error(out.diagnostics)) out.credentials.push_back(std::move(credential));
  return out;
}

// Reads `value` as an object; a non-object is an error naming the expected class.
bool expect_object(const nlohmann::json& value, const std::string& pointer,
                   std::string_view what, ReadContext& context);

}  // namespace credgate
