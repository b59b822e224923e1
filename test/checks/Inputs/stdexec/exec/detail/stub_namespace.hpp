// coroscope test stub (our own code). Since NVIDIA/stdexec commit 5f738fe7 (2026-02-18;
// first in tag nvhpc-26.05) the `exec::` names live in namespace experimental::execution
// and `exec` is a namespace alias: the AST spells exec::task as
// experimental::execution::__task::basic_task<...>. Before that (e.g. nvhpc-25.09) they
// were declared in namespace exec itself. -DCOROSCOPE_STUB_STDEXEC_LEGACY_NAMESPACE
// selects the old layout so tests can cover both.
#pragma once
#if defined(COROSCOPE_STUB_STDEXEC_LEGACY_NAMESPACE)
#  define COROSCOPE_STUB_EXEC_BEGIN namespace exec {
#  define COROSCOPE_STUB_EXEC_END }
#else
#  define COROSCOPE_STUB_EXEC_BEGIN namespace experimental::execution {
#  define COROSCOPE_STUB_EXEC_END } namespace exec = experimental::execution;
#endif
