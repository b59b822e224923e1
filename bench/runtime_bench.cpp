// Runtime micro-benchmarks: each operation three ways, side by side.
//
//   floor      a minimal hand-written task (and scheduler, and mutex) in this
//              file: what the operation costs with nothing else attached
//   coroscope  the runtime
//   asio       asio::awaitable from standalone asio (libasio-dev)
//
// Every benchmark reports items_per_second for one item = one operation;
// after the usual output a table gives ns per operation and the ratios
// coroscope/floor and coroscope/asio over interleaved repetitions (main).
#include <coroscope/run.hpp>
#include <coroscope/sync.hpp>
#include <coroscope/task.hpp>
#include <coroscope/task_group.hpp>
#include <coroscope/time.hpp>

#include <asio/co_spawn.hpp>
#include <asio/detached.hpp>
#include <asio/experimental/channel.hpp>
#include <asio/io_context.hpp>
#include <asio/post.hpp>
#include <asio/use_awaitable.hpp>
#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <coroutine>
#include <cstdio>
#include <cstdlib>
#include <deque>
#include <exception>
#include <iterator>
#include <map>
#include <regex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace {

using namespace std::chrono_literals;

// Contended mutex: this many tasks each take the lock this many times, and
// yield to the loop while they hold it, so that the others queue up.
constexpr int contending_tasks = 64;
constexpr int locks_per_task = 64;

// ---------------------------------------------------------------- the floor

namespace floor {

/// Lazy, symmetric transfer, an int result, no exceptions, no cancellation.
class task {
public:
  struct promise_type {
    std::coroutine_handle<> continuation;
    int value = 0;

    task get_return_object() {
      return task(std::coroutine_handle<promise_type>::from_promise(*this));
    }
    std::suspend_always initial_suspend() noexcept { return {}; }
    struct final_awaiter {
      bool await_ready() noexcept { return false; }
      std::coroutine_handle<> await_suspend(std::coroutine_handle<promise_type> self) noexcept {
        return self.promise().continuation;
      }
      void await_resume() noexcept {}
    };
    final_awaiter final_suspend() noexcept { return {}; }
    void return_value(int v) noexcept { value = v; }
    void unhandled_exception() noexcept { std::terminate(); }
  };

  explicit task(std::coroutine_handle<promise_type> handle) : handle_(handle) {}
  task(task&& other) noexcept : handle_(std::exchange(other.handle_, {})) {}
  ~task() {
    if (handle_)
      handle_.destroy();
  }

  bool await_ready() noexcept { return false; }
  std::coroutine_handle<> await_suspend(std::coroutine_handle<> awaiter) noexcept {
    handle_.promise().continuation = awaiter;
    return handle_;
  }
  int await_resume() noexcept { return handle_.promise().value; }

  /// Schedules the task on the run queue, awaited by nobody.
  void start();
  /// Runs the task and everything it schedules until nothing is ready.
  void run() {
    start();
    drain();
  }
  static void drain();

private:
  std::coroutine_handle<promise_type> handle_;
};

std::deque<std::coroutine_handle<>> ready;

void task::start() {
  handle_.promise().continuation = std::noop_coroutine();
  ready.push_back(handle_);
}

void task::drain() {
  while (!ready.empty()) {
    std::coroutine_handle<> next = ready.front();
    ready.pop_front();
    next.resume();
  }
}

struct yield {
  bool await_ready() noexcept { return false; }
  void await_suspend(std::coroutine_handle<> self) { ready.push_back(self); }
  void await_resume() noexcept {}
};

/// FIFO, hands the lock to the oldest waiter, no cancellation.
class mutex {
public:
  struct lock_awaiter {
    mutex& m;
    bool await_ready() noexcept { return !std::exchange(m.locked_, true); }
    void await_suspend(std::coroutine_handle<> self) { m.waiters_.push_back(self); }
    void await_resume() noexcept {}
  };
  lock_awaiter lock() noexcept { return {*this}; }
  void unlock() {
    if (waiters_.empty()) {
      locked_ = false;
    } else {
      ready.push_back(waiters_.front());
      waiters_.pop_front();
    }
  }

private:
  bool locked_ = false;
  std::deque<std::coroutine_handle<>> waiters_;
};

task leaf() { co_return 1; }

} // namespace floor

coroscope::task<int> coroscope_leaf() { co_return 1; }
asio::awaitable<int> asio_leaf() { co_return 1; }

