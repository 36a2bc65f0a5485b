# How a target becomes part of the pure core, for src/core and for the purity probe
# (tests/purity): include(core_layer.cmake), then pmr_core_include_root() and pmr_core_purity_check().

set(PMR_CORE_LAYER_DIR ${CMAKE_CURRENT_LIST_DIR})

# Gives TARGET an include root that holds only the core: <build>/core-include-root/core is a
# symlink to src/core, so `#include "core/..."` resolves and "effects/..." or "cli/..." does not.
# Consumers of TARGET get the same root; the outer layers add src/ themselves.
function(pmr_core_include_root target)
    set(root ${CMAKE_BINARY_DIR}/core-include-root)
    file(MAKE_DIRECTORY ${root})
    if(NOT IS_SYMLINK ${root}/core)
        file(CREATE_LINK ${PMR_CORE_LAYER_DIR} ${root}/core SYMBOLIC)
    endif()
    target_include_directories(${target} PUBLIC ${root})
endfunction()

# Runs check_purity.cmake over SOURCE_DIRS before every build of TARGET, and fails that build when
# a source reaches outside the core (see check_purity.cmake for what it refuses).
function(pmr_core_purity_check target)
    cmake_parse_arguments(PARSE_ARGV 1 arg "" "" "SOURCE_DIRS")
    add_custom_target(${target}_purity
        COMMAND ${CMAKE_COMMAND} "-DSOURCE_DIRS=${arg_SOURCE_DIRS}"
                -P ${PMR_CORE_LAYER_DIR}/check_purity.cmake
        COMMENT "Checking that ${target} performs no I/O and uses only the core"
        VERBATIM)
    add_dependencies(${target} ${target}_purity)
endfunction()
