#include "jsonld/canonical_lines.hpp"

#include <algorithm>
#include <cstring>

namespace credgate::jsonld {

CanonicalLines::Pieces CanonicalLines::pieces(const View& line, size_t skip) const {
  const std::string_view text(line.data, line.length);
  if (line.hole < 0) return {{text.substr(skip)}, 1};
  // The value is the object's: it lies after the subject, which is all `skip` ever covers.
  const Hole& hole = holes_[line.hole];
  return {{text.substr(skip, hole.at - skip), hole.value, text.substr(hole.at)}, 3};
}

// As a comparison of the concatenated pieces (byte-wise, as std::string_view compares).
int CanonicalLines::compare(const Pieces& a, const Pieces& b) {
  int i = 0, j = 0;
  std::string_view x = a.piece[0], y = b.piece[0];
  while (true) {
    while (x.empty() && ++i < a.count) x = a.piece[i];
    while (y.empty() && ++j < b.count) y = b.piece[j];
    if (x.empty() || y.empty()) return x.empty() ? (y.empty() ? 0 : -1) : 1;
    const size_t n = std::min(x.size(), y.size());
    if (int c = std::memcmp(x.data(), y.data(), n); c != 0) return c;
    x.remove_prefix(n);
    y.remove_prefix(n);
  }
}

std::string CanonicalLines::sorted_unique() const {
  struct Run {
    size_t begin, end;         // in `views`
    std::string_view subject;  // the shared prefix, up to and with the first space
  };
  std::vector<View> views;
  std::vector<Run> runs;
  views.reserve(lines_.size());
  size_t total = 0;
  for (size_t i = 0; i < lines_.size(); ++i) {
    const Line& s = lines_[i];
    const std::string_view line(text_.data() + s.offset, s.length);
    views.push_back({line.data(), line.size(), s.hole});
    total += s.length + (s.hole < 0 ? 0 : holes_[s.hole].value.size());
    const Line* previous = i > 0 ? &lines_[i - 1] : nullptr;
    const bool same_subject = previous != nullptr && s.subject.data() == previous->subject.data() &&
                              s.subject.size() == previous->subject.size() &&
                              s.subject_kind == previous->subject_kind;
    if (same_subject) {
      runs.back().end = i + 1;
    } else {
      const size_t space = line.find(' ');
      runs.push_back(
          {i, i + 1, line.substr(0, space == std::string_view::npos ? line.size() : space + 1)});
    }
  }
  for (const Run& r : runs) {
    const size_t skip = r.subject.size();
    std::sort(views.begin() + r.begin, views.begin() + r.end,
              [this, skip](const View& a, const View& b) { return less(a, b, skip); });
  }
  // Stable: runs of one subject keep their order, and are merged below.
  std::stable_sort(runs.begin(), runs.end(),
                   [](const Run& a, const Run& b) { return a.subject < b.subject; });
  std::string out;
  out.reserve(total);
  View last{nullptr, 0, -1};  // no line is empty (each ends with " .\n")
  auto emit = [&](const View& line) {
    if (last.data != nullptr && same(line, last)) return;  // a quad given twice counts once
    last = line;
    if (line.hole < 0) {
      out.append(line.data, line.length);
      return;
    }
    const Pieces p = pieces(line, 0);
    for (int k = 0; k < p.count; ++k) out += p.piece[k];
  };
  std::vector<View> merged;
  for (size_t r = 0; r < runs.size();) {
    size_t next = r + 1;
    while (next < runs.size() && runs[next].subject == runs[r].subject) ++next;
    if (next == r + 1) {
      for (size_t i = runs[r].begin; i < runs[r].end; ++i) emit(views[i]);
    } else {  // one subject in several runs (met again later, or in another graph)
      merged.clear();
      for (size_t k = r; k < next; ++k)
        merged.insert(merged.end(), views.begin() + runs[k].begin, views.begin() + runs[k].end);
      std::sort(merged.begin(), merged.end(),
                [this](const View& a, const View& b) { return less(a, b, 0); });
      for (const View& line : merged) emit(line);
    }
    r = next;
  }
  return out;
}

}  // namespace credgate::jsonld
