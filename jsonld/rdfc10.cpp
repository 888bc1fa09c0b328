// RDFC-1.0, following the Recommendation's algorithm sections (4.4 to 4.9) step by step; the
// step numbers in comments are the Recommendation's.
#include "jsonld/rdfc10.hpp"

#include <openssl/evp.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <stdexcept>
#include <unordered_map>
#include <unordered_set>

#include "jsonld/canonical_lines.hpp"
#include "jsonld/nquads.hpp"

namespace credgate::jsonld {
namespace {

// Thrown inside the recursion only, caught at the API edge and turned into a diagnostic.
struct WorkLimit : std::runtime_error {
  std::string code;
  WorkLimit(std::string c, const std::string& message)
      : std::runtime_error(message), code(std::move(c)) {}
};

// 4.3 Identifier issuer: issues prefix0, prefix1, ... and remembers the order. Existing
// labels are views of the input quads' strings, which outlive the canonicalization (issuers
// are copied for every permutation the n-degree hashing tries).
class Issuer {
 public:
  explicit Issuer(const char* prefix) : prefix_(prefix) {}

  const std::string& issue(std::string_view existing) {
    auto it = map_.find(existing);
    if (it != map_.end()) return it->second;
    std::string id = prefix_ + std::to_string(order_.size());
    order_.emplace_back(existing, id);
    return map_.emplace(existing, std::move(id)).first->second;
  }
  const std::string* find(std::string_view existing) const {
    auto it = map_.find(existing);
    return it == map_.end() ? nullptr : &it->second;
  }
  const std::vector<std::pair<std::string_view, std::string>>& order() const { return order_; }

 private:
  const char* prefix_;
  std::unordered_map<std::string_view, std::string> map_;
  std::vector<std::pair<std::string_view, std::string>> order_;
};

class Canonicalizer {
 public:
  Canonicalizer(const DatasetRef& input, const CanonicalizeOptions& options)
      : input_(input), options_(options), canonical_("c14n") {
    quads_.reserve(input.size());  // no reallocation: quads_of_ keeps pointers
    if (options.deadline) deadline_ = std::chrono::steady_clock::now() + *options.deadline;
  }

  Canonicalized run() {
    Canonicalized out;
    // A dataset is a set: a quad given twice counts once (and would skew the hashes). Ground
    // quads are deduplicated with the final sort instead: hashing their lines (which hold the
    // long literals) only to find duplicates cost more than the sort. Their lines are final
    // already and go into one buffer (canonical_lines.hpp), not a string each.
    std::unordered_set<std::string> seen;
    CanonicalLines lines;
    lines.reserve(serialized_size_estimate());
    for (const auto& q : input_) {
      bool ground = !q.subject.is_blank() && !q.object.is_blank() && !q.graph.is_blank();
      if (ground) {
        add_line(lines, q, [](std::string_view v) { return v; });  // no blank node to label
      } else {
        std::string line;
        append_nquad(line, q);
        if (seen.insert(std::move(line)).second) quads_.push_back(q);
      }
    }
    // 4.4.3 step 2: blank node to quads.
    for (const auto& q : quads_)
      for (const TermRef* t : {&q.subject, &q.object, &q.graph})
        if (t->is_blank()) {
          auto& list = quads_of_[t->value];
          if (list.empty() || list.back() != &q) list.push_back(&q);
        }
    // Step 3: first-degree hashes.
    std::map<std::string, std::vector<std::string_view>> by_hash;  // ordered by hash (code points)
    std::vector<std::string_view> nodes;
    for (const auto& [node, quads] : quads_of_) nodes.push_back(node);
    std::sort(nodes.begin(), nodes.end());  // deterministic order within a hash
    for (const auto& node : nodes) by_hash[first_degree(node)].push_back(node);
    // Step 4: unique hashes get their canonical identifier at once, in hash order.
    size_t non_unique = 0;
    for (auto it = by_hash.begin(); it != by_hash.end();) {
      if (it->second.size() == 1) {
        canonical_.issue(it->second.front());
        it = by_hash.erase(it);
      } else {
        non_unique += it->second.size();
        ++it;
      }
    }
    double limit =
        std::pow(static_cast<double>(std::max<size_t>(non_unique, 1)), options_.work_factor);
    max_calls_per_node_ = limit > 1e9 ? 1000000000ULL : static_cast<unsigned long long>(limit);
    try {
      // Step 5: the rest, through n-degree hashing.
      for (const auto& [hash, list] : by_hash) {
        std::vector<std::pair<std::string, Issuer>> paths;
        for (const auto& node : list) {
          if (canonical_.find(node)) continue;
          Issuer temporary("b");
          temporary.issue(node);
          auto result = n_degree(node, temporary);
          paths.emplace_back(std::move(result.first), std::move(result.second));
        }
        std::stable_sort(paths.begin(), paths.end(),
                         [](const auto& a, const auto& b) { return a.first < b.first; });
        for (const auto& [path_hash, issuer] : paths)
          for (const auto& [existing, temp] : issuer.order()) canonical_.issue(existing);
      }
    } catch (const WorkLimit& e) {
      out.diagnostics.push_back(make_error(e.code, "canonicalize", e.what()));
      return out;
    }
    // Step 6: relabel, serialize, sort, drop duplicates.
    for (const auto& q : quads_)
      add_line(lines, q,
               [&](std::string_view v) -> std::string_view { return *canonical_.find(v); });
    out.nquads = lines.sorted_unique();
    out.issued.reserve(canonical_.order().size());
    for (const auto& [existing, issued] : canonical_.order())
      out.issued.emplace_back(existing, issued);
    return out;
  }

