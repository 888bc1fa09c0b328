#include "jsonld/nquads.hpp"

#include <bit>
#include <cstdint>
#include <cstdio>
#include <cstring>

#include "jsonld/escape_scan.hpp"
#include "jsonld/rdf_ref.hpp"

namespace credgate::jsonld {
namespace {

void append_utf8(std::string& out, uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

class Parser {
 public:
  Parser(std::string_view text, ParsedNQuads& out) : text_(text), out_(out) {}

  void run() {
    while (pos_ < text_.size()) {
      line_start_ = pos_;
      if (!statement()) skip_line();  // the error is recorded; go on to find the others
      ++line_;
    }
  }

 private:
  bool fail(const std::string& message) {
    Diagnostic d = make_error("nquads.syntax", "parse", message);
    d.line = line_;
    d.column = static_cast<int>(pos_ - line_start_) + 1;
    out_.diagnostics.push_back(std::move(d));
    return false;
  }

  void skip_line() {
    while (pos_ < text_.size() && text_[pos_] != '\n') ++pos_;
    if (pos_ < text_.size()) ++pos_;
  }

  void skip_ws() {
    while (pos_ < text_.size() && (text_[pos_] == ' ' || text_[pos_] == '\t')) ++pos_;
  }

  bool at_end_of_line() {
    skip_ws();
    if (pos_ < text_.size() && text_[pos_] == '#')
      while (pos_ < text_.size() && text_[pos_] != '\n' && text_[pos_] != '\r') ++pos_;
    if (pos_ >= text_.size()) return true;
    if (text_[pos_] == '\r') ++pos_;
    if (pos_ < text_.size() && text_[pos_] == '\n') {
      ++pos_;
      return true;
    }
    return pos_ >= text_.size();
  }

  bool statement() {
    skip_ws();
    if (at_end_of_line()) return true;  // blank line or comment
    Quad q;
    if (!subject(q.subject)) return false;
    skip_ws();
    if (!iri(q.predicate)) return false;
    skip_ws();
    if (!object(q.object)) return false;
    skip_ws();
    if (pos_ < text_.size() && (text_[pos_] == '<' || text_[pos_] == '_')) {
      if (!subject(q.graph)) return false;
      skip_ws();
    }
    if (pos_ >= text_.size() || text_[pos_] != '.')
      return fail("expected '.' at the end of the statement");
    ++pos_;
    if (!at_end_of_line()) return fail("unexpected text after '.'");
    out_.quads.push_back(std::move(q));
    return true;
  }

  bool subject(Term& t) {
    if (pos_ < text_.size() && text_[pos_] == '_') return blank_node(t);
    return iri(t);
  }

  bool object(Term& t) {
    if (pos_ < text_.size() && text_[pos_] == '"') return literal_term(t);
    return subject(t);
  }

  bool hex(size_t digits, uint32_t& cp) {
    if (pos_ + digits > text_.size()) return fail("truncated \\u escape");
    cp = 0;
    for (size_t i = 0; i < digits; ++i) {
      char c = text_[pos_ + i];
      cp <<= 4;
      if (c >= '0' && c <= '9')
        cp |= static_cast<uint32_t>(c - '0');
      else if (c >= 'a' && c <= 'f')
        cp |= static_cast<uint32_t>(c - 'a' + 10);
      else if (c >= 'A' && c <= 'F')
        cp |= static_cast<uint32_t>(c - 'A' + 10);
      else
        return fail("bad hexadecimal digit in \\u escape");
    }
    pos_ += digits;
    if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
      return fail("\\u escape is not a Unicode scalar value");
    return true;
  }

  // \uXXXX or \UXXXXXXXX, the backslash already read and the letter at pos_.
  bool uchar(std::string& out) {
    char kind = text_[pos_++];
    uint32_t cp = 0;
    if (!hex(kind == 'u' ? 4 : 8, cp)) return false;
    append_utf8(out, cp);
    return true;
  }

  bool iri(Term& t) {
    if (pos_ >= text_.size() || text_[pos_] != '<') return fail("expected an IRI '<...>'");
    ++pos_;
    std::string value;
    while (true) {
      if (pos_ >= text_.size() || text_[pos_] == '\n') return fail("unterminated IRI");
      char c = text_[pos_];
      if (c == '>') break;
      if (c == '\\') {
        ++pos_;
        if (pos_ >= text_.size() || (text_[pos_] != 'u' && text_[pos_] != 'U'))
          return fail("only \\u and \\U escapes are allowed in IRIs");
        if (!uchar(value)) return false;
        continue;
      }
      if (static_cast<unsigned char>(c) <= 0x20 || c == '<' || c == '"' || c == '{' || c == '}' ||
          c == '|' || c == '^' || c == '`')
        return fail(std::string("character not allowed in an IRI: '") + c + "'");
      value += c;
      ++pos_;
    }
    ++pos_;
    if (value.find(':') == std::string::npos)
      return fail("relative IRI <" + value + "> (N-Quads needs absolute IRIs)");
    t = jsonld::iri(std::move(value));
    return true;
  }

  bool blank_node(Term& t) {
    if (text_.substr(pos_, 2) != "_:") return fail("expected a blank node '_:label'");
    pos_ += 2;
    size_t start = pos_;
    while (pos_ < text_.size()) {
      char c = text_[pos_];
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '<' || c == '"') break;
      ++pos_;
    }
    while (pos_ > start && text_[pos_ - 1] == '.') --pos_;  // a label cannot end with '.'
    if (pos_ == start) return fail("empty blank node label");
    t = blank(std::string(text_.substr(start, pos_ - start)));
    return true;
  }

  bool literal_term(Term& t) {
    ++pos_;  // opening quote
    std::string value;
    while (true) {
      if (pos_ >= text_.size() || text_[pos_] == '\n' || text_[pos_] == '\r')
        return fail("unterminated string");
      char c = text_[pos_];
      if (c == '"') break;
      if (c == '\\') {
        ++pos_;
        if (pos_ >= text_.size()) return fail("unterminated escape");
        char e = text_[pos_];
        switch (e) {
          case 't':
            value += '\t';
            break;
          case 'b':
            value += '\b';
            break;
          case 'n':
            value += '\n';
            break;
          case 'r':
            value += '\r';
            break;
          case 'f':
            value += '\f';
            break;
          case '"':
            value += '"';
            break;
          case '\'':
            value += '\'';
            break;
          case '\\':
            value += '\\';
            break;
          case 'u':
          case 'U':
            if (!uchar(value)) return false;
            continue;
          default:
            return fail(std::string("unknown escape \\") + e);
        }
        ++pos_;
        continue;
      }
      value += c;
      ++pos_;
    }
    ++pos_;  // closing quote
    if (pos_ < text_.size() && text_[pos_] == '@') {
      ++pos_;
      size_t start = pos_;
      while (pos_ < text_.size() &&
             (std::isalnum(static_cast<unsigned char>(text_[pos_])) || text_[pos_] == '-'))
        ++pos_;
      if (pos_ == start) return fail("empty language tag");
      t = literal(std::move(value), kRdfLangString, std::string(text_.substr(start, pos_ - start)));
      return true;
    }
    if (text_.substr(pos_, 2) == "^^") {
      pos_ += 2;
      Term dt;
      if (!iri(dt)) return false;
      t = literal(std::move(value), dt.value);
      return true;
    }
    t = literal(std::move(value));
    return true;
  }

  std::string_view text_;
  ParsedNQuads& out_;
  size_t pos_ = 0;
  size_t line_start_ = 0;
  int line_ = 1;
};

// N-Quads escapes DEL as well (ECHAR / UCHAR): jsonld/escape_scan.hpp.
size_t next_to_escape(std::string_view value, size_t i) {
  return jsonld::next_to_escape<true>(value, i);
}

// Copies runs of plain characters at once; only the few characters that need an escape are
// handled one by one.
void escape_literal(std::string& out, std::string_view value) {
  size_t run = 0;
  for (size_t i = next_to_escape(value, 0); i < value.size(); i = next_to_escape(value, i + 1)) {
    unsigned char c = static_cast<unsigned char>(value[i]);
    out.append(value.substr(run, i - run));
    run = i + 1;
    switch (c) {
      case '\b':
        out += "\\b";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\f':
        out += "\\f";
        break;
      case '\r':
        out += "\\r";
        break;
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      default: {
        char buf[8];
        std::snprintf(buf, sizeof buf, "\\u%04X", c);
        out += buf;
      }
    }
  }
  out.append(value.substr(run));
}

}  // namespace

ParsedNQuads parse_nquads(std::string_view text) {
  ParsedNQuads out;
  Parser(text, out).run();
  return out;
}

void append_term(std::string& out, const TermRef& t) {
  switch (t.kind) {
    case Term::Kind::Iri:
      out += '<';
      out += t.value;
      out += '>';
      return;
    case Term::Kind::BlankNode:
      out += "_:";
      out += t.value;
      return;
    case Term::Kind::Literal:
      out += '"';
      escape_literal(out, t.value);
      append_literal_end(out, t);
      return;
    case Term::Kind::DefaultGraph:
      return;
  }
}

void append_literal_end(std::string& out, const TermRef& t) {
  out += '"';
  if (!t.language.empty()) {
    out += '@';
    out += t.language;
  } else if (!t.datatype.empty() && t.datatype != kXsdString) {
    out += "^^<";
    out += t.datatype;
    out += '>';
  }
}

bool literal_written_as_is(std::string_view value) {
  return next_to_escape(value, 0) == value.size();
}

void append_term(std::string& out, const Term& t) {
  append_term(out, ref_of(t));
}

std::string term_to_nquads(const Term& t) {
  std::string out;
  append_term(out, t);
  return out;
}

void append_nquad(std::string& out, const QuadRef& q) {
  append_term(out, q.subject);
  out += ' ';
  append_term(out, q.predicate);
  out += ' ';
  append_term(out, q.object);
  if (q.graph.kind != Term::Kind::DefaultGraph) {
    out += ' ';
    append_term(out, q.graph);
  }
  out += " .\n";
}

void append_nquad(std::string& out, const Quad& q) {
  append_nquad(out, ref_of(q));
}

std::string to_nquad(const Quad& q) {
  std::string out;
  out.reserve(q.subject.value.size() + q.predicate.value.size() + q.object.value.size() + 16);
  append_nquad(out, q);
  return out;
}

}  // namespace credgate::jsonld
