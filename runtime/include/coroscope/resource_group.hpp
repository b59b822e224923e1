// coroscope/resource_group.hpp - resource_group, named resources created on
// first use.
//
// The lesson's Level 3 design challenge, AsyncResourceGroup:
//
//   resource_group group;
//   group.register_factory("db", [] { return create_db_pool(dsn); });
//   group.register_factory("cache", [] { return create_redis(url); });
//   co_await async_with(group, [&](resource_group& resources) -> task<> {
//     db_pool& db = co_await resources.get<db_pool>("db");   // created here
//     ...
//   });   // what was created is closed here, last created first
#ifndef COROSCOPE_RESOURCE_GROUP_HPP
#define COROSCOPE_RESOURCE_GROUP_HPP

#include <coroscope/cancel.hpp>
#include <coroscope/detail/outcome.hpp>
#include <coroscope/exit_stack.hpp>
#include <coroscope/scope.hpp>
#include <coroscope/sync.hpp>
#include <coroscope/task.hpp>

#include <concepts>
#include <exception>
#include <functional>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <typeinfo>
#include <utility>

namespace coroscope {

namespace detail {

/// Creates the resource of \p factory, enters it into \p stack, and gives
/// its entered value: owned when async_enter gave a value, not owned when it
/// gave a reference (the resource owns it, and the stack owns the resource).
template <class Factory>
task<std::shared_ptr<void>> create_resource(void* factory, exit_stack& stack) {
  using entered = entered_t<std::remove_reference_t<std::invoke_result_t<Factory&>>>;
  using value_type = std::remove_reference_t<entered>;
  Factory& make = *static_cast<Factory*>(factory);
  if constexpr (std::is_reference_v<entered>) {
    entered value = co_await stack.enter(std::invoke(make));
    co_return std::shared_ptr<void>(std::shared_ptr<void>(),
                                    const_cast<std::remove_const_t<value_type>*>(
                                        std::addressof(value)));
  } else {
    co_return std::make_shared<value_type>(co_await stack.enter(std::invoke(make)));
  }
}

/// A registered factory (type-erased as exit_stack's entries are, for the
/// reason given there) and the type of what its resource's async_enter gives.
class resource_factory {
public:
  using create_fn = task<std::shared_ptr<void>> (*)(void* factory, exit_stack& stack);

  template <class Factory>
  explicit resource_factory(Factory factory)
      : factory_(erase(std::make_unique<Factory>(std::move(factory)))),
        create_(&create_resource<Factory>), type_(typeid(value_type_of<Factory>)),
        is_const_(std::is_const_v<value_type_of<Factory>>) {}

  task<std::shared_ptr<void>> create(exit_stack& stack) { return create_(factory_.get(), stack); }

  template <class T>
  bool provides() const noexcept {
    return typeid(T) == type_ && (std::is_const_v<T> || !is_const_);
  }

private:
  template <class Factory>
  using value_type_of = std::remove_reference_t<
      entered_t<std::remove_reference_t<std::invoke_result_t<Factory&>>>>;

  erased_object factory_;
  create_fn create_;
  const std::type_info& type_;
  bool is_const_;
};

} // namespace detail

/// Named async resources, each created by its factory on first get() and
/// closed with the group: the lesson's AsyncResourceGroup.
///
/// - register_factory(name, factory): `factory()` returns an async resource
///   (scope.hpp: an async_context, a class with async_enter/async_exit, ...)
///   whose async_enter gives a value. Registering a name twice throws
///   std::logic_error.
/// - `co_await get<T>(name)` gives the entered value of that resource, T&,
///   creating and entering it first if this is the first get. While one
///   task creates it, other tasks asking for the same name wait for it, so
///   each resource is created once however many tasks ask concurrently. A
///   creation that fails (or is cancelled) is not remembered: its exception
///   goes to the task that created it, and the next get (a waiting one
///   included) tries again. An unknown name throws std::out_of_range naming
///   the registered ones; a T other than the factory's type throws
///   std::logic_error.
/// - The group is an async resource: `async_with(group, body)` opens it for
///   get() and closes it however the body ends. Closing exits every created
///   resource exactly once, last created first, through an exit_stack: a
///   failing cleanup does not stop the others; with a failing body they go
///   to the cleanup-error handler, otherwise they are thrown together as
///   cleanup_error (errors.hpp). Resources never asked for are never created.
/// - get() before the group was entered or after it was closed, and entering
///   it twice, throw std::logic_error.
///
/// The group is neither copyable nor movable: tasks that get() refer to it.
class resource_group {
public:
  resource_group() = default;
  resource_group(const resource_group&) = delete;
  resource_group& operator=(const resource_group&) = delete;

