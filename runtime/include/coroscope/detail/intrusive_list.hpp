// coroscope/detail/intrusive_list.hpp - the waiter queues of the runtime.
//
// A waiter (a suspended lock(), a stop callback, ...) lives in the coroutine
// frame of the task that waits. Linking it into a queue through a node it
// embeds costs no allocation, and unlinking it when it is cancelled is O(1)
// without knowing which queue it is in.
#ifndef COROSCOPE_DETAIL_INTRUSIVE_LIST_HPP
#define COROSCOPE_DETAIL_INTRUSIVE_LIST_HPP

#include <cassert>

namespace coroscope::detail {

/// The links an item of an intrusive_list<T> embeds. T, the item type, tags
/// the node so that one object can sit in two kinds of list.
template <class T>
class list_node {
public:
  list_node() = default;
  /// An awaitable may be moved until it is awaited, never while it waits:
  /// the new node starts unlinked.
  list_node(list_node&& other) noexcept { assert(!other.linked()); }
  list_node& operator=(list_node&&) = delete;

  bool linked() const noexcept { return next_ != nullptr; }

  /// Removes this node from whatever list holds it; a no-op when unlinked.
  void unlink() noexcept {
    if (!linked())
      return;
    prev_->next_ = next_;
    next_->prev_ = prev_;
    prev_ = next_ = nullptr;
  }

private:
  template <class> friend class intrusive_list;
  list_node* prev_ = nullptr;
  list_node* next_ = nullptr;
};

/// A FIFO of objects deriving from list_node<T>, owned elsewhere. Circular with
/// a sentinel, so that list_node::unlink needs no reference to the list.
template <class T>
class intrusive_list {
public:
  intrusive_list() noexcept { head_.prev_ = head_.next_ = &head_; }
  intrusive_list(const intrusive_list&) = delete;
  intrusive_list& operator=(const intrusive_list&) = delete;

  bool empty() const noexcept { return head_.next_ == &head_; }

  void push_back(T& item) noexcept {
    list_node<T>& node = item;
    node.prev_ = head_.prev_;
    node.next_ = &head_;
    head_.prev_->next_ = &node;
    head_.prev_ = &node;
  }

  /// Unlinks and returns the oldest item, or nullptr when empty.
  T* pop_front() noexcept {
    if (empty())
      return nullptr;
    list_node<T>* node = head_.next_;
    node->unlink();
    return static_cast<T*>(node);
  }

private:
  list_node<T> head_;
};

} // namespace coroscope::detail

#endif
