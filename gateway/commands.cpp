#include "gateway/commands.hpp"

#include <unistd.h>

#include <filesystem>
#include <map>
#include <mutex>

#include "gateway/batch.hpp"

namespace credgate {

namespace fs = std::filesystem;
using json = nlohmann::json;

int exit_code_for(const Diagnostics& diagnostics) {
  int code = exit_code::ok;
  for (const auto& d : diagnostics) {
    if (d.severity != Severity::Error) continue;
    switch (d.category()) {
      case ErrorCategory::Usage:
        return exit_code::usage;
      case ErrorCategory::Internal:
        return exit_code::internal;
      case ErrorCategory::Check:
        code = std::max(code, exit_code::check_failed);
        break;
      case ErrorCategory::Input:
        code = exit_code::input;
        break;
    }
  }
  return code;
}

static void print_diagnostics(std::ostream& err, const std::string& file, const Diagnostics& diagnostics) {
  for (const auto& d : diagnostics) {
    if (d.severity == Severity::Info) continue;  // notes are for the JSON reports, not stderr
    Diagnostic shown = d;
    if (!file.empty() && shown.message.find(file) == std::string::npos) shown.message = file + ": " + shown.message;
    err << "credgate: " << (d.severity == Severity::Error ? "" : std::string(severity_name(d.severity)) + ": ")
        << shown.to_line() << "\n";
  }
}

int run_formats(bool as_json, std::ostream& out) {
  json table = formats_json();
  if (as_json) {
    out << table.dump(2) << "\n";
    return exit_code::ok;
  }
  out << "id        read write detect envelopes                       name\n";
  for (const auto& row : table) {
    std::string envelopes;
    for (const auto& e : row["envelopes"]) envelopes += (envelopes.empty() ? "" : ",") + e.get<std::string>();
    char line[512];
    std::snprintf(line, sizeof line, "%-9s %-4s %-5s %-6s %-31s %s\n", row["id"].get<std::string>().c_str(),
                  row["read"].get<bool>() ? "yes" : "no", row["write"].get<bool>() ? "yes" : "no",
                  row["detect"].get<bool>() ? "yes" : "no", envelopes.c_str(),
                  row["name"].get<std::string>().c_str());
    out << line;
  }
  return exit_code::ok;
}

int run_detect(const std::vector<std::string>& args, const InputLimits& limits, std::ostream& out,
               std::ostream& err) {
  Diagnostics errors;
  auto inputs = expand_inputs(args, errors);
  int worst = exit_code::ok;
  bool unrecognised = false;
  for (const auto& path : inputs) {
    std::string bytes;
    Diagnostics diagnostics;
    DetectOutcome d;
    if (read_input(path, limits.max_bytes, bytes, diagnostics)) {
      d = detect_bytes(bytes, limits);
      diagnostics = d.diagnostics;
    }
    json line = {{"file", path},
                 {"format", d.format ? json(d.format->id) : json(nullptr)},
                 {"version", d.format ? json(d.version) : json(nullptr)},
                 {"envelope", d.envelope.empty() ? json(nullptr) : json(d.envelope)}};
    if (d.format && d.confidence == Confidence::Maybe) line["confidence"] = "maybe";
    out << line.dump() << "\n";
    print_diagnostics(err, path, diagnostics);
    if (has_error(diagnostics)) worst = std::max(worst, exit_code_for(diagnostics));
    else if (!d.format) unrecognised = true;
  }
  if (inputs.size() > 1 && (worst != exit_code::ok || unrecognised)) return exit_code::check_failed;
  if (worst != exit_code::ok) return worst;
  return unrecognised ? exit_code::check_failed : exit_code::ok;
}

static std::string extension_for(const std::string& format) {
  if (format == "edc") return ".jsonld";
  if (format == "edci-xml" || format == "elmo") return ".xml";
  if (format == "csv") return ".csv";
  return ".json";
}

static std::string stem_of(const std::string& path) {
  if (path == "-") return "stdin";
  return fs::path(path).stem().string();
}

// Output paths for one input's documents: FILE, or DIR/STEM.EXT; several documents get -N.
static std::vector<std::string> output_paths(const ConvertArgs& args, const std::string& input, size_t count) {
  std::vector<std::string> out;
  fs::path base;
  std::string ext;
  if (!args.output.empty()) {
    base = fs::path(args.output);
    ext = base.extension().string();
    base.replace_extension();
  } else {
    base = fs::path(args.out_dir) / stem_of(input);
    ext = extension_for(args.request.target);
  }
  for (size_t i = 0; i < count; ++i) {
    if (count == 1)
      out.push_back(base.string() + ext);
    else
      out.push_back(base.string() + "-" + std::to_string(i + 1) + ext);
  }
  return out;
}

int run_convert(const ConvertArgs& args, std::ostream& out, std::ostream& err) {
  Diagnostics usage;
  auto inputs = expand_inputs(args.inputs, usage);
  if (inputs.empty()) {
    err << "credgate: usage.no-input: no input files\n";
    return exit_code::usage;
  }
  if (!args.output.empty() && !args.out_dir.empty()) {
    err << "credgate: usage.output: -o and --out-dir exclude each other\n";
    return exit_code::usage;
  }
  if (inputs.size() > 1 && args.out_dir.empty()) {
    err << "credgate: usage.output: several inputs need --out-dir DIR\n";
    return exit_code::usage;
  }
  if (!args.out_dir.empty()) {
    std::error_code ec;
    fs::create_directories(args.out_dir, ec);
    if (ec) {
      err << "credgate: io.write: cannot create " << args.out_dir << ": " << ec.message() << "\n";
      return exit_code::input;
    }
  }

  struct Item {
    ConvertOutcome outcome;
    std::vector<std::string> written;
  };
  std::vector<Item> items(inputs.size());
  std::mutex claim_mutex;
  std::map<std::string, size_t> claimed;  // output path -> input index (collisions fail)
  bool show_progress = args.progress && inputs.size() > 1 && ::isatty(STDERR_FILENO);

  auto task = [&](size_t i) {
    Item& item = items[i];
    std::string bytes;
    if (!read_input(inputs[i], args.request.limits.max_bytes, bytes, item.outcome.diagnostics)) return;
    try {
      item.outcome = convert_bytes(bytes, args.request);
    } catch (const std::exception& e) {  // a bug, not bad input: report, never crash the batch
      item.outcome.documents.clear();
      item.outcome.diagnostics.push_back(make_error("internal.exception", "convert", e.what()));
    }
    if (!item.outcome.ok()) return;
    if (args.output.empty() && args.out_dir.empty()) return;  // standard output, in order, below
    auto paths = output_paths(args, inputs[i], item.outcome.documents.size());
    {
      std::lock_guard lock(claim_mutex);
      for (const auto& p : paths) {
        auto [it, fresh] = claimed.emplace(p, i);
        if (!fresh) {
          item.outcome.diagnostics.push_back(make_error(
              "io.collision", "io", "output " + p + " is also the output of " + inputs[it->second]));
          return;
        }
      }
    }
    for (size_t d = 0; d < paths.size(); ++d) {
      if (!write_file_atomic(paths[d], item.outcome.documents[d].text + "\n", item.outcome.diagnostics)) {
        for (const auto& done : item.written) std::filesystem::remove(done);  // all or nothing
        item.written.clear();
        return;
      }
      item.written.push_back(paths[d]);
    }
  };
  auto progress = [&](size_t done, size_t count) {
    if (!show_progress) return;
    int width = 30;
    int filled = static_cast<int>(width * done / count);
    err << "\r[" << std::string(filled, '#') << std::string(width - filled, ' ') << "] " << done << "/" << count
        << std::flush;
    if (done == count) err << "\r" << std::string(width + 24, ' ') << "\r" << std::flush;
  };
  run_parallel(inputs.size(), args.jobs, task, progress);

  size_t failed = 0, losses = 0, documents = 0;
  json report = json::array();
  int single_code = exit_code::ok;
  for (size_t i = 0; i < items.size(); ++i) {
    const auto& o = items[i].outcome;
    print_diagnostics(err, inputs[i], o.diagnostics);
    if (!o.ok() || has_error(o.diagnostics)) {
      ++failed;
      single_code = exit_code_for(o.diagnostics);
      continue;
    }
    documents += o.documents.size();
    if (args.output.empty() && args.out_dir.empty())
      for (const auto& d : o.documents) out << d.text << "\n";
    for (const auto& l : o.losses) {
      json entry = model::to_json_entry(l);
      entry["file"] = inputs[i];
      report.push_back(std::move(entry));
    }
    losses += o.losses.size();
  }
  // A single input that failed leaves no file behind, not even an empty loss report.
  if (!args.loss_report.empty() && !(inputs.size() == 1 && failed == 1)) {
    Diagnostics io;
    if (!write_file_atomic(args.loss_report, report.dump(2) + "\n", io)) {
      print_diagnostics(err, "", io);
      return exit_code::input;
    }
  }
  if (inputs.size() > 1 || show_progress)
    err << "credgate: converted " << (inputs.size() - failed) << " of " << inputs.size() << " inputs to "
        << args.request.target << " (" << documents << " documents, " << failed << " failed, " << losses
        << " losses reported)\n";
  if (failed == 0) return exit_code::ok;
  if (inputs.size() == 1) return single_code == exit_code::ok ? exit_code::check_failed : single_code;
  return exit_code::check_failed;
}

int run_dump(const std::vector<std::string>& args, const ConvertRequest& request, std::ostream& out,
             std::ostream& err) {
  Diagnostics usage;
  auto inputs = expand_inputs(args, usage);
  int code = exit_code::ok;
  for (const auto& path : inputs) {
    std::string bytes;
    Diagnostics diagnostics;
    if (read_input(path, request.limits.max_bytes, bytes, diagnostics)) {
      ReadResult r = read_bytes(bytes, request);
      diagnostics = r.diagnostics;
      for (const auto& c : r.credentials) out << model::dump(c).dump(2) << "\n";
    }
    print_diagnostics(err, path, diagnostics);
    if (has_error(diagnostics)) code = inputs.size() > 1 ? exit_code::check_failed : exit_code_for(diagnostics);
  }
  return code;
}

}  // namespace credgate
