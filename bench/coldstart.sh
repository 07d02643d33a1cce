#!/usr/bin/env bash
# Cold start: time from `bin/tipring start` to the first 200 from GET /health, over several runs of the
# built distribution (unpacked fresh from its tarball, so every run rebuilds the bundle cache).
#
#   bench/coldstart.sh [runs]        (default 10; build first with ./run.sh or mvn install)
#
# Prints each run in milliseconds, then min / median / max. Budget: under 2000 ms.
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
    rm -rf "$home/data"
    start=$(date +%s%N)
    "$home/bin/tipring" start >/dev/null
    until [[ $(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/health" || true) == 200 ]]; do
        sleep 0.01
        if (( ($(date +%s%N) - start) / 1000000 > 30000 )); then
            echo "run $run: /health not 200 after 30 s" >&2; "$home/bin/tipring" stop >/dev/null; exit 1
        fi
    done
    ms=$(( ($(date +%s%N) - start) / 1000000 ))
    times+=("$ms")
    echo "run $run: ${ms} ms"
    "$home/bin/tipring" stop >/dev/null
done
sorted=$(printf '%s\n' "${times[@]}" | sort -n)
echo "cold start to /health 200 over $runs runs: min $(echo "$sorted" | head -1) ms," \
     "median $(echo "$sorted" | sed -n "$(( (runs + 1) / 2 ))p") ms, max $(echo "$sorted" | tail -1) ms"
