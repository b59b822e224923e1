// The cleanup-error handler: replaceable, defaulting to one line on stderr.
#include <coroscope/errors.hpp>

#include "test_support.hpp"

#include <gtest/gtest.h>

#include <exception>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <vector>

namespace coroscope {
namespace {

TEST(CleanupErrorHandler, DefaultsToOneLineOnStderr) {
  EXPECT_EQ(get_cleanup_error_handler(), &default_cleanup_error_handler);
  ::testing::internal::CaptureStderr();
  report_cleanup_error(std::make_exception_ptr(std::runtime_error("close failed")));
  report_cleanup_error(std::make_exception_ptr(cancelled()));
  report_cleanup_error(std::make_exception_ptr(42));
  EXPECT_EQ(::testing::internal::GetCapturedStderr(),
            "coroscope: error during cleanup: close failed\n"
            "coroscope: error during cleanup: coroscope::cancelled\n"
            "coroscope: error during cleanup: an exception not derived from std::exception\n");
}

TEST(CleanupErrorHandler, IsReplaceableAndRestorable) {
  {
    testing::cleanup_error_capture capture;
    EXPECT_NE(get_cleanup_error_handler(), &default_cleanup_error_handler);
    report_cleanup_error(std::make_exception_ptr(std::logic_error("first")));
    report_cleanup_error(std::make_exception_ptr(std::logic_error("second")));
    EXPECT_EQ(capture.errors(), (std::vector<std::string>{"first", "second"}));
  }
  EXPECT_EQ(get_cleanup_error_handler(), &default_cleanup_error_handler);
}

TEST(CleanupErrorHandler, NullSilencesTheReports) {
  const cleanup_error_handler previous = set_cleanup_error_handler(nullptr);
  ::testing::internal::CaptureStderr();
  report_cleanup_error(std::make_exception_ptr(std::runtime_error("ignored")));
  EXPECT_EQ(::testing::internal::GetCapturedStderr(), "");
  set_cleanup_error_handler(previous);
}

TEST(CleanupError, HoldsEveryFailureInOrderAndNamesThem) {
  const cleanup_error error({std::make_exception_ptr(std::runtime_error("close cache")),
                             std::make_exception_ptr(cancelled()),
                             std::make_exception_ptr(std::runtime_error("close db"))});
  ASSERT_EQ(error.failures().size(), 3u);
  EXPECT_EQ(testing::message_of(error.failures()[0]), "close cache");
  EXPECT_EQ(testing::message_of(error.failures()[2]), "close db");
  EXPECT_STREQ(error.what(), "3 cleanups failed: close cache; coroscope::cancelled; close db");
}

TEST(CleanupError, OneFailure) {
  const cleanup_error error({std::make_exception_ptr(std::runtime_error("close db"))});
  EXPECT_STREQ(error.what(), "cleanup failed: close db");
}

TEST(CleanupError, IsAnErrorThatCopiesWithoutThrowing) {
  static_assert(std::is_base_of_v<std::runtime_error, cleanup_error>);
  static_assert(std::is_nothrow_copy_constructible_v<cleanup_error>);
  const cleanup_error error({std::make_exception_ptr(std::runtime_error("x"))});
  const cleanup_error copy = error;
  EXPECT_EQ(&copy.failures(), &error.failures());
}

} // namespace
} // namespace coroscope
