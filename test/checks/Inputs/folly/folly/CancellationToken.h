// coroscope test stub: folly/CancellationToken.h.
#pragma once
#include <folly/OperationCancelled.h>
#include <functional>
namespace folly {
class CancellationToken {
 public:
  CancellationToken() noexcept = default;
  bool isCancellationRequested() const noexcept;
  bool canBeCancelled() const noexcept;
};
class CancellationSource {
 public:
  CancellationSource();
  bool isCancellationRequested() const noexcept;
  CancellationToken getToken() const noexcept;
  bool requestCancellation() const noexcept;
};
class CancellationCallback {
 public:
  CancellationCallback(const CancellationToken& token, std::function<void()> cb);
  CancellationCallback(const CancellationCallback&) = delete;
  ~CancellationCallback();
};
CancellationToken cancellation_token_merge(CancellationToken, CancellationToken);
} // namespace folly
