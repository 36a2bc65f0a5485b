#!/usr/bin/env bash
# Installs what pmreconcile needs on Debian 12 (only what is missing), then configures and builds
# it in ./build (or $PMR_BUILD_DIR). Run as root. Sourced by examples/demo.sh and tests/run.sh.
#
#   tests/tools/setup.sh [--sanitize | --package | --clang] [--werror] [--target T]
#     --sanitize   build with AddressSanitizer and UBSan in build-sanitize
#     --package    build what ships, without the tests, in build-package (what cpack packages)
#     --clang      build everything with clang++ in build-clang (CI checks its warnings)
#     --werror     treat compiler warnings as errors (-DPMR_WERROR=ON; CI does)
#     --target T   build only target T (the demo builds only pmreconcile)
set -euo pipefail

top=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
build_dir=${PMR_BUILD_DIR:-$top/build}
cmake_options=(-DCMAKE_BUILD_TYPE=RelWithDebInfo)
build_options=()
werror=(-DPMR_WERROR=OFF)
compiler=()
while (($#)); do
    case $1 in
        --sanitize)
            build_dir=${PMR_BUILD_DIR:-$top/build-sanitize}
            cmake_options=(-DCMAKE_BUILD_TYPE=Debug -DPMR_SANITIZE=ON) ;;
        --package)
            build_dir=${PMR_BUILD_DIR:-$top/build-package}
            cmake_options=(-DCMAKE_BUILD_TYPE=RelWithDebInfo -DPMR_BUILD_TESTS=OFF) ;;
        --clang)
            build_dir=${PMR_BUILD_DIR:-$top/build-clang}
            compiler=(-DCMAKE_CXX_COMPILER=clang++) ;;
        --werror) werror=(-DPMR_WERROR=ON) ;;
        --target) build_options=(--target "$2"); shift ;;
        *) echo "setup: unknown option $1" >&2; exit 2 ;;
    esac
    shift
done

# Build tools and libraries, Postfix (the system pmreconcile manages and the tests' oracle),
# the tools the sandboxed tests use (unshare and mount from util-linux, python3 for ptys and
# JSON Schema validation), and those of the packaging tests (man-db and groff-base render the man
# pages, systemd's systemd-analyze verifies the units, lintian checks the .deb, prometheus's
# promtool checks the textfile and the example alert rules, ansible-core runs the Ansible module
# and ansible-test, whose sanity tests use pylint, pycodestyle, yamllint and python3-voluptuous),
# clang with its libFuzzer runtime for tests/fuzz/run-fuzzers and the clang build, clang-format
# for tests/tools/check-format, and graphviz, whose dot renders `pmreconcile graph --format svg`.
packages=(build-essential cmake pkg-config libyaml-cpp-dev libcli11-dev libspdlog-dev
          libgtest-dev librapidcheck-dev postfix util-linux python3 python3-jsonschema
          python3-yaml procps dpkg-dev man-db groff-base systemd lintian prometheus
          ansible-core pylint pycodestyle yamllint python3-voluptuous
          clang libclang-rt-14-dev clang-format graphviz)
missing=()
for package in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "ok installed" || missing+=("$package")
done
if ((${#missing[@]})); then
    if [[ $(id -u) -ne 0 ]]; then
        echo "setup: missing packages ${missing[*]}; run as root to install them" >&2
        exit 1
    fi
    echo "setup: installing ${missing[*]}" >&2
    export DEBIAN_FRONTEND=noninteractive
    # Never let the package start a Postfix master on the host.
    policy=/usr/sbin/policy-rc.d
    created_policy=0
    if [[ ! -e $policy ]]; then
        printf '#!/bin/sh\nexit 101\n' > "$policy" && chmod 755 "$policy" && created_policy=1
    fi
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
    ((created_policy)) && rm -f "$policy"
fi

cmake -S "$top" -B "$build_dir" "${cmake_options[@]}" "${compiler[@]}" "${werror[@]}" >/dev/null
cmake --build "$build_dir" -j"$(nproc)" "${build_options[@]}"
echo "setup: built $build_dir/src/cli/pmreconcile" >&2
