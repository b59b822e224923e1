#pragma clang system_header
#define SYSTEM_DISCARD(function) function()
