// pool<T>: capacity, FIFO-fair acquire, leases that always come back,
// discard, health checks, close(), and a 10,000-task stress run.
#include <coroscope/pool.hpp>
#include <coroscope/run.hpp>
#include <coroscope/scope.hpp>
#include <coroscope/task_group.hpp>
#include <coroscope/time.hpp>

#include "test_support.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstddef>
#include <map>
#include <random>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

namespace coroscope {
namespace {

using namespace std::chrono_literals;
using testing::cleanup_error_capture;

struct injected_error : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct item {
  int id = 0;
};

/// Opens and closes items, and keeps the books on them.
struct ledger {
  int opened = 0;
  int open_now = 0;
  int most_open = 0;
  int open_attempts = 0;
  std::set<int> failing_opens; // attempt numbers, from 1
  int fail_next_closes = 0;
  std::vector<int> closed;   // ids, in closing order
  std::set<int> broken;      // ids the health check reports broken

  task<item> open() {
    co_await sleep_for(0ms); // opening takes a loop turn, as a connect would
    if (failing_opens.contains(++open_attempts))
      throw injected_error("cannot open");
    ++open_now;
    most_open = std::max(most_open, open_now);
    co_return item{++opened};
  }
  task<void> close(item& it) {
    co_await sleep_for(0ms);
    --open_now;
    closed.push_back(it.id);
    if (fail_next_closes > 0) {
      --fail_next_closes;
      throw injected_error("cannot close " + std::to_string(it.id));
    }
  }
  task<bool> healthy(item& it) {
    co_await sleep_for(0ms);
    co_return !broken.contains(it.id);
  }

