// credgate_bench: conversions per second of the EC's EDC samples, single thread and all cores,
// beside the "floor" (nlohmann/json parse + dump of the same bytes), so that the cost of the
// mapping itself is visible independently of the machine. See bench/README.md.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <latch>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "bench/bench_support.hpp"
#include "gateway/cli/allocator.hpp"
#include "gateway/pipeline.hpp"

namespace {

using Clock = std::chrono::steady_clock;

struct Options {
  std::vector<std::string> files;
  double seconds = 1.0;          // measuring time per row and mode, split over the rounds
  std::uint64_t iterations = 0;  // when > 0, a fixed count per round replaces the time budget
  unsigned rounds = 5;           // best round is kept: outside load only ever slows a round
  unsigned threads = 0;          // 0 = hardware_concurrency()
  bool json = false;
};

// One row of the table: an input and what to do with it.
struct Case {
  std::string name;       // file name, plus "#n" for the n-th OB3 document of a file
  std::string direction;  // "edc->ob3", "edc->edc", "ob3->edc"
  std::string input;
  std::string target;
};

struct Measure {
  std::uint64_t ops = 0;
  double seconds = 0;
  double per_second() const { return seconds > 0 ? ops / seconds : 0; }
  double mean_us() const { return ops ? seconds * 1e6 / ops : 0; }
};

// Every result's size ends up here and in the printed checksum, so the optimizer cannot
// drop a conversion or a dump as dead code.
std::atomic<std::uint64_t> g_checksum{0};

std::size_t convert_once(const std::string& input, const credgate::ConvertRequest& request) {
  credgate::ConvertOutcome o = credgate::convert_bytes(input, request);
  std::size_t n = 0;
  for (const auto& d : o.documents) n += d.text.size();
  return n;
}

// The writers emit dump(2), so the floor does too: same work shape, comparable output size.
std::size_t floor_once(const std::string& input) {
  return nlohmann::json::parse(input).dump(2).size();
}

// Runs `work` until the time budget (or fixed count) is spent. Checking the clock every call is
// cheap next to a conversion (tens of µs and up), so no batching is needed.
template <typename Work>
Measure run_for(const Options& opt, Work&& work) {
  Measure m;
  std::uint64_t sink = 0;
  const auto start = Clock::now();
  const auto budget = std::chrono::duration<double>(opt.seconds / opt.rounds);
  for (;;) {
    sink += work();
    ++m.ops;
    if (opt.iterations ? m.ops >= opt.iterations : Clock::now() - start >= budget) break;
  }
  m.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  g_checksum.fetch_add(sink, std::memory_order_relaxed);
  return m;
}

// The same loop on every thread at once; throughput is total ops over the wall time from the
// first thread's start to the last one's end. Each thread reads the clock itself, so a late
// scheduling of the main thread cannot shrink the window.
template <typename Work>
Measure run_parallel(const Options& opt, unsigned threads, Work work) {
  struct Span {
    Measure m;
    Clock::time_point start, end;
  };
  std::vector<Span> each(threads);
  std::latch ready(threads);
  std::vector<std::thread> pool;
  for (unsigned t = 0; t < threads; ++t) {
    pool.emplace_back([&, t] {
      ready.arrive_and_wait();
      each[t].start = Clock::now();
      each[t].m = run_for(opt, work);
      each[t].end = Clock::now();
    });
  }
  for (auto& th : pool) th.join();
  Measure m;
  auto start = each[0].start, end = each[0].end;
  for (const auto& e : each) {
    m.ops += e.m.ops;
    start = std::min(start, e.start);
    end = std::max(end, e.end);
  }
  m.seconds = std::chrono::duration<double>(end - start).count();
  return m;
}

Measure faster(const Measure& a, const Measure& b) {
  return a.ops == 0 || b.per_second() > a.per_second() ? b : a;
}

// Converts once up front: checks the input really converts (a failing conversion would be
// timed as a fast no-op) and returns the outputs, which feed the reverse direction.
std::vector<credgate::OutputDocument> convert_checked(const Case& c) {
  credgate::ConvertRequest req;
  req.target = c.target;
  credgate::ConvertOutcome o = credgate::convert_bytes(c.input, req);
  if (!o.ok()) {
    std::cerr << "credgate_bench: " << c.name << " " << c.direction << " does not convert:\n";
    for (const auto& d : o.diagnostics) std::cerr << "  " << d.code << ": " << d.message << "\n";
    std::exit(1);
  }
  return std::move(o.documents);
}

void usage() {
  std::cerr << "usage: credgate_bench [--seconds S] [--rounds R] [--iterations N] [--threads T] "
               "[--json] [FILE.jsonld ...]\n"
               "  --seconds S     time per row and mode, split over R rounds (default 1)\n"
               "  --rounds R      rounds per measurement; the fastest is reported (default 5)\n"
               "  --iterations N  fixed count per round instead of a time budget\n"
               "  --threads T     threads for the all-core column (default: all cores)\n"
               "  default files: the EC samples Sample-MC-Annex1-unsigned.jsonld and\n"
               "  Sample-CertOfPart-unsigned.jsonld in tests/data/edc/\n";
}

Options parse_args(int argc, char** argv) {
  Options opt;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) {
        usage();
        std::exit(2);
      }
      return argv[++i];
    };
    if (a == "--seconds") {
      opt.seconds = std::stod(value());
    } else if (a == "--rounds") {
      opt.rounds = std::max(1, std::stoi(value()));
    } else if (a == "--iterations") {
      opt.iterations = std::stoull(value());
    } else if (a == "--threads") {
      opt.threads = static_cast<unsigned>(std::stoul(value()));
    } else if (a == "--json") {
      opt.json = true;
    } else if (a == "-h" || a == "--help") {
      usage();
      std::exit(0);
    } else if (!a.empty() && a[0] == '-') {
      usage();
      std::exit(2);
    } else {
      opt.files.push_back(a);
    }
  }
  if (opt.files.empty()) {
    const std::string dir = std::string(CREDGATE_SOURCE_DIR) + "/tests/data/edc/";
    opt.files = {dir + "Sample-MC-Annex1-unsigned.jsonld",
                 dir + "Sample-CertOfPart-unsigned.jsonld"};
  }
  if (opt.threads == 0) opt.threads = std::max(1u, std::thread::hardware_concurrency());
  return opt;
}

}  // namespace