/// Runs a coroutine driver under asio, as coroscope::run does.
template <class Driver>
void asio_run(Driver driver) {
  asio::io_context context(1);
  asio::co_spawn(context, std::move(driver), asio::detached);
  context.run();
}

// ------------------------------------------------- chain of ready co_awaits

void chain_floor(benchmark::State& state) {
  auto driver = [](benchmark::State& s) -> floor::task {
    for (auto _ : s)
      benchmark::DoNotOptimize(co_await floor::leaf());
    co_return 0;
  };
  driver(state).run();
  state.SetItemsProcessed(state.iterations());
}

void chain_coroscope(benchmark::State& state) {
  auto driver = [](benchmark::State& s) -> coroscope::task<> {
    for (auto _ : s)
      benchmark::DoNotOptimize(co_await coroscope_leaf());
  };
  coroscope::run(driver(state));
  state.SetItemsProcessed(state.iterations());
}

void chain_asio(benchmark::State& state) {
  asio_run([&state]() -> asio::awaitable<void> {
    for (auto _ : state)
      benchmark::DoNotOptimize(co_await asio_leaf());
  });
  state.SetItemsProcessed(state.iterations());
}

// ------------------------------------------ task creation and destruction

void create_floor(benchmark::State& state) {
  for (auto _ : state) {
    floor::task t = floor::leaf();
    benchmark::DoNotOptimize(t);
  }
  state.SetItemsProcessed(state.iterations());
}

void create_coroscope(benchmark::State& state) {
  // Destroying an unstarted task is what this measures, not its report.
  const auto previous = coroscope::set_unawaited_task_handler(nullptr);
  for (auto _ : state) {
    coroscope::task<int> t = coroscope_leaf();
    benchmark::DoNotOptimize(t);
  }
  coroscope::set_unawaited_task_handler(previous);
  state.SetItemsProcessed(state.iterations());
}

void create_asio(benchmark::State& state) {
  // asio allocates frames from a per-thread cache that only exists on a
  // thread running an io_context, so create them there as in real use.
  asio_run([&state]() -> asio::awaitable<void> {
    for (auto _ : state) {
      asio::awaitable<int> t = asio_leaf();
      benchmark::DoNotOptimize(t);
    }
    co_return;
  });
  state.SetItemsProcessed(state.iterations());
}

// ----------------------------------------- sleep_for(0): through the loop

void yield_floor(benchmark::State& state) {
  auto driver = [](benchmark::State& s) -> floor::task {
    for (auto _ : s)
      co_await floor::yield();
    co_return 0;
  };
  driver(state).run();
  state.SetItemsProcessed(state.iterations());
}

void yield_coroscope(benchmark::State& state) {
  auto driver = [](benchmark::State& s) -> coroscope::task<> {
    for (auto _ : s)
      co_await coroscope::sleep_for(0ms);
  };
  coroscope::run(driver(state));
  state.SetItemsProcessed(state.iterations());
}

void yield_asio(benchmark::State& state) {
  asio_run([&state]() -> asio::awaitable<void> {
    for (auto _ : state)
      co_await asio::post(asio::use_awaitable);
  });
  state.SetItemsProcessed(state.iterations());
}

// ------------------------------------------- mutex, uncontended

void mutex_floor(benchmark::State& state) {
  auto driver = [](benchmark::State& s) -> floor::task {
    floor::mutex m;
    for (auto _ : s) {
      co_await m.lock();
      m.unlock();
    }
    co_return 0;
  };
  driver(state).run();
  state.SetItemsProcessed(state.iterations());
}

void mutex_coroscope(benchmark::State& state) {
  auto driver = [](benchmark::State& s) -> coroscope::task<> {
    coroscope::async_mutex m;
    for (auto _ : s) {
      auto guard = co_await m.lock();
      benchmark::DoNotOptimize(guard);
    }
  };
  coroscope::run(driver(state));
  state.SetItemsProcessed(state.iterations());
}

/// asio has no async mutex; the idiom is a one-slot channel: a send takes
/// the slot (waiting, in FIFO order, while it is full), a receive frees it.
/// (The bool is there because asio 1.22 cannot instantiate a channel of
/// void(error_code) alone.)
using asio_lock = asio::experimental::channel<void(asio::error_code, bool)>;

