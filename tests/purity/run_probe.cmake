# Builds the purity probe (tests/purity/probe) and passes only if the build fails for the right
# reasons: the purity check names the effects/ include, std::system and std::getenv, and the
# compiler, given only the core's include root, cannot find effects/edit_file.h.
#   cmake -DPMR_SOURCE_DIR=... -DPROBE_BUILD_DIR=... -DCXX=... -P run_probe.cmake
file(REMOVE_RECURSE ${PROBE_BUILD_DIR})
execute_process(
    COMMAND ${CMAKE_COMMAND} -S ${PMR_SOURCE_DIR}/tests/purity/probe -B ${PROBE_BUILD_DIR}
            -DPMR_SOURCE_DIR=${PMR_SOURCE_DIR} -DCMAKE_CXX_COMPILER=${CXX}
    RESULT_VARIABLE status OUTPUT_VARIABLE output ERROR_VARIABLE output)
if(NOT status EQUAL 0)
    message(FATAL_ERROR "purity probe: configuring the probe failed:\n${output}")
endif()

# Builds TARGET, expects it to fail, and expects its output to match every regex in EXPECTED.
function(expect_refused target)
    execute_process(COMMAND ${CMAKE_COMMAND} --build ${PROBE_BUILD_DIR} --target ${target}
                    RESULT_VARIABLE status OUTPUT_VARIABLE output ERROR_VARIABLE output)
    message("=== purity probe: ${target} (exit status ${status})\n${output}")
    if(status EQUAL 0)
        message(FATAL_ERROR "purity probe: ${target} built; the core accepted an impure file")
    endif()
    foreach(reason IN LISTS ARGN)
        if(NOT output MATCHES "${reason}")
            message(FATAL_ERROR "purity probe: ${target} failed, but its output lacks '${reason}'")
        endif()
    endforeach()
endfunction()

expect_refused(probe_core "src/core must stay pure" "probe.cc: #include \"effects/edit_file.h\""
               "probe.cc: std::system: " "probe.cc: std::getenv: ")
expect_refused(probe_core_include_root_only
               "effects/edit_file.h(: No such file or directory|' file not found)")
message("purity probe: both builds refused the impure core file, for the expected reasons")
