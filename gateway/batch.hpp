// Many inputs: expansion of arguments into input files, and a parallel runner that gives one
// result per input, in input order, whatever fails.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "mappers/model/diagnostic.hpp"

namespace credgate {

// Files stay as given; a directory contributes its regular files (sorted, not recursive,
// hidden files skipped); "-" is standard input. A missing file stays in the list: reading it
// fails as that input's own result.
std::vector<std::string> expand_inputs(const std::vector<std::string>& args);

// Runs task(i) for i in [0, count) on `jobs` threads (0: all cores). `progress(done, count)`
// is called from the worker threads, serialised.
void run_parallel(size_t count, unsigned jobs, const std::function<void(size_t)>& task,
                  const std::function<void(size_t, size_t)>& progress = {});

// Reads a file (or standard input for "-") up to `max_bytes`; larger is an input.too-large error.
bool read_input(const std::string& path, size_t max_bytes, std::string& bytes, Diagnostics& errors);

// Writes a file so that readers never see a partial one: a temporary file beside it, renamed.
bool write_file_atomic(const std::string& path, std::string_view bytes, Diagnostics& errors);

}  // namespace credgate