  pool<item> make_pool(pool_options<item> options = {}) {
    return pool<item>([this] { return open(); }, [this](item& it) { return close(it); },
                      std::move(options));
  }
};

/// A few loop turns: enough for work scheduled on the loop (a background
/// close) to finish.
task<> settle() {
  for (int turn = 0; turn < 10; ++turn)
    co_await sleep_for(0ms);
}

pool_options<item> sized(std::size_t min_size, std::size_t max_size) {
  pool_options<item> options;
  options.min_size = min_size;
  options.max_size = max_size;
  options.name = "test pool";
  return options;
}

TEST(Pool, OpenOpensMinSizeUpFront) {
  ledger books;
  auto items = books.make_pool(sized(2, 5));
  run([&]() -> task<> {
    co_await items.open();
    EXPECT_EQ(books.opened, 2);
    EXPECT_EQ(items.stats(), (pool_stats{.open = 2, .idle = 2, .in_use = 0, .waiting = 0}));
    co_await items.close();
  }());
  EXPECT_EQ(books.closed, (std::vector<int>{2, 1}));
}

TEST(Pool, LendsTheLongestIdleItemFirstAndTakesItBack) {
  ledger books;
  auto items = books.make_pool(sized(2, 2));
  run([&]() -> task<> {
    co_await items.open();
    {
      auto lease = co_await items.acquire();
      EXPECT_EQ(lease->id, 1);
      EXPECT_EQ(items.stats(), (pool_stats{.open = 2, .idle = 1, .in_use = 1, .waiting = 0}));
    }
    EXPECT_EQ(items.stats(), (pool_stats{.open = 2, .idle = 2, .in_use = 0, .waiting = 0}));
    auto next = co_await items.acquire();
    EXPECT_EQ(next->id, 2); // item 1 went to the back of the idle list
    next.release();
    co_await items.close();
  }());
  EXPECT_EQ(books.opened, 2);
}

TEST(Pool, NeverOpensMoreThanMaxSize) {
  ledger books;
  auto items = books.make_pool(sized(0, 3));
  std::size_t most_in_use = 0;
  auto worker = [&]() -> task<> {
    auto lease = co_await items.acquire();
    most_in_use = std::max(most_in_use, items.stats().in_use);
    co_await sleep_for(1ms);
  };
  run([&]() -> task<> {
    co_await with_task_group([&](task_group& group) -> task<> {
      for (int i = 0; i < 10; ++i)
        group.spawn(worker());
      co_return;
    });
    co_await items.close();
  }());
  EXPECT_EQ(books.opened, 3);
  EXPECT_EQ(books.most_open, 3);
  EXPECT_EQ(most_in_use, 3u);
  EXPECT_EQ(books.open_now, 0);
}

TEST(Pool, ServesWaitersInArrivalOrder) {
  ledger books;
  auto items = books.make_pool(sized(1, 1));
  std::vector<int> order;
  auto waiter = [&](int id) -> task<> {
    auto lease = co_await items.acquire();
    order.push_back(id);
    co_await sleep_for(0ms);
  };
  run([&]() -> task<> {
    co_await items.open();
    co_await with_task_group([&](task_group& group) -> task<> {
      auto held = co_await items.acquire();
      for (int id = 0; id < 4; ++id)
        group.spawn(waiter(id));
      co_await sleep_for(1ms);
      EXPECT_EQ(items.stats().waiting, 4u);
    });
    co_await items.close();
  }());
  EXPECT_EQ(order, (std::vector<int>{0, 1, 2, 3}));
  EXPECT_EQ(books.opened, 1);
}

TEST(Pool, AReturnedItemGoesToTheWaiterNotToANewcomer) {
  ledger books;
  auto items = books.make_pool(sized(1, 1));
  std::vector<std::string> order;
  auto waiter = [&]() -> task<> {
    auto lease = co_await items.acquire();
    order.push_back("waiter");
  };
  run([&]() -> task<> {
    co_await items.open();
    co_await with_task_group([&](task_group& group) -> task<> {
      {
        auto held = co_await items.acquire();
        group.spawn(waiter());
        co_await sleep_for(0ms);
      }
      EXPECT_EQ(items.stats().idle, 0u); // handed over, not idle
      auto again = co_await items.acquire();
      order.push_back("releaser");
    });
    co_await items.close();
  }());
  EXPECT_EQ(order, (std::vector<std::string>{"waiter", "releaser"}));
}

TEST(Pool, AcquireTimeoutThrowsPoolTimeoutNamingThePool) {
  ledger books;
  auto items = books.make_pool(sized(1, 1));
  std::string message;
  run([&]() -> task<> {
    co_await items.open();
    auto held = co_await items.acquire();
    try {
      auto never = co_await items.acquire(5ms);
      ADD_FAILURE() << "acquired a second item from a pool of one";
    } catch (const pool_timeout& e) {
      message = e.what();
    }
    EXPECT_EQ(items.stats(), (pool_stats{.open = 1, .idle = 0, .in_use = 1, .waiting = 0}));
    held.release();
    auto after = co_await items.acquire(5ms); // the item is still there
    EXPECT_EQ(after->id, 1);
    after.release();
    co_await items.close();
  }());
  EXPECT_NE(message.find("test pool: no item became free within 5 ms"), std::string::npos)
      << message;
  EXPECT_NE(message.find("max_size 1"), std::string::npos) << message;
}

TEST(Pool, TheDefaultAcquireTimeoutComesFromTheOptions) {
  ledger books;
  auto options = sized(1, 1);
  options.acquire_timeout = 2ms;
  auto items = books.make_pool(options);
  run([&]() -> task<> {
    co_await items.open();
    auto held = co_await items.acquire();
    EXPECT_THROW(auto never = co_await items.acquire(), pool_timeout);
    held.release();
    co_await items.close();
  }());
}

TEST(Pool, AWaiterCancelledWhileQueuedLeavesNoTrace) {
  ledger books;
  auto items = books.make_pool(sized(1, 1));
  bool waiter_got_an_item = false;
  auto waiter = [&]() -> task<> {
    auto lease = co_await items.acquire();
    waiter_got_an_item = true;
  };
  run([&]() -> task<> {
    co_await items.open();
    auto held = co_await items.acquire();
    co_await with_task_group([&](task_group& group) -> task<> {
      group.spawn(waiter());
      co_await sleep_for(1ms);
      EXPECT_EQ(items.stats().waiting, 1u);
      group.cancel();
      co_return;
    });
    EXPECT_EQ(items.stats().waiting, 0u);
    held.release(); // must go idle, not to the cancelled waiter
    EXPECT_EQ(items.stats(), (pool_stats{.open = 1, .idle = 1, .in_use = 0, .waiting = 0}));
    auto again = co_await items.acquire(5ms);
    EXPECT_EQ(again->id, 1);
    again.release();
    co_await items.close();
  }());
  EXPECT_FALSE(waiter_got_an_item);
  EXPECT_EQ(books.opened, 1);
}

TEST(Pool, TheLeaseReturnsTheItemOnError) {
  ledger books;
  auto items = books.make_pool(sized(1, 1));
  run([&]() -> task<> {
    co_await items.open();
    auto failing = [&]() -> task<> {
      auto lease = co_await items.acquire();
      co_await sleep_for(0ms);
      throw injected_error("query failed");
    };
    EXPECT_THROW(co_await failing(), injected_error);
    EXPECT_EQ(items.stats(), (pool_stats{.open = 1, .idle = 1, .in_use = 0, .waiting = 0}));
    co_await items.close();
  }());
}

TEST(Pool, TheLeaseReturnsTheItemOnCancellation) {
  ledger books;
  auto items = books.make_pool(sized(1, 1));
  run([&]() -> task<> {
    co_await items.open();
    auto slow = [&]() -> task<> {
      auto lease = co_await items.acquire();
      co_await sleep_for(1h);
    };
    EXPECT_THROW(co_await timeout(1ms, slow()), timeout_error);
    EXPECT_EQ(items.stats(), (pool_stats{.open = 1, .idle = 1, .in_use = 0, .waiting = 0}));
    co_await items.close();
  }());
}

TEST(Pool, DiscardClosesTheItemAndFreesItsCapacity) {
  ledger books;
  auto items = books.make_pool(sized(1, 1));
  int waiter_item = 0;
  auto waiter = [&]() -> task<> {
    auto lease = co_await items.acquire();
    waiter_item = lease->id;
  };
  run([&]() -> task<> {
    co_await items.open();
    co_await with_task_group([&](task_group& group) -> task<> {
      auto broken = co_await items.acquire();
      group.spawn(waiter());
      co_await sleep_for(0ms);
      broken.discard();
      broken.release(); // closed on the loop; its capacity then goes to the waiter
      co_return;
    });
    co_await items.close();
  }());
  EXPECT_EQ(books.closed, (std::vector<int>{1, 2}));
  EXPECT_EQ(waiter_item, 2); // a new item, opened in the discarded one's place
  EXPECT_EQ(books.most_open, 1);
}

TEST(Pool, AsyncReleaseAwaitsTheCloseOfADiscardedItem) {
  ledger books;
  auto items = books.make_pool(sized(1, 1));
  run([&]() -> task<> {
    co_await items.open();
    auto lease = co_await items.acquire();
    lease.discard();
    co_await lease.async_release();
    EXPECT_EQ(books.closed, (std::vector<int>{1})); // already closed, not scheduled
    EXPECT_EQ(items.stats(), (pool_stats{}));
    co_await items.close();
  }());
}

TEST(Pool, HealthCheckReplacesBrokenIdleItems) {
  ledger books;
  auto options = sized(3, 3);
  options.health_check = [&](item& it) { return books.healthy(it); };
  auto items = books.make_pool(options);
  run([&]() -> task<> {
    co_await items.open();
    books.broken = {1, 2};
    auto first = co_await items.acquire();
    EXPECT_EQ(first->id, 3); // 1 and 2 were closed on checkout
    EXPECT_EQ(books.closed, (std::vector<int>{1, 2}));
    books.broken.insert(3);
    first.release();
    auto second = co_await items.acquire();
    EXPECT_EQ(second->id, 4); // nothing healthy was idle: opened anew
    EXPECT_LE(books.most_open, 3);
    second.release();
    co_await items.close();
  }());
  EXPECT_EQ(books.open_now, 0);
}

TEST(Pool, ACheckInterruptedByCancellationClosesTheItem) {
  ledger books;
  auto options = sized(1, 1);
  event never;
  options.health_check = [&](item&) -> task<bool> {
    co_await never.wait();
    co_return true;
  };
  auto items = books.make_pool(options);
  run([&]() -> task<> {
    co_await items.open();
    EXPECT_THROW(auto lease = co_await items.acquire(1ms), pool_timeout);
    co_await settle(); // the interrupted item is closed on the loop
    EXPECT_EQ(books.closed, (std::vector<int>{1}));
    EXPECT_EQ(items.stats(), (pool_stats{}));
    co_await items.close();
  }());
}

TEST(Pool, AFactoryFailureFreesTheCapacityForTheNextWaiter) {
  ledger books;
  auto items = books.make_pool(sized(0, 1));
  std::vector<std::string> outcomes;
  auto worker = [&]() -> task<> {
    try {
      auto lease = co_await items.acquire();
      outcomes.push_back("item " + std::to_string(lease->id));
      co_await sleep_for(0ms);
    } catch (const injected_error& e) {
      outcomes.push_back(e.what());
    }
  };
  run([&]() -> task<> {
    books.failing_opens = {1, 2};
    co_await with_task_group([&](task_group& group) -> task<> {
      for (int i = 0; i < 3; ++i)
        group.spawn(worker());
      co_return;
    });
    co_await items.close();
  }());
  EXPECT_EQ(outcomes, (std::vector<std::string>{"cannot open", "cannot open", "item 1"}));
}

TEST(Pool, CloseRefusesNewAcquiresAndFailsQueuedOnes) {
  ledger books;
  auto items = books.make_pool(sized(1, 1));
  std::string queued_error;
  auto closing = [&]() -> task<> { co_await items.close(); };
  auto waiter = [&]() -> task<> {
    try {
      auto lease = co_await items.acquire();
    } catch (const pool_closed& e) {
      queued_error = e.what();
    }
  };
  run([&]() -> task<> {
    co_await items.open();
    co_await with_task_group([&](task_group& group) -> task<> {
      auto held = co_await items.acquire();
      group.spawn(waiter());
      co_await sleep_for(0ms);
      group.spawn(closing());
      co_await sleep_for(1ms);
      EXPECT_THROW(auto late = co_await items.acquire(), pool_closed);
    });
  }());
  EXPECT_NE(queued_error.find("test pool: closed while this task waited in acquire()"),
            std::string::npos)
      << queued_error;
  EXPECT_EQ(books.closed, (std::vector<int>{1}));
}

TEST(Pool, CloseWaitsForOutstandingLeasesThenClosesIdleItemsLifo) {
  ledger books;
  auto items = books.make_pool(sized(3, 3));
  std::vector<std::string> trace;
  auto closing = [&]() -> task<> {
    co_await items.close();
    trace.push_back("closed");
  };
  run([&]() -> task<> {
    co_await items.open();
    co_await with_task_group([&](task_group& group) -> task<> {
      auto a = co_await items.acquire(); // 1
      auto b = co_await items.acquire(); // 2
      group.spawn(closing());
      co_await sleep_for(1ms);
      EXPECT_TRUE(books.closed.empty()); // waiting for a and b
      a.release();
      co_await sleep_for(1ms);
      EXPECT_TRUE(books.closed.empty()); // still waiting for b
      trace.push_back("last lease ends");
    });
  }());
  // Idle order before closing: 3, 1, 2 (2 returned last): closed 2, 1, 3.
  EXPECT_EQ(books.closed, (std::vector<int>{2, 1, 3}));
  EXPECT_EQ(trace, (std::vector<std::string>{"last lease ends", "closed"}));
}

TEST(Pool, CloseIsBoundedAndALateLeaseIsClosedWhenReturned) {
  ledger books;
  auto options = sized(2, 2);
  options.close_timeout = 2ms;
  auto items = books.make_pool(options);
  std::string message;
  run([&]() -> task<> {
    co_await items.open();
    auto late = co_await items.acquire();
    try {
      co_await items.close();
    } catch (const pool_close_timeout& e) {
      message = e.what();
    }
    EXPECT_EQ(books.closed, (std::vector<int>{2}));
    late.release();
    co_await settle();
    EXPECT_EQ(books.closed, (std::vector<int>{2, 1}));
  }());
  EXPECT_NE(message.find("1 lease(s) still outstanding after 2 ms"), std::string::npos) << message;
}

TEST(Pool, CloserFailuresAreReportedAndEveryItemStillClosed) {
  cleanup_error_capture errors;
  ledger books;
  auto items = books.make_pool(sized(2, 2));
  run([&]() -> task<> {
    co_await items.open();
    books.fail_next_closes = 1;
    co_await items.close();
  }());
  EXPECT_EQ(books.closed, (std::vector<int>{2, 1}));
  EXPECT_EQ(errors.errors(), (std::vector<std::string>{"cannot close 2"}));
}

TEST(Pool, AFailedOpenClosesWhatItOpenedAndLeavesThePoolClosed) {
  ledger books;
  books.failing_opens = {3};
  auto items = books.make_pool(sized(3, 3));
  run([&]() -> task<> {
    EXPECT_THROW(co_await items.open(), injected_error);
    EXPECT_EQ(books.closed, (std::vector<int>{2, 1}));
    EXPECT_THROW(auto lease = co_await items.acquire(), pool_closed);
  }());
  EXPECT_EQ(books.open_now, 0);
}

static_assert(async_resource<pool<item>>);
static_assert(async_resource<pool<item>::acquire_context>);

TEST(Pool, IsAnAsyncResourceAndSoIsItsAcquire) {
  // async with Pool(...) as pool: async with pool.acquire() as conn: ...
  ledger books;
  auto items = books.make_pool(sized(1, 2));
  std::vector<int> closed_when_the_lease_ended;
  run(async_with(items, [&](pool<item>& entered) -> task<> {
    EXPECT_EQ(&entered, &items);
    EXPECT_EQ(items.stats().open, 1u);
    co_await async_with(entered.acquire(), [&](pool<item>::lease& lease) -> task<> {
      EXPECT_EQ(lease->id, 1);
      lease.discard();
      co_return;
    });
    closed_when_the_lease_ended = books.closed; // awaited by async_exit, not scheduled
    co_await async_with(entered.acquire(), [&](pool<item>::lease& lease) -> task<> {
      EXPECT_EQ(lease->id, 2);
      co_return;
    });
  }));
  EXPECT_EQ(closed_when_the_lease_ended, (std::vector<int>{1}));
  EXPECT_EQ(books.closed, (std::vector<int>{1, 2}));
  EXPECT_EQ(books.open_now, 0);
}

TEST(Pool, AnAcquireScopeReturnsTheItemOnErrorAndCancellation) {
  ledger books;
  auto items = books.make_pool(sized(1, 1));
  run([&]() -> task<> {
    co_await items.open();
    EXPECT_THROW(co_await async_with(items.acquire(),
                                     [](pool<item>::lease&) -> task<> {
                                       co_await sleep_for(0ms);
                                       throw injected_error("body failed");
                                     }),
                 injected_error);
    EXPECT_EQ(items.stats(), (pool_stats{.open = 1, .idle = 1, .in_use = 0, .waiting = 0}));
    EXPECT_THROW(co_await timeout(1ms, async_with(items.acquire(),
                                                  [](pool<item>::lease&) -> task<> {
                                                    co_await sleep_for(1h);
                                                  })),
                 timeout_error);
    EXPECT_EQ(items.stats(), (pool_stats{.open = 1, .idle = 1, .in_use = 0, .waiting = 0}));
    co_await items.close();
  }());
  EXPECT_EQ(books.opened, 1);
}

TEST(Pool, AnAcquireContextIsSingleUse) {
  ledger books;
  auto items = books.make_pool(sized(0, 1));
  run([&]() -> task<> {
    auto scope = items.acquire();
    auto& lease = co_await scope.async_enter();
    lease.release();
    EXPECT_THROW(co_await scope.async_enter(), std::logic_error);
    co_await items.close();
  }());
}

// --- clean items back, lifetime, idle timeout, min_size --------------------

TEST(Pool, AcquireWaitsThirtySecondsByDefault) {
  // Every wait bounded: without a timeout of its own, acquire() gives up
  // after the documented default, HikariCP's connectionTimeout.
  EXPECT_EQ(pool_options<item>().acquire_timeout, std::chrono::milliseconds(30s));
  EXPECT_EQ(pool_options<item>().max_lifetime, std::chrono::milliseconds(30min));
  EXPECT_EQ(pool_options<item>().idle_timeout, std::chrono::milliseconds(10min));
}

TEST(Pool, AReturnedItemIsResetBeforeTheNextBorrowerGetsIt) {
  ledger books;
  std::vector<std::string> trace;
  auto options = sized(1, 1);
  event reset_may_finish;
  options.reset = [&](item& it) -> task<bool> {
    trace.push_back("reset " + std::to_string(it.id));
    co_await reset_may_finish.wait(); // a ROLLBACK's round trip
    trace.push_back("reset done");
    co_return true;
  };
  auto items = books.make_pool(options);
  auto borrower = [&]() -> task<> {
    auto lease = co_await items.acquire();
    trace.push_back("next borrower has " + std::to_string(lease->id));
  };
  run([&]() -> task<> {
    co_await items.open();
    co_await with_task_group([&](task_group& group) -> task<> {
      auto first = co_await items.acquire();
      group.spawn(borrower());
      co_await sleep_for(0ms);
      first.release(); // the destructor's path: the reset runs on the loop
      co_await settle();
      EXPECT_EQ(trace, (std::vector<std::string>{"reset 1"}));
      reset_may_finish.set();
    });
    co_await items.close();
  }());
  EXPECT_EQ(trace, (std::vector<std::string>{"reset 1", "reset done", "next borrower has 1",
                                             "reset 1", "reset done"}));
}

TEST(Pool, AnItemThatCannotBeResetIsClosed) {
  cleanup_error_capture reported;
  ledger books;
  auto options = sized(0, 2);
  int resets = 0;
  options.reset = [&](item&) -> task<bool> {
    co_await sleep_for(0ms);
    if (++resets == 1)
      co_return false;
    throw injected_error("ROLLBACK failed");
  };
  auto items = books.make_pool(options);
  run([&]() -> task<> {
    auto first = co_await items.acquire();
    co_await first.async_release(); // awaited: reset, refused, closed
    EXPECT_EQ(books.closed, (std::vector<int>{1}));
    auto second = co_await items.acquire();
    EXPECT_EQ(second->id, 2);
    second.release();
    co_await settle();
    EXPECT_EQ(books.closed, (std::vector<int>{1, 2}));
    EXPECT_EQ(items.stats(), (pool_stats{}));
    co_await items.close();
  }());
  EXPECT_EQ(reported.errors(), (std::vector<std::string>{"ROLLBACK failed"}));
}

TEST(Pool, AnItemPastItsLifetimeIsClosedInsteadOfLentOrKept) {
  ledger books;
  auto options = sized(1, 1);
  options.max_lifetime = 200ms;
  auto items = books.make_pool(options);
  int aged = 0;
  run([&]() -> task<> {
    co_await items.open();
    {
      auto lease = co_await items.acquire();
      aged = lease->id;
      co_await sleep_for(300ms); // it ages while lent
    }                            // and is closed as it comes back
    co_await settle();
    EXPECT_NE(std::find(books.closed.begin(), books.closed.end(), aged), books.closed.end());
    auto young = co_await items.acquire();
    EXPECT_NE(young->id, aged);
    young.release();
    co_await items.close();
  }());
}

TEST(Pool, IdleItemsAreClosedAfterTheIdleTimeoutDownToMinSize) {
  ledger books;
  auto options = sized(1, 3);
  options.idle_timeout = 20ms;
  auto items = books.make_pool(options);
  run([&]() -> task<> {
    co_await items.open();
    {
      auto a = co_await items.acquire();
      auto b = co_await items.acquire();
      auto c = co_await items.acquire();
    }
    EXPECT_EQ(items.stats().idle, 3u);
    // The upkeep runs every half idle timeout; a generous bound for a loaded machine.
    for (int wait = 0; wait < 1000 && items.stats().open > 1; ++wait)
      co_await sleep_for(10ms);
    EXPECT_EQ(items.stats(), (pool_stats{.open = 1, .idle = 1, .in_use = 0, .waiting = 0}));
    EXPECT_EQ(books.closed.size(), 2u);
    co_await items.close();
  }());
}

TEST(Pool, MinSizeIsToppedUpAfterItemsWereClosed) {
  ledger books;
  auto options = sized(2, 4);
  options.idle_timeout = 20ms; // the upkeep's round: every 10 ms
  auto items = books.make_pool(options);
  run([&]() -> task<> {
    co_await items.open();
    {
      auto a = co_await items.acquire();
      auto b = co_await items.acquire();
      a.discard();
      b.discard();
    }
    for (int wait = 0; wait < 1000 && items.stats().idle < 2; ++wait)
      co_await sleep_for(10ms);
    EXPECT_EQ(items.stats(), (pool_stats{.open = 2, .idle = 2, .in_use = 0, .waiting = 0}));
    EXPECT_EQ(books.opened, 4);
    co_await items.close();
  }());
  EXPECT_EQ(books.open_now, 0);
}

// 10,000 tasks on one pool of 8 with random work, failures (opening,
// closing, health checks, the work itself), cancellations at random points
// and acquire timeouts. The books must balance at every step and at the end.
TEST(PoolStress, TenThousandTasks) {
  cleanup_error_capture reported_close_failures;
  constexpr std::size_t max_size = 8;
  constexpr int tasks = 10'000;
  std::mt19937 random(20240611);
  auto chance = [&](int percent) { return static_cast<int>(random() % 100) < percent; };

  int opened = 0;
  int open_now = 0;
  int most_open = 0;
  std::map<int, int> times_closed;
  std::set<int> in_use;
  int lent_twice = 0;
  int exceeded = 0;
  std::map<std::string, int> outcomes;

  pool_options<item> options;
  options.min_size = 2;
  options.max_size = max_size;
  options.name = "stress pool";
  options.health_check = [&](item&) -> task<bool> {
    co_await sleep_for(0ms);
    co_return !chance(3);
  };
  pool<item> items(
      [&]() -> task<item> {
        co_await sleep_for(0ms);
        if (chance(3))
          throw injected_error("open failed");
        ++open_now;
        most_open = std::max(most_open, open_now);
        co_return item{++opened};
      },
      [&](item& it) -> task<void> {
        co_await sleep_for(0ms);
        --open_now;
        ++times_closed[it.id];
        if (chance(2))
          throw injected_error("close failed");
      },
      options);

  struct plan {
    bool short_acquire_timeout, cancel_midway, fail, discard;
    int work_ms;
  };
  auto worker = [&](plan p) -> task<> {
    auto acquiring = p.short_acquire_timeout ? items.acquire(1ms) : items.acquire();
    auto lease = co_await std::move(acquiring);
    if (items.stats().open > max_size)
      ++exceeded;
    if (!in_use.insert(lease->id).second)
      ++lent_twice;
    struct mark_returned {
      std::set<int>& in_use;
      int id;
      ~mark_returned() { in_use.erase(id); }
    } returned{in_use, lease->id};
    if (p.work_ms > 0)
      co_await sleep_for(std::chrono::milliseconds(p.work_ms));
    else
      co_await sleep_for(0ms);
    if (p.discard)
      lease.discard();
    if (p.fail)
      throw injected_error("work failed");
  };
  auto one = [&](plan p) -> task<> {
    try {
      if (p.cancel_midway)
        co_await timeout(std::chrono::milliseconds(p.work_ms), worker(p));
      else
        co_await worker(p);
      ++outcomes["done"];
    } catch (const pool_timeout&) {
      ++outcomes["acquire timeout"];
    } catch (const timeout_error&) {
      ++outcomes["cancelled"];
    } catch (const injected_error& e) {
      ++outcomes[e.what()];
    }
  };

  run([&]() -> task<> {
    co_await items.open();
    co_await with_task_group([&](task_group& group) -> task<> {
      for (int i = 0; i < tasks; ++i) {
        plan p{chance(10), chance(10), chance(5), chance(3), static_cast<int>(random() % 3)};
        group.spawn(one(p));
        if (i % 64 == 0)
          co_await sleep_for(0ms);
      }
      co_return;
    });
    EXPECT_EQ(items.stats().in_use, 0u);
    EXPECT_EQ(items.stats().waiting, 0u);
    co_await items.close();
  }());

  int finished = 0;
  for (const auto& [what, count] : outcomes)
    finished += count;
  EXPECT_EQ(finished, tasks);
  for (const char* expected : {"done", "acquire timeout", "cancelled", "work failed", "open failed"})
    EXPECT_GT(outcomes[expected], 0) << expected;
  EXPECT_EQ(exceeded, 0);
  EXPECT_LE(most_open, static_cast<int>(max_size));
  EXPECT_EQ(lent_twice, 0);
  EXPECT_TRUE(in_use.empty());
  EXPECT_EQ(open_now, 0);
  EXPECT_EQ(static_cast<int>(times_closed.size()), opened); // every item closed...
  for (const auto& [id, count] : times_closed)
    EXPECT_EQ(count, 1) << "item " << id;                   // ...exactly once
  EXPECT_EQ(items.stats(), (pool_stats{}));
  EXPECT_FALSE(reported_close_failures.errors().empty());
}

} // namespace
} // namespace coroscope