 private:
  std::string hash(std::string_view data) const { return hash_hex(options_.hash, data); }

  // Enough for the lines (values, datatypes and separators), so that the buffer is not
  // reallocated and copied as it grows. Long literal values are mostly left out of it.
  size_t serialized_size_estimate() const {
    size_t total = 0;
    for (const auto& q : input_)
      for (const TermRef* t : {&q.subject, &q.predicate, &q.object, &q.graph}) {
        const bool long_literal =
            t->kind == Term::Kind::Literal && t->value.size() >= CanonicalLines::kLeaveOutFrom;
        total += (long_literal ? 0 : t->value.size()) + t->datatype.size() + t->language.size() + 8;
      }
    return total + total / 16;  // escapes
  }

  // A quad's line, blank nodes shown through `label`. A long literal value that is written as
  // it is stays out of the buffer (canonical_lines.hpp).
  template <typename Label>
  static void add_line(CanonicalLines& lines, const QuadRef& q, Label label) {
    lines.add(q.subject, [&](std::string& out) {
      const TermRef& object = q.object;
      if (object.kind == Term::Kind::Literal &&
          object.value.size() >= CanonicalLines::kLeaveOutFrom &&
          literal_written_as_is(object.value)) {
        write_quad(out, q, label, [&] {
          out += '"';
          lines.leave_out(object.value);
          append_literal_end(out, object);
        });
      } else {
        write_quad(out, q, label, [&] { write_term(out, object, label); });
      }
    });
  }

  // A term as N-Quads, blank nodes shown through `label`.
  template <typename Label>
  static void write_term(std::string& out, const TermRef& t, Label label) {
    if (t.is_blank()) {
      out += "_:";
      out += label(t.value);
    } else {
      append_term(out, t);
    }
  }
  // A quad as N-Quads with blank nodes shown through `label`, its object by `object()`.
  template <typename Label, typename Object>
  static void write_quad(std::string& out, const QuadRef& q, Label label, Object object) {
    write_term(out, q.subject, label);
    out += ' ';
    append_term(out, q.predicate);
    out += ' ';
    object();
    if (q.graph.kind != Term::Kind::DefaultGraph) {
      out += ' ';
      write_term(out, q.graph, label);
    }
    out += " .\n";
  }
  template <typename Label>
  static void serialize_with(std::string& out, const QuadRef& q, Label label) {
    write_quad(out, q, label, [&] { write_term(out, q.object, label); });
  }

  // 4.6 Hash First Degree Quads (cached: 4.7 asks for it again and again).
  const std::string& first_degree(std::string_view node) {
    auto cached = first_degree_.find(node);
    if (cached != first_degree_.end()) return cached->second;
    std::vector<std::string> lines;
    for (const QuadRef* q : quads_of_[node])
      serialize_with(lines.emplace_back(), *q,
                     [&](std::string_view v) { return std::string_view(v == node ? "a" : "z"); });
    std::sort(lines.begin(), lines.end());
    std::string joined;
    for (const auto& l : lines) joined += l;
    return first_degree_.emplace(node, hash(joined)).first->second;
  }

  // 4.7 Hash Related Blank Node.
  std::string related_hash(std::string_view related, const QuadRef& q, const Issuer& issuer,
                           char position) {
    std::string input(1, position);
    if (position != 'g') {
      input += '<';
      input += q.predicate.value;
      input += '>';
    }
    if (const std::string* c = canonical_.find(related))
      input += "_:" + *c;
    else if (const std::string* t = issuer.find(related))
      input += "_:" + *t;
    else
      input += first_degree(related);
    return hash(input);
  }

  void check_budget(std::string_view node) {
    if (++calls_[node] > max_calls_per_node_)
      throw WorkLimit("rdfc.work-limit",
                      "canonicalization work limit exceeded: blank node _:" + std::string(node) +
                          " entered n-degree hashing more than " +
                          std::to_string(max_calls_per_node_) + " times (a poison graph?)");
    if (deadline_ && std::chrono::steady_clock::now() > *deadline_)
      throw WorkLimit("rdfc.deadline", "canonicalization deadline exceeded");
  }

