#!/usr/bin/env bash
# The site in a real browser: starts the built demo server on a temporary database and port, makes an admin
# token, and drives Debian's chromium through chromedriver with selenium (scripts/browser_test.py).
# Missing chromium, chromedriver or selenium is a failure that says so, never a silent pass. Usage:
#   scripts/browser-test.sh [path/to/goodnews]
# Screenshots go to $SCREENSHOT_DIR (default .build/screenshots); the last line names the folder.
set -euo pipefail
cd "$(dirname "$0")/.."
binary=${1:-.build/debug/goodnews}

chromium=$(command -v chromium || true)
driver=$(command -v chromedriver || true)
if [[ -z "$chromium" || -z "$driver" ]]; then
    echo "browser test: chromium and chromedriver are required (apt-get install -y chromium chromium-driver)" >&2
    exit 1
fi
if ! python3 -c 'import selenium' 2>/dev/null; then
    python3 -m pip install --quiet selenium || python3 -m pip install --quiet --break-system-packages selenium \
        || { echo "browser test: cannot install selenium from PyPI" >&2; exit 1; }
fi

dir=$(mktemp -d)
server_pid=
cleanup() {
    if [[ -n "$server_pid" ]]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
    rm -rf "$dir"
}
trap cleanup EXIT

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
base="http://127.0.0.1:$port"
# The action limit on, but high: the test takes a handful of actions, and the 429 wording is tested in Swift.
GOODNEWS_ACTION_RATE=600 "$binary" serve --demo --db "$dir/db.sqlite" --addr "127.0.0.1:$port" \
    --assets "$PWD" --log-level warn >"$dir/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 100); do
    curl -fsS "$base/readyz" >/dev/null 2>&1 && break
    kill -0 "$server_pid" 2>/dev/null || { cat "$dir/server.log" >&2; exit 1; }
    sleep 0.1
done
token=$("$binary" token create browser-test --db "$dir/db.sqlite" --assets "$PWD" | tail -n 1)

export BASE_URL=$base ADMIN_TOKEN=$token CHROMIUM=$chromium CHROMEDRIVER=$driver
export SCREENSHOT_DIR=${SCREENSHOT_DIR:-$PWD/.build/screenshots}
mkdir -p "$SCREENSHOT_DIR"
status=0
python3 scripts/browser_test.py || status=$?
if ((status != 0)); then echo "browser test failed; server log:" >&2; tail -n 20 "$dir/server.log" >&2; fi
echo "screenshots: $(cd "$SCREENSHOT_DIR" && pwd)"
exit "$status"
