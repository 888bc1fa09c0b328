#include "jsonld/json_check.hpp"

#include <simdjson.h>

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <cstring>
#include <vector>

#include "jsonld/escape_scan.hpp"

namespace credgate::jsonld {
namespace {

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Where the first byte of an ill-formed UTF-8 sequence is (RFC 3629: no overlongs, no
// surrogates, nothing above U+10FFFF). Only for the error's offset, once simdjson has said
// the text is not UTF-8.
size_t first_bad_utf8(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    auto b = static_cast<unsigned char>(s[i]);
    if (b < 0x80) {
      ++i;
      continue;
    }
    size_t len = b >= 0xC2 && b <= 0xDF   ? 2
                 : b >= 0xE0 && b <= 0xEF ? 3
                 : b >= 0xF0 && b <= 0xF4 ? 4
                                          : 0;
    if (len == 0 || i + len > s.size()) return i;
    auto b1 = static_cast<unsigned char>(s[i + 1]);
    unsigned char lo = b == 0xE0 ? 0xA0 : b == 0xF0 ? 0x90 : 0x80;
    unsigned char hi = b == 0xED ? 0x9F : b == 0xF4 ? 0x8F : 0xBF;
    if (b1 < lo || b1 > hi) return i;
    for (size_t k = 2; k < len; ++k)
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return i;
    i += len;
  }
  return s.size();
}

// Whether a number token (already matched against RFC 8259's grammar) is too large for a
// double: nlohmann reads it with strtod and refuses a result that is not finite. Its size
// is known from its digits and exponent; only a value near 1e308 is read in full.
bool overflows_double(std::string_view token) {
  size_t i = token[0] == '-' ? 1 : 0;
  size_t point = token.find_first_of(".eE", i);
  std::string_view whole =
      token.substr(i, (point == std::string_view::npos ? token.size() : point) - i);
  long long exponent = 0;
  size_t e = token.find_first_of("eE", i);
  if (e != std::string_view::npos) {
    size_t k = e + 1;
    bool negative = token[k] == '-';
    if (token[k] == '+' || token[k] == '-') ++k;
    for (; k < token.size(); ++k)
      exponent = std::min<long long>(exponent * 10 + (token[k] - '0'), 1'000'000'000);
    if (negative) exponent = -exponent;
  }
  // The value is about 10^magnitude: counted from its first non-zero digit.
  long long magnitude = 0;
  size_t lead = whole.find_first_not_of('0');
  if (lead != std::string_view::npos) {
    magnitude = static_cast<long long>(whole.size() - lead) - 1 + exponent;
  } else {
    size_t frac_begin =
        point != std::string_view::npos && token[point] == '.' ? point + 1 : token.size();
    size_t frac_end = e != std::string_view::npos ? e : token.size();
    std::string_view frac = token.substr(frac_begin, frac_end - frac_begin);
    size_t nonzero = frac.find_first_not_of('0');
    if (nonzero == std::string_view::npos) return false;  // zero
    magnitude = -static_cast<long long>(nonzero) - 1 + exponent;
  }
  if (magnitude < 308) return false;
  if (magnitude > 308) return true;
  double value = 0;
  auto [end, error] = std::from_chars(token.data(), token.data() + token.size(), value);
  (void)end;
  return error == std::errc::result_out_of_range;  // an underflow cannot have magnitude 308
}

// How the value being read goes into the projection (JsonCheckOptions::pick).
enum class Slot : uint8_t { kSkip, kAll, kProjected };

// An open container that takes part in the projection.
struct PickFrame {
  Slot slot;
  const JsonPick* pick;  // kProjected
  size_t start;          // kAll: where the container starts in the text
  uint32_t written = 0;  // kProjected: members or elements written to *picked
};

// A kinds_ entry: kObject or kArray, with kPicked when the container has a PickFrame.
constexpr uint8_t kObject = 1, kArray = 2, kPicked = 4;

// kRead: a projection to pick and/or repeated names to find (the VC-JWT seal's reading).
template <JsonOutput kOut, bool kRead>
class Checker {
 public:
  Checker(std::string_view text, const JsonCheckOptions& options)
      : s_(text.data()),
        n_(text.size()),
        out_(options.out),
        picked_(options.pick ? options.picked : nullptr),
        find_names_(options.find_repeated_names) {
    if (picked_) {
      slot_ = Slot::kProjected;
      slot_pick_ = options.pick;
    }
  }

  JsonCheck run() {
    size_t out_size = out_ ? out_->size() : 0, picked_size = picked_ ? picked_->size() : 0;
    JsonCheck result = check();
    if (!result.ok) {
      if (out_) out_->resize(out_size);
      if (picked_) picked_->resize(picked_size);
    }
    return result;
  }

 private:
  enum class State : uint8_t { kValue, kValueOrEnd, kName, kNameOrEnd, kAfter };

  JsonCheck fail(size_t at) {
    JsonCheck out;
    out.error_offset = at;
    return out;
  }

  JsonCheck check() {
    // nlohmann skips a UTF-8 byte order mark at the start (and refuses a partial one).
    if (n_ > 0 && static_cast<unsigned char>(s_[0]) == 0xEF) {
      if (n_ < 3 || static_cast<unsigned char>(s_[1]) != 0xBB ||
          static_cast<unsigned char>(s_[2]) != 0xBF)
        return fail(0);
      i_ = 3;
      if constexpr (kOut == JsonOutput::kMinified) run_ = 3;  // not part of the value
    }
    if (!simdjson::validate_utf8(s_, n_)) return fail(first_bad_utf8({s_, n_}));
    State state = State::kValue;
    for (;;) {
      skip_blanks();
      if (i_ >= n_) {
        if (state != State::kAfter || !kinds_.empty()) return fail(i_);
        JsonCheck out;
        if constexpr (kOut == JsonOutput::kMinified) out.minified_is_text = run_ == 0;
        if (!out.minified_is_text) flush(n_);
        out.ok = true;
        out.repeated_names = repeated_names_;
        out.pick_unsure = pick_unsure_;
        return out;
      }
      char c = s_[i_];
      // An empty container closes right after it opens.
      if ((state == State::kValueOrEnd && c == ']') || (state == State::kNameOrEnd && c == '}')) {
        close();
        state = State::kAfter;
        continue;
      }
      switch (state) {
        case State::kValueOrEnd:
        case State::kValue:
          if (c == '{' || c == '[') {
            open(c);
            state = c == '{' ? State::kNameOrEnd : State::kValueOrEnd;
            if (c == '[') element_slot();
            continue;
          }
          if (!scalar()) return fail(i_);
          state = State::kAfter;
          continue;
        case State::kNameOrEnd:
        case State::kName:
          if (c != '"' || !name()) return fail(i_);
          skip_blanks();
          if (i_ >= n_ || s_[i_] != ':') return fail(i_);
          ++i_;
          state = State::kValue;
          continue;
        case State::kAfter: {
          if (kinds_.empty()) return fail(i_);  // something after the value
          bool object = (kinds_.back() & kObject) != 0;
          if (c == ',') {
            ++i_;
            state = object ? State::kName : State::kValue;
            if (!object) element_slot();
            continue;
          }
          if (c != (object ? '}' : ']')) return fail(i_);
          close();
          continue;
        }
      }
    }
  }

  // --- output -----------------------------------------------------------------------------

  // kStringContents: text[run_, k) goes out as it is, then s_[k] escaped.
  void escape_at(size_t k) {
    if constexpr (kOut == JsonOutput::kStringContents) {
      copy(run_, k);
      char e = s_[k] == '\n' ? 'n' : s_[k] == '\r' ? 'r' : s_[k] == '\t' ? 't' : s_[k];
      w_[0] = '\\';
      w_[1] = e;
      w_ += 2;
      run_ = k + 1;
    }
  }
  // kMinified: text[run_, from) goes out, text[from, to) does not.
  void drop(size_t from, size_t to) {
    if constexpr (kOut == JsonOutput::kMinified) {
      copy(run_, from);
      run_ = to;
    }
  }
  void flush(size_t end) {
    if constexpr (kOut != JsonOutput::kNone) {
      copy(run_, end);
      flush_staged();
    }
  }

  // The output goes through a staging buffer: a JSON text has an escape or a blank every few
  // bytes, and a std::string::append per piece cost more than the check itself. Long pieces
  // (the images) are appended whole. Leaves room for one escape (2 bytes) after the piece.
  void copy(size_t from, size_t to) {
    size_t len = to - from;
    // Most pieces are a few bytes (`":`, a short name): one 16-byte move, without a call,
    // copying past the piece when the text has 16 bytes there; the staging buffer keeps room
    // for that and an escape behind its limit.
    if (len <= 16 && from + 16 <= n_ && w_ < w_limit_) [[likely]] {
      std::memcpy(w_, s_ + from, 16);
      w_ += len;
      return;
    }
    copy_some(from, len);
  }
  void copy_some(size_t from, size_t len) {
    if (len >= kLongPiece) {
      flush_staged();
      out_->append(s_ + from, len);
      return;
    }
    if (w_ + len > w_limit_) flush_staged();
    std::memcpy(w_, s_ + from, len);
    w_ += len;
  }
  void flush_staged() {
    out_->append(staged_, static_cast<size_t>(w_ - staged_));
    w_ = staged_;
  }

  void skip_blanks() {
    bool blank_or_end = i_ >= n_ || static_cast<unsigned char>(s_[i_]) <= ' ';
    if (!blank_or_end) [[likely]]
      return;  // a compact text has no blanks at all
    skip_some_blanks();
  }
  void skip_some_blanks() {
    size_t from = i_;
    while (i_ < n_) {
      char c = s_[i_];
      if (c == ' ') {
        ++i_;
      } else if (c == '\n' || c == '\r' || c == '\t') {
        escape_at(i_);
        ++i_;
      } else {
        break;
      }
    }
    if (i_ != from) drop(from, i_);
  }

  // --- values -----------------------------------------------------------------------------

  // A string from its opening quote; `escaped` is set when it holds an escape.
  bool string(bool* escaped = nullptr) {
    escape_at(i_);
    ++i_;
    for (;;) {
      i_ = next_to_escape<false>({s_, n_}, i_);
      if (i_ >= n_) return false;
      char c = s_[i_];
      if (c == '"') {
        escape_at(i_);
        ++i_;
        return true;
      }
      if (c != '\\') return false;  // a control character
      if (escaped) *escaped = true;
      escape_at(i_);
      if (i_ + 1 >= n_) return false;
      switch (s_[i_ + 1]) {
        case '"':
        case '\\':
          escape_at(i_ + 1);
          i_ += 2;
          break;
        case '/':
        case 'b':
        case 'f':
        case 'n':
        case 'r':
        case 't':
          i_ += 2;
          break;
        case 'u': {
          int unit = hex4(i_ + 2);
          if (unit < 0) return false;
          i_ += 6;
          // As nlohmann: a high surrogate needs a low one next, and a low one alone is refused.
          if (unit >= 0xD800 && unit <= 0xDBFF) {
            if (i_ + 1 >= n_ || s_[i_] != '\\' || s_[i_ + 1] != 'u') return false;
            escape_at(i_);
            int low = hex4(i_ + 2);
            if (low < 0xDC00 || low > 0xDFFF) return false;
            i_ += 6;
          } else if (unit >= 0xDC00 && unit <= 0xDFFF) {
            return false;
          }
          break;
        }
        default:
          ++i_;
          return false;
      }
    }
  }

  int hex4(size_t at) {
    if (at + 4 > n_) return -1;
    int v = 0;
    for (size_t k = at; k < at + 4; ++k) {
      int h = hex_value(s_[k]);
      if (h < 0) return -1;
      v = v * 16 + h;
    }
    return v;
  }

  bool number() {
    size_t start = i_;
    if (s_[i_] == '-') ++i_;
    if (i_ >= n_) return false;
    if (s_[i_] == '0') {
      ++i_;
    } else if (s_[i_] >= '1' && s_[i_] <= '9') {
      while (i_ < n_ && is_digit(s_[i_])) ++i_;
    } else {
      return false;
    }
    bool exponent = false;
    if (i_ < n_ && s_[i_] == '.') {
      ++i_;
      if (i_ >= n_ || !is_digit(s_[i_])) return false;
      while (i_ < n_ && is_digit(s_[i_])) ++i_;
    }
    if (i_ < n_ && (s_[i_] == 'e' || s_[i_] == 'E')) {
      exponent = true;
      ++i_;
      if (i_ < n_ && (s_[i_] == '+' || s_[i_] == '-')) ++i_;
      if (i_ >= n_ || !is_digit(s_[i_])) return false;
      while (i_ < n_ && is_digit(s_[i_])) ++i_;
    }
    // Without an exponent, 300 characters cannot reach 1e308.
    if ((exponent || i_ - start > 300) && overflows_double({s_ + start, i_ - start})) {
      i_ = start;
      return false;
    }
    return true;
  }

  bool literal(std::string_view word) {
    if (n_ - i_ < word.size() || std::string_view(s_ + i_, word.size()) != word) return false;
    i_ += word.size();
    return true;
  }

  bool scalar() {
    size_t start = i_;
    char c = s_[i_];
    bool ok = c == '"'                  ? string()
              : c == 't'                ? literal("true")
              : c == 'f'                ? literal("false")
              : c == 'n'                ? literal("null")
              : c == '-' || is_digit(c) ? number()
                                        : false;
    if constexpr (kRead)
      if (ok && slot_ != Slot::kSkip) picked_->append(s_ + start, i_ - start);
    return ok;
  }

  // --- containers -------------------------------------------------------------------------

  void open(char bracket) {
    uint8_t entry = bracket == '{' ? kObject : kArray;
    if constexpr (kRead) {
      if (slot_ != Slot::kSkip) {
        entry |= kPicked;
        frames_.push_back({slot_, slot_pick_, i_});
        if (slot_ == Slot::kProjected) *picked_ += bracket;
      }
      slot_ = Slot::kSkip;  // until a member or element says otherwise
      if (find_names_ && entry & kObject) scopes_.push_back({names_.size(), 0});
    }
    kinds_.push_back(entry);
    ++i_;
  }

  void close() {
    uint8_t entry = kinds_.back();
    kinds_.pop_back();
    if constexpr (kRead) {
      bool object = (entry & kObject) != 0;
      if (find_names_ && object) check_names();
      if (entry & kPicked) {
        PickFrame frame = frames_.back();
        frames_.pop_back();
        if (frame.slot == Slot::kAll)
          picked_->append(s_ + frame.start, i_ + 1 - frame.start);
        else
          *picked_ += object ? '}' : ']';
      }
    }
    ++i_;
  }

  // The projection of the next element of the array just opened or continued.
  void element_slot() {
    if constexpr (kRead) {
      slot_ = Slot::kSkip;
      if (!(kinds_.back() & kPicked)) return;
      PickFrame& frame = frames_.back();
      if (frame.slot != Slot::kProjected || (frame.pick->first_only && frame.written > 0)) return;
      if (frame.written++ > 0) *picked_ += ',';
      slot_ = Slot::kProjected;
      slot_pick_ = frame.pick;
    }
  }

  // A member name from its opening quote: remembered for check_names, matched against the
  // projection.
  bool name() {
    if constexpr (!kRead) {
      return string();
    } else {
      size_t start = i_;
      bool escaped = false;
      if (!string(&escaped)) return false;
      std::string_view text(s_ + start + 1, i_ - start - 2);
      if (find_names_ && !repeated_names_) {
        if (escaped) repeated_names_ = true;  // "\u0061" and "a" are one name
        remember_name(text);
      }
      slot_ = Slot::kSkip;
      if (!(kinds_.back() & kPicked)) return true;
      PickFrame& frame = frames_.back();
      if (frame.slot != Slot::kProjected) return true;
      if (escaped) {
        pick_unsure_ = true;
        return true;
      }
      for (const JsonPickMember& member : frame.pick->members) {
        if (member.name != text) continue;
        if (frame.written++ > 0) *picked_ += ',';
        picked_->append(s_ + start, i_ - start);
        *picked_ += ':';
        slot_ = member.inner ? Slot::kProjected : Slot::kAll;
        slot_pick_ = member.inner;
        break;
      }
      return true;
    }
  }

  // A name of the innermost object: compared with the object's earlier names only when they
  // share its bit (length, first and last byte): most objects have a few names, all different.
  // Past kPairwise names, the object is sorted at its end instead (no quadratic worst case).
  void remember_name(std::string_view name) {
    NameScope& scope = scopes_.back();
    size_t count = names_.size() - scope.mark;
    if (count < kPairwise) {
      unsigned char first = name.empty() ? 0 : name.front(), last = name.empty() ? 0 : name.back();
      uint64_t bit = uint64_t{1} << ((name.size() + 7u * first + 13u * last) & 63);
      if ((scope.seen & bit) && seen_before(scope.mark, name)) repeated_names_ = true;
      scope.seen |= bit;
    }
    names_.push_back(name);
  }

  // Out of line and given the name by value: a name whose address is taken for std::find is
  // kept on the stack for every name, and push_back then reads it back as one 16-byte load
  // from two 8-byte stores, which the CPU cannot forward (1.2 us per CertOfPart seal).
  [[gnu::noinline]] bool seen_before(size_t mark, std::string_view name) const {
    for (size_t k = mark; k < names_.size(); ++k)
      if (names_[k] == name) return true;
    return false;
  }

  // At an object's end: a large one is sorted to find a repeated name.
  void check_names() {
    size_t mark = scopes_.back().mark;
    scopes_.pop_back();
    if (!repeated_names_ && names_.size() - mark > kPairwise) {
      auto begin = names_.begin() + static_cast<std::ptrdiff_t>(mark);
      std::sort(begin, names_.end());
      repeated_names_ = std::adjacent_find(begin, names_.end()) != names_.end();
    }
    names_.resize(mark);
  }

  const char* s_;
  size_t n_;
  size_t i_ = 0;
  std::string* out_;
  size_t run_ = 0;  // the output has text[0, run_) in it (escaped, or without blanks)
  // A piece of kLongPiece bytes or more goes to out_ directly. The staging buffer is filled
  // up to w_limit_; past it there is room for the longest write (a piece of kLongPiece - 1
  // bytes and an escape, or 16 bytes).
  static constexpr size_t kLongPiece = 256, kStaged = 4096;
  char staged_[kOut == JsonOutput::kNone ? 1 : kStaged + kLongPiece + 2];
  char* w_ = staged_;
  char* const w_limit_ = staged_ + (kOut == JsonOutput::kNone ? 0 : kStaged);
  std::vector<uint8_t> kinds_;  // the open containers, innermost last
  // Projection (kRead).
  std::string* picked_;
  Slot slot_ = Slot::kSkip;  // of the value about to be read
  const JsonPick* slot_pick_ = nullptr;
  std::vector<PickFrame> frames_;
  bool pick_unsure_ = false;
  // Repeated names (kRead): the names of the open objects, each object's from its mark.
  struct NameScope {
    size_t mark;    // the object's first name in names_
    uint64_t seen;  // the bits of its names so far
  };
  static constexpr size_t kPairwise = 64;
  bool find_names_;
  std::vector<std::string_view> names_;  // of the open objects, innermost last
  std::vector<NameScope> scopes_;
  bool repeated_names_ = false;
};

template <JsonOutput kOut>
JsonCheck check_as(std::string_view text, const JsonCheckOptions& options) {
  if ((options.pick && options.picked) || options.find_repeated_names)
    return Checker<kOut, true>(text, options).run();
  return Checker<kOut, false>(text, options).run();
}

}  // namespace

JsonCheck check_json_text(std::string_view text, const JsonCheckOptions& options) {
  switch (options.out ? options.output : JsonOutput::kNone) {
    case JsonOutput::kStringContents:
      return check_as<JsonOutput::kStringContents>(text, options);
    case JsonOutput::kMinified:
      return check_as<JsonOutput::kMinified>(text, options);
    case JsonOutput::kNone:
      break;
  }
  return check_as<JsonOutput::kNone>(text, options);
}

}  // namespace credgate::jsonld
