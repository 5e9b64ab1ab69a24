#!/usr/bin/env bash
# Fuzzes the request parser and the JSON parser with libFuzzer (part of the Swift toolchain).
#
#   scripts/fuzz.sh http-parser|json-parser|all SECONDS
#
# Builds the fuzz-<target> executables with `-sanitize=fuzzer,address` (release, into .build-fuzz), then runs
# each for SECONDS, one after the other, from the committed seeds (fuzz/corpus/<target>, from the parser
# test tables) plus what earlier runs found (.build-fuzz/corpus/<target>, where new inputs go, so the
# committed seeds stay as they are). Fixed -seed, so a run can be repeated. Exits non-zero when a target
# crashes, breaks an invariant, leaks, hangs (over 10 s on one input) or exceeds the memory limit; the
# input that did it is left in .build-fuzz/artifacts/<target>/ and its path printed. Replay one with the
# ordinary build: `swift run fuzz-http-parser PATH`.
set -uo pipefail
cd "$(dirname "$0")/.."

all=(http-parser json-parser)
if [[ $# -ne 2 || ! "$2" =~ ^[0-9]+$ ]] || [[ "$1" != all && ! " ${all[*]} " =~ " $1 " ]]; then
    echo "usage: $0 http-parser|json-parser|all SECONDS" >&2
    exit 2
fi
if [[ "$1" == all ]]; then targets=("${all[@]}"); else targets=("$1"); fi
seconds=$2
scratch=.build-fuzz

# -enable-testing: the HTTP target checks the parser's internal offsets (`@testable import`).
build=(swift build -c release --scratch-path "$scratch"
       -Xswiftc -sanitize=fuzzer,address -Xswiftc -DFUZZING -Xswiftc -enable-testing)
for target in "${targets[@]}"; do
    if ! "${build[@]}" --product "fuzz-$target"; then
        echo "fuzz: building fuzz-$target failed" >&2
        exit 1
    fi
done
binaries=$("${build[@]}" --show-bin-path)

failed=0
for target in "${targets[@]}"; do
    corpus="$scratch/corpus/$target"
    artifacts="$scratch/artifacts/$target/"
    log="$scratch/$target.log"
    mkdir -p "$corpus" "$artifacts"
    echo "== fuzz-$target: ${seconds}s (log: $log)"
    # The Swift runtime's backtracer would take the trap first (and trip AddressSanitizer): leave it to libFuzzer.
    SWIFT_BACKTRACE=enable=no "$binaries/fuzz-$target" "$corpus" "fuzz/corpus/$target" \
        -max_total_time="$seconds" -seed=1 -rss_limit_mb=2048 -timeout=10 \
        -artifact_prefix="$artifacts" -print_final_stats=1 >"$log" 2>&1
    status=$?
    # The last status line: executions, coverage, corpus size.
    grep -E '^#[0-9]+' "$log" | tail -1
    grep -E '^stat::(number_of_executed_units|average_exec_per_sec|peak_rss_mb)' "$log"
    if ((status != 0)); then
        grep -E 'ERROR: (libFuzzer|AddressSanitizer|LeakSanitizer)|Fatal error|SUMMARY' "$log" | head -5 >&2
        echo "== fuzz-$target: FAILED (exit $status); input: $(grep -oE 'Test unit written to \S+' "$log" | awk '{print $5}')" >&2
        failed=1
    fi
done
exit "$failed"