void mutex_asio(benchmark::State& state) {
  asio_run([&state]() -> asio::awaitable<void> {
    asio_lock m(co_await asio::this_coro::executor, 1);
    for (auto _ : state) {
      co_await m.async_send(asio::error_code(), true, asio::use_awaitable);
      m.try_receive([](asio::error_code, bool) {});
    }
  });
  state.SetItemsProcessed(state.iterations());
}

// ------------------------------------------- mutex, contended

void contended_floor(benchmark::State& state) {
  auto contender = [](floor::mutex& m) -> floor::task {
    for (int i = 0; i < locks_per_task; ++i) {
      co_await m.lock();
      co_await floor::yield();
      m.unlock();
    }
    co_return 0;
  };
  for (auto _ : state) {
    floor::mutex m;
    std::vector<floor::task> tasks;
    for (int t = 0; t < contending_tasks; ++t) {
      tasks.push_back(contender(m));
      tasks.back().start();
    }
    floor::task::drain();
  }
  state.SetItemsProcessed(state.iterations() * contending_tasks * locks_per_task);
}

void contended_coroscope(benchmark::State& state) {
  auto contender = [](coroscope::async_mutex& m) -> coroscope::task<> {
    for (int i = 0; i < locks_per_task; ++i) {
      auto guard = co_await m.lock();
      co_await coroscope::sleep_for(0ms);
    }
  };
  auto driver = [&](benchmark::State& s) -> coroscope::task<> {
    for (auto _ : s) {
      coroscope::async_mutex m;
      co_await coroscope::with_task_group([&](coroscope::task_group& group) -> coroscope::task<> {
        for (int t = 0; t < contending_tasks; ++t)
          group.spawn(contender(m));
        co_return;
      });
    }
  };
  coroscope::run(driver(state));
  state.SetItemsProcessed(state.iterations() * contending_tasks * locks_per_task);
}

void contended_asio(benchmark::State& state) {
  auto contender = [](asio_lock& m) -> asio::awaitable<void> {
    for (int i = 0; i < locks_per_task; ++i) {
      co_await m.async_send(asio::error_code(), true, asio::use_awaitable);
      co_await asio::post(asio::use_awaitable);
      m.try_receive([](asio::error_code, bool) {});
    }
  };
  for (auto _ : state) {
    asio::io_context context(1);
    asio_lock m(context, 1);
    for (int t = 0; t < contending_tasks; ++t)
      asio::co_spawn(context, contender(m), asio::detached);
    context.run();
  }
  state.SetItemsProcessed(state.iterations() * contending_tasks * locks_per_task);
}

BENCHMARK(chain_floor);
BENCHMARK(chain_coroscope);
BENCHMARK(chain_asio);
BENCHMARK(create_floor);
BENCHMARK(create_coroscope);
BENCHMARK(create_asio);
BENCHMARK(yield_floor);
BENCHMARK(yield_coroscope);
BENCHMARK(yield_asio);
BENCHMARK(mutex_floor);
BENCHMARK(mutex_coroscope);
BENCHMARK(mutex_asio);
BENCHMARK(contended_floor);
BENCHMARK(contended_coroscope);
BENCHMARK(contended_asio);

// ----------------------------------------------------------- the ratios

constexpr std::pair<const char*, const char*> operations[] = {
    {"chain", "co_await of a ready task"},
    {"create", "task creation + destruction"},
    {"yield", "sleep_for(0) through the loop"},
    {"mutex", "mutex lock+unlock, uncontended"},
    {"contended", "mutex lock+unlock, 64 tasks"},
};
constexpr const char* libraries[] = {"floor", "coroscope", "asio"};

/// Prints what the console reporter prints, and keeps ns per operation (CPU
/// time) of every run of every benchmark, in the order of the repetitions.
class ratio_reporter : public benchmark::ConsoleReporter {
public:
  /// Once: every benchmark is run on its own, and the machine stays the same.
  bool ReportContext(const Context& context) override {
    if (std::exchange(context_reported_, true))
      return true;
    return ConsoleReporter::ReportContext(context);
  }

  void ReportRuns(const std::vector<Run>& runs) override {
    ConsoleReporter::ReportRuns(runs);
    for (const Run& run : runs) {
      if (run.error_occurred || run.run_type != Run::RT_Iteration)
        continue;
      const auto rate = run.counters.find("items_per_second");
      if (rate == run.counters.end())
        continue;
      const std::string name = run.run_name.function_name;
      const auto split = name.find('_');
      ns_per_op_[name.substr(0, split)][name.substr(split + 1)].push_back(1e9 / rate->second.value);
    }
  }

