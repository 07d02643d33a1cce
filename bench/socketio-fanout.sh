#!/usr/bin/env bash
# Socket.IO audio fan-out CPU: tipring against the reference node socket.io server, on the same machine in the same
# run, with the same client program (bench/socketio/clients.js, socket.io-client 4.8.1):
#
#   bench/socketio-fanout.sh ["N1 N2 ..."="50 200 500"] [WINDOW_SECONDS=30]
#
# For each N and each server: N sockets connect (WebSocket), N calls are placed over REST (tipring: to the built-in
# 1004 Hz tone 9197, which needs no SIP far end; node: an equivalent timer that makes a 320-byte pcm16 frame per call
# every 20 ms and emits it to the call's room), WINDOW s with no socket in any room (A), then every socket joins its
# call's room and, 5 s later, WINDOW s with every socket receiving 50 frames/s (B). The server's CPU is utime+stime
# from /proc/PID/stat at each window's edges; (B - A) / frames received in B is its CPU per frame delivered, the
# Socket.IO cost alone (A already has the calls' own media work). tipring runs twice per N: with the clients offering
# permessage-deflate, as browsers and node's ws do (Jetty accepts it and then compresses every frame), and with the
# clients not offering it; node's socket.io server declines it by default, so it runs once. Reference point from the
# project brief: node's socket.io spends about 20 us of CPU per 320-byte frame.
#
# Before the measured runs, each server gets a warm-up run (100 calls, 10 s windows, not reported) so that the JIT of
# both has compiled the path. Every run takes the machine-wide lock /tmp/tipring-heavy.lock (BENCH_LOCK), is bounded
# (the clients give up after 10 minutes, the node server stops by itself, everything is stopped at exit).
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=${1:-50 200 500}
window=${2:-30}
lock=${BENCH_LOCK:-/tmp/tipring-heavy.lock}
command -v node >/dev/null || { echo "node is missing" >&2; exit 1; }
if [[ ! -d bench/socketio/node_modules/socket.io-client ]]; then
    (cd bench/socketio && npm ci --no-audit --no-fund --loglevel=error)
