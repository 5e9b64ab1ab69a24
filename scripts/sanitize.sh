#!/usr/bin/env bash
# The test suite under AddressSanitizer and/or ThreadSanitizer.
#
#   scripts/sanitize.sh [address|thread|all]      (default: all)
#
# Each sanitizer builds into its own scratch folder (.build-asan, .build-tsan; a first build takes about
# 15 minutes on 2 cores), runs every test, and keeps the whole output in <scratch>/sanitize.log. Exits
# non-zero when a test fails or when the sanitizer reports anything, even if every test passed: the runs
# are meant to end clean, so that a new report stands out. Not run by CI (too slow); run it before
# merging a change to locks, threads or unsafe pointers.
set -uo pipefail
cd "$(dirname "$0")/.."

case "${1:-all}" in
    address) sanitizers=(address) ;;
    thread) sanitizers=(thread) ;;
    all) sanitizers=(address thread) ;;
    *) echo "usage: $0 [address|thread|all]" >&2; exit 2 ;;
esac

# The first line of each report (LeakSanitizer runs with AddressSanitizer on Linux).
reports='WARNING: ThreadSanitizer|ERROR: AddressSanitizer|ERROR: LeakSanitizer'

failed=0
for sanitizer in "${sanitizers[@]}"; do
    scratch=".build-${sanitizer:0:1}san"
    mkdir -p "$scratch"
    log="$scratch/sanitize.log"
    echo "== $sanitizer: building in $scratch"
    if ! swift build --build-tests --sanitize="$sanitizer" --scratch-path "$scratch"; then
        echo "== $sanitizer: build failed" >&2
        failed=1
        continue
    fi
    echo "== $sanitizer: testing (output in $log)"
    LSAN_OPTIONS="suppressions=$PWD/scripts/lsan-suppressions.txt:print_suppressions=0" \
        swift test --skip-build --sanitize="$sanitizer" --scratch-path "$scratch" >"$log" 2>&1
    tests=$?
    grep -E 'Test run with|✘' "$log" | tail -20
    found=$(grep -cE "$reports" "$log")
    if ((found > 0)); then
        echo "== $sanitizer: $found report(s):" >&2
        grep -E "$reports" "$log" | sort | uniq -c >&2
        failed=1
    elif ((tests != 0)); then
        echo "== $sanitizer: tests failed (exit $tests)" >&2
        failed=1
    else
        echo "== $sanitizer: clean"
    fi
done
exit "$failed"
