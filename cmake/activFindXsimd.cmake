# activFindXsimd.cmake - find xsimd for activ, shared by the build tree and by the
# installed activConfig.cmake.
#
# Result:
#   activ_xsimd_FOUND    TRUE when a usable `xsimd` target exists afterwards
#   activ_xsimd_MESSAGE  why not, when activ_xsimd_FOUND is FALSE
# The caller decides what a failure means (FATAL_ERROR in the build, a
# not-found package in activConfig.cmake). Nothing here calls message(FATAL_ERROR).
#
# Two traps this file exists for (see the notes in the repository's TOOLCHAIN docs):
#  * xsimd's version file is SameMajorVersion, so find_package(xsimd 8.1) would skip
#    xsimd 13.x/14.x. We ask for no version and check xsimd_VERSION afterwards.
#  * Debian 12's libxsimd-dev (8.1) exports a target whose INTERFACE_LINK_LIBRARIES
#    is `xtl`, but xtl is not a dependency of the package; without an `xtl` target
#    the link line gets `-lxtl` and fails. (Upstream xsimd links xtl only when built
#    with ENABLE_XTL_COMPLEX, and then finds it; 13.x/14.x packages normally do not.)
#    When xsimd names xtl and no xtl target exists, we use a real xtl if one is
#    installed, else define an empty one.

set(activ_xsimd_MIN_VERSION 8.1)
set(activ_xsimd_FOUND FALSE)
set(activ_xsimd_MESSAGE "")

# A parent project may already provide xsimd (add_subdirectory/FetchContent of xsimd,
# or its own find_package): use that target as it is.
if(NOT TARGET xsimd)
  if(activ_xsimd_QUIET)
    find_package(xsimd CONFIG QUIET)
  else()
    find_package(xsimd CONFIG)
  endif()
endif()

if(NOT TARGET xsimd)
  string(CONCAT activ_xsimd_MESSAGE
      "activ needs xsimd >= ${activ_xsimd_MIN_VERSION} (its CMake package `xsimdConfig.cmake` "
      "was not found). Install it (Debian/Ubuntu: apt-get install libxsimd-dev; conda: "
      "xsimd; vcpkg: xsimd) or point CMAKE_PREFIX_PATH / xsimd_DIR at it.")
elseif(DEFINED xsimd_VERSION AND NOT "${xsimd_VERSION}" STREQUAL ""
       AND xsimd_VERSION VERSION_LESS activ_xsimd_MIN_VERSION)
  string(CONCAT activ_xsimd_MESSAGE
      "activ needs xsimd >= ${activ_xsimd_MIN_VERSION}, but found xsimd ${xsimd_VERSION}"
      " (${xsimd_DIR}). Install a newer xsimd or point CMAKE_PREFIX_PATH / xsimd_DIR at one.")
else()
  set(activ_xsimd_FOUND TRUE)
  if(NOT DEFINED xsimd_VERSION OR "${xsimd_VERSION}" STREQUAL "")
    # A target supplied by a parent project (add_subdirectory) does not publish
    # xsimd_VERSION here; trust the parent.
    if(NOT activ_xsimd_QUIET)
      message(STATUS "activ: using the existing xsimd target (version not known here)")
    endif()
  endif()

  # The Debian xtl workaround. Only for a target that really names xtl, and only when
  # nobody has defined xtl. A real xtl package, when installed, is preferred.
  # The target is made GLOBAL: CMake resolves `xtl` in the directory where the xsimd
  # target was imported, which may be a parent of this one (a project that called
  # find_package(xsimd) and then add_subdirectory(activ)).
  get_target_property(_activ_xsimd_links xsimd INTERFACE_LINK_LIBRARIES)
  if(_activ_xsimd_links AND "xtl" IN_LIST _activ_xsimd_links AND NOT TARGET xtl)
    find_package(xtl CONFIG QUIET)
    if(TARGET xtl)
      get_target_property(_activ_xtl_global xtl IMPORTED_GLOBAL)
      if(NOT _activ_xtl_global)
        set_target_properties(xtl PROPERTIES IMPORTED_GLOBAL TRUE)
      endif()
      unset(_activ_xtl_global)
    else()
      if(NOT activ_xsimd_QUIET)
        message(STATUS "activ: xsimd links `xtl`, which is not installed; "
                       "using an empty xtl target (xsimd does not need it)")
      endif()
      add_library(xtl INTERFACE IMPORTED GLOBAL)
    endif()
  endif()
  unset(_activ_xsimd_links)
endif()
