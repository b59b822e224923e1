// coroscope test stub: all executors are declared in executor.h.
#pragma once
#include <concurrencpp/executors/executor.h>
