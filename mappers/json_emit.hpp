// Writing model nodes back to JSON. A writer opens a node (id and type), sets what it maps,
// then closes it: the node's extras go back in when the node came from the same format, and
// into the loss report otherwise.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "mappers/model/credential.hpp"
#include "mappers/model/diagnostic.hpp"
#include "mappers/model/loss.hpp"

namespace credgate {

class WriteContext {
 public:
  explicit WriteContext(std::string format) : format_(std::move(format)) {}

  const std::string& format() const { return format_; }
  model::LossReport& losses() { return losses_; }
  model::LossReport take_losses() { return std::move(losses_); }

  // {"id": ..., "type": ...}: the source's types (none if it had none) when the node came
  // from this format, otherwise `default_types` (an array when several or `array` is set).
  nlohmann::json open(const model::NodeMeta& meta, std::initializer_list<std::string_view> types,
                      bool array = false) const;
  void close(nlohmann::json& object, const model::NodeMeta& meta);
  // A string member that may have been a JSON number in a source of this format.
  void put_scalar(nlohmann::json& object, const model::NodeMeta& meta, std::string_view key,
                  const std::string& value) const;

  // A mapped value the target cannot carry: reported at the owner's source pointer + key.
  void lose(const model::NodeMeta& owner, std::string_view key, nlohmann::json value,
            std::string reason);
  // A value at an explicit source pointer (an element of a list the target holds one of).
  void lose_at(std::string pointer, nlohmann::json value, std::string reason) {
    losses_.push_back({std::move(pointer), std::move(reason), std::move(value)});
  }
  // A whole node (and everything under it) the target cannot carry.
  void lose_node(const model::NodeMeta& meta, nlohmann::json value, std::string reason);
  // Reports the extras of a node the writer does not emit at all.
  void lose_extras(const model::NodeMeta& meta);

  bool same_format(const model::NodeMeta& meta) const { return meta.source_format == format_; }

 private:
  std::string format_;
  model::LossReport losses_;
};

nlohmann::json lang_json(const model::LangString& text);
void put(nlohmann::json& object, std::string_view key, const std::string& value);
void put_lang(nlohmann::json& object, std::string_view key, const model::LangString& text);
// One element is written as a single value, several as an array, none not at all
// (JSON-LD reads both forms alike; ELM's own samples use both).
void put_list(nlohmann::json& object, std::string_view key, std::vector<nlohmann::json> values);

}  // namespace credgate
