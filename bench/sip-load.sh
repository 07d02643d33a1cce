#!/usr/bin/env bash
# SIP and RTP load on the built distribution, with sipp as the callers (../shared/PEERS.md):
#
#   bench/sip-load.sh [CALLS=500] [HOLD_SECONDS=60] [RATE=50] [SETUP_RATE=200]
#
# 1. Setup (first, so that the media phase is measured on a warmed-up JVM): 5 x SETUP_RATE short calls (1 s, no
#    media) at SETUP_RATE calls/s; sipp counts failures.
# 2. Media: CALLS concurrent inbound calls to tipring's echo (9196), placed at RATE calls/s, each sending sipp's
#    7 s speech pcap (PCMA) back to back for HOLD_SECONDS while tipring decodes it, echoes it, encodes and sends it
#    back on the media clock. Once every call is up, the server's CPU time is read from /proc over a window and
#    divided by the call-seconds in it. The engine's own figures (packets, frames concealed because they were lost
#    or late, how late ticks started and how far each leg's packet intervals strayed from 20 ms) come from its
#    statistics line in data/log.
#
# CODEC=pcma (default), g722 or opus: the media calls offer only that codec (PCMA 8, G.722 9, Opus 111 as
# opus/48000/2), plus telephone-event at its RTP clock, and play the same speech in it. The G.722 and Opus pcaps are
# made from sipp's PCMA pcap at run time by bench/codecs/make-pcap.py (ffmpeg; opusenc for Opus: 24 kbit/s, 20 ms).
# Every media call checks that tipring's answer names the offered codec (a call answered otherwise fails). The setup
# phase offers PCMU whatever CODEC says.
#
# sipp runs at the lowest priority (nice 19): on a 2-core machine it takes about half a core at 500 calls, and the
# callers of a real server are not on its machine. The server runs at normal priority.
#
# Budget (issue 3): >= 500 calls clean (< 0.1% late or lost frames), < 1.4 ms CPU per call-second, send-time p99
# < 2 ms, >= 200 calls/s set up without failures. Every run is bounded: sipp stops after its calls, the server
# is stopped at exit. Takes BENCH_LOCK (default /tmp/tipring-heavy.lock) so that no other bench shares the cores, and
# prints the load average once it has it.
set -euo pipefail
cd "$(dirname "$0")/.."
calls=${1:-500}
hold=${2:-60}
rate=${3:-50}
setup_rate=${4:-200}
# TELEPHONE_EVENTS=no offers no telephone-event, like a peer that sends DTMF as tones: tipring then runs its
# in-band DTMF detector on every received frame.
telephone_events=${TELEPHONE_EVENTS:-yes}
codec=${CODEC:-pcma}
case "$codec" in pcma|g722|opus) ;; *) echo "CODEC must be pcma, g722 or opus, not $codec" >&2; exit 1;; esac
command -v sipp >/dev/null || { echo "sipp is missing: apt-get install sip-tester" >&2; exit 1; }
tarball=$(ls distribution/target/tipring-*.tar.gz)
work=$(mktemp -d)
home=
cleanup() {
    [[ -n "$home" ]] && "$home/bin/tipring" stop >/dev/null 2>&1 || true
    pkill -f "sipp -sf $work" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT
exec 9>"${BENCH_LOCK:-/tmp/tipring-heavy.lock}"
flock -w 900 9 || { echo "could not take ${BENCH_LOCK:-/tmp/tipring-heavy.lock} within 15 minutes" >&2; exit 1; }
echo "load average before the run: $(cut -d' ' -f1-3 /proc/loadavg)"
tar -xzf "$tarball" -C "$work"
home=$(echo "$work"/tipring-*)
free_port() { python3 -c 'import socket; s=socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
export TIPRING_HTTP_PORT=$(free_port) TIPRING_SIP_PORT=$(free_port) TIPRING_TOKENS=bench
export TIPRING_RTP_PORTS=20000-29999 TIPRING_RTP_TIMEOUT=30
echo "statisticsIntervalSeconds = 5" >> "$home/etc/io.tipring.media.cfg"

"$home/bin/tipring" start >/dev/null
for _ in $(seq 1 300); do
    curl -sf "http://127.0.0.1:$TIPRING_HTTP_PORT/health" >/dev/null && break
    sleep 0.1
done
pid=$(cat "$home/data/tipring.pid")
clk=$(getconf CLK_TCK)
cpu_ticks() { awk '{print $14 + $15}' "/proc/${1:-$pid}/stat"; }

# The media scenario: sipp's speech pcap (or the same speech in CODEC) played back to back for the hold time.
plays=$(( (hold + 6) / 7 ))
pcap=/usr/share/sip-tester/g711a.pcap
case "$codec" in
    g722) pcap="$work/speech-g722.pcap"; python3 bench/codecs/make-pcap.py g722 "$pcap" 9 2>"$work/make-pcap.log" || { cat "$work/make-pcap.log" >&2; exit 1; } ;;
    opus) pcap="$work/speech-opus.pcap"; python3 bench/codecs/make-pcap.py opus "$pcap" 111 2>"$work/make-pcap.log" || { cat "$work/make-pcap.log" >&2; exit 1; } ;;
esac
python3 - "$work/uac-echo.xml" "$plays" "$telephone_events" "$codec" "$pcap" <<'PY'
import sys
path, plays, events, codec, pcap = sys.argv[1], int(sys.argv[2]), sys.argv[3] == "yes", sys.argv[4], sys.argv[5]
pt, rtpmap, clock, label = {"pcma": (8, "PCMA/8000", 8000, "PCMA"), "g722": (9, "G722/8000", 8000, "G.722"),
                            "opus": (111, "opus/48000/2", 48000, "Opus")}[codec]
