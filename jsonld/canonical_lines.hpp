// The lines of canonical N-Quads, gathered in one buffer and put in code point order without
// duplicates at the end (RDFC-1.0 step 6, and the ground quads before it). Internal to jsonld/.
//
// Why one buffer: a string per line (292 allocations on the EC's MC sample, one of them a 42 KB
// image literal) cost more than the sort.
//
// Why long literal values are left out of it: the EC samples carry images as base64 literals
// (87 KB of MC's 97 KB of N-Quads). Copied into the buffer and then from it into the result,
// they were copied twice; left out (`leave_out`), they are copied once, from the quads' own
// strings into the result. Only values written as they are (no byte needing an escape) are
// left out: their N-Quads bytes are their own bytes.
//
// The sort works on runs of lines with the same subject: toRdf writes a node's quads one after
// the other, and comparing whole lines went through the shared subject (an IRI of 40-80 bytes)
// again and again, most of a sort's memcmp calls. Lines are sorted within their run by what
// follows the subject, and the runs by their subject. This is the order of a sort of whole
// lines: two different subjects differ before either ends (each is taken up to and with its
// first space, and an IRI or blank node written by append_term() holds none before it: if one
// did, the cut still lies inside the shared text of its own run, and runs whose cut subjects are
// equal are sorted together as whole lines).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "jsonld/rdf_ref.hpp"

namespace credgate::jsonld {

class CanonicalLines {
 public:
  // Values shorter than this are copied into the buffer: for them, a comparison through the
  // left-out value costs more than the copy it saves.
  static constexpr size_t kLeaveOutFrom = 256;

  void reserve(size_t bytes) { text_.reserve(bytes); }

  // One line: `write(text)` appends the line's N-Quads to `text`, and may call leave_out() once,
  // for the object's value. `subject` is the line's subject as the quad holds it (its address
  // tells runs of one subject apart).
  template <typename Write>
  void add(const TermRef& subject, Write write) {
    line_start_ = text_.size();
    hole_ = -1;
    write(text_);
    lines_.push_back({line_start_, text_.size() - line_start_, hole_, subject.value, subject.kind});
  }

  // During add(): `value` belongs at the current end of the text, and is not copied there.
  // It must outlive sorted_unique().
  void leave_out(std::string_view value) {
    hole_ = static_cast<int32_t>(holes_.size());
    holes_.push_back({text_.size() - line_start_, value});
  }

  // The lines in code point order without duplicates, concatenated.
  std::string sorted_unique() const;

 private:
  struct Hole {
    size_t at;               // in its line
    std::string_view value;  // what belongs there
  };
  struct Line {
    size_t offset, length;  // in text_, without the left-out value
    int32_t hole;           // into holes_, or -1
    // The subject as written: a run continues while the next line's subject is the same
    // string (same address, length and kind), so that no bytes are compared to find runs.
    std::string_view subject;
    Term::Kind subject_kind;
  };
  // A line as up to three pieces (the text before the left-out value, the value, the text
  // after it), from `skip` bytes on.
  struct Pieces {
    std::string_view piece[3];
    int count;
  };
  struct View {  // a line, as the sort moves it
    const char* data;
    size_t length;
    int32_t hole;
  };

  Pieces pieces(const View& line, size_t skip) const;
  static int compare(const Pieces& a, const Pieces& b);
  // a < b, both from `skip` bytes on (the fast path: neither has a left-out value).
  bool less(const View& a, const View& b, size_t skip) const {
    if (a.hole < 0 && b.hole < 0)
      return std::string_view(a.data + skip, a.length - skip) <
             std::string_view(b.data + skip, b.length - skip);
    return compare(pieces(a, skip), pieces(b, skip)) < 0;
  }
  bool same(const View& a, const View& b) const {
    if (a.hole < 0 && b.hole < 0)
      return std::string_view(a.data, a.length) == std::string_view(b.data, b.length);
    return compare(pieces(a, 0), pieces(b, 0)) == 0;
  }

  std::string text_;
  std::vector<Line> lines_;
  std::vector<Hole> holes_;
  size_t line_start_ = 0;  // the line being added's
  int32_t hole_ = -1;
};

}  // namespace credgate::jsonld
