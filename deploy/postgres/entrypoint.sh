#!/bin/sh
# Entrypoint of the example PostgreSQL image (deploy/postgres/Dockerfile); runs as the postgres user.
# On an empty volume: initdb, a role and a database owned by it (POSTGRES_USER / POSTGRES_PASSWORD /
# POSTGRES_DB), listen on every address, password (SCRAM) authentication over TCP. Then PostgreSQL in the
# foreground; SIGTERM or SIGINT stops it with a fast shutdown (open sessions are rolled back and closed,
# a checkpoint is written) instead of the "smart" one that would wait for every node to disconnect.
set -eu

: "${PGDATA:=/var/lib/postgresql/data}"
: "${POSTGRES_USER:=goodnews}"
: "${POSTGRES_DB:=$POSTGRES_USER}"
: "${POSTGRES_MAX_CONNECTIONS:=200}"   # each goodnews node holds 33 (a pool of 32 and a listener)
if [ -z "${POSTGRES_PASSWORD:-}" ]; then
    echo "postgres-entrypoint: set POSTGRES_PASSWORD" >&2
    exit 1
fi

if [ ! -s "$PGDATA/PG_VERSION" ]; then
    echo "postgres-entrypoint: empty $PGDATA: initdb" >&2
    # The superuser "postgres" may log in only over the local socket, as the postgres OS user (peer).
    initdb -D "$PGDATA" --username=postgres --encoding=UTF8 --locale=C.UTF-8 \
        --auth-local=peer --auth-host=scram-sha-256 --no-instructions >&2
    cat >> "$PGDATA/pg_hba.conf" <<'EOF'

# goodnews nodes on the compose network (any address, password required: SCRAM)
host    all             all             0.0.0.0/0               scram-sha-256
host    all             all             ::/0                    scram-sha-256
EOF
    cat >> "$PGDATA/postgresql.conf" <<EOF

# deploy/postgres/entrypoint.sh
listen_addresses = '*'
max_connections = $POSTGRES_MAX_CONNECTIONS
password_encryption = scram-sha-256
EOF
    # A server on the socket only (no TCP: pg_isready -h 127.0.0.1 and the nodes wait until it is done).
    pg_ctl -D "$PGDATA" -o "-c listen_addresses=''" -w -t 60 start >&2
    psql -v ON_ERROR_STOP=1 -X -q --username=postgres --dbname=postgres \
        -v user="$POSTGRES_USER" -v password="$POSTGRES_PASSWORD" -v db="$POSTGRES_DB" <<'EOF'
CREATE ROLE :"user" LOGIN PASSWORD :'password';
CREATE DATABASE :"db" OWNER :"user";
EOF
    pg_ctl -D "$PGDATA" -m fast -w -t 60 stop >&2
    echo "postgres-entrypoint: created role and database" >&2
fi

postgres -D "$PGDATA" "$@" &
pid=$!
# SIGTERM (podman stop) and SIGINT: fast shutdown. PostgreSQL's own SIGTERM handling is a smart shutdown.
trap 'kill -INT "$pid" 2>/dev/null' TERM INT
# `wait` returns early (status > 128) when a trapped signal arrives: wait again until postgres has exited
# (a zombie still answers kill -0, so its status is collected by the next wait).
while :; do
    wait "$pid" && status=0 || status=$?
    kill -0 "$pid" 2>/dev/null || break
done
exit "$status"
