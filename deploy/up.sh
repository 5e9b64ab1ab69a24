#!/usr/bin/env bash
# Builds the images, starts deploy/compose.yaml with podman-compose and checks that the stack serves:
# both nodes ready, both serve /v1/posts, an action recorded on node A shows in node B's tally, the load
# balancer answers. Prints OK, or FAIL with the containers' logs, and exits non-zero on failure.
#   deploy/up.sh            build (cached layers are reused), start, check
#   deploy/up.sh --no-build start and check the images already built
#   deploy/up.sh --check    only check a running stack
#   deploy/up.sh --down     stop and remove the containers, keep the volume (deploy/down.sh)
# Environment: GOODNEWS_DB_PASSWORD (the database password, default in compose.yaml), READY_TIMEOUT (s, 180).
set -euo pipefail
cd "$(dirname "$0")/.."
COMPOSE=(podman-compose -f deploy/compose.yaml)
NODE_A=http://127.0.0.1:8081 NODE_B=http://127.0.0.1:8082 LB=http://127.0.0.1:8080
CONTAINERS=(goodnews-db goodnews-node-a goodnews-node-b goodnews-lb)
READY_TIMEOUT=${READY_TIMEOUT:-180}
build=1 start=1
case "${1:-}" in
    --down) exec deploy/down.sh "${@:2}" ;;
    --no-build) build=0 ;;
    --check) build=0 start=0 ;;
    "") ;;
    *) echo "usage: $0 [--no-build | --check | --down [--volumes]]" >&2; exit 2 ;;
esac

