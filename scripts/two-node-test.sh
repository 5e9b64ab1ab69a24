#!/usr/bin/env bash
# Two goodnews nodes on one PostgreSQL database, as real processes, through what a deployment lives through:
#
#   scripts/two-node-test.sh PATH/TO/goodnews
#
# Needs the test cluster's variables (`eval "$(scripts/pg-test-cluster.sh start)"`): GOODNEWS_TEST_PG_URL and
# GOODNEWS_TEST_PG_DIR (the cluster is stopped and started again in phase 2). On a fresh database of that
# cluster it starts two `goodnews serve` nodes and sends public actions (each with its own Idempotency-Key)
# from 8 keep-alive clients spread over both nodes, recording every 201:
#   1. node A is killed with SIGKILL mid-stream; the clients on B go on. Every action answered 201 (by
#      either node) must be in the database, and the tallies must equal the sum of the actions.
#   2. A is started again; then the database is stopped (fast shutdown) under load: the nodes must answer
#      503 with Retry-After (never a 201 that is not kept), and once it is back they must answer 201
#      again, without being restarted, within 15 s. The same checks follow.
# Exits non-zero on any loss. Needs python3 (standard library) and psql.
set -euo pipefail

if [[ $# -lt 1 || ! -x "$1" ]]; then
    echo "usage: $0 PATH/TO/goodnews" >&2
    exit 2
fi
: "${GOODNEWS_TEST_PG_URL:?start a cluster: eval \"\$(scripts/pg-test-cluster.sh start)\"}"
: "${GOODNEWS_TEST_PG_DIR:?start a cluster: eval \"\$(scripts/pg-test-cluster.sh start)\"}"
binary=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
repository=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/goodnews-two-node.XXXXXX")
trap 'status=$?; if [[ $status -eq 0 ]]; then rm -rf "$work"; else echo "kept $work for inspection" >&2; fi' EXIT

python3 - "$binary" "$repository" "$work" <<'PYTHON'
import http.client, json, os, re, signal, subprocess, sys, threading, time

binary, repository, work = sys.argv[1], sys.argv[2], sys.argv[3]
base_url, cluster = os.environ["GOODNEWS_TEST_PG_URL"], os.environ["GOODNEWS_TEST_PG_DIR"]
name = f"goodnews_two_node_{os.getpid()}"
url = base_url.replace("/postgres?", f"/{name}?")
cases = ["durable-a", "durable-b", "durable-c"]
servers = []

def fail(message):
    for process in servers:
        if process.poll() is None:
            process.kill()
            process.wait()
    print("FAIL: " + message, file=sys.stderr)
    sys.exit(1)

def psql(sql, database_url=url):
    done = subprocess.run(["psql", "-X", "-At", "-v", "ON_ERROR_STOP=1", "-d", database_url, "-c", sql],
                          capture_output=True, text=True)
    if done.returncode != 0:
        fail(f"psql {sql!r}: {done.stderr}")
    return done.stdout.strip()

def cluster_control(action):
    owner = ["runuser", "-u", "postgres", "--"] if os.getuid() == 0 else []
    bindir = sorted(d for d in os.listdir("/usr/lib/postgresql"))[-1]
    pg_ctl = f"/usr/lib/postgresql/{bindir}/bin/pg_ctl"
    arguments = [pg_ctl, "-D", f"{cluster}/data", "-w", "-t", "60"]
    if action == "stop":
        arguments += ["-m", "fast", "stop"]
    else:
        arguments += ["-l", f"{cluster}/server.log", "-o",
                      f"-c listen_addresses='' -c unix_socket_directories='{cluster}' -c port=5432", "start"]
    subprocess.run(owner + arguments, check=True, stdout=subprocess.DEVNULL)

def start_node(label):
    log_path = os.path.join(work, f"node-{label}.log")
    env = dict(os.environ, GOODNEWS_ACTION_RATE="0", GOODNEWS_LOG_LEVEL="info")
    process = subprocess.Popen([binary, "serve", "--db", url, "--assets", repository, "--addr", "127.0.0.1:0"],
                               stdout=open(log_path, "w"), stderr=subprocess.STDOUT, env=env)
    servers.append(process)
    deadline = time.time() + 30
    while time.time() < deadline:
        if process.poll() is not None:
            fail(f"node {label} exited with {process.returncode}:\n" + open(log_path).read())
        match = re.search(r"address=127\.0\.0\.1:(\d+)", open(log_path).read())
        if match:
            port = int(match.group(1))
            try:
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
                connection.request("GET", "/readyz")
                if connection.getresponse().status == 200:
                    return process, port
            except OSError:
                pass
        time.sleep(0.05)
    fail(f"node {label} did not start:\n" + open(log_path).read())

def post(connection, slug, key):
    connection.request("POST", f"/v1/cases/{slug}/actions", body=b'{"kind":"letter","source":"two-node"}',
                       headers={"Content-Type": "application/json", "Idempotency-Key": key})
    response = connection.getresponse()
    return response.status, response.getheader("Retry-After"), response.read()

answered = {}  # Idempotency-Key -> action id, for every 201
unavailable = [0]
lock = threading.Lock()

def run_clients(ports, label, seconds, during=None):
    stop = threading.Event()
    errors = []
    def client(number):
        port = ports[number % len(ports)]
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        sequence = 0
        while not stop.is_set():
            key = f"{label}-c{number}-{sequence}"
            sequence += 1
            try:
                status, retry_after, body = post(connection, cases[sequence % len(cases)], key)
            except (OSError, http.client.HTTPException):
                if port not in alive_ports():
                    return  # its node was killed: this request may or may not have counted
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
                continue
            if status == 201:
                with lock:
                    answered[key] = json.loads(body)["action"]["id"]
            elif status == 503 and retry_after:
                with lock:
                    unavailable[0] += 1
                time.sleep(0.05)
            else:
                errors.append(f"{key}: {status} {body[:200]!r}")
                return
    threads = [threading.Thread(target=client, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    if during:
        during()
    else:
        time.sleep(seconds)
    stop.set()
    for thread in threads:
        thread.join()
    if errors:
        fail("unexpected answers: " + "; ".join(errors[:5]))

killed = set()
def alive_ports():
    return {port for port in node_ports if port not in killed}

def check(phase):
    ids = sorted(answered.values())
    present = set(int(x) for x in psql("SELECT id FROM actions").split())
    missing = [i for i in ids if i not in present]
    if missing:
        fail(f"{phase}: {len(missing)} actions answered 201 are missing, e.g. ids {missing[:10]}")
    summed = int(psql("SELECT coalesce(sum(count), 0) FROM actions"))
    tallied = int(psql("SELECT coalesce(sum(total), 0) FROM case_tallies"))
    if summed != tallied:
        fail(f"{phase}: tallies {tallied} differ from the actions {summed}")
    print(f"{phase}: {len(ids)} actions answered 201, all present; {summed} counted; tallies agree")

psql(f"CREATE DATABASE {name}", base_url)
try:
    subprocess.run([binary, "migrate", "--db", url, "--assets", repository], check=True, stdout=subprocess.DEVNULL)
    for slug in cases:
        psql(f"INSERT INTO cases (slug, name, country, status, created_at, updated_at) "
             f"VALUES ('{slug}', '{slug}', 'CU', 'active', 0, 0)")
    node_a, port_a = start_node("a")
    node_b, port_b = start_node("b")
    node_ports = [port_a, port_b]

    # 1. SIGKILL of node A mid-stream.
    def kill_a():
        time.sleep(1.5)
        node_a.send_signal(signal.SIGKILL)
        node_a.wait()
        killed.add(port_a)
        time.sleep(1.0)
    run_clients(node_ports, "kill", 0, during=kill_a)
    if not answered:
        fail("no action was answered 201")
    check("SIGKILL of one node")

    # 2. The database stopped and started under load; the nodes are not restarted.
    node_a, port_a = start_node("a-again")
    node_ports = [port_a, port_b]
    killed.clear()
    recovered = {}
    def restart_database():
        time.sleep(1.0)
        cluster_control("stop")
        time.sleep(1.5)
        before = len(answered)
        cluster_control("start")
        started = time.time()
        while time.time() - started < 15 and len(answered) == before:
            time.sleep(0.05)
        recovered["seconds"] = time.time() - started if len(answered) > before else None
        time.sleep(1.0)
    served_before = len(answered)
    run_clients(node_ports, "restart", 0, during=restart_database)
    if unavailable[0] == 0:
        fail("no 503 with Retry-After while the database was down")
    if recovered.get("seconds") is None:
        fail("the nodes did not answer 201 again within 15 s of the database coming back")
    check("database restart")
    print(f"database restart: {unavailable[0]} answers 503 + Retry-After while it was down; "
          f"201 again {recovered['seconds']:.2f} s after it was back; {len(answered) - served_before} answered in this phase")
    for process in servers:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            process.wait(timeout=30)
finally:
    for process in servers:
        if process.poll() is None:
            process.kill()
    subprocess.run(["psql", "-X", "-q", "-d", base_url, "-c", f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"],
                   capture_output=True)
print("two nodes: OK")
PYTHON
