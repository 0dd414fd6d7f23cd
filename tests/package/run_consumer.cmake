# Driver for the package tests, run by ctest as `cmake -D... -P run_consumer.cmake`.
# One test = one invocation: (install) + configure + build + run, so each test is
# self-contained and the tests can run in parallel.
#
# MODE=cmake        configure SOURCE_DIR into BINARY_DIR, build, run its ctest
# MODE=pkg-config   compile PKG_CONFIG_MAIN with `CXX $(pkg-config --cflags activ) -std=c++17`
# MODE=compile      configure + build only; with EXPECT_ERROR=<regex> the build must fail
#                   and its output must match the regex
#
# INSTALL_FROM=<activ build tree> + PREFIX=<dir>: first `cmake --install` activ into
#   PREFIX.stage, then move it to PREFIX, which proves the installed files hold no
#   absolute paths of the install location.
# Toolchain pass-through: GENERATOR GENERATOR_PLATFORM GENERATOR_TOOLSET MAKE_PROGRAM
#   CXX_COMPILER CXX_FLAGS BUILD_TYPE CTEST_COMMAND, and CXX_FLAGS_CONFIG (the tree's
#   CMAKE_CXX_FLAGS_<BUILD_TYPE>, so that e.g. the sanitize preset's -O1 carries over).
# Forwarded to the consumer project when set: ACTIV_SOURCE_DIR ACTIV_CHECK_SOURCE.
cmake_minimum_required(VERSION 3.14)

function(run_step what)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "${what} failed (${rc})")
  endif()
endfunction()

if(NOT MODE)
  set(MODE cmake)
endif()

# --- install ---------------------------------------------------------------------------------
if(INSTALL_FROM)
  file(REMOVE_RECURSE "${PREFIX}" "${PREFIX}.stage")
  set(_config_args "")
  if(BUILD_TYPE)
    set(_config_args --config "${BUILD_TYPE}")
  endif()
  message(STATUS "install ${INSTALL_FROM} -> ${PREFIX}.stage")
  run_step("cmake --install" "${CMAKE_COMMAND}" --install "${INSTALL_FROM}"
           --prefix "${PREFIX}.stage" ${_config_args})
  file(RENAME "${PREFIX}.stage" "${PREFIX}")
  message(STATUS "moved the install to ${PREFIX}")
  foreach(_f include/activ/activ.hpp share/cmake/activ/activConfig.cmake
             share/cmake/activ/activConfigVersion.cmake share/cmake/activ/activTargets.cmake
             share/cmake/activ/activFindXsimd.cmake share/pkgconfig/activ.pc)
    if(NOT EXISTS "${PREFIX}/${_f}")
      message(FATAL_ERROR "the install lacks ${_f}")
    endif()
  endforeach()
endif()

# --- pkg-config ------------------------------------------------------------------------------
if(MODE STREQUAL "pkg-config")
  if(NOT PKG_CONFIG_EXECUTABLE)
    message(FATAL_ERROR "PKG_CONFIG_EXECUTABLE not given")
  endif()
  set(ENV{PKG_CONFIG_PATH} "${PREFIX}/share/pkgconfig")
  execute_process(COMMAND "${PKG_CONFIG_EXECUTABLE}" --cflags activ
                  OUTPUT_VARIABLE _cflags OUTPUT_STRIP_TRAILING_WHITESPACE RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "pkg-config --cflags activ failed (${rc})")
  endif()
  execute_process(COMMAND "${PKG_CONFIG_EXECUTABLE}" --modversion activ
                  OUTPUT_VARIABLE _version OUTPUT_STRIP_TRAILING_WHITESPACE)
  message(STATUS "pkg-config: activ ${_version}, --cflags: ${_cflags}")
  if(EXPECTED_VERSION AND NOT _version STREQUAL EXPECTED_VERSION)
    message(FATAL_ERROR "pkg-config reports activ ${_version}, expected ${EXPECTED_VERSION}")
  endif()
  if(_cflags MATCHES "-std=")
    message(FATAL_ERROR "activ.pc must not choose the language standard: ${_cflags}")
  endif()
  separate_arguments(_cflags UNIX_COMMAND "${_cflags}")
  get_filename_component(_want "${PREFIX}/include" REALPATH)
  set(_points_into_prefix FALSE)
  foreach(_flag IN LISTS _cflags)
    if(_flag MATCHES "^-I(.+)")
      get_filename_component(_dir "${CMAKE_MATCH_1}" REALPATH)
      if(_dir STREQUAL _want)
        set(_points_into_prefix TRUE)
      endif()
    endif()
  endforeach()
  if(NOT _points_into_prefix)
    message(FATAL_ERROR "pkg-config --cflags does not point at ${PREFIX}/include")
  endif()
  separate_arguments(_cxxflags UNIX_COMMAND "${CXX_FLAGS} ${CXX_FLAGS_CONFIG}")
  file(REMOVE_RECURSE "${BINARY_DIR}")
  file(MAKE_DIRECTORY "${BINARY_DIR}")
  set(_exe "${BINARY_DIR}/consumer")
  set(_cmd "${CXX_COMPILER}" ${_cxxflags} ${_cflags} -std=c++17 "${PKG_CONFIG_MAIN}" -o "${_exe}")
  string(REPLACE ";" " " _shown "${_cmd}")
  message(STATUS "${_shown}")
  run_step("compiling with pkg-config flags" ${_cmd})
  execute_process(COMMAND "${_exe}" OUTPUT_VARIABLE _out RESULT_VARIABLE rc)
  message(STATUS "consumer says: ${_out}")
  if(NOT rc EQUAL 0 OR NOT _out MATCHES "^OK")
    message(FATAL_ERROR "the pkg-config consumer failed (${rc})")
  endif()
  return()
