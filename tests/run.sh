#!/usr/bin/env bash
# The whole test suite: installs what is missing, builds, and runs every test through CTest
# (unit, property, fuzz-corpus, differential and sandboxed end-to-end tests), then fuzzes each
# fuzz target for a bounded time under ASan and UBSan (PMR_FUZZ_SECONDS each, default 60). Run as
# root: the end-to-end tests run real Postfix inside private mount namespaces
# (tests/sandbox/pmr-sandbox) and never touch the host's /etc/postfix, /var/spool/postfix or
# /var/lib/postfix.
#
#   tests/run.sh [--sanitize] [CTEST ARGS...]
#     --sanitize   the same suite built with AddressSanitizer and UBSan (build-sanitize); the
#                  fuzzers are not run again
set -euo pipefail
top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build_dir=$top/build
setup_args=()
if [[ "${1:-}" == --sanitize ]]; then
    setup_args=(--sanitize)
    build_dir=$top/build-sanitize
    shift
fi
PMR_BUILD_DIR=$build_dir "$top/tests/tools/setup.sh" "${setup_args[@]}"
cd "$build_dir"
ctest --output-on-failure --timeout 1200 -j2 "$@"
if ((${#setup_args[@]} == 0 && $# == 0)); then
    "$top/tests/fuzz/run-fuzzers" "${PMR_FUZZ_SECONDS:-60}"
fi