  /// Per operation: each library's minimum over the repetitions and its
  /// spread ((max - min) / min), and the ratios of the minima with the range
  /// of the ratios measured side by side within each repetition.
  void print_table(int repetitions) const {
    std::printf("\n%d repetitions, floor, coroscope and asio interleaved within each; "
                "ns per operation (CPU time), minimum and spread over the repetitions\n",
                repetitions);
    std::printf("%-32s %17s %17s %17s %20s %20s\n", "operation", "floor", "coroscope", "asio",
                "vs floor [range]", "vs asio [range]");
    for (const auto& [operation, label] : operations) {
      const auto measured = ns_per_op_.find(operation);
      if (measured == ns_per_op_.end())
        continue; // filtered out
      std::map<std::string, std::vector<double>> times;
      for (const char* library : libraries)
        if (const auto found = measured->second.find(library); found != measured->second.end())
          times[library] = found->second;
      if (times.size() != std::size(libraries))
        continue;
      const auto cell = [](const std::vector<double>& runs) {
        const auto [low, high] = std::minmax_element(runs.begin(), runs.end());
        char text[32];
        std::snprintf(text, sizeof text, "%.2f (%3.0f%%)", *low, 100 * (*high - *low) / *low);
        return std::string(text);
      };
      const auto ratio = [&](const char* other) {
        const std::vector<double>& ours = times["coroscope"];
        const std::vector<double>& theirs = times[other];
        std::vector<double> each;
        for (std::size_t i = 0; i < std::min(ours.size(), theirs.size()); ++i)
          each.push_back(ours[i] / theirs[i]);
        const auto [low, high] = std::minmax_element(each.begin(), each.end());
        char text[48];
        std::snprintf(text, sizeof text, "%.2fx [%.2f-%.2f]",
                      *std::min_element(ours.begin(), ours.end()) /
                          *std::min_element(theirs.begin(), theirs.end()),
                      *low, *high);
        return std::string(text);
      };
      std::printf("%-32s %17s %17s %17s %20s %20s\n", label, cell(times["floor"]).c_str(),
                  cell(times["coroscope"]).c_str(), cell(times["asio"]).c_str(),
                  ratio("floor").c_str(), ratio("asio").c_str());
    }
  }

private:
  bool context_reported_ = false;
  std::map<std::string, std::map<std::string, std::vector<double>>> ns_per_op_;
};

/// Takes --repetitions=N (default 10) out of the arguments.
int take_repetitions(int& argc, char** argv) {
  int repetitions = 10;
  constexpr std::string_view flag = "--repetitions=";
  int kept = 1;
  for (int i = 1; i < argc; ++i) {
    const std::string_view argument = argv[i];
    if (argument.starts_with(flag))
      repetitions = std::max(1, std::atoi(argv[i] + flag.size()));
    else
      argv[kept++] = argv[i];
  }
  argc = kept;
  return repetitions;
}

} // namespace

// On a shared machine the speed moves between runs (the floor itself by 2x
// in minutes), so a table made of three libraries measured at different
// times compares moments, not libraries. Each repetition therefore runs, per
// operation, floor, coroscope and asio back to back, in an order that
// rotates from one repetition to the next; the table gives the minimum (the
// run least disturbed) and the spread, and the ratios of runs made side by
// side. --benchmark_filter=REGEX still picks benchmarks (e.g. chain).
int main(int argc, char** argv) {
  const int repetitions = take_repetitions(argc, argv);
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv))
    return 1;
  const std::string filter = benchmark::GetBenchmarkFilter();
  const std::regex wanted(filter.empty() || filter == "all" ? "." : filter);
  ratio_reporter reporter;
  for (int repetition = 0; repetition < repetitions; ++repetition)
    for (const auto& [operation, label] : operations)
      for (std::size_t turn = 0; turn < std::size(libraries); ++turn) {
        const std::string name = std::string(operation) + "_" +
                                 libraries[(turn + static_cast<std::size_t>(repetition)) %
                                           std::size(libraries)];
        if (std::regex_search(name, wanted))
          benchmark::RunSpecifiedBenchmarks(&reporter, "^" + name + "$");
      }
  reporter.print_table(repetitions);
  benchmark::Shutdown();
  return 0;
}