endif()

# --- CMake consumer project --------------------------------------------------------------------
file(REMOVE_RECURSE "${BINARY_DIR}")
set(_args -S "${SOURCE_DIR}" -B "${BINARY_DIR}" -G "${GENERATOR}")
if(GENERATOR_PLATFORM)
  list(APPEND _args -A "${GENERATOR_PLATFORM}")
endif()
if(GENERATOR_TOOLSET)
  list(APPEND _args -T "${GENERATOR_TOOLSET}")
endif()
foreach(_v MAKE_PROGRAM CXX_COMPILER CXX_FLAGS BUILD_TYPE)
  if(DEFINED ${_v} AND NOT "${${_v}}" STREQUAL "")
    list(APPEND _args "-DCMAKE_${_v}=${${_v}}")
  endif()
endforeach()
if(BUILD_TYPE AND DEFINED CXX_FLAGS_CONFIG)
  string(TOUPPER "${BUILD_TYPE}" _bt)
  list(APPEND _args "-DCMAKE_CXX_FLAGS_${_bt}=${CXX_FLAGS_CONFIG}")
endif()
if(PREFIX)
  list(APPEND _args "-DCMAKE_PREFIX_PATH=${PREFIX}" "-DACTIV_EXPECTED_PREFIX=${PREFIX}")
endif()
foreach(_v ACTIV_SOURCE_DIR ACTIV_CHECK_SOURCE)
  if(${_v})
    list(APPEND _args "-D${_v}=${${_v}}")
  endif()
endforeach()
run_step("configuring ${SOURCE_DIR}" "${CMAKE_COMMAND}" ${_args})

set(_build "${CMAKE_COMMAND}" --build "${BINARY_DIR}")
if(BUILD_TYPE)
  list(APPEND _build --config "${BUILD_TYPE}")
endif()

if(MODE STREQUAL "compile" AND EXPECT_ERROR)
  execute_process(COMMAND ${_build} RESULT_VARIABLE rc OUTPUT_VARIABLE _out ERROR_VARIABLE _out)
  # Show the compiler's output: ctest's PASS_REGULAR_EXPRESSION looks at it too.
  message("${_out}")
  if(rc EQUAL 0)
    message(FATAL_ERROR "activ-compile-check: compiled, but it must not")
  endif()
  if(NOT _out MATCHES "${EXPECT_ERROR}")
    # Do not quote EXPECT_ERROR here: ctest's PASS_REGULAR_EXPRESSION would match it.
    message(FATAL_ERROR "activ-compile-check: failed to compile, but the output lacks the "
                        "expected message (EXPECT_ERROR)")
  endif()
  message(STATUS "activ-compile-check: failed to compile, as expected")
  return()
endif()

run_step("building ${BINARY_DIR}" ${_build})
if(MODE STREQUAL "compile")
  message(STATUS "activ-compile-check: compiled, as expected")
  return()
endif()

set(_ctest "${CTEST_COMMAND}")
if(NOT _ctest)
  get_filename_component(_dir "${CMAKE_COMMAND}" DIRECTORY)
  set(_ctest "${_dir}/ctest")
endif()
set(_config_args "")
if(BUILD_TYPE)
  set(_config_args -C "${BUILD_TYPE}")
endif()
execute_process(COMMAND "${_ctest}" --output-on-failure --no-tests=error ${_config_args}
                WORKING_DIRECTORY "${BINARY_DIR}" RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "running the consumer failed (${rc})")
endif()
