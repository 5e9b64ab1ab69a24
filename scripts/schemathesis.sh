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

dir=$(mktemp -d)
server_pid=
cleanup() {
    if [[ -n "$server_pid" ]]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
    rm -rf "$dir"
}
trap cleanup EXIT

# A free port: bind 0, read it back, release it.
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
base="http://127.0.0.1:$port"
# The action limit off: schemathesis records far more actions than a visitor may, and 429 is documented
# but would hide what the action route answers otherwise.
GOODNEWS_ACTION_RATE=0 "$binary" serve --demo --db "$dir/db.sqlite" --addr "127.0.0.1:$port" \
    --log-level warn >"$dir/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 100); do
    curl -fsS "$base/readyz" >/dev/null 2>&1 && break
    kill -0 "$server_pid" 2>/dev/null || { cat "$dir/server.log" >&2; exit 1; }
    sleep 0.1
done
token=$("$binary" token create schemathesis --db "$dir/db.sqlite" | tail -n 1)

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
