// Runtime micro-benchmarks: each operation three ways, side by side.
//
//   floor      a minimal hand-written task (and scheduler, and mutex) in this
//              file: what the operation costs with nothing else attached
//   coroscope  the runtime
//   asio       asio::awaitable from standalone asio (libasio-dev)
//
// Every benchmark reports items_per_second for one item = one operation;
// after the usual output a table gives ns per operation and the ratios
// coroscope/floor and coroscope/asio, all from this one run.
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

#include <chrono>
#include <coroutine>
#include <cstdio>
#include <deque>
#include <exception>
#include <map>
#include <string>
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

/// Prints what the console reporter prints, and keeps ns per operation of
/// every benchmark (the median when run with --benchmark_repetitions) for
/// the table at the end.
class ratio_reporter : public benchmark::ConsoleReporter {
public:
  void ReportRuns(const std::vector<Run>& runs) override {
    ConsoleReporter::ReportRuns(runs);
    for (const Run& run : runs) {
      const bool median = run.run_type == Run::RT_Aggregate && run.aggregate_name == "median";
      if (run.error_occurred || !(median || run.run_type == Run::RT_Iteration))
        continue;
      const auto rate = run.counters.find("items_per_second");
      if (rate == run.counters.end())
        continue;
      const std::string name = run.run_name.function_name;
      const auto split = name.find('_');
      double& slot = ns_per_op_[name.substr(0, split)][name.substr(split + 1)];
      if (median || slot == 0)
        slot = 1e9 / rate->second.value;
    }
  }

  void print_table() const {
    static constexpr std::pair<const char*, const char*> operations[] = {
        {"chain", "co_await of a ready task"},
        {"create", "task creation + destruction"},
        {"yield", "sleep_for(0) through the loop"},
        {"mutex", "mutex lock+unlock, uncontended"},
        {"contended", "mutex lock+unlock, 64 tasks"},
    };
    std::printf("\n%-32s %10s %10s %10s %10s %10s\n", "ns per operation (CPU time)", "floor",
                "coroscope", "asio", "vs floor", "vs asio");
    for (const auto& [operation, label] : operations) {
      const auto measured = ns_per_op_.find(operation);
      if (measured == ns_per_op_.end())
        continue; // filtered out
      const auto value = [&](const char* library) {
        const auto found = measured->second.find(library);
        return found == measured->second.end() ? 0.0 : found->second;
      };
      const double floor = value("floor");
      const double ours = value("coroscope");
      const double asio = value("asio");
      std::printf("%-32s %10.2f %10.2f %10.2f %9.2fx %9.2fx\n", label, floor, ours, asio,
                  ours / floor, ours / asio);
    }
  }

private:
  std::map<std::string, std::map<std::string, double>> ns_per_op_;
};

} // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv))
    return 1;
  ratio_reporter reporter;
  benchmark::RunSpecifiedBenchmarks(&reporter);
  reporter.print_table();
  benchmark::Shutdown();
  return 0;
}
