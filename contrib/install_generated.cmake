# Run by `cmake --install` (and cpack) after src/cli installed PREFIX/sbin/pmreconcile: installs
# the files whose text depends on the install prefix. Variables from contrib/CMakeLists.txt:
# PMR_CONTRIB_SOURCE_DIR, PMR_CONTRIB_BINARY_DIR, PMR_EXAMPLES_DIR, PMR_SYSTEMD_UNIT_DIR,
# PMR_DOCDIR. file(INSTALL) honours DESTDIR, so a package build never writes outside its staging
# directory.

set(PMR_SBIN "${CMAKE_INSTALL_PREFIX}/sbin/pmreconcile")
set(PMR_SCHEMA "${CMAKE_INSTALL_PREFIX}/share/pmreconcile/schema/pmreconcile.schema.json")

if(PMR_SYSTEMD_UNIT_DIR)
    set(unit_dir "${PMR_SYSTEMD_UNIT_DIR}")
elseif(CMAKE_INSTALL_PREFIX STREQUAL "/usr")
    set(unit_dir /lib/systemd/system)          # Debian 12 packages' place for units
else()
    set(unit_dir "${CMAKE_INSTALL_PREFIX}/lib/systemd/system")
endif()
if(NOT IS_ABSOLUTE "${unit_dir}")
    set(unit_dir "${CMAKE_INSTALL_PREFIX}/${unit_dir}")
endif()

set(staging "${PMR_CONTRIB_BINARY_DIR}/install")
foreach(unit pmreconcile-check.service pmreconcile-check.timer)
    configure_file("${PMR_CONTRIB_SOURCE_DIR}/systemd/${unit}.in" "${staging}/systemd/${unit}" @ONLY)
    file(INSTALL DESTINATION "${unit_dir}" TYPE FILE FILES "${staging}/systemd/${unit}")
endforeach()

file(GLOB examples "${PMR_EXAMPLES_DIR}/*.yaml")
foreach(example IN LISTS examples)
    get_filename_component(name "${example}" NAME)
    file(READ "${example}" text)
    string(REPLACE "$schema=../schema/pmreconcile.schema.json" "$schema=${PMR_SCHEMA}" text "${text}")
    file(WRITE "${staging}/examples/${name}" "${text}")
    if(IS_ABSOLUTE "${PMR_DOCDIR}")
        set(docdir "${PMR_DOCDIR}")
    else()
        set(docdir "${CMAKE_INSTALL_PREFIX}/${PMR_DOCDIR}")
    endif()
    file(INSTALL DESTINATION "${docdir}/examples" TYPE FILE FILES "${staging}/examples/${name}")
endforeach()
