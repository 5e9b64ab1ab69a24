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

# The action limit on, but high: the test takes a handful of actions; the 429 wording is tested in Swift.
source scripts/demo-server.sh
start_demo_server "$binary" browser-test GOODNEWS_ACTION_RATE=600

export BASE_URL=$base ADMIN_TOKEN=$token CHROMIUM=$chromium CHROMEDRIVER=$driver
export SCREENSHOT_DIR=${SCREENSHOT_DIR:-$PWD/.build/screenshots}
mkdir -p "$SCREENSHOT_DIR"
status=0
python3 scripts/browser_test.py || status=$?
if ((status != 0)); then echo "browser test failed; server log:" >&2; tail -n 20 "$dir/server.log" >&2; fi
echo "screenshots: $(cd "$SCREENSHOT_DIR" && pwd)"
exit "$status"
