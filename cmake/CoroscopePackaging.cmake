# Debian packages of the install components (CoroscopeInstall.cmake), built
# by `cpack` in a build tree (scripts/package.sh):
#   libcoroscope-dev            the runtime: headers, library, CMake package
#   libcoroscope-postgres-dev   coroscope::postgres (libpq)
#   libcoroscope-redis-dev      coroscope::redis (hiredis)
#   coroscope-tidy-NN           the clang-tidy plugin for clang-tidy-NN
#   coroscope-lint-NN           coroscope-lint-NN, the CI gate
#   coroscope-clangd-NN         coroscope-clangd-NN, clangd with the checks
# The runtime packages need no LLVM; one tree per LLVM major builds the
# tools' packages, which install side by side, with the unversioned
# coroscope-lint and coroscope-clangd as alternatives (the newest wins).
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME coroscope)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_CONTACT "coroscope developers <coroscope@localhost>")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_PACKAGE_DIRECTORY ${PROJECT_BINARY_DIR}/packages)
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
# The tools' debug information is most of their size, and compressing it
# most of the packaging time.
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_COMPRESSION_TYPE gzip)
# dpkg-shlibdeps names the packages of the shared libraries the binaries
# link (libclang-cpp19, libllvm19, gRPC's for clangd, ...).
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_SECTION devel)

set(_version_dependency "(= ${PROJECT_VERSION})")
set(CPACK_DEBIAN_RUNTIME_PACKAGE_NAME libcoroscope-dev)
set(CPACK_COMPONENT_RUNTIME_DESCRIPTION
  "coroscope's C++20 coroutine runtime: tasks, cancellation, async scopes
 Lazy tasks, an event loop, cancellation, async_with, async_context,
 exit_stack and pools: headers, a static library and the CMake package
 (find_package(coroscope) gives coroscope::runtime). Needs no LLVM.")
set(CPACK_DEBIAN_POSTGRES_PACKAGE_NAME libcoroscope-postgres-dev)
set(CPACK_DEBIAN_POSTGRES_PACKAGE_DEPENDS
  "libcoroscope-dev ${_version_dependency}, libpq-dev")
set(CPACK_COMPONENT_POSTGRES_DESCRIPTION
  "coroscope's PostgreSQL adapter (coroscope::postgres)
 Asynchronous connections, pools and transactions over libpq.")
set(CPACK_DEBIAN_REDIS_PACKAGE_NAME libcoroscope-redis-dev)
set(CPACK_DEBIAN_REDIS_PACKAGE_DEPENDS
  "libcoroscope-dev ${_version_dependency}, libhiredis-dev, pkg-config")
set(CPACK_COMPONENT_REDIS_DESCRIPTION
  "coroscope's Redis adapter (coroscope::redis)
 An asynchronous client and a distributed lock over hiredis.")

if(TARGET coroscope-lint)
  set(_major ${COROSCOPE_LLVM_MAJOR})
  set(CPACK_DEBIAN_TIDY_PACKAGE_NAME coroscope-tidy-${_major})
  # The plugin's symbols resolve against the clang-tidy that loads it.
  set(CPACK_DEBIAN_TIDY_PACKAGE_DEPENDS "clang-tidy-${_major}")
  set(CPACK_COMPONENT_TIDY_DESCRIPTION
    "coroscope's checks as a plugin for clang-tidy-${_major}
 clang-tidy-${_major} --load=/usr/${COROSCOPE_INSTALL_PLUGINDIR}/libcoroscope-tidy.so
 --checks='-*,coroscope-*' finds resource-scope misuse in C++20 coroutines.")
  # The builtin headers clang needs come from libclang-common-NN-dev.
  set(CPACK_DEBIAN_LINT_PACKAGE_NAME coroscope-lint-${_major})
  set(CPACK_DEBIAN_LINT_PACKAGE_DEPENDS "libclang-common-${_major}-dev")
  set(CPACK_COMPONENT_LINT_DESCRIPTION
    "coroscope-lint-${_major}, a CI gate running coroscope's checks
 Runs the coroscope checks over a compilation database, fails on new
 findings, writes SARIF, GitHub and GitLab reports. Built with LLVM ${_major}.")
  set(CPACK_DEBIAN_CLANGD_PACKAGE_NAME coroscope-clangd-${_major})
  set(CPACK_DEBIAN_CLANGD_PACKAGE_DEPENDS "libclang-common-${_major}-dev")
  set(CPACK_COMPONENT_CLANGD_DESCRIPTION
    "coroscope-clangd-${_major}, clangd ${_major} with coroscope's checks
 A drop-in clangd for editors, with the coroscope checks built in.")
  foreach(_tool lint clangd)
    string(TOUPPER ${_tool} _upper)
    set(_scripts)
    foreach(_script postinst prerm)
      set(TOOL coroscope-${_tool})
      set(MAJOR ${_major})
      set(BINDIR /usr/${CMAKE_INSTALL_BINDIR})
      configure_file(${CMAKE_CURRENT_LIST_DIR}/debian/${_script}.in
        ${PROJECT_BINARY_DIR}/debian/${_tool}/${_script} @ONLY
        FILE_PERMISSIONS OWNER_READ OWNER_WRITE OWNER_EXECUTE
        GROUP_READ GROUP_EXECUTE WORLD_READ WORLD_EXECUTE)
      list(APPEND _scripts ${PROJECT_BINARY_DIR}/debian/${_tool}/${_script})
    endforeach()
    set(CPACK_DEBIAN_${_upper}_PACKAGE_CONTROL_EXTRA ${_scripts})
  endforeach()
  set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
endif()

include(CPack)
