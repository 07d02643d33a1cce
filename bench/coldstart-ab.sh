#!/usr/bin/env bash
# Cold start of two distributions compared in the same minutes: restarts alternate between A and B (each started
# once first, not counted, for its class-data archive and database), so that both see the same machine. On a shared
# VM whose speed drifts from one minute to the next by more than a change gains, this tells the change apart.
#
#   bench/coldstart-ab.sh A B [ROUNDS=8]       A, B: unpacked distributions (folders holding bin/tipring)
#
# Prints each run's time from `bin/tipring start` to the first 200 from /health, and the medians. Takes BENCH_LOCK.
set -euo pipefail
a=${1:?unpacked distribution A}; b=${2:?unpacked distribution B}; rounds=${3:-8}
exec 9>"${BENCH_LOCK:-/tmp/tipring-heavy.lock}"
flock -w 900 9 || { echo "could not take ${BENCH_LOCK:-/tmp/tipring-heavy.lock} within 15 minutes" >&2; exit 1; }
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
sip=$(python3 -c 'import socket; s=socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
export TIPRING_HTTP_PORT=$port TIPRING_SIP_PORT=$sip TIPRING_TOKENS=bench
# Sets ms to one start's time; a start that never answers stops the whole comparison.
start_once() {
    local t0
    t0=$(python3 -c 'import time; print(time.time())')
    "$1/bin/tipring" start >/dev/null
    ms=$(python3 "$(dirname "$0")/health-poll.py" "$port" "$t0") || { "$1/bin/tipring" stop >/dev/null; exit 1; }
    "$1/bin/tipring" stop >/dev/null
}
median() { printf '%s\n' "$@" | sort -n | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'; }
ms=
start_once "$a"
start_once "$b"
times_a=(); times_b=()
for _ in $(seq 1 "$rounds"); do
    start_once "$a"; times_a+=("$ms")
    start_once "$b"; times_b+=("$ms")
done
echo "A ($a): ${times_a[*]} | median $(median "${times_a[@]}") ms"
echo "B ($b): ${times_b[*]} | median $(median "${times_b[@]}") ms"