  template <class Factory>
    requires std::invocable<Factory&> &&
             async_resource<std::remove_reference_t<std::invoke_result_t<Factory&>>> &&
             (!std::is_void_v<entered_t<std::remove_reference_t<std::invoke_result_t<Factory&>>>>)
  void register_factory(std::string name, Factory factory) {
    if (!slots_.try_emplace(name, std::move(factory)).second)
      throw std::logic_error("coroscope::resource_group: resource '" + name +
                             "' is already registered");
  }

  template <class T>
  task<T&> get(std::string name);

  task<resource_group&> async_enter() {
    if (stage_ != stage::fresh)
      throw std::logic_error("coroscope::resource_group entered twice; it is single-use");
    stage_ = stage::open;
    co_return *this;
  }

  task<bool> async_exit(std::exception_ptr error) {
    check_open("async_exit");
    stage_ = stage::closed;
    co_return co_await stack_.async_exit(std::move(error));
  }

private:
  enum class stage : unsigned char { fresh, open, closed };

  struct slot {
    template <class Factory>
    explicit slot(Factory factory) : factory(std::move(factory)) {}
    detail::resource_factory factory;
    std::shared_ptr<void> value; // set once created
    bool creating = false;
    event created; // set when a creation attempt ended
  };

  slot& find(const std::string& name);
  void check_open(const char* operation) const;

  std::map<std::string, slot, std::less<>> slots_;
  exit_stack stack_;
  stage stage_ = stage::fresh;
};

inline void resource_group::check_open(const char* operation) const {
  if (stage_ == stage::fresh)
    throw std::logic_error(std::string("coroscope::resource_group::") + operation +
                           " before the group was entered; use it with async_with()");
  if (stage_ == stage::closed)
    throw std::logic_error(std::string("coroscope::resource_group::") + operation +
                           " on a closed resource_group");
}

inline resource_group::slot& resource_group::find(const std::string& name) {
  auto found = slots_.find(name);
  if (found != slots_.end())
    return found->second;
  std::string known;
  for (const auto& [registered, entry] : slots_)
    known += (known.empty() ? "" : ", ") + registered;
  throw std::out_of_range("coroscope::resource_group: unknown resource '" + name +
                          "' (registered: " + (known.empty() ? "none" : known) + ")");
}

template <class T>
task<T&> resource_group::get(std::string name) {
  check_open("get");
  slot& entry = find(name);
  if (!entry.factory.provides<T>())
    throw std::logic_error("coroscope::resource_group::get: resource '" + name +
                           "' is not of the requested type");
  const stop_token token = co_await current_stop_token();
  while (!entry.value) {
    check_open("get"); // the group may have closed while this task waited
    if (entry.creating) {
      co_await entry.created.wait(); // then look again: it may have failed
      continue;
    }
    entry.creating = true;
    entry.created.clear();
    detail::outcome<std::shared_ptr<void>> created =
        co_await detail::outcome_awaiter<std::shared_ptr<void>>(entry.factory.create(stack_),
                                                                token);
    entry.creating = false;
    entry.created.set();
    entry.value = std::move(created).get(); // rethrows a failed creation
  }
  co_return *static_cast<T*>(entry.value.get());
}

} // namespace coroscope

#endif