  // 4.8 Hash N-Degree Quads.
  std::pair<std::string, Issuer> n_degree(std::string_view node, Issuer issuer) {
    check_budget(node);
    // Steps 1-3: related blank nodes grouped by their related hash.
    std::map<std::string, std::vector<std::string_view>> related;
    for (const QuadRef* q : quads_of_[node]) {
      const std::pair<const TermRef*, char> parts[] = {
          {&q->subject, 's'}, {&q->object, 'o'}, {&q->graph, 'g'}};
      for (const auto& [t, position] : parts)
        if (t->is_blank() && t->value != node)
          related[related_hash(t->value, *q, issuer, position)].push_back(t->value);
    }
    // Step 5.
    std::string data;
    for (auto& [related_hash_value, nodes] : related) {
      data += related_hash_value;
      std::string chosen_path;
      std::optional<Issuer> chosen_issuer;
      std::sort(nodes.begin(), nodes.end());
      do {  // step 5.4: every permutation
        Issuer copy = issuer;
        std::string path;
        std::vector<std::string_view> recursion;
        bool skip = false;
        for (const auto& r : nodes) {
          if (const std::string* c = canonical_.find(r)) {
            path += "_:" + *c;
          } else {
            if (!copy.find(r)) recursion.push_back(r);
            path += "_:" + copy.issue(r);
          }
          if (!chosen_path.empty() && path.size() >= chosen_path.size() && path > chosen_path) {
            skip = true;
            break;
          }
        }
        if (skip) continue;
        for (const auto& r : recursion) {
          auto result = n_degree(r, copy);
          path += "_:" + copy.issue(r);
          path += "<" + result.first + ">";
          copy = std::move(result.second);
          if (!chosen_path.empty() && path.size() >= chosen_path.size() && path > chosen_path) {
            skip = true;
            break;
          }
        }
        if (skip) continue;
        if (chosen_path.empty() || path < chosen_path) {
          chosen_path = std::move(path);
          chosen_issuer = std::move(copy);
        }
      } while (std::next_permutation(nodes.begin(), nodes.end()));
      data += chosen_path;
      if (chosen_issuer) issuer = std::move(*chosen_issuer);
    }
    return {hash(data), std::move(issuer)};
  }

  const DatasetRef& input_;
  DatasetRef
      quads_;  // input_'s quads with blank nodes, without duplicates; quads_of_ points into it
  const CanonicalizeOptions& options_;
  Issuer canonical_;
  // Keyed by blank node labels: views of the input's strings.
  std::unordered_map<std::string_view, std::vector<const QuadRef*>> quads_of_;
  std::unordered_map<std::string_view, std::string> first_degree_;
  std::unordered_map<std::string_view, unsigned long long> calls_;
  unsigned long long max_calls_per_node_ = 1;
  std::optional<std::chrono::steady_clock::time_point> deadline_;
};

}  // namespace

std::string hash_hex(HashAlgorithm algorithm, std::string_view data) {
  // One digest context per thread, reused: EVP_Digest() allocates, initializes and frees one
  // for every call, and RDFC-1.0 hashes many short strings per blank node.
  struct Context {
    EVP_MD_CTX* ctx = EVP_MD_CTX_new();
    ~Context() { EVP_MD_CTX_free(ctx); }
  };
  thread_local Context context;
  const EVP_MD* md = algorithm == HashAlgorithm::Sha384 ? EVP_sha384() : EVP_sha256();
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if (context.ctx == nullptr || EVP_DigestInit_ex(context.ctx, md, nullptr) != 1 ||
      EVP_DigestUpdate(context.ctx, data.data(), data.size()) != 1 ||
      EVP_DigestFinal_ex(context.ctx, digest, &length) != 1)
    EVP_Digest(data.data(), data.size(), digest, &length, md, nullptr);  // as before the reuse
  static const char* hex = "0123456789abcdef";
  std::string out(length * 2, '0');
  for (unsigned i = 0; i < length; ++i) {
    out[2 * i] = hex[digest[i] >> 4];
    out[2 * i + 1] = hex[digest[i] & 15];
  }
  return out;
}

Canonicalized canonicalize(const Dataset& input, const CanonicalizeOptions& options) {
  DatasetRef refs;
  refs.reserve(input.size());
  for (const Quad& q : input) refs.push_back(ref_of(q));
  return canonicalize_refs(refs, options);
}

Canonicalized canonicalize_refs(const DatasetRef& input, const CanonicalizeOptions& options) {
  return Canonicalizer(input, options).run();
}

}  // namespace credgate::jsonld
