#!/usr/bin/env bash
# Checks /openapi.json against the real server: starts the built demo server on a temporary database and
# port, creates an admin token, and runs schemathesis with a fixed seed and every check, once with the
# token and once without (the public answers differ). Any finding fails. Usage:
#   scripts/schemathesis.sh [path/to/goodnews] [max-examples]
# schemathesis.toml (beside this script's parent) holds the few conditions a schema cannot express.
set -euo pipefail
cd "$(dirname "$0")/.."
binary=${1:-.build/debug/goodnews}
examples=${2:-${SCHEMATHESIS_EXAMPLES:-25}}
version=4.32.5

if ! command -v schemathesis >/dev/null 2>&1 || [[ "$(schemathesis --version 2>/dev/null)" != *"$version"* ]]; then
    python3 -m pip install --quiet "schemathesis==$version" \
        || python3 -m pip install --quiet --break-system-packages "schemathesis==$version"
fi

# The action limit off: schemathesis records far more actions than a visitor may, and 429 is documented
# but would hide what the action route answers otherwise.
source scripts/demo-server.sh
start_demo_server "$binary" schemathesis GOODNEWS_ACTION_RATE=0

status=0
# One worker: with two, Hypothesis describes lambdas (ast.parse) on two threads at once, and Python 3.11.7's
# AST constructor keeps one recursion counter for both ("AST constructor recursion depth mismatch", a
# schemathesis Runtime Error that fails the run although no check failed; CPython gh-106905).
run() {
    local config=()
    [[ -f schemathesis.toml ]] && config=(--config-file schemathesis.toml)
    schemathesis "${config[@]}" run "$base/openapi.json" --checks all --seed 1 \
        --max-examples "$examples" --workers 1 "$@" || status=1
}
echo "== schemathesis with an admin token"
run -H "Authorization: Bearer $token"
echo "== schemathesis without a token"
run
if ((status != 0)); then echo "schemathesis found problems; server log: $dir/server.log" >&2; tail -n 20 "$dir/server.log" >&2; fi
exit "$status"
