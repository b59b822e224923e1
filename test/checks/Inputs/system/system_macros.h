#pragma clang system_header
#define SYSTEM_DISCARD(function) function()
#define SYSTEM_BLOCK() sleep(0)
#define SYSTEM_YIELD(value) co_yield value