int main(int argc, char** argv) {
  Options opt;
  try {
    opt = parse_args(argc, argv);
  } catch (const std::exception&) {  // std::stod and friends on a malformed number
    usage();
    return 2;
  }

  std::vector<Case> cases;
  for (const auto& path : opt.files) {
    const std::string name = std::filesystem::path(path).filename().string();
    const std::string bytes = credgate::bench::read_file(path);
    Case to_ob3{name, "edc->ob3", bytes, "ob3"};
    std::vector<credgate::OutputDocument> ob3 = convert_checked(to_ob3);
    cases.push_back(std::move(to_ob3));
    cases.push_back({name, "edc->edc", bytes, "edc"});
    // One EDC may yield several OB3 documents (one per achievement); each is its own input.
    for (std::size_t i = 0; i < ob3.size(); ++i) {
      std::string n = ob3.size() == 1 ? name : name + "#" + std::to_string(i + 1);
      cases.push_back({n, "ob3->edc", std::move(ob3[i].text), "edc"});
    }
  }

  // ordered_json keeps the keys in the order written, which reads better than sorted.
  nlohmann::ordered_json rows = nlohmann::ordered_json::array();
  if (!opt.json) {
    credgate::bench::print_allocator();
    if (opt.iterations) {
      std::printf("credgate_bench: best of %u rounds of %llu iterations, %u threads for all-core\n",
                  opt.rounds, static_cast<unsigned long long>(opt.iterations), opt.threads);
    } else {
      std::printf("credgate_bench: best of %u rounds of %.2f s, %u threads for all-core\n",
                  opt.rounds, opt.seconds / opt.rounds, opt.threads);
    }
    std::printf("%-40s %-9s %8s %8s %10s %10s %12s %10s %10s %6s\n", "input", "direction", "in KiB",
                "out KiB", "conv/s", "us/conv", "conv/s(all)", "floor/s", "us/floor", "ratio");
  }
  for (const auto& c : cases) {
    credgate::ConvertRequest req;
    req.target = c.target;
    convert_checked(c);  // validity check, doubles as warm-up of caches and allocator
    const std::size_t out_size = convert_once(c.input, req);
    Options warm = opt;
    warm.iterations = 0;
    warm.rounds = 1;
    warm.seconds = std::min(0.2, opt.seconds / 5);
    run_for(warm, [&] { return convert_once(c.input, req); });
    run_for(warm, [&] { return floor_once(c.input); });

    // Conversion and floor rounds alternate, so both see the same machine conditions.
    Measure single, all, floor;
    for (unsigned r = 0; r < opt.rounds; ++r) {
      single = faster(single, run_for(opt, [&] { return convert_once(c.input, req); }));
      floor = faster(floor, run_for(opt, [&] { return floor_once(c.input); }));
      all = faster(all, run_parallel(opt, opt.threads, [&] { return convert_once(c.input, req); }));
    }
    const double ratio = floor.mean_us() > 0 ? single.mean_us() / floor.mean_us() : 0;

    if (opt.json) {
      rows.push_back({{"input", c.name},
                      {"direction", c.direction},
                      {"input_bytes", c.input.size()},
                      {"output_bytes", out_size},
                      {"single_thread",
                       {{"conversions", single.ops},
                        {"seconds", single.seconds},
                        {"per_second", single.per_second()},
                        {"mean_us", single.mean_us()}}},
                      {"all_cores",
                       {{"threads", opt.threads},
                        {"conversions", all.ops},
                        {"seconds", all.seconds},
                        {"per_second", all.per_second()}}},
                      {"floor",
                       {{"iterations", floor.ops},
                        {"seconds", floor.seconds},
                        {"per_second", floor.per_second()},
                        {"mean_us", floor.mean_us()}}},
                      {"ratio", ratio}});
    } else {
      std::printf("%-40s %-9s %8.1f %8.1f %10.0f %10.1f %12.0f %10.0f %10.1f %5.2fx\n",
                  c.name.c_str(), c.direction.c_str(), c.input.size() / 1024.0, out_size / 1024.0,
                  single.per_second(), single.mean_us(), all.per_second(), floor.per_second(),
                  floor.mean_us(), ratio);
      std::fflush(stdout);
    }
  }

  const std::uint64_t checksum = g_checksum.load();
  if (opt.json) {
    nlohmann::ordered_json out = {{"allocator", credgate::allocator::name()},
                                  {"seconds", opt.seconds},
                                  {"iterations", opt.iterations},
                                  {"rounds", opt.rounds},
                                  {"threads", opt.threads},
                                  {"rows", rows},
                                  {"checksum", checksum}};
    std::cout << out.dump(2) << "\n";
  } else {
    std::printf(
        "ratio = single-thread us/conv / us/floor (floor = nlohmann::json parse + dump(2) "
        "of the same input); target <= 3x\nchecksum %llu\n",
        static_cast<unsigned long long>(checksum));
  }
  return 0;
}
