#!/usr/bin/env bash
# Durability of answered actions across a crash.
#
#   scripts/durability-test.sh PATH/TO/goodnews [ROUNDS]
#
# Builds nothing: give it a built binary (e.g. .build/debug/goodnews). On a fresh database in a temporary
# folder it starts `goodnews serve`, sends public actions from several concurrent keep-alive clients (each
# with its own Idempotency-Key), records every 201, and kills the server with SIGKILL while requests are
# in flight. It then restarts the server on the same file and checks that
#   - every action answered 201 is in the database (by id) and the tally total covers them all,
#   - the tallies equal the sum of the actions (the triggers committed with them),
#   - every key answered 201 replays byte for byte and counts nothing.
# ROUNDS (default 2) crash/restart cycles run on the same file. Exits non-zero on any loss.
# Needs python3 (standard library only: http.client, sqlite3, threading).
#
# SIGKILL loses the process, not the kernel's page cache, so this proves the commit-before-answer order
# and crash recovery; surviving a power cut also needs the fsync that synchronous=FULL adds to each commit.
set -euo pipefail

if [[ $# -lt 1 || ! -x "$1" ]]; then
    echo "usage: $0 PATH/TO/goodnews [ROUNDS]" >&2
    exit 2
fi
binary=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
rounds=${2:-2}
repository=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/goodnews-durability.XXXXXX")
trap 'status=$?; if [[ $status -eq 0 ]]; then rm -rf "$work"; else echo "kept $work for inspection" >&2; fi' EXIT

python3 - "$binary" "$repository" "$work" "$rounds" <<'PYTHON'
import http.client, json, os, re, signal, sqlite3, subprocess, sys, threading, time

binary, repository, work, rounds = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
database = os.path.join(work, "goodnews.sqlite")
clients, run_seconds = 8, 1.5
cases = ["durable-a", "durable-b", "durable-c"]

servers = []  # every server process started, so a failure never leaves one running

def fail(message):
    for process in servers:
        if process.poll() is None:
            process.kill()
            process.wait()
    print("FAIL: " + message, file=sys.stderr)
    sys.exit(1)

def start_server(round_number):
    log_path = os.path.join(work, f"server-{round_number}.log")
    log = open(log_path, "w")
    env = dict(os.environ, GOODNEWS_ACTION_RATE="0", GOODNEWS_LOG_LEVEL="info")
    process = subprocess.Popen([binary, "serve", "--db", database, "--assets", repository,
                                "--addr", "127.0.0.1:0"], stdout=log, stderr=subprocess.STDOUT, env=env)
    servers.append(process)
    deadline = time.time() + 30
    while time.time() < deadline:
        if process.poll() is not None:
            fail(f"server exited with {process.returncode}:\n" + open(log_path).read())
        match = re.search(r"127\.0\.0\.1:(\d+)", open(log_path).read())
        if match:
            port = int(match.group(1))
            try:
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
                connection.request("GET", "/healthz")
                if connection.getresponse().status == 200:
                    return process, port
            except OSError:
                pass
        time.sleep(0.05)
    fail("server did not start:\n" + open(log_path).read())

def post(connection, slug, key):
    connection.request("POST", f"/v1/cases/{slug}/actions", body=b'{"kind":"letter","source":"durability"}',
                       headers={"Content-Type": "application/json", "Idempotency-Key": key})
    response = connection.getresponse()
    return response.status, response.read()

def tally_total(port):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request("GET", "/v1/tallies")
    response = connection.getresponse()
    if response.status != 200:
        fail(f"GET /v1/tallies answered {response.status}")
    return json.loads(response.read())["total"]

# A fresh database with three active cases, written before any server runs.
subprocess.run([binary, "migrate", "--db", database, "--assets", repository], check=True,
               stdout=subprocess.DEVNULL)
with sqlite3.connect(database) as db:
    for slug in cases:
        db.execute("INSERT INTO cases (slug, name, country, status, created_at, updated_at) "
                   "VALUES (?, ?, 'CU', 'active', 0, 0)", (slug, slug))

answered = {}  # Idempotency-Key -> (action id, body) for every 201
lock = threading.Lock()

for round_number in range(1, rounds + 1):
    server, port = start_server(round_number)
    stop = threading.Event()
    errors = []

    def client(number):
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        sequence = 0
        while not stop.is_set():
            key = f"r{round_number}-c{number}-{sequence}"
            sequence += 1
            try:
                status, body = post(connection, cases[sequence % len(cases)], key)
            except (OSError, http.client.HTTPException):
                return  # the server is gone: this request may or may not have counted
            if status != 201:
                errors.append(f"{key}: {status} {body[:200]!r}")
                return
            with lock:
                answered[key] = (json.loads(body)["action"]["id"], body)

    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    before = len(answered)
    for thread in threads:
        thread.start()
    time.sleep(run_seconds)
    server.send_signal(signal.SIGKILL)  # mid-stream: every client has a request in flight
    server.wait()
    stop.set()
    for thread in threads:
        thread.join()
    if errors:
        fail("unexpected answers: " + "; ".join(errors[:5]))
    gained = len(answered) - before
    if gained == 0:
        fail(f"round {round_number}: no action was answered 201 before the kill")

    # Restart on the same file: WAL recovery, then the checks.
    server, port = start_server(f"{round_number}-restart")
    total = tally_total(port)
    ids = [action_id for action_id, _ in answered.values()]
    with sqlite3.connect(database) as db:
        present = set()
        for start in range(0, len(ids), 500):
            chunk = ids[start:start + 500]
            present.update(row[0] for row in db.execute(
                f"SELECT id FROM actions WHERE id IN ({','.join('?' * len(chunk))})", chunk))
        summed = db.execute("SELECT coalesce(sum(count), 0) FROM actions").fetchone()[0]
        tallied = db.execute("SELECT coalesce(sum(total), 0) FROM case_tallies").fetchone()[0]
    missing = sorted(set(ids) - present)
    if missing:
        fail(f"round {round_number}: {len(missing)} actions answered 201 are missing, e.g. ids {missing[:10]}")
    if total < len(answered):
        fail(f"round {round_number}: tally total {total} < {len(answered)} actions answered 201")
    if tallied != summed or total != tallied:
        fail(f"round {round_number}: tallies ({tallied}, API {total}) differ from the actions ({summed})")

    # Every answered key replays its first answer and counts nothing.
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    sample = list(answered.items())[-200:]
    for key, (_, body) in sample:
        slug = json.loads(body)["action"]["case"]
        status, replay = post(connection, slug, key)
        if status != 201 or replay != body:
            fail(f"round {round_number}: key {key} replayed {status} {replay[:200]!r} instead of the first 201")
    if tally_total(port) != total:
        fail(f"round {round_number}: replays changed the total")
    server.send_signal(signal.SIGTERM)
    if server.wait(timeout=30) != 0:
        fail(f"round {round_number}: the restarted server did not exit cleanly on SIGTERM")
    print(f"round {round_number}: {gained} actions answered 201 before SIGKILL, all present after restart "
          f"(total {total}, {total - len(answered)} more counted but unanswered); {len(sample)} replays identical")

print(f"durability: OK ({len(answered)} answered actions over {rounds} crash(es))")
PYTHON
