#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the tests, in a temporary folder, reached only through a
# Unix socket in that folder (no TCP port to collide with anything), trust authentication.
#
#   env_lines=$(scripts/pg-test-cluster.sh start) && eval "$env_lines"   # prints `export` lines
#   swift test
#   scripts/pg-test-cluster.sh stop                                       # stops it, removes the folder
#
# `env [DIR]` prints the variables again; `stop [DIR]` takes the folder from
# GOODNEWS_TEST_PG_DIR when DIR is not given. initdb refuses to run as root, so as root (CI)
# the server runs as the `postgres` user (created by Debian's postgresql package) or `nobody`.
set -euo pipefail

bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
[[ -x "$bindir/initdb" ]] || { echo "pg-test-cluster: no PostgreSQL server (apt-get install postgresql)" >&2; exit 1; }
port=5432  # names the socket file only: .s.PGSQL.5432 inside the private folder

if [[ $(id -u) == 0 ]]; then
    owner=$(id -u postgres >/dev/null 2>&1 && echo postgres || echo nobody)
    as_owner() { runuser -u "$owner" -- "$@"; }
else
    owner=$(id -un)
    as_owner() { "$@"; }
fi

print_env() {
    local dir=$1
    cat <<ENV
export GOODNEWS_TEST_PG_DIR='$dir'
export GOODNEWS_TEST_PG_URL='postgresql:///postgres?host=$dir&port=$port&user=goodnews'
export PGHOST='$dir' PGPORT='$port' PGUSER='goodnews' PGDATABASE='postgres'
ENV
}

cluster_dir() {
    local dir=${1:-${GOODNEWS_TEST_PG_DIR:-}}
    [[ -n "$dir" && -f "$dir/data/PG_VERSION" ]] || { echo "pg-test-cluster: no cluster at '${dir}'" >&2; exit 1; }
    echo "$dir"
}

case ${1:-} in
start)
    dir=$(mktemp -d /tmp/goodnews-pg.XXXXXX)
    chown "$owner" "$dir"
    if ! { as_owner "$bindir/initdb" -D "$dir/data" --username=goodnews --auth=trust \
               --encoding=UTF8 --locale=C >"$dir/initdb.log" 2>&1 \
           && as_owner "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
               -o "-c listen_addresses='' -c unix_socket_directories='$dir' -c port=$port" start >/dev/null; }; then
        echo "pg-test-cluster: the cluster did not start:" >&2
        cat "$dir/initdb.log" "$dir/server.log" >&2 2>/dev/null || true
        rm -rf "$dir"
        exit 1
    fi
    print_env "$dir"
    ;;
env)
    print_env "$(cluster_dir "${2:-}")"
    ;;
stop)
    dir=$(cluster_dir "${2:-}")
    as_owner "$bindir/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null || true
    rm -rf "$dir"
    ;;
*)
    echo "usage: $0 start|env [DIR]|stop [DIR]" >&2
    exit 2
    ;;
esac
