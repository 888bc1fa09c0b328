// A format is one row of the registry: identity, capabilities as data, and the functions
// that detect, read and write it (GDAL drivers, pandoc readers/writers). A format without a
// reader or writer yet still detects, and says so in its capabilities.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "mappers/model/credential.hpp"
#include "mappers/model/diagnostic.hpp"
#include "mappers/model/loss.hpp"
#include "mappers/sniff.hpp"

namespace credgate {

enum class Confidence { No, Maybe, Yes };

struct Detection {
  Confidence confidence = Confidence::No;
  std::string version;
};

struct ReadOptions {
  std::string default_language = "en";  // language of plain strings (OB) in ELM maps
};

struct ReadResult {
  std::vector<model::Credential> credentials;
  Diagnostics diagnostics;
  bool ok() const { return !has_error(diagnostics); }
};

struct WriteOptions {
  // Empty: the writer's default (the source's own contexts for a same-format normalisation,
  // else OB 3.0.3 on VC 2.0).
  std::string ob3_context;  // OB 3.0 context version: 3.0.0 .. 3.0.3
  std::string vc_version;   // "2.0" or "1.1" for the VC data model
  // Language of text the writer composes (ELM maps) or picks from a map (OB); "" = "en".
  std::string language;
  // edci-xml: "" writes a europassCredential; "shared" or "mandated" a vp:verifiablePresentation
  // of that EDCI 1.0 presentation schema around it.
  std::string edci_presentation;
};

struct OutputDocument {
  std::string text;
  std::string label;  // distinguishes several documents from one input (achievement id, ...)
};

struct WriteResult {
  std::vector<OutputDocument> documents;
  model::LossReport losses;
  Diagnostics diagnostics;
  bool ok() const { return !has_error(diagnostics); }
};

struct Capabilities {
  bool detect = true;
  bool read = false;
  bool write = false;
  bool lossless_same_format = false;  // model -> format -> model keeps everything
  std::vector<std::string> envelopes;  // envelopes detect() recognises around this format
  std::string output_multiplicity;     // "one" or e.g. "one credential per achievement"
  std::string planned;                 // where read/write is not there yet: which issue
};

struct Format {
  std::string id;
  std::string name;
  std::vector<std::string> versions;
  std::vector<std::string> media_types;
  Capabilities capabilities;
  std::function<Detection(const Sniff&)> detect;
  std::function<ReadResult(const Sniff&, const ReadOptions&)> read;
  std::function<WriteResult(const model::Credential&, const WriteOptions&)> write;
};

}  // namespace credgate
