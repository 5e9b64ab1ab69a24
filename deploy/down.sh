#!/usr/bin/env bash
# Stops and removes the containers of deploy/compose.yaml and its network (deploy_default).
#   deploy/down.sh            keeps the database volume goodnews-pgdata (the next up.sh finds the data)
#   deploy/down.sh --volumes  also removes the volume: every post, case and action is gone
set -euo pipefail
cd "$(dirname "$0")/.."
remove_volume=0
case "${1:-}" in
    -v | --volumes) remove_volume=1 ;;
    "") ;;
    *) echo "usage: $0 [--volumes]" >&2; exit 2 ;;
esac
# 30 s for the nodes to finish their requests and PostgreSQL to shut down cleanly (podman-compose stops
# the services in reverse dependency order: lb, nodes, db)
podman-compose -f deploy/compose.yaml down -t 30
# podman-compose 1.0.3 leaves the project's network behind (newer versions remove it)
if podman network exists deploy_default; then podman network rm deploy_default >/dev/null; fi
if [ "$remove_volume" = 1 ]; then
    podman volume rm --force goodnews-pgdata
    echo "removed the containers and the volume goodnews-pgdata"
else
    echo "removed the containers; the database is kept in the volume goodnews-pgdata (remove it: $0 --volumes)"
fi
