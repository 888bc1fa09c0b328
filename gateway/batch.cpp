#include "gateway/batch.hpp"

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <mutex>
#include <thread>

namespace credgate {

namespace fs = std::filesystem;

std::vector<std::string> expand_inputs(const std::vector<std::string>& args) {
  std::vector<std::string> out;
  for (const auto& a : args) {
    if (a == "-") {
      out.push_back(a);
      continue;
    }
    std::error_code ec;
    if (fs::is_directory(a, ec)) {
      std::vector<std::string> files;
      for (const auto& entry : fs::directory_iterator(a, ec)) {
        std::string name = entry.path().filename().string();
        if (entry.is_regular_file() && !name.empty() && name[0] != '.') files.push_back(entry.path().string());
      }
      std::sort(files.begin(), files.end());
      out.insert(out.end(), files.begin(), files.end());
      continue;
    }
    out.push_back(a);
  }
  return out;
}

void run_parallel(size_t count, unsigned jobs, const std::function<void(size_t)>& task,
                  const std::function<void(size_t, size_t)>& progress) {
  if (jobs == 0) jobs = std::max(1u, std::thread::hardware_concurrency());
  jobs = static_cast<unsigned>(std::min<size_t>(jobs, std::max<size_t>(count, 1)));
  std::atomic<size_t> next{0};
  std::atomic<size_t> done{0};
  std::mutex progress_mutex;
  auto worker = [&] {
    for (size_t i = next++; i < count; i = next++) {
      task(i);
      size_t d = ++done;
      if (progress) {
        std::lock_guard lock(progress_mutex);
        progress(d, count);
      }
    }
  };
  if (jobs <= 1) {
    worker();
    return;
  }
  std::vector<std::thread> threads;
  for (unsigned j = 0; j < jobs; ++j) threads.emplace_back(worker);
  for (auto& t : threads) t.join();
}

bool read_input(const std::string& path, size_t max_bytes, std::string& bytes, Diagnostics& errors) {
  auto too_large = [&] {
    errors.push_back(make_error("input.too-large", "io",
                                path + " is over the input limit of " + std::to_string(max_bytes) +
                                    " bytes (--max-input-size)"));
    return false;
  };
  if (path == "-") {
    bytes.clear();
    char buffer[65536];
    while (std::cin.read(buffer, sizeof buffer) || std::cin.gcount() > 0) {
      bytes.append(buffer, static_cast<size_t>(std::cin.gcount()));
      if (bytes.size() > max_bytes) return too_large();
    }
    return true;
  }
  std::error_code ec;
  if (!fs::is_regular_file(path, ec)) {
    errors.push_back(make_error("io.read", "io", "cannot read " + path + ": no such file"));
    return false;
  }
  auto size = fs::file_size(path, ec);
  if (ec) {
    errors.push_back(make_error("io.read", "io", "cannot read " + path + ": " + ec.message()));
    return false;
  }
  if (size > max_bytes) return too_large();
  std::ifstream in(path, std::ios::binary);
  bytes.resize(size);
  if (!in.read(bytes.data(), static_cast<std::streamsize>(size))) {
    errors.push_back(make_error("io.read", "io", "cannot read " + path));
    return false;
  }
  return true;
}

bool write_file_atomic(const std::string& path, std::string_view bytes, Diagnostics& errors) {
  fs::path target(path);
  fs::path tmp = target;
  tmp += ".credgate-tmp-" + std::to_string(::getpid()) + "-" +
         std::to_string(std::hash<std::thread::id>{}(std::this_thread::get_id()));
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out || !out.write(bytes.data(), static_cast<std::streamsize>(bytes.size())) || !out.flush()) {
      std::error_code ignored;
      fs::remove(tmp, ignored);
      errors.push_back(make_error("io.write", "io", "cannot write " + path));
      return false;
    }
  }
  std::error_code ec;
  fs::rename(tmp, target, ec);
  if (ec) {
    fs::remove(tmp, ec);
    errors.push_back(make_error("io.write", "io", "cannot write " + path + ": " + ec.message()));
    return false;
  }
  return true;
}

}  // namespace credgate
