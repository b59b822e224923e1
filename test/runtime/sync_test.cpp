// async_mutex, async_semaphore, event: exclusion, FIFO fairness, RAII
// release, and cancelled waiters that leave no trace.
#include <coroscope/run.hpp>
#include <coroscope/sync.hpp>
#include <coroscope/task_group.hpp>
#include <coroscope/time.hpp>

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>
#include <vector>

namespace coroscope {
namespace {

using namespace std::chrono_literals;

TEST(AsyncMutex, ExcludesAcrossSuspensions) {
  async_mutex mutex;
  int holders = 0;
  int most_holders = 0;
  auto worker = [&]() -> task<> {
    for (int i = 0; i < 3; ++i) {
      auto guard = co_await mutex.lock();
      most_holders = std::max(most_holders, ++holders);
      co_await sleep_for(0ms);
      --holders;
    }
  };
  run(with_task_group([&](task_group& group) -> task<> {
    for (int i = 0; i < 5; ++i)
      group.spawn(worker());
    co_return;
  }));
  EXPECT_EQ(most_holders, 1);
  EXPECT_FALSE(mutex.locked());
}

TEST(AsyncMutex, ServesWaitersInArrivalOrder) {
  async_mutex mutex;
  std::vector<int> order;
  auto waiter = [&](int id) -> task<> {
    auto guard = co_await mutex.lock();
    order.push_back(id);
  };
  run(with_task_group([&](task_group& group) -> task<> {
    auto held = co_await mutex.lock();
    for (int id = 0; id < 5; ++id)
      group.spawn(waiter(id));
    co_await sleep_for(1ms); // all five queue up behind `held`
  }));
  EXPECT_EQ(order, (std::vector<int>{0, 1, 2, 3, 4}));
}

TEST(AsyncMutex, ReleaserCannotOvertakeTheQueue) {
  // Ownership passes to the oldest waiter on release: relocking at once
  // queues behind it (no barging).
  async_mutex mutex;
  std::vector<std::string> order;
  auto waiter = [&]() -> task<> {
    auto guard = co_await mutex.lock();
    order.push_back("waiter");
  };
  run(with_task_group([&](task_group& group) -> task<> {
    {
      auto first = co_await mutex.lock();
      group.spawn(waiter());
      co_await sleep_for(0ms);
    }
    EXPECT_TRUE(mutex.locked()); // handed over, not free
    EXPECT_FALSE(mutex.try_lock());
    auto again = co_await mutex.lock();
    order.push_back("releaser");
  }));
  EXPECT_EQ(order, (std::vector<std::string>{"waiter", "releaser"}));
}

TEST(AsyncMutex, GuardReleasesOnError) {
  async_mutex mutex;
  run([&]() -> task<> {
    auto failing = [&]() -> task<> {
      auto guard = co_await mutex.lock();
      throw std::runtime_error("inside the lock");
    };
    EXPECT_THROW(co_await failing(), std::runtime_error);
    EXPECT_FALSE(mutex.locked());
  }());
}

TEST(AsyncMutex, TryLock) {
  async_mutex mutex;
  auto guard = mutex.try_lock();
  ASSERT_TRUE(guard);
  EXPECT_TRUE(mutex.locked());
  EXPECT_FALSE(mutex.try_lock());
  guard.reset();
  EXPECT_FALSE(mutex.locked());
}

TEST(AsyncMutex, CancelledWaiterLeavesNoTrace) {
  async_mutex mutex;
  std::vector<std::string> order;
  auto impatient = [&]() -> task<> {
    try {
      auto guard = co_await timeout(1ms, mutex.lock());
      order.push_back("impatient got it");
    } catch (const timeout_error&) {
      order.push_back("impatient gave up");
    }
  };
  auto patient = [&]() -> task<> {
    auto guard = co_await mutex.lock();
    order.push_back("patient got it");
  };
  run(with_task_group([&](task_group& group) -> task<> {
    auto held = co_await mutex.lock();
    group.spawn(impatient());
    group.spawn(patient());
    co_await sleep_for(20ms); // the impatient waiter times out in the queue
  }));
  EXPECT_EQ(order, (std::vector<std::string>{"impatient gave up", "patient got it"}));
  EXPECT_FALSE(mutex.locked());
}

TEST(AsyncMutex, LockGrantedBeforeACancellationIsStillReleased) {
  // The lock is handed to a waiter that is cancelled before it resumes: it
  // gets the guard, whose release on unwinding passes the lock on.
  async_mutex mutex;
  bool other_got_it = false;
  auto waiter = [&]() -> task<> {
    auto guard = co_await mutex.lock();
    co_await sleep_for(0ms); // cancelled here, guard released
  };
  auto other = [&]() -> task<> {
    auto guard = co_await mutex.lock();
    other_got_it = true;
  };
  run([&]() -> task<> {
    co_await with_task_group([&](task_group& group) -> task<> {
      auto held = co_await mutex.lock();
      group.spawn(waiter());
      co_await sleep_for(0ms); // waiter queues
      held.release();          // hands the lock to waiter...
      group.cancel();          // ...which is cancelled before it runs
    });
    co_await other();
  }());
  EXPECT_TRUE(other_got_it);
  EXPECT_FALSE(mutex.locked());
}

TEST(AsyncSemaphore, LimitsConcurrency) {
  async_semaphore semaphore(3);
  int inside = 0;
  int most_inside = 0;
  auto worker = [&]() -> task<> {
    auto permit = co_await semaphore.acquire();
    most_inside = std::max(most_inside, ++inside);
    co_await sleep_for(1ms);
    --inside;
  };
  run(with_task_group([&](task_group& group) -> task<> {
    for (int i = 0; i < 10; ++i)
      group.spawn(worker());
    co_return;
  }));
  EXPECT_EQ(most_inside, 3);
  EXPECT_EQ(semaphore.available(), 3u);
}

TEST(AsyncSemaphore, ServesWaitersInArrivalOrder) {
  async_semaphore semaphore(1);
  std::vector<int> order;
  auto waiter = [&](int id) -> task<> {
    auto permit = co_await semaphore.acquire();
    order.push_back(id);
  };
  run(with_task_group([&](task_group& group) -> task<> {
    auto held = co_await semaphore.acquire();
    for (int id = 0; id < 5; ++id)
      group.spawn(waiter(id));
    co_await sleep_for(1ms);
  }));
  EXPECT_EQ(order, (std::vector<int>{0, 1, 2, 3, 4}));
}

TEST(AsyncSemaphore, CancelledWaiterLosesNoPermit) {
  async_semaphore semaphore(1);
  bool gave_up = false;
  auto impatient = [&]() -> task<> {
    try {
      auto permit = co_await timeout(1ms, semaphore.acquire());
    } catch (const timeout_error&) {
      gave_up = true;
    }
  };
  run(with_task_group([&](task_group& group) -> task<> {
    auto held = co_await semaphore.acquire();
    group.spawn(impatient());
    co_await sleep_for(20ms);
  }));
  EXPECT_TRUE(gave_up);
  EXPECT_EQ(semaphore.available(), 1u);
}

TEST(AsyncSemaphore, PermitGrantedBeforeACancellationIsReturned) {
  async_semaphore semaphore(1);
  auto waiter = [&]() -> task<> {
    auto permit = co_await semaphore.acquire();
    co_await sleep_for(0ms);
  };
  run(with_task_group([&](task_group& group) -> task<> {
    auto held = co_await semaphore.acquire();
    group.spawn(waiter());
    co_await sleep_for(0ms);
    held.release();
    group.cancel();
  }));
  EXPECT_EQ(semaphore.available(), 1u);
}

TEST(AsyncSemaphore, TryAcquire) {
  async_semaphore semaphore(1);
  auto permit = semaphore.try_acquire();
  ASSERT_TRUE(permit);
  EXPECT_EQ(semaphore.available(), 0u);
  EXPECT_FALSE(semaphore.try_acquire());
  permit.reset();
  EXPECT_EQ(semaphore.available(), 1u);
}

TEST(Event, SetWakesEveryWaiterInOrder) {
  event ready;
  std::vector<int> woke;
  auto waiter = [&](int id) -> task<> {
    co_await ready.wait();
    woke.push_back(id);
  };
  run(with_task_group([&](task_group& group) -> task<> {
    for (int id = 0; id < 3; ++id)
      group.spawn(waiter(id));
    co_await sleep_for(1ms);
    EXPECT_TRUE(woke.empty());
    ready.set();
  }));
  EXPECT_EQ(woke, (std::vector<int>{0, 1, 2}));
}

TEST(Event, WaitOnASetEventReturnsAtOnceUntilCleared) {
  run([]() -> task<> {
    event flag;
    flag.set();
    EXPECT_TRUE(flag.is_set());
    co_await flag.wait();
    flag.clear();
    EXPECT_FALSE(flag.is_set());
    EXPECT_THROW(co_await timeout(1ms, flag.wait()), timeout_error);
  }());
}

TEST(Event, WokenWaiterReturnsEvenIfClearedAgain) {
  event flag;
  bool returned = false;
  auto waiter = [&]() -> task<> {
    co_await flag.wait();
    returned = true;
  };
  run(with_task_group([&](task_group& group) -> task<> {
    group.spawn(waiter());
    co_await sleep_for(0ms);
    flag.set();
    flag.clear();
  }));
  EXPECT_TRUE(returned);
}

TEST(Event, CancelledWaiterLeavesNoTrace) {
  event flag;
  std::vector<std::string> trace;
  auto impatient = [&]() -> task<> {
    try {
      co_await timeout(1ms, flag.wait());
    } catch (const timeout_error&) {
      trace.push_back("gave up");
    }
  };
  auto patient = [&]() -> task<> {
    co_await flag.wait();
    trace.push_back("woken");
  };
  run(with_task_group([&](task_group& group) -> task<> {
    group.spawn(impatient());
    group.spawn(patient());
    co_await sleep_for(20ms);
    flag.set();
  }));
  EXPECT_EQ(trace, (std::vector<std::string>{"gave up", "woken"}));
}

} // namespace
} // namespace coroscope
