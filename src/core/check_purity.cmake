# Fails when a file under src/core includes a header that gives access to I/O, processes, the clock,
# threads or logging. Run by the pmr_core_purity target: cmake -DCORE_DIR=... -P check_purity.cmake
set(forbidden_headers
    fstream iostream cstdio stdio.h filesystem unistd.h fcntl.h sys/ spdlog chrono thread
    ctime time.h csignal signal.h dirent.h pwd.h grp.h syslog.h random)
file(GLOB_RECURSE sources "${CORE_DIR}/*.cc" "${CORE_DIR}/*.h")
set(violations "")
foreach(source IN LISTS sources)
    file(STRINGS "${source}" includes REGEX "^[ \t]*#[ \t]*include[ \t]*[<\"]")
    foreach(line IN LISTS includes)
        foreach(header IN LISTS forbidden_headers)
            if(line MATCHES "[<\"]${header}")
                list(APPEND violations "${source}: ${line}")
            endif()
        endforeach()
    endforeach()
endforeach()
if(violations)
    list(JOIN violations "\n  " text)
    message(FATAL_ERROR "src/core must stay pure (no I/O, processes, clock or logging):\n  ${text}")
endif()
