# `cmake --install`: the tools, the clang-tidy plugin, the runtime's headers
# and library, and a CMake package, so that a project can
#   find_package(coroscope) and link coroscope::runtime,
# and find the tools as imported targets (coroscope::lint, coroscope::clangd,
# coroscope::tidy, the plugin to pass to `clang-tidy --load`).
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

set(COROSCOPE_INSTALL_CMAKEDIR "${CMAKE_INSTALL_LIBDIR}/cmake/coroscope"
  CACHE STRING "Where the CMake package of coroscope is installed")

if(TARGET coroscope-runtime)
  set_target_properties(coroscope-runtime PROPERTIES EXPORT_NAME runtime)
  install(TARGETS coroscope-runtime EXPORT coroscopeTargets
    ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
    LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR})
  if(EXISTS ${PROJECT_SOURCE_DIR}/runtime/include/coroscope)
    target_include_directories(coroscope-runtime INTERFACE
      $<INSTALL_INTERFACE:${CMAKE_INSTALL_INCLUDEDIR}>)
    install(DIRECTORY ${PROJECT_SOURCE_DIR}/runtime/include/coroscope
      DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}
      FILES_MATCHING PATTERN "*.hpp" PATTERN "*.h")
  endif()
endif()

# The adapters: coroscope::postgres and coroscope::redis, with their headers
# beside the runtime's. They link libpq and hiredis, which the package's
# config finds again (coroscopeConfig.cmake.in).
set(COROSCOPE_INSTALLS_POSTGRES OFF)
set(COROSCOPE_INSTALLS_REDIS OFF)
foreach(_adapter postgres redis)
  if(TARGET coroscope-${_adapter})
    install(TARGETS coroscope-${_adapter} EXPORT coroscopeTargets
      ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR})
    target_include_directories(coroscope-${_adapter} INTERFACE
      $<INSTALL_INTERFACE:${CMAKE_INSTALL_INCLUDEDIR}>)
    install(DIRECTORY ${PROJECT_SOURCE_DIR}/runtime/adapters/${_adapter}/include/coroscope
      DESTINATION ${CMAKE_INSTALL_INCLUDEDIR} FILES_MATCHING PATTERN "*.hpp")
    string(TOUPPER ${_adapter} _upper)
    set(COROSCOPE_INSTALLS_${_upper} ON)
  endif()
endforeach()

if(TARGET coroscope-lint)
  # The tools link LLVM's shared libraries from its installation, which is
  # not on the default search path: keep it in their RPATH once installed.
  # Their clang resource directory is compiled in (ClangdMain.cpp, Worker.cpp).
  set_target_properties(coroscope-clangd PROPERTIES
    EXPORT_NAME clangd INSTALL_RPATH_USE_LINK_PATH TRUE)
  set_target_properties(coroscope-lint PROPERTIES
    EXPORT_NAME lint INSTALL_RPATH_USE_LINK_PATH TRUE)
  set_target_properties(coroscope-tidy PROPERTIES EXPORT_NAME tidy)
  install(TARGETS coroscope-clangd coroscope-lint EXPORT coroscopeTargets
    RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
  # The loader finds the checks library in its own directory.
  install(TARGETS coroscope-tidy EXPORT coroscopeTargets
    LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR})
  install(TARGETS coroscope-tidy-checks
    LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR})
  install(FILES ${PROJECT_SOURCE_DIR}/docs/clangd-snippet.yaml
    DESTINATION ${CMAKE_INSTALL_DATADIR}/coroscope)
endif()

install(EXPORT coroscopeTargets NAMESPACE coroscope::
  DESTINATION ${COROSCOPE_INSTALL_CMAKEDIR})
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
  DESTINATION ${COROSCOPE_INSTALL_CMAKEDIR})
