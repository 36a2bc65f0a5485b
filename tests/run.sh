#!/usr/bin/env bash
# The whole test suite, as CI runs it (.ci/run). Run as root: the end-to-end tests run real Postfix
# inside private mount namespaces (tests/sandbox/pmr-sandbox) and never touch the host's
# /etc/postfix, /var/spool/postfix or /var/lib/postfix.
#
#   0. checks that every C++ file follows .clang-format (tests/tools/check-format);
#   1. installs what is missing and builds everything with AddressSanitizer and UBSan
#      (build-sanitize), then runs every CTest test there: unit and property tests, fuzz corpora,
#      differential tests against real postconf and postmulti, sandboxed end-to-end and
#      reliability tests, the ecosystem tests and the purity probe; so the whole suite runs under
#      the sanitizers; this gcc build and the clang build of the whole tree (build-clang) treat
#      warnings as errors (PMR_WERROR), as does the fuzz build;
#   2. builds pmreconcile as it ships (optimised, without the tests: build-package) and runs the
#      Debian package's test on it (tests/package/deb.sh): the .deb is made from that build;
#   3. fuzzes each fuzz target for PMR_FUZZ_SECONDS (default 60) under libFuzzer, ASan and UBSan.
#
#   tests/run.sh [--release] [CTEST ARGS...]
#     --release    the CTest suite on the optimised build (build) alone, no sanitizers and no
#                  fuzzing: quicker, and the build the benchmarks use
#     CTEST ARGS   run only `ctest ARGS` in the chosen build (e.g. -L unit, -R differential)
set -euo pipefail
top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
setup=$top/tests/tools/setup.sh

if [[ "${1:-}" == --release ]]; then
    shift
    PMR_BUILD_DIR=$top/build "$setup"
    cd "$top/build"
    exec ctest --output-on-failure --timeout 1200 -j2 "$@"
fi

PMR_BUILD_DIR=$top/build-sanitize "$setup" --sanitize --werror
if (($#)); then
    cd "$top/build-sanitize"
    exec ctest --output-on-failure --timeout 1200 -j2 "$@"
fi

status=0
"$top/tests/tools/check-format" || status=1
PMR_BUILD_DIR=$top/build-clang "$setup" --clang --werror || status=1
# The package test builds its .deb from the shipped build, not from the sanitized one.
(cd "$top/build-sanitize" && ctest --output-on-failure --timeout 1200 -j2 -E '^package\.deb$') ||
    status=1
PMR_BUILD_DIR=$top/build-package "$setup" --package
echo "=== package.deb on the shipped build (build-package)"
deb_status=0
PMR_BUILD_DIR=$top/build-package PMRECONCILE=$top/build-package/src/cli/pmreconcile \
    bash "$top/tests/package/deb.sh" || deb_status=$?
((deb_status == 0 || deb_status == 77)) || status=1  # 77: a tool it needs is missing, skipped
"$top/tests/fuzz/run-fuzzers" "${PMR_FUZZ_SECONDS:-60}" || status=1
exit "$status"
