#!/usr/bin/env bash
# Cold start: time from `bin/tipring start` to the first 200 from GET /health, for a new process each run,
# on the built distribution unpacked fresh from its tarball.
#
#   bench/coldstart.sh [runs]        (default 10; build first with ./run.sh or mvn install)
#
# The first run is a first start (empty data/: the database is created and the class-data-sharing archive
# recorded); the others restart the stopped server as an operator would. Budget: under 2000 ms.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-10}
tarball=$(ls distribution/target/tipring-*.tar.gz)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
tar -xzf "$tarball" -C "$work"
home=$(echo "$work"/tipring-*)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
export TIPRING_HTTP_PORT=$port TIPRING_TOKENS=bench

times=()
for run in $(seq 1 "$runs"); do
    t0=$(python3 -c 'import time; print(time.time())')
    "$home/bin/tipring" start >/dev/null
    ms=$(python3 bench/health-poll.py "$port" "$t0") || { "$home/bin/tipring" stop >/dev/null; exit 1; }
    "$home/bin/tipring" stop >/dev/null
    if [[ $run -eq 1 ]]; then
        echo "first start (empty data/): ${ms} ms"
    else
        echo "restart $run: ${ms} ms"; times+=("$ms")
    fi
done
if [[ ${#times[@]} -gt 0 ]]; then
    sorted=$(printf '%s\n' "${times[@]}" | sort -n)
    n=${#times[@]}
    echo "restart to /health 200 over $n runs: min $(echo "$sorted" | head -1) ms," \
         "median $(echo "$sorted" | sed -n "$(( (n + 1) / 2 ))p") ms, max $(echo "$sorted" | tail -1) ms"
fi
