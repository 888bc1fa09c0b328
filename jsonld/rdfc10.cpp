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
    // already and go into one buffer (`Lines`), not a string each.
    std::unordered_set<std::string> seen;
    Lines lines;
    lines.text.reserve(serialized_size_estimate());
    for (const auto& q : input_) {
      bool ground = !q.subject.is_blank() && !q.object.is_blank() && !q.graph.is_blank();
      if (ground) {
        lines.add(q.subject, [&](std::string& text) { append_nquad(text, q); });
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
      lines.add(q.subject, [&](std::string& text) {
        serialize_with(text, q,
                       [&](std::string_view v) -> std::string_view { return *canonical_.find(v); });
      });
    out.nquads = lines.sorted_unique();
    out.issued.reserve(canonical_.order().size());
    for (const auto& [existing, issued] : canonical_.order())
      out.issued.emplace_back(existing, issued);
    return out;
  }

 private:
  std::string hash(std::string_view data) const { return hash_hex(options_.hash, data); }

  // Lines of N-Quads in one buffer, sorted by reference at the end: a string per line (292
  // allocations on the MC sample, one of them a 42 KB image literal) cost more than the sort.
  //
  // The sort works on runs of lines with the same subject: toRdf writes a node's quads one
  // after the other, and comparing whole lines went through the shared subject (an IRI of
  // 40-80 bytes) again and again, most of a sort's memcmp calls. Lines are sorted within
  // their run by what follows the subject, and the runs by their subject. This is the order of
  // a sort of whole lines: two different subjects differ before either ends (each is taken
  // up to and with its first space, and an IRI or blank node written by append_term() holds
  // none before it: if one did, the cut still lies inside the shared text of its own run, and
  // runs whose cut subjects are equal are sorted together as whole lines).
  struct Lines {
    struct Span {
      size_t offset, length;
      // The subject as written: a run continues while the next line's subject is the same
      // string (same address, length and kind), so that no bytes are compared to find runs.
      std::string_view subject;
      Term::Kind subject_kind;
    };
    std::string text;
    std::vector<Span> spans;

    template <typename Write>
    void add(const TermRef& subject, Write write) {
      size_t start = text.size();
      write(text);
      spans.push_back({start, text.size() - start, subject.value, subject.kind});
    }

    // The lines in code point order without duplicates, concatenated.
    std::string sorted_unique() const {
      struct Run {
        size_t begin, end;         // in `views`
        std::string_view subject;  // the shared prefix, up to and with the first space
      };
      std::vector<std::string_view> views;
      std::vector<Run> runs;
      views.reserve(spans.size());
      for (size_t i = 0; i < spans.size(); ++i) {
        const Span& s = spans[i];
        std::string_view line(text.data() + s.offset, s.length);
        views.push_back(line);
        const Span* previous = i > 0 ? &spans[i - 1] : nullptr;
        const bool same = previous != nullptr && s.subject.data() == previous->subject.data() &&
                          s.subject.size() == previous->subject.size() &&
                          s.subject_kind == previous->subject_kind;
        if (same) {
          runs.back().end = i + 1;
        } else {
          size_t space = line.find(' ');
          runs.push_back(
              {i, i + 1,
               line.substr(0, space == std::string_view::npos ? line.size() : space + 1)});
        }
      }
      for (const Run& r : runs) {
        const size_t skip = r.subject.size();
        std::sort(views.begin() + r.begin, views.begin() + r.end,
                  [skip](std::string_view a, std::string_view b) {
                    return a.substr(skip) < b.substr(skip);
                  });
      }
      // Stable: runs of one subject keep their order, and are merged below.
      std::stable_sort(runs.begin(), runs.end(),
                       [](const Run& a, const Run& b) { return a.subject < b.subject; });
      size_t total = 0;
      for (std::string_view v : views) total += v.size();
      std::string out;
      out.reserve(total);
      std::string_view last;  // no line is empty (each ends with " .\n")
      auto emit = [&](std::string_view line) {
        if (line == last) return;  // a quad given twice counts once
        out += line;
        last = line;
      };
      std::vector<std::string_view> merged;
      for (size_t r = 0; r < runs.size();) {
        size_t next = r + 1;
        while (next < runs.size() && runs[next].subject == runs[r].subject) ++next;
        if (next == r + 1) {
          for (size_t i = runs[r].begin; i < runs[r].end; ++i) emit(views[i]);
        } else {  // one subject in several runs (met again later, or in another graph)
          merged.clear();
          for (size_t k = r; k < next; ++k)
            merged.insert(merged.end(), views.begin() + runs[k].begin, views.begin() + runs[k].end);
          std::sort(merged.begin(), merged.end());
          for (std::string_view line : merged) emit(line);
        }
        r = next;
      }
      return out;
    }
  };

  // Enough for the ground quads' lines (values, datatypes and separators), so that the
  // buffer holding the image literals is not reallocated and copied as it grows.
  size_t serialized_size_estimate() const {
    size_t total = 0;
    for (const auto& q : input_)
      for (const TermRef* t : {&q.subject, &q.predicate, &q.object, &q.graph})
        total += t->value.size() + t->datatype.size() + t->language.size() + 8;
    return total + total / 16;  // escapes
  }

  // A quad as N-Quads with blank nodes shown through `label`.
  template <typename Label>
  static void serialize_with(std::string& out, const QuadRef& q, Label label) {
    auto term = [&](const TermRef& t) {
      if (t.is_blank()) {
        out += "_:";
        out += label(t.value);
      } else {
        append_term(out, t);
      }
    };
    term(q.subject);
    out += ' ';
    append_term(out, q.predicate);
    out += ' ';
    term(q.object);
    if (q.graph.kind != Term::Kind::DefaultGraph) {
      out += ' ';
      term(q.graph);
    }
    out += " .\n";
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
