# Sourced by the scripts that test the real server (schemathesis.sh, browser-test.sh): starts the built
# binary with the demo content on a temporary database and a free port, waits until it is ready, makes an
# admin token, and stops it and removes the folder however the calling script ends.
#   start_demo_server BINARY TOKEN_NAME [ENV=VALUE...]
# sets: dir (the temporary folder), base (http://127.0.0.1:PORT), token, server_pid; the log is $dir/server.log.
# DEMO_DB (a postgresql:// URL of an empty database) runs it on PostgreSQL instead of a temporary SQLite file.
start_demo_server() {
    local binary=$1 token_name=$2
    shift 2
    dir=$(mktemp -d)
    server_pid=
    trap stop_demo_server EXIT
    # A free port: bind 0, read it back, release it.
    local port
    port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    base="http://127.0.0.1:$port"
    local database=${DEMO_DB:-$dir/db.sqlite}
    env "$@" "$binary" serve --demo --db "$database" --addr "127.0.0.1:$port" --assets "$PWD" \
        --log-level warn >"$dir/server.log" 2>&1 &
    server_pid=$!
    for _ in $(seq 100); do
        curl -fsS "$base/readyz" >/dev/null 2>&1 && break
        kill -0 "$server_pid" 2>/dev/null || { cat "$dir/server.log" >&2; exit 1; }
        sleep 0.1
    done
    token=$("$binary" token create "$token_name" --db "$database" --assets "$PWD" | tail -n 1)
}

stop_demo_server() {
    if [[ -n "$server_pid" ]]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
    rm -rf "$dir"
}
