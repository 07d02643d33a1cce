#!/usr/bin/env bash
# Socket.IO audio latency under load, measured by tipring itself and on the wire (tshark on lo):
#
#   bench/socketio-latency.sh ["N1 N2 ..."="100 300"] [HOLD_SECONDS=30] [CAPTURE_SECONDS=15]
#
# For each N: a sipp UAS (bench/sipp/uas-answer-play.xml) is tipring's trunk and answers N calls placed over REST
# (50/s) by N socket.io-client sockets (bench/socketio/clients.js, one socket and one call each; each socket joins its
# call's room as soon as the call exists). sipp plays a PCMA stream of silence with one numbered marker frame a second
# (bench/socketio/wire.py marker-pcap) into every call, so every socket receives 50 audio frames/s, one of them loud;
# every socket sends a 100 ms chunk of 1 kHz tone (pcm16, acknowledged) once a second from a random start, which
# tipring plays to sipp. Both directions at once, for HOLD_SECONDS.
#
# 1a, far end -> Socket.IO frame: (i) tipring's own histogram (the "Socket.IO: ..." line, every 5 s here: from the
# media clock handing a frame to the room to the socket's write call returning, i.e. queued in Jetty); (ii) on the
# wire: the marker's RTP packet arriving at tipring -> the WebSocket frame carrying it leaving tipring, split at the
# media clock tick that played it out (the jitter buffer's playout delay and the wait for the tick, a design choice,
# versus the processing from the tick to the frame on the wire).
# 1b, client chunk -> far end: on the wire, the TCP segment completing the chunk's `audio` event at tipring -> the
# first RTP packet toward sipp for that call whose payload is not silence (split at the start of the tick that sent it).
#
# Only the first MEASURE (default 100) sockets and their calls (placed first, so first on the media clock) are
# captured, so that the capture stays a small load: their sockets connect from fixed local ports (30000 + ..., below the
# ephemeral range), and the WebSocket capture (their TCP segments with data, and SYNs) starts before they connect, so
# that permessage-deflate streams can be inflated; the RTP capture (every RTP packet tipring sends on their calls, and
# the marker packets it receives) covers CAPTURE_SECONDS in the middle of the hold. DEFLATE=no makes the clients not
# offer permessage-deflate. LOAD_NUMBER=9197 sends the other calls to tipring's own tone instead of sipp (the same
# Socket.IO load, less RTP and sipp load on the 2 cores). Budgets: 1a p99 < 5 ms, 1b p99 < 40 ms. sipp runs at nice
# 19. Each run takes the machine-wide lock (BENCH_LOCK, /tmp/tipring-heavy.lock; what runs in the background does not
# inherit it) and is bounded; everything started is stopped at exit. The CPU of tipring, sipp, the clients and the
# WebSocket capture during the RTP capture is printed, to tell a saturated machine from a slow server.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
sizes=${1:-100 300}
hold=${2:-30}
capture=${3:-15}
deflate=${DEFLATE:-yes}
measure=${MEASURE:-100}
load_number=${LOAD_NUMBER:-5550100}
lock=${BENCH_LOCK:-/tmp/tipring-heavy.lock}
for tool in node sipp tshark python3; do
    command -v "$tool" >/dev/null || { echo "$tool is missing (sipp: apt-get install sip-tester; tshark: apt-get install tshark)" >&2; exit 1; }
done
if [[ ! -d bench/socketio/node_modules/socket.io-client ]]; then
    (cd bench/socketio && npm ci --no-audit --no-fund --loglevel=error)
fi
tarball=$(ls distribution/target/tipring-*.tar.gz)
work=$(mktemp -d)
home=
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    [[ -n "$home" ]] && "$home/bin/tipring" stop >/dev/null 2>&1 || true
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
exec 9>"$lock"
locked() { flock -w 900 9 || { echo "could not take $lock within 15 minutes" >&2; exit 1; }; }
unlocked() { flock -u 9; }

