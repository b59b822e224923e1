// Level 3 design challenge: AsyncResourceGroup, as coroscope::resource_group.
//
//   1. resources are registered by name with a factory;
//   2. they are created lazily, on the first get() -- once, even when several
//      tasks ask for the same one at the same time;
//   3. everything created is cleaned up on exit, last created first;
//   4. a failing cleanup does not stop the others, and every failure is
//      collected (thrown together as cleanup_error when the body succeeded);
//   5. the group itself is an async resource.
//
// An unknown name is a clear error. The lesson prints nothing for this
// example; the resources are toys that print what they do.
#include "lesson.hpp"

#include <coroscope/async_context.hpp>
#include <coroscope/errors.hpp>
#include <coroscope/resource_group.hpp>
#include <coroscope/scope.hpp>
#include <coroscope/task_group.hpp>
#include <coroscope/time.hpp>

#include <chrono>
#include <cstdio>
#include <stdexcept>
#include <string>
#include <utility>

using namespace std::chrono_literals;
using coroscope::async_context;
using coroscope::async_with;
using coroscope::resource_group;
using coroscope::task;

struct service {
  std::string name;
};

async_context<service> create_service(std::string name, bool fails_to_close) {
  std::printf("Creating %s\n", name.c_str());
  co_await coroscope::sleep_for(10ms); // creating takes a while: others ask meanwhile
  service created{std::move(name)};
  co_yield created;
  std::printf("Closing %s\n", created.name.c_str());
  if (fails_to_close)
    throw std::runtime_error(created.name + " did not close cleanly");
}

task<void> handle_request(resource_group& resources, int request) {
  const service& db = co_await resources.get<service>("db");
  std::printf("Request %d uses %s\n", request, db.name.c_str());
}

task<void> amain() {
  resource_group group;
  group.register_factory("db", [] { return create_service("db pool", false); });
  group.register_factory("cache", [] { return create_service("cache", true); });
  group.register_factory("search", [] { return create_service("search index", true); });

  try {
    co_await async_with(group, [](resource_group& resources) -> task<void> {
      std::puts("Group entered, nothing created yet");
      co_await coroscope::when_all(handle_request(resources, 1), handle_request(resources, 2),
                                   handle_request(resources, 3));
      const service& cache = co_await resources.get<service>("cache");
      std::printf("Using %s\n", cache.name.c_str());
      try {
        co_await resources.get<service>("metrics");
      } catch (const std::out_of_range& e) {
        std::printf("Caught: %s\n", e.what());
      }
    });
  } catch (const coroscope::cleanup_error& e) {
    std::printf("Caught: %s\n", e.what());
  }
}

int main() { return lesson::run(amain()); }
