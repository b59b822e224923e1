// Coroutine frames are allocated and freed at a high rate and in a few sizes
// (every task awaited in a loop is one frame), so freed frames are kept per
// thread and handed out again, as asio does for its awaitables. The cache
// is bounded, and off under sanitizers, which must see every allocation.
#include <coroscope/task.hpp>

#include <array>
#include <cstddef>
#include <new>

namespace coroscope::detail {
namespace {

#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
constexpr bool sanitized = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer) || \
    __has_feature(memory_sanitizer)
constexpr bool sanitized = true;
#else
constexpr bool sanitized = false;
#endif
#else
constexpr bool sanitized = false;
#endif

constexpr std::size_t granule = 64; // size classes, a multiple of new's alignment
constexpr std::size_t largest_kept = 2048;
constexpr std::size_t budget = 256 * 1024; // bytes kept per thread at most

constexpr std::size_t size_class(std::size_t size) noexcept { return (size - 1) / granule; }
constexpr std::size_t class_bytes(std::size_t size_class) noexcept {
  return (size_class + 1) * granule;
}

class frame_cache {
public:
  frame_cache() noexcept { alive = true; }
  ~frame_cache() {
    alive = false;
    for (block* head : free_)
      while (head != nullptr)
        ::operator delete(std::exchange(head, head->next));
  }
  frame_cache(const frame_cache&) = delete;
  frame_cache& operator=(const frame_cache&) = delete;

  void* take(std::size_t size_class) noexcept {
    block* head = free_[size_class];
    if (head == nullptr)
      return nullptr;
    free_[size_class] = head->next;
    kept_ -= class_bytes(size_class);
    return head;
  }

  bool keep(void* frame, std::size_t size_class) noexcept {
    if (kept_ + class_bytes(size_class) > budget)
      return false;
    free_[size_class] = new (frame) block{free_[size_class]};
    kept_ += class_bytes(size_class);
    return true;
  }

  /// False once this thread's cache is destroyed: frames freed later (by
  /// other thread_local or static destructors) go straight back.
  static inline constinit thread_local bool alive = false;

private:
  struct block {
    block* next;
  };
  std::array<block*, largest_kept / granule> free_{};
  std::size_t kept_ = 0;
};

thread_local frame_cache cache;

bool cacheable(std::size_t size) noexcept { return !sanitized && size <= largest_kept; }

} // namespace

void* allocate_frame(std::size_t size) {
  if (!cacheable(size))
    return ::operator new(size);
  if (void* frame = cache.take(size_class(size)))
    return frame;
  return ::operator new(class_bytes(size_class(size)));
}

void free_frame(void* frame, std::size_t size) noexcept {
  if (cacheable(size) && frame_cache::alive && cache.keep(frame, size_class(size)))
    return;
  ::operator delete(frame);
}

} // namespace coroscope::detail
