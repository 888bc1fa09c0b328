// The JSON type expansion builds and toRdf reads: nlohmann's basic_json with maps kept as one
// sorted vector of members instead of a std::map (a tree node per member).
//
// Why: an expanded document is made of small maps ({"@value": ...}, {"@id": ...}, nodes of a
// few properties). As std::map, every member was an allocation, an insertion rebalanced a tree,
// and freeing the tree walked and freed node by node. A sorted vector holds a map in one
// allocation, is searched by bisection and iterates in the same order as std::map<std::string>
// (byte-wise code point order), so the algorithms read it unchanged; toRdf iterates it as the
// vector it is. Measured: -2.7% instructions per canonicalization of the EC's MC sample, and
// what it made possible after it more (bench/README.md, issue 3 round 5). The public API (expand(),
// expanded_to_rdf()) keeps nlohmann::json; the two convert into each other at that boundary.
//
// Unlike std::map, inserting into a map moves its members: a reference to a member is not kept
// across an insertion into the same map (the expansion code takes references only to fill them
// or to insert into another map).
#pragma once

#include <algorithm>
#include <cstdint>
#include <functional>
#include <initializer_list>
#include <memory>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "jsonld/expansion_arena.hpp"
#include "jsonld/literal_equals.hpp"

namespace credgate::jsonld {

// An object_t for nlohmann::basic_json: the members of std::map that basic_json calls (find,
// emplace, operator[], at, count, erase, insert), over a vector sorted by key. Keys are
// compared with std::less<> (transparent: string_view and literal keys are looked up without
// building a std::string).
template <class Key, class T, class IgnoredLess = std::less<Key>,
          class Allocator = std::allocator<std::pair<const Key, T>>>
class SortedVectorMap
    : public std::vector<
          std::pair<Key, T>,
          typename std::allocator_traits<Allocator>::template rebind_alloc<std::pair<Key, T>>> {
 public:
  using key_type = Key;
  using mapped_type = T;
  using value_type = std::pair<Key, T>;
  using Container =
      std::vector<value_type,
                  typename std::allocator_traits<Allocator>::template rebind_alloc<value_type>>;
  using iterator = typename Container::iterator;
  using const_iterator = typename Container::const_iterator;
  using size_type = typename Container::size_type;
  // Keys compared as string views: lookups by std::string, string_view or a literal, in
  // byte-wise order, whatever the key's allocator.
  struct key_compare {
    using is_transparent = void;
    template <class A, class B,
              class = std::enable_if_t<std::is_convertible_v<const A&, std::string_view> &&
                                       std::is_convertible_v<const B&, std::string_view>>>
    bool operator()(const A& a, const B& b) const {
      return text_less(a, b);  // keywords and IRIs differ in their first byte
    }
  };

  SortedVectorMap() = default;
  template <class It>
  SortedVectorMap(It first, It last) {
    for (; first != last; ++first) insert(*first);
  }
  SortedVectorMap(std::initializer_list<value_type> init)
      : SortedVectorMap(init.begin(), init.end()) {}

  template <class K>
  iterator lower_bound(const K& key) {
    return std::lower_bound(
        this->begin(), this->end(), key,
        [](const value_type& member, const K& k) { return key_compare{}(member.first, k); });
  }
  template <class K>
  const_iterator lower_bound(const K& key) const {
    return std::lower_bound(
        this->begin(), this->end(), key,
        [](const value_type& member, const K& k) { return key_compare{}(member.first, k); });
  }

  template <class K>
  iterator find(const K& key) {
    auto it = lower_bound(key);
    return it != this->end() && !key_compare{}(key, it->first) ? it : this->end();
  }
  template <class K>
  const_iterator find(const K& key) const {
    auto it = lower_bound(key);
    return it != this->end() && !key_compare{}(key, it->first) ? it : this->end();
  }
  template <class K>
  size_type count(const K& key) const {
    return find(key) != this->end() ? 1 : 0;
  }

  template <class K, class V>
  std::pair<iterator, bool> emplace(K&& key, V&& value) {
    auto it = lower_bound(key);
    if (it != this->end() && !key_compare{}(key, it->first)) return {it, false};
    return {Container::emplace(it, std::forward<K>(key), std::forward<V>(value)), true};
  }
  std::pair<iterator, bool> insert(value_type&& member) {
    return emplace(std::move(member.first), std::move(member.second));
  }
  template <class Pair>
  std::pair<iterator, bool> insert(const Pair& member) {
    return emplace(member.first, member.second);
  }
  template <class It>
  void insert(It first, It last) {
    for (; first != last; ++first) insert(*first);
  }

  template <class K>
  T& operator[](K&& key) {
    return emplace(std::forward<K>(key), T{}).first->second;
  }
  template <class K>
  T& at(const K& key) {
    auto it = find(key);
    if (it == this->end()) throw std::out_of_range("key not found");
    return it->second;
  }
  template <class K>
  const T& at(const K& key) const {
    auto it = find(key);
    if (it == this->end()) throw std::out_of_range("key not found");
    return it->second;
  }

  template <class K, class = std::enable_if_t<!std::is_convertible_v<K, const_iterator>>>
  size_type erase(const K& key) {
    auto it = find(key);
    if (it == this->end()) return 0;
    Container::erase(it);
    return 1;
  }
  iterator erase(const_iterator pos) { return Container::erase(pos); }
  iterator erase(iterator pos) { return Container::erase(pos); }
  iterator erase(const_iterator first, const_iterator last) {
    return Container::erase(first, last);
  }
};

// Its maps, arrays, strings and their boxes come from the expansion arena while one is open
// (expansion_arena.hpp), from the heap otherwise. Its strings are therefore not std::string:
// read them as string_views (get_ref<const ExpandedJson::string_t&>()).
using ArenaString = std::basic_string<char, std::char_traits<char>, ArenaAllocator<char>>;
using ExpandedJson = nlohmann::basic_json<SortedVectorMap, std::vector, ArenaString, bool,
                                          std::int64_t, std::uint64_t, double, ArenaAllocator>;

}  // namespace credgate::jsonld
