// What every lesson program shares: the Python exceptions the lesson raises,
// Python's str(e) and type(e).__name__, and asyncio.run(main()) for a whole
// program, which prints an escaping exception the way the lesson shows it.
#ifndef COROSCOPE_EXAMPLES_LESSON_HPP
#define COROSCOPE_EXAMPLES_LESSON_HPP

#include <coroscope/run.hpp>
#include <coroscope/task.hpp>
#include <coroscope/time.hpp>

#include <cstdio>
#include <exception>
#include <stdexcept>
#include <string>

namespace lesson {

/// An exception of the lesson, with its Python type name.
class python_error : public std::runtime_error {
public:
  python_error(const char* type, const std::string& message)
      : std::runtime_error(message), type_(type) {}
  const char* type() const noexcept { return type_; }

private:
  const char* type_;
};

struct value_error : python_error {
  explicit value_error(const std::string& message) : python_error("ValueError", message) {}
};
struct connection_error : python_error {
  explicit connection_error(const std::string& message)
      : python_error("ConnectionError", message) {}
};

/// type(e).__name__
inline std::string type_name(const std::exception& e) {
  if (const auto* error = dynamic_cast<const python_error*>(&e))
    return error->type();
  if (dynamic_cast<const coroscope::timeout_error*>(&e) != nullptr)
    return "TimeoutError";
  if (dynamic_cast<const std::logic_error*>(&e) != nullptr)
    return "logic_error"; // the runtime's misuse errors (Python: RuntimeError)
  return "RuntimeError";
}

/// str(e) of a stored exception.
inline std::string str(const std::exception_ptr& error) {
  try {
    std::rethrow_exception(error);
  } catch (const std::exception& e) {
    return e.what();
  } catch (...) {
    return "?";
  }
}

/// asyncio.run(main()) as a program's main: an exception that escapes main
/// is printed as the lesson prints it ("Traceback: ValueError: boom") on
/// stderr, and the exit status is 1, as Python's.
inline int run(coroscope::task<void> main) {
  // Line-buffered, so that the program's output and the runtime's reports on
  // stderr appear in the order they happen, also through a pipe.
  std::setvbuf(stdout, nullptr, _IOLBF, BUFSIZ);
  try {
    coroscope::run(std::move(main));
    return 0;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "Traceback: %s: %s\n", type_name(e).c_str(), e.what());
    return 1;
  }
}

} // namespace lesson

#endif
