# Fails when a file under one of SOURCE_DIRS (a ;-list, src/core for the real build) reaches outside
# the pure core: a header that gives access to I/O, processes, the clock, threads or logging; an
# include of another layer (effects/, cli/) or one that climbs out with "../"; or a call that starts
# a process, reads the environment or the clock, or opens a file. Run before every build of a core
# library (core_layer.cmake): cmake "-DSOURCE_DIRS=dir;..." -P check_purity.cmake
#
# The include root of the core targets already hides effects/ and cli/ (core_layer.cmake); this
# check names the offence instead of leaving a "file not found", and catches what an include path
# cannot: calls through headers the core may use (<cstdlib>'s std::system and std::getenv).
set(forbidden_headers
    fstream iostream cstdio stdio.h filesystem unistd.h fcntl.h sys/ spdlog chrono thread
    ctime time.h csignal signal.h dirent.h pwd.h grp.h syslog.h random spawn.h)
set(forbidden_include_paths effects/ cli/ "\\.\\./")
# Calls, matched after // comments are removed. A name preceded by '.' or "->" is a member
# function of a core value, not the C library's; "::" and plain calls are both caught.
set(forbidden_calls
    system popen pclose fork vfork "exec[lv]p?e?" posix_spawnp? getenv secure_getenv setenv
    putenv unsetenv clearenv fopen freopen tmpfile open openat creat time sleep)
set(forbidden_names
    system_clock steady_clock high_resolution_clock ifstream ofstream fstream filebuf
    "std::filesystem" "std::this_thread")
set(boundary "(^|[^A-Za-z0-9_.>])")

function(check_includes source line)
    foreach(header IN LISTS forbidden_headers forbidden_include_paths)
        if(line MATCHES "#[ \t]*include[ \t]*[<\"]${header}")
            list(APPEND violations "${source}: ${line}")
        endif()
    endforeach()
    set(violations "${violations}" PARENT_SCOPE)
endfunction()

# One alternation per kind keeps the check quick: it runs before every build.
list(JOIN forbidden_calls "|" calls_pattern)
list(JOIN forbidden_names "|" names_pattern)

function(check_code source line)
    string(REGEX REPLACE "//.*$" "" code "${line}")
    string(REGEX MATCHALL "${boundary}(std::|::)?(${calls_pattern})[ \t]*\\(" calls "${code}")
    string(REGEX MATCHALL "${boundary}(${names_pattern})([^A-Za-z0-9_]|$)" names "${code}")
    foreach(match IN LISTS calls names)
        string(REGEX MATCH "(std::|::)?[A-Za-z_][A-Za-z0-9_]*(::[A-Za-z_][A-Za-z0-9_]*)*" offence "${match}")
        list(APPEND violations "${source}: ${offence}: ${line}")
    endforeach()
    set(violations "${violations}" PARENT_SCOPE)
endfunction()

set(sources "")
foreach(dir IN LISTS SOURCE_DIRS)
    file(GLOB_RECURSE found "${dir}/*.cc" "${dir}/*.h")
    list(APPEND sources ${found})
endforeach()
if(NOT sources)
    message(FATAL_ERROR "check_purity: no source under SOURCE_DIRS='${SOURCE_DIRS}'")
endif()
set(violations "")
foreach(source IN LISTS sources)
    file(STRINGS "${source}" lines)
    foreach(line IN LISTS lines)
        # A ';' would split the line where CMake treats it as a list.
        string(REPLACE ";" " " line "${line}")
        if(line MATCHES "^[ \t]*#[ \t]*include")
            check_includes("${source}" "${line}")
        else()
            check_code("${source}" "${line}")
        endif()
    endforeach()
endforeach()
if(violations)
    list(JOIN violations "\n  " text)
    message(FATAL_ERROR "src/core must stay pure (no I/O, processes, environment, clock, logging "
                        "or other layers):\n  ${text}")
endif()
