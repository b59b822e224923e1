# `cmake --install`: the runtime's headers and library, the adapters, the
# tools and the clang-tidy plugin, and a CMake package, so that a project can
#   find_package(coroscope) and link coroscope::runtime,
# and find the tools as imported targets (coroscope::lint, coroscope::clangd,
# coroscope::tidy, the plugin to pass to `clang-tidy --load`).
#
# Each part is an install component and a Debian package of its own
# (CoroscopePackaging.cmake): runtime, postgres, redis, and per LLVM major
# tidy, lint and clangd. The tools of LLVM 19 and of LLVM 22 install side by
# side into one prefix: their files carry the major in their names
# (bin/coroscope-lint-19, lib/coroscope/llvm-19/libcoroscope-tidy.so), and so
# do their parts of the CMake package.
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

set(COROSCOPE_INSTALL_CMAKEDIR "${CMAKE_INSTALL_LIBDIR}/cmake/coroscope"
  CACHE STRING "Where the CMake package of coroscope is installed")

if(TARGET coroscope-runtime)
  set_target_properties(coroscope-runtime PROPERTIES EXPORT_NAME runtime)
  install(TARGETS coroscope-runtime EXPORT coroscopeTargets
    ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT runtime
    LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT runtime)
  if(EXISTS ${PROJECT_SOURCE_DIR}/runtime/include/coroscope)
    target_include_directories(coroscope-runtime INTERFACE
      $<INSTALL_INTERFACE:${CMAKE_INSTALL_INCLUDEDIR}>)
    install(DIRECTORY ${PROJECT_SOURCE_DIR}/runtime/include/coroscope
      DESTINATION ${CMAKE_INSTALL_INCLUDEDIR} COMPONENT runtime
      FILES_MATCHING PATTERN "*.hpp" PATTERN "*.h")
  endif()
endif()

# The adapters: coroscope::postgres and coroscope::redis, with their headers
# beside the runtime's, each in a file of the package of its own, which the
# package's config includes where it is installed (coroscopeConfig.cmake.in).
foreach(_adapter postgres redis)
  if(TARGET coroscope-${_adapter})
    install(TARGETS coroscope-${_adapter} EXPORT coroscope-${_adapter}
      ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT ${_adapter})
    target_include_directories(coroscope-${_adapter} INTERFACE
      $<INSTALL_INTERFACE:${CMAKE_INSTALL_INCLUDEDIR}>)
    install(DIRECTORY ${PROJECT_SOURCE_DIR}/runtime/adapters/${_adapter}/include/coroscope
      DESTINATION ${CMAKE_INSTALL_INCLUDEDIR} COMPONENT ${_adapter}
      FILES_MATCHING PATTERN "*.hpp")
    install(EXPORT coroscope-${_adapter} NAMESPACE coroscope::
      FILE coroscope-${_adapter}-targets.cmake
      DESTINATION ${COROSCOPE_INSTALL_CMAKEDIR} COMPONENT ${_adapter})
  endif()
endforeach()

if(TARGET coroscope-lint)
  set(_major ${COROSCOPE_LLVM_MAJOR})
  # The tools link LLVM's shared libraries from its installation, which is
  # not on the default search path: keep it in their RPATH once installed.
  # Their clang resource directory is compiled in (ClangdMain.cpp, Worker.cpp).
  set_target_properties(coroscope-clangd PROPERTIES
    EXPORT_NAME clangd-${_major} INSTALL_RPATH_USE_LINK_PATH TRUE)
  set_target_properties(coroscope-lint PROPERTIES
    EXPORT_NAME lint-${_major} INSTALL_RPATH_USE_LINK_PATH TRUE)
  set_target_properties(coroscope-tidy PROPERTIES EXPORT_NAME tidy-${_major})
  install(TARGETS coroscope-lint EXPORT coroscope-lint
    RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT lint)
  install(TARGETS coroscope-clangd EXPORT coroscope-clangd
    RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT clangd)
  # The loader finds the checks library in its own directory.
  set(COROSCOPE_INSTALL_PLUGINDIR
    "${CMAKE_INSTALL_LIBDIR}/coroscope/llvm-${_major}")
  install(TARGETS coroscope-tidy EXPORT coroscope-tidy
    LIBRARY DESTINATION ${COROSCOPE_INSTALL_PLUGINDIR} COMPONENT tidy)
  install(TARGETS coroscope-tidy-checks
    LIBRARY DESTINATION ${COROSCOPE_INSTALL_PLUGINDIR} COMPONENT tidy)
  install(FILES ${PROJECT_SOURCE_DIR}/docs/clangd-snippet.yaml
    DESTINATION ${CMAKE_INSTALL_DATADIR}/coroscope/llvm-${_major}
    COMPONENT clangd)
  foreach(_tool lint clangd tidy)
    install(EXPORT coroscope-${_tool} NAMESPACE coroscope::
      FILE coroscope-${_tool}-${_major}-targets.cmake
      DESTINATION ${COROSCOPE_INSTALL_CMAKEDIR} COMPONENT ${_tool})
  endforeach()
endif()

install(EXPORT coroscopeTargets NAMESPACE coroscope::
  FILE coroscope-runtime-targets.cmake
  DESTINATION ${COROSCOPE_INSTALL_CMAKEDIR} COMPONENT runtime)
configure_package_config_file(
  ${CMAKE_CURRENT_LIST_DIR}/coroscopeConfig.cmake.in
  ${CMAKE_CURRENT_BINARY_DIR}/coroscopeConfig.cmake
  INSTALL_DESTINATION ${COROSCOPE_INSTALL_CMAKEDIR})
write_basic_package_version_file(
  ${CMAKE_CURRENT_BINARY_DIR}/coroscopeConfigVersion.cmake
  VERSION ${PROJECT_VERSION} COMPATIBILITY SameMinorVersion)
install(FILES
  ${CMAKE_CURRENT_BINARY_DIR}/coroscopeConfig.cmake
  ${CMAKE_CURRENT_BINARY_DIR}/coroscopeConfigVersion.cmake
  DESTINATION ${COROSCOPE_INSTALL_CMAKEDIR} COMPONENT runtime)
