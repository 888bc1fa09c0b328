// The CLI commands as library functions: arguments in, exit code out, streams injected. The
// executable (gateway/cli/main.cpp) only parses the command line.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "gateway/pipeline.hpp"

namespace credgate {

namespace exit_code {
inline constexpr int ok = 0;
inline constexpr int check_failed = 1;  // also: some batch item failed
inline constexpr int usage = 2;
inline constexpr int input = 3;
inline constexpr int internal = 4;
}  // namespace exit_code

struct ConvertArgs {
  ConvertRequest request;
  std::vector<std::string> inputs;
  std::string output;       // -o FILE
  std::string out_dir;      // --out-dir DIR
  std::string loss_report;  // --loss-report FILE
  unsigned jobs = 0;        // 0: all cores
  bool progress = true;     // a progress bar when standard error is a terminal
};

enum class TableStyle { Text, Json, Markdown };
int run_formats(TableStyle style, std::ostream& out);
int run_detect(const std::vector<std::string>& inputs, const InputLimits& limits, std::ostream& out,
               std::ostream& err);
int run_convert(const ConvertArgs& args, std::ostream& out, std::ostream& err);
// The canonical model of each input as JSON (pandoc's `native`).
int run_dump(const std::vector<std::string>& inputs, const ConvertRequest& request, std::ostream& out,
             std::ostream& err);

int exit_code_for(const Diagnostics& diagnostics);
// Warnings and errors as the contract prints them, "credgate: CODE: FILE: message (location)";
// notes (Info) are left to the JSON reports.
void print_diagnostics(std::ostream& err, const std::string& file, const Diagnostics& diagnostics);

}  // namespace credgate