T0=$SECONDS
say() { printf '[%4ds] %s\n' $((SECONDS - T0)) "$*"; }
fail() {
    say "FAIL: $*"
    for c in "${CONTAINERS[@]}"; do
        echo "----- podman logs --tail 40 $c"
        podman logs --tail 40 "$c" 2>&1 || true
    done
    if [ -s "$COMPOSE_LOG" ]; then echo "----- podman-compose"; tail -n 30 "$COMPOSE_LOG"; fi
    podman ps -a --filter label=io.podman.compose.project=deploy || true
    exit 1
}
# GET/POST with curl: prints the body to $BODY_FILE and the status code on stdout
BODY_FILE=$(mktemp) COMPOSE_LOG=$(mktemp)
trap 'rm -f "$BODY_FILE" "$COMPOSE_LOG"' EXIT
http() { local code; code=$(curl -s -o "$BODY_FILE" -w '%{http_code}' --max-time 10 "$@") || true; echo "${code:-000}"; }
json() { python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print($1)" "$BODY_FILE"; }

for tool in podman podman-compose curl python3; do
    command -v "$tool" >/dev/null || fail "$tool is not installed (apt-get install -y podman podman-compose curl python3)"
done

if [ "$build" = 1 ]; then
    for base in localhost/debian:bookworm-slim localhost/swift:6.3-bookworm; do
        podman image exists "$base" \
            || fail "no base image $base: run sudo bash ../shared/container/local-base-images.sh (no registry here)"
    done
    # Swift package dependencies cannot be fetched inside the build: give it this machine's git rewrites
    # to local copies, as local-base-images.sh prints (nothing to mount where there are none).
    mounts=()
    pkgs=$(git config --system --get-regexp '^url\..*\.insteadof' 2>/dev/null | awk '{print $1}' \
        | sed 's/^url\.//; s/\.insteadof$//' | head -1 || true)
    if [ -n "$pkgs" ]; then mounts=(-v "${pkgs%/}:${pkgs%/}:ro" -v /etc/gitconfig:/etc/gitconfig:ro); fi
    BUILD=(podman build --pull=never --format docker)
    say "build localhost/goodnews:latest (Swift release build: several minutes the first time)"
    "${BUILD[@]}" "${mounts[@]}" -t localhost/goodnews:latest -f Dockerfile . || fail "goodnews image build"
    say "build localhost/goodnews-postgres:15"
    "${BUILD[@]}" -t localhost/goodnews-postgres:15 deploy/postgres || fail "postgres image build"
    say "build localhost/goodnews-lb:latest"
    "${BUILD[@]}" -t localhost/goodnews-lb:latest deploy/lb || fail "lb image build"
fi

# Each container's health check, once (without systemd podman does not run them on a timer).
healthy() { podman healthcheck run "$1" >/dev/null 2>&1; }
wait_for() {  # wait_for WHAT SECONDS COMMAND...: until COMMAND succeeds
    local what=$1 limit=$2 start=$SECONDS; shift 2
    until "$@"; do
        [ $((SECONDS - start)) -lt "$limit" ] || return 1
        sleep 1
    done
    say "$what after $((SECONDS - start))s"
}
ready() { [ "$(http "$1/readyz")" = 200 ]; }

if [ "$start" = 1 ]; then
    # In order, whatever the podman-compose version: older ones (Debian 12's 1.0.3) start services in
    # dependency order but do not wait for `condition: service_healthy`.
    say "start db"
    "${COMPOSE[@]}" up -d --no-build db >>"$COMPOSE_LOG" 2>&1 || fail "podman-compose up db"
    wait_for "db healthy (pg_isready)" "$READY_TIMEOUT" healthy goodnews-db || fail "db not healthy"
    say "start node-a, node-b, lb"
    # already-created containers (db) make podman-compose print "name already in use" and start them
    "${COMPOSE[@]}" up -d --no-build >>"$COMPOSE_LOG" 2>&1 || fail "podman-compose up"
fi

say "checking"
wait_for "node A /readyz 200" "$READY_TIMEOUT" ready "$NODE_A" || fail "node A not ready"
wait_for "node B /readyz 200" "$READY_TIMEOUT" ready "$NODE_B" || fail "node B not ready"
for c in goodnews-node-a goodnews-node-b; do
    healthy "$c" || fail "$c: podman healthcheck run is not healthy"
done
say "health checks: db, node-a, node-b healthy"

for node in "$NODE_A" "$NODE_B"; do
    status=$(http "$node/v1/posts")
    [ "$status" = 200 ] || fail "GET $node/v1/posts: $status $(head -c 300 "$BODY_FILE")"
    say "GET $node/v1/posts: 200, $(json 'len(d["data"])') posts on the first page"
done

status=$(http "$NODE_A/v1/cases?status=active")
[ "$status" = 200 ] || fail "GET $NODE_A/v1/cases?status=active: $status"
slug=$(json 'd["data"][0]["slug"] if d["data"] else ""')
[ -n "$slug" ] || fail "no active case (is node A running with --demo?)"
status=$(http "$NODE_B/v1/cases/$slug/tally")
[ "$status" = 200 ] || fail "GET $NODE_B/v1/cases/$slug/tally: $status"
before=$(json 'd["total"]')
say "active case $slug: node B's tally total $before"

status=$(http -X POST -H 'Content-Type: application/json' -H "Idempotency-Key: deploy-up-$(date +%s%N)" \
    --data '{"kind":"letter"}' "$NODE_A/v1/cases/$slug/actions")
[ "$status" = 201 ] || fail "POST $NODE_A/v1/cases/$slug/actions: $status $(head -c 300 "$BODY_FILE")"
expected=$(json 'd["tally"]["total"]')
say "POST $NODE_A/v1/cases/$slug/actions {\"kind\":\"letter\"}: 201, total now $expected"
[ "$expected" -gt "$before" ] || fail "node A's total $expected is not above node B's earlier $before"

# node B learns of node A's commit by LISTEN/NOTIFY and drops its cached tally: poll for up to 3 s
start_ns=$(date +%s%N) total="" reads=0
while :; do
    status=$(http "$NODE_B/v1/cases/$slug/tally") reads=$((reads + 1))
    [ "$status" = 200 ] && total=$(json 'd["total"]')
    [ "$total" = "$expected" ] && break
    [ $(( ($(date +%s%N) - start_ns) / 1000000 )) -lt 3000 ] \
        || fail "node B's tally of $slug is ${total:-?} (status $status) 3 s after node A answered $expected"
    sleep 0.05
done
say "GET $NODE_B/v1/cases/$slug/tally: total $total at read $reads, $(( ($(date +%s%N) - start_ns) / 1000000 )) ms after node A's 201"

if podman container exists goodnews-lb; then
    wait_for "lb /readyz 200" 30 ready "$LB" || fail "load balancer: /readyz not 200"
    # which node answered: count the tally reads in each node's access log before and after
    reads() { podman logs "$1" 2>&1 | grep -c "\"path\":\"/v1/cases/$slug/tally\"" || true; }
    a0=$(reads goodnews-node-a) b0=$(reads goodnews-node-b)
    for _ in 1 2 3 4; do
        status=$(http "$LB/v1/cases/$slug/tally")
        [ "$status" = 200 ] || fail "GET $LB/v1/cases/$slug/tally: $status"
        [ "$(json 'd["total"]')" -ge "$expected" ] || fail "load balancer answered an older tally"
    done
    sleep 0.5
    a=$(( $(reads goodnews-node-a) - a0 )) b=$(( $(reads goodnews-node-b) - b0 ))
    [ "$a" -ge 1 ] && [ "$b" -ge 1 ] || fail "load balancer sent $a reads to node A and $b to node B, not both"
    say "load balancer $LB: /readyz 200, 4 x GET tally 200: $a answered by node A, $b by node B"
fi

say "OK: lb $LB, node A $NODE_A, node B $NODE_B (stop: deploy/down.sh)"
