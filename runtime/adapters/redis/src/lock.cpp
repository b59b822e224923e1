// redis::lock: SET NX PX to take, a compare-and-delete script to release.
#include <coroscope/redis.hpp>

#include <coroscope/cancel.hpp>
#include <coroscope/errors.hpp>
#include <coroscope/time.hpp>

#include <algorithm>
#include <array>
#include <cstdint>
#include <random>

namespace coroscope::redis {
namespace {

// Deletes the key only while it still holds our token: a lock that expired
// and was taken by another holder is left to that holder. Atomic, since the
// server runs a script without interleaving other commands.
constexpr const char* release_script = R"lua(
if redis.call("get", KEYS[1]) == ARGV[1] then
  return redis.call("del", KEYS[1])
else
  return 0
end
)lua";

/// 128 random bits as 32 hex digits: no two holders share a token.
std::string random_token() {
  std::random_device entropy;
  std::string token;
  for (int word = 0; word < 4; ++word) {
    std::array<char, 9> hex{};
    const auto [end, status] =
        std::to_chars(hex.data(), hex.data() + 8, static_cast<std::uint32_t>(entropy()), 16);
    token.append(8 - static_cast<std::size_t>(end - hex.data()), '0');
    token.append(hex.data(), end);
  }
  return token;
}

std::mt19937& jitter_source() {
  thread_local std::mt19937 source{std::random_device{}()};
  return source;
}

} // namespace

lock::lock(client& redis, std::string key, std::chrono::milliseconds ttl, lock_options options)
    : redis_(&redis), key_(std::move(key)), token_(random_token()), ttl_(ttl), options_(options) {}

task<bool> lock::try_acquire() {
  // Shielded, so that its answer is always read: a SET the server carried
  // out for a task cancelled meanwhile would otherwise leave the lock held
  // by nobody until its ttl, and every other holder waiting it out. Bounded
  // by the ttl, after which a lock it took has expired anyway.
  const reply answer = co_await shield(
      timeout(ttl_, redis_->command("SET", key_, token_, "NX", "PX", ttl_.count())));
  held_ = !answer.is_nil(); // +OK when set, nil when the key exists
  if ((co_await current_stop_token()).stop_requested()) {
    // The cancellation goes on, but not before the lock is given back.
    if (held_) {
      try {
        co_await shield(release());
      } catch (const std::exception&) {
        report_cleanup_error(std::current_exception());
      }
    }
    throw cancelled();
  }
  co_return held_;
}

task<void> lock::acquire() {
  using clock = std::chrono::steady_clock;
  const clock::time_point deadline = clock::now() + options_.acquire_timeout;
  std::chrono::milliseconds ceiling = options_.first_retry;
  while (!co_await try_acquire()) {
    const clock::time_point now = clock::now();
    if (now >= deadline)
      throw lock_timeout("redis " + redis_->server() + ": could not acquire lock \"" + key_ +
                         "\" within " + std::to_string(options_.acquire_timeout.count()) + " ms");
    // Full jitter: a random delay up to the current ceiling, which doubles.
    std::uniform_int_distribution<long long> pick(1, std::max<long long>(1, ceiling.count()));
    const auto delay = std::chrono::milliseconds(pick(jitter_source()));
    co_await sleep_until(std::min(deadline, now + delay));
    ceiling = std::min(ceiling * 2, options_.longest_retry);
  }
}

task<void> lock::release() {
  if (!held_)
    co_return;
  held_ = false;
  const reply deleted = co_await redis_->command("EVAL", release_script, 1, key_, token_);
  if (deleted.integer() == 0)
    throw lock_not_owned("redis " + redis_->server() + ": lock \"" + key_ +
                         "\" had expired before it was released (its ttl of " +
                         std::to_string(ttl_.count()) +
                         " ms was shorter than the critical section); it was left to whoever "
                         "holds it now");
}

task<lock&> lock::async_enter() {
  if (held_)
    throw std::logic_error("coroscope::redis::lock \"" + key_ + "\" entered while held");
  co_await acquire();
  co_return *this;
}

task<bool> lock::async_exit(std::exception_ptr) {
  co_await shield(release());
  co_return false;
}

} // namespace coroscope::redis