fi
tarball=$(ls distribution/target/tipring-*.tar.gz)
work=$(mktemp -d)
home=
ref_pid=
cleanup() {
    [[ -n "$ref_pid" ]] && kill "$ref_pid" 2>/dev/null || true
    [[ -n "$home" ]] && "$home/bin/tipring" stop >/dev/null 2>&1 || true
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
tar -xzf "$tarball" -C "$work"
home=$(echo "$work"/tipring-*)
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
token=bench
export TIPRING_HTTP_PORT=$(free_port) TIPRING_SIP_PORT=$(free_port) TIPRING_TOKENS=$token:bench
export TIPRING_RTP_PORTS=40000-41999
sed -i 's/^statisticsIntervalSeconds = .*/statisticsIntervalSeconds = 10/' "$home/etc/io.tipring.socketio.cfg"
echo "statisticsIntervalSeconds = 10" >> "$home/etc/io.tipring.media.cfg"
ref_port=$(free_port)

# -o: the server started inside must not inherit (and so hold) the lock.
flock -o -w 900 "$lock" bash -c '
    "$1/bin/tipring" start >/dev/null
    for _ in $(seq 1 300); do curl -sf "http://127.0.0.1:$2/health" >/dev/null && exit 0; sleep 0.1; done
    echo "tipring did not start" >&2; exit 1' _ "$home" "$TIPRING_HTTP_PORT"
tipring_pid=$(cat "$home/data/tipring.pid")
# The longest the whole bench may take, so that the reference server stops by itself whatever happens.
node bench/socketio/reference-server.js "$ref_port" "$token" $(( (3 * window + 120) * 4 * $(wc -w <<<"$sizes") + 600 )) \
    >"$work/reference.log" 2>&1 &
ref_pid=$!
for _ in $(seq 1 50); do curl -sf "http://127.0.0.1:$ref_port/health" >/dev/null && break; sleep 0.1; done
echo "tipring $(basename "$home") (pid $tipring_pid, $(readlink -f "/proc/$tipring_pid/exe")) and $(head -1 "$work/reference.log") (pid $ref_pid)"

# clients SERVER_NAME URL PID N WINDOW DEFLATE OUT
clients() {
    local name=$1 url=$2 pid=$3 n=$4 w=$5 deflate=$6 out=$7
    flock -o -w 900 "$lock" timeout $((4 * w + 240)) node bench/socketio/clients.js --url "$url" --token "$token" --calls "$n" \
        --number 9197 --mode fanout --settle 5 --window "$w" --server-pid "$pid" --deflate "$deflate" \
        --deadline $((4 * w + 200)) --out "$out" >"$out.log" 2>&1 || echo "  ($name: clients exited $?, see below)"
}

echo "warm-up: 100 calls, 10 s windows, each server (not reported)"
clients tipring "http://127.0.0.1:$TIPRING_HTTP_PORT" "$tipring_pid" 100 10 yes "$work/warm-tipring.json"
clients node "http://127.0.0.1:$ref_port" "$ref_pid" 100 10 yes "$work/warm-node.json"

for n in $sizes; do
    echo "N=$n calls, one socket each, ${window} s windows:"
    log_from=$(wc -l <"$home/data/log/tipring.log")
    clients tipring "http://127.0.0.1:$TIPRING_HTTP_PORT" "$tipring_pid" "$n" "$window" yes "$work/tipring-$n.json"
    tipring_log=$(tail -n +"$((log_from + 1))" "$home/data/log/tipring.log")
    log_from=$(wc -l <"$home/data/log/tipring.log")
    clients tipring "http://127.0.0.1:$TIPRING_HTTP_PORT" "$tipring_pid" "$n" "$window" no "$work/tipring-plain-$n.json"
    tipring_plain_log=$(tail -n +"$((log_from + 1))" "$home/data/log/tipring.log")
    clients node "http://127.0.0.1:$ref_port" "$ref_pid" "$n" "$window" yes "$work/node-$n.json"
    python3 - "$work" "$n" <<'PY'
import json, os, sys
work, n = sys.argv[1], sys.argv[2]
def load(name):
    path = f"{work}/{name}-{n}.json"
    if not os.path.exists(path):
        print(f"  {name}: no result; its clients said:")
        print("    " + open(path + ".log").read().replace("\n", "\n    "))
        return None
    return json.load(open(path))
runs = [("tipring, clients offer permessage-deflate", load("tipring")), ("tipring, clients offer no deflate", load("tipring-plain")),
        ("node socket.io 4.8.1", load("node"))]
for label, r in runs:
    if r is None:
        continue
    d, j, p = r["interArrivalDeviationMs"], r["join"], r["problems"]
    frames = r["framesB"]
    print(f"  {label} (extensions: {r['websocketExtensions']}): server {r['serverCpuA']*100:.1f}% of a core without rooms, "
          f"{r['serverCpuB']*100:.1f}% with; {r['serverCpuPerFrameMicros']:.1f} us CPU per frame "
          f"({r['serverCpuPerFrameGrossMicros']:.1f} gross)")
    disc = ", ".join(f"{v} {k}" for k, v in p["disconnects"].items()) or "none"
    print(f"    {frames} frames received in {r['windowSeconds']:.1f} s, {100*frames/r['expectedFrames']:.2f}% of 50/s per socket "
          f"(slowest socket {r['framesPerSocketPerSecond']['min']:.1f}/s); "
          f"inter-arrival deviation at the clients p50 {d['p50']:.1f} ms, p99 {d['p99']:.1f} ms, max {d['max']:.1f} ms; "
          f"joins: {r['joined']}/{r['placed']}, roomJoined p99 {j['p99']:.0f} ms, max {j['max']:.0f} ms; "
          f"clients' CPU {r['clientsCpuB']*100:.0f}% of a core; disconnects {disc}; bad frames {p['badFrames']}")
    if frames < 0.99 * r["expectedFrames"]:
        print("    NOT every frame arrived: the server skipped frames for clients behind, or they are still queued; the figure"
              " per frame divides by the frames received, so it is not comparable")
t, tp, nd = (r for _, r in runs)
if nd and t and tp:
    print(f"  ratio tipring/node per frame: {t['serverCpuPerFrameMicros']/nd['serverCpuPerFrameMicros']:.2f} with deflate offered, "
          f"{tp['serverCpuPerFrameMicros']/nd['serverCpuPerFrameMicros']:.2f} without")
PY
    for label in tipring tipring_plain; do
        text=${label}_log
        line=$(grep "Socket.IO: " <<<"${!text}" | sed 's/.*Socket.IO: //; s/^\([0-9]*\) clients, \([0-9]*\) audio/\2 &/' \
            | sort -n | tail -1 | cut -d' ' -f2- || true)
        echo "  tipring log ($label), busiest Socket.IO line: ${line:-none}"
    done
    if grep -E " (WARN|ERROR) " <<<"$tipring_log$tipring_plain_log" | grep -v "Jetty not started" | head -3 | grep -q .; then
        echo "  tipring log warnings/errors during these runs:"
        grep -E " (WARN|ERROR) " <<<"$tipring_log$tipring_plain_log" | grep -v "Jetty not started" | sort | uniq -c | sort -rn | head -5 | cut -c1-300
    fi
done