offer = f"m=audio [media_port] RTP/AVP {pt} 101\na=rtpmap:{pt} {rtpmap}\na=rtpmap:101 telephone-event/{clock}\na=fmtp:101 0-15"
if not events:
    offer = f"m=audio [media_port] RTP/AVP {pt}\na=rtpmap:{pt} {rtpmap}"
# sipp's own pcap lasts 7.05 s; the generated ones are 20 ms packets: play the next one 20 ms after the last packet.
if codec == "pcma":
    pause = 7040
else:
    data = open(pcap, "rb").read()
    pos, packets = 24, 0
    while pos + 16 <= len(data):
        pos += 16 + int.from_bytes(data[pos + 8:pos + 12], "little")
        packets += 1
    pause = packets * 20
short = open("bench/sipp/uac-short.xml").read()
media = "".join(f'  <nop><action><exec play_pcap_audio="{pcap}"/></action></nop>\n'
                f'  <pause milliseconds="{pause}"/>\n' for _ in range(plays))
# The 200 must answer with the offered codec first on its m= line: else the call fails (sipp counts it).
check = (f'  <recv response="200" rrs="true">\n    <action>\n      <ereg regexp="m=audio [0-9]+ RTP/AVP {pt}[^0-9]" '
         'search_in="body" check_it="true" assign_to="answered"/>\n    </action>\n  </recv>\n'
         '  <Reference variables="answered"/>\n')
scenario = (short.replace("m=audio [media_port] RTP/AVP 0\na=rtpmap:0 PCMU/8000", offer)
                 .replace('  <recv response="200" rrs="true"/>\n', check)
                 .replace("  <pause/>\n", media)
                 .replace("Call setup load: INVITE [service] with a PCMU offer, ACK the 200, hold for -d ms without media, BYE.",
                          f"Media load: INVITE [service] with a {label} offer, play speech back to back, BYE."))
open(path, "w").write(scenario)
PY

setup_calls=$((5 * setup_rate))
echo "setup: $setup_calls calls of 1 s at $setup_rate calls/s"
s0=$(date +%s.%N)
setup_ok=0
nice -n 19 sipp -sf bench/sipp/uac-short.xml -s 9196 -i 127.0.0.1 -mi 127.0.0.1 -p "$(free_port)" -mp 42000 -d 1000 \
    -r "$setup_rate" -m "$setup_calls" -l "$setup_calls" -timeout 60s -nostdin -trace_stat -stf "$work/setup.csv" \
    "127.0.0.1:$TIPRING_SIP_PORT" >"$work/setup-sipp.log" 2>&1 || setup_ok=$?
s1=$(date +%s.%N)
python3 - "$work/setup.csv" "$s0" "$s1" "$setup_ok" <<'PY'
import csv, sys
path, s0, s1, code = sys.argv[1], float(sys.argv[2]), float(sys.argv[3]), sys.argv[4]
rows = list(csv.reader(open(path), delimiter=";"))
head, last = rows[0], rows[-1]
get = lambda name: last[head.index(name)]
print(f"  sipp: exit {code}; {get('SuccessfulCall(C)')} successful, {get('FailedCall(C)')} failed, "
      f"in {s1 - s0:.1f} s")
PY

ramp=$(( (calls + rate - 1) / rate ))
echo "media: $calls calls to the echo at $rate calls/s, ${hold} s each (speech both ways in $codec; telephone-event offered: $telephone_events)"
[[ -s "$work/make-pcap.log" ]] && echo "  pcap: $(sed "s|$work/||" "$work/make-pcap.log")"
nice -n 19 sipp -sf "$work/uac-echo.xml" -s 9196 -i 127.0.0.1 -mi 127.0.0.1 -p "$(free_port)" -mp 40000 \
    -r "$rate" -l "$calls" -m "$calls" -timeout "$((ramp + hold + 60))s" -nostdin -trace_err \
    -error_file "$work/media-errors.log" "127.0.0.1:$TIPRING_SIP_PORT" >"$work/media-sipp.log" 2>&1 &
sipp_pid=$!
sleep $((ramp + 3))
window=$(( hold - ramp - 8 > 10 ? hold - ramp - 8 : 10 ))
c0=$(cpu_ticks); p0=$(cpu_ticks "$sipp_pid"); t0=$(date +%s.%N)
sleep "$window"
c1=$(cpu_ticks); p1=$(cpu_ticks "$sipp_pid"); t1=$(date +%s.%N)
media_line=$(grep "Media: " "$home/data/log/tipring.log" | tail -1 | sed 's/.*Media: //')
media_ok=0
wait "$sipp_pid" || media_ok=$?
python3 - "$c0" "$c1" "$t0" "$t1" "$clk" "$calls" "$p0" "$p1" <<'PY'
import sys
c0, c1, t0, t1, clk, calls, p0, p1 = map(float, sys.argv[1:])
cpu_s, wall = (c1 - c0) / clk, t1 - t0
print(f"  server CPU {cpu_s:.2f} s over {wall:.1f} s with {int(calls)} calls up: "
      f"{cpu_s / wall * 100:.0f}% of one core, {cpu_s * 1000 / (calls * wall):.3f} ms per call-second "
      f"(sipp meanwhile: {(p1 - p0) / clk / wall * 100:.0f}% of one core)")
PY
echo "  engine, during the window: $media_line"
echo "  engine, at the end:        $(grep "Media: " "$home/data/log/tipring.log" | tail -1 | sed 's/.*Media: //')"
echo "  sipp: exit $media_ok (0: every call completed), $(grep -c . "$work/media-errors.log" 2>/dev/null || echo 0) error lines"

