// coroscope test stub for cppcoro: when_all_ready lives with when_all in this stub.
#pragma once
#include <cppcoro/when_all.hpp>
