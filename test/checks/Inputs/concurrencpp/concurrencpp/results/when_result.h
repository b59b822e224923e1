// coroscope test stub for concurrencpp::when_all / when_any -- our own code.
// Both take a resume executor first and return a lazy_result.
#pragma once
#include <concurrencpp/results/lazy_result.h>
#include <concurrencpp/results/result.h>
#include <cstddef>
#include <memory>
#include <tuple>
#include <type_traits>
#include <vector>

namespace concurrencpp {
template <class sequence_type>
struct when_any_result {
  std::size_t index;
  sequence_type results;
};
template <class executor_type, class... result_types>
lazy_result<std::tuple<std::decay_t<result_types>...>> when_all(
    std::shared_ptr<executor_type> resume_executor, result_types&&... results);
template <class executor_type, class iterator_type>
lazy_result<std::vector<typename std::iterator_traits<iterator_type>::value_type>> when_all(
    std::shared_ptr<executor_type> resume_executor, iterator_type begin, iterator_type end);
template <class executor_type, class... result_types>
lazy_result<when_any_result<std::tuple<std::decay_t<result_types>...>>> when_any(
    std::shared_ptr<executor_type> resume_executor, result_types&&... results);
}  // namespace concurrencpp