tar -xzf "$tarball" -C "$work"
home=$(echo "$work"/tipring-*)
free_port() { python3 -c 'import socket; s=socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
token=bench
sipp_port=$(free_port)
rtp_lo=44000 rtp_hi=44999
export TIPRING_HTTP_PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
export TIPRING_SIP_PORT=$(free_port) TIPRING_TOKENS=$token:bench TIPRING_TRUNK=127.0.0.1:$sipp_port
export TIPRING_RTP_PORTS=$rtp_lo-$rtp_hi TIPRING_RTP_TIMEOUT=120
sed -i 's/^statisticsIntervalSeconds = .*/statisticsIntervalSeconds = 5/' "$home/etc/io.tipring.socketio.cfg"
echo "statisticsIntervalSeconds = 5" >> "$home/etc/io.tipring.media.cfg"
max_n=$(tr ' ' '\n' <<<"$sizes" | sort -n | tail -1)
python3 bench/socketio/wire.py marker-pcap "$work/marker.pcap" $((hold + max_n / 50 + 40))
cp bench/sipp/uas-answer-play.xml "$work/"
# CPU seconds (utime+stime) of a process and its descendants.
tree_cpu() {
    python3 - "$@" <<'PY'
import os, sys
roots = {int(p) for p in sys.argv[1:] if p}
stats = {}
for pid in filter(str.isdigit, os.listdir("/proc")):
    try:
        fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    except OSError:
        continue
    stats[int(pid)] = (int(fields[1]), int(fields[11]) + int(fields[12]))
total, changed = 0, True
members = set(roots)
while changed:
    changed = False
    for pid, (ppid, _) in stats.items():
        if ppid in members and pid not in members:
            members.add(pid); changed = True
print(sum(stats[p][1] for p in members if p in stats) / os.sysconf("SC_CLK_TCK"))
PY
}

locked
"$home/bin/tipring" start >/dev/null 9>&-
for _ in $(seq 1 300); do curl -sf "http://127.0.0.1:$TIPRING_HTTP_PORT/health" >/dev/null && break; sleep 0.1; done
unlocked
echo "tipring on HTTP $TIPRING_HTTP_PORT, RTP $TIPRING_RTP_PORTS; sipp UAS on $sipp_port as its trunk; clients offer permessage-deflate: $deflate"
tipring_pid=$(cat "$home/data/tipring.pid")

# run N HOLD CAPTURE(0: none) NAME PORT_BASE: one measured run, under the lock. The first K = min(N, MEASURE) sockets
# (local ports PORT_BASE.., below the ephemeral range) and their calls, placed first, are captured; the others are load
# (their calls go to LOAD_NUMBER: the same trunk unless it says e.g. 9197, tipring's own tone).
run() {
    local n=$1 run_hold=$2 run_capture=$3 name=$4 port_base=$5
    local k=$(( n < measure ? n : measure ))
    local sip_calls=$n
    [[ "$load_number" != 5550100 ]] && sip_calls=$k
    local ramp=$(( (n + 49) / 50 ))
    local limit=$((ramp + run_hold + 90))
    (cd "$work" && exec nice -n 19 sipp -sf "$work/uas-answer-play.xml" -i 127.0.0.1 -mi 127.0.0.1 \
        -p "$sipp_port" -mp 46000 -m "$sip_calls" -timeout "${limit}s" -nostdin -trace_msg -message_file "$work/$name-sipp.log" \
        -trace_err -error_file "$work/$name-sipp-errors.log" >"$work/$name-sipp.out" 2>&1 9>&-) &
    local sipp_pid=$!; pids+=("$sipp_pid")
    local ws_pid=
    if [[ $run_capture -gt 0 ]]; then
        timeout "$limit" tshark -i lo -q -B 64 -F pcap -w "$work/$name-ws.pcap" -f "tcp port $TIPRING_HTTP_PORT and \
tcp portrange $port_base-$((port_base + k - 1)) and \
(tcp[tcpflags] & tcp-syn != 0 or (ip[2:2] - ((ip[0] & 0xf) << 2) - ((tcp[12] & 0xf0) >> 2)) > 0)" \
            >"$work/$name-ws.tshark" 2>&1 9>&- &
        ws_pid=$!; pids+=("$ws_pid")
        for _ in $(seq 1 100); do grep -q "Capturing on" "$work/$name-ws.tshark" 2>/dev/null && break; sleep 0.1; done
    fi
    local log_from
    log_from=$(wc -l <"$home/data/log/tipring.log")
    timeout "$limit" node bench/socketio/clients.js --url "http://127.0.0.1:$TIPRING_HTTP_PORT" --token "$token" \
        --calls "$n" --number 5550100 --load-number "$load_number" --measured "$k" --port-base "$port_base" \
        --mode latency --hold "$run_hold" --upload-every 1000 --chunk-ms 100 --sessions "$work/$name-sessions.txt" \
        --deflate "$deflate" --deadline "$limit" --out "$work/$name-clients.json" >"$work/$name-clients.log" 2>&1 9>&- &
    local clients_pid=$!; pids+=("$clients_pid")
    local t_capture= cpu_line=
    if [[ $run_capture -gt 0 ]]; then
        for _ in $(seq 1 $((limit * 10))); do grep -q "all joined" "$work/$name-clients.log" && break; sleep 0.1; done
        sleep $(( (run_hold - run_capture) / 2 ))
        # tipring's RTP ports of the measured calls, from the INVITEs sipp logged.
        local rtp_filter
        rtp_filter=$(python3 - "$work/$name-sessions.txt" "$work/$name-sipp.log" <<'PY'
import re, sys
measured = {line.split()[1] for line in open(sys.argv[1]) if " measured " in line}
text = open(sys.argv[2], "rb").read().decode("latin-1")
ports = set()
for block in re.split(r"\n-{5,}.*\n", text):
    s, m = re.search(r"X-Tipring-Session:\s*(\S+)", block), re.search(r"m=audio (\d+)", block)
    if "INVITE sip:" in block and s and m and s.group(1) in measured:
        ports.add(m.group(1))
print(" or ".join(sorted(ports)))
PY
)
        t_capture=$(date '+%Y-%m-%d %H:%M:%S')
        local c0 t0
        c0=$(for p in "$tipring_pid" "$sipp_pid" "$clients_pid" "$ws_pid"; do tree_cpu "$p"; done | tr '\n' ' ')
        t0=$(date +%s.%N)
        timeout $((run_capture + 10)) tshark -i lo -q -B 64 -F pcap -a "duration:$run_capture" -w "$work/$name-rtp.pcap" \
            -f "udp and ((dst port ($rtp_filter) and udp[120] = 0xaa) or src port ($rtp_filter))" \
            >"$work/$name-rtp.tshark" 2>&1 9>&- &
        local rtp_pid=$!
        sleep 0.5
        local r0
        r0=$(tree_cpu "$rtp_pid")
        wait "$rtp_pid" || true
        local c1 t1
        c1=$(for p in "$tipring_pid" "$sipp_pid" "$clients_pid" "$ws_pid"; do tree_cpu "$p"; done | tr '\n' ' ')
        t1=$(date +%s.%N)
        cpu_line=$(python3 -c '
import sys
c0, c1 = [list(map(float, a.split())) for a in sys.argv[1:3]]
wall = float(sys.argv[4]) - float(sys.argv[3])
names = ["tipring", "sipp", "clients", "tshark (WebSocket)"]
print(", ".join(f"{n} {100 * (b - a) / wall:.0f}%" for n, a, b in zip(names, c0, c1)))' "$c0" "$c1" "$t0" "$t1")
    fi
    local clients_rc=0
    wait "$clients_pid" || clients_rc=$?
    [[ -n "$ws_pid" ]] && { kill -INT "$ws_pid" 2>/dev/null || true; wait "$ws_pid" 2>/dev/null || true; }
    local sipp_rc=0
    wait "$sipp_pid" || sipp_rc=$?
    sed 's/^/  /' "$work/$name-clients.log" | grep -v "all joined"
    echo "  sipp: exit $sipp_rc (0: every call completed), $(grep -c . "$work/$name-sipp-errors.log" 2>/dev/null || echo 0) error lines"
    local tlog
    tlog=$(tail -n +"$((log_from + 1))" "$home/data/log/tipring.log")
    echo "  tipring Socket.IO lines (every 5 s) during the run:"
    grep "Socket.IO: " <<<"$tlog" | sed 's/^\([0-9-]* [0-9:]*\),[0-9]* .*Socket.IO: /    \1 /' || echo "    none"
    echo "  tipring media engine at the end: $(grep "Media: " <<<"$tlog" | tail -1 | sed 's/.*Media: //')"
    if grep -E " (WARN|ERROR) " <<<"$tlog" | grep -q .; then
        echo "  tipring warnings/errors during the run:"
        grep -E " (WARN|ERROR) " <<<"$tlog" | cut -d' ' -f3- | cut -c1-250 | sort | uniq -c | sort -rn | head -5
    fi
    if [[ $run_capture -gt 0 ]]; then
        echo "  CPU during the RTP capture, % of one core (2 cores in all): $cpu_line"
        echo "  captures: RTP from $t_capture for ${run_capture} s: $(grep -hE "captured|dropped" "$work/$name-rtp.tshark" | tr '\n' ' ');" \
             "WebSocket: $(grep -hE "captured|dropped" "$work/$name-ws.tshark" | tr '\n' ' ')"
        python3 bench/socketio/wire.py analyze --ws "$work/$name-ws.pcap" --rtp "$work/$name-rtp.pcap" \
            --http-port "$TIPRING_HTTP_PORT" --rtp-ports "$rtp_lo-$rtp_hi" --sipp-messages "$work/$name-sipp.log" \
            --json "$work/$name-wire.json"
    fi
    if [[ -s "$work/$name-sipp-errors.log" ]]; then
        echo "  sipp errors, by kind:"
        grep -E "^[0-9]{4}-" "$work/$name-sipp-errors.log" | cut -f3- | sed 's/^[0-9.]*: //; s/[0-9]\{3,\}/N/g' | cut -c1-160 \
            | sort | uniq -c | sort -rn | head -4 | sed "s/^/    /"
    fi
    rm -f "$work/$name-ws.pcap" "$work/$name-rtp.pcap" "$work/$name-sipp.log"
}

echo "warm-up: 100 calls for 15 s, no capture (not reported)"
locked
run 100 15 0 warm 0 >/dev/null
unlocked
port_base=30000
for n in $sizes; do
    k=$(( n < measure ? n : measure ))
    if [[ "$load_number" == 5550100 ]]; then
        echo "N=$n calls through sipp, one socket each receiving 50 frames/s and sending 100 ms of tone a second; hold ${hold} s;" \
             "the first $k captured:"
    else
        echo "N=$n calls, one socket each receiving 50 frames/s and sending 100 ms of tone a second; hold ${hold} s: the first" \
             "$k through sipp (captured), the other $((n - k)) to $load_number:"
    fi
    locked
    run "$n" "$hold" "$capture" "n$n" "$port_base"
    unlocked
    port_base=$((port_base + measure))
done
