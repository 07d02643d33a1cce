#!/usr/bin/env bash
# The WebSocket call API's speech latency under load, as ws clients measure it (bench/callapi/latency.js):
#
#   bench/callapi-latency.sh ["N1 N2 ..."="1 10 30"] [ROUNDS=5]
#
# For each N: N concurrent /call sessions (audio over the WebSocket, pcm 16 kHz) with VAD (energy) and ASR
# (pocketsphinx), each ROUNDS times: a `tts` (espeak-ng) -> its trackStart and its first non-silent audio frame at the
# client; then a spoken sentence (espeak-ng, streamed at real time) -> the `silence` event and `asrFinal`, measured from
# the end of the speech. The server's CPU per session-second is printed too. Every run is bounded; everything started
# is stopped at exit. Takes BENCH_LOCK (default /tmp/tipring-heavy.lock) so that no other bench shares the cores.
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=${1:-1 10 30}
rounds=${2:-5}
lock=${BENCH_LOCK:-/tmp/tipring-heavy.lock}
for tool in node espeak-ng sox python3; do
    command -v "$tool" >/dev/null || { echo "$tool is missing (apt-get install espeak-ng sox)" >&2; exit 1; }
done
if [[ ! -d bench/callapi/node_modules/ws ]]; then
    (cd bench/callapi && npm ci --no-audit --no-fund --loglevel=error 2>/dev/null || npm install --no-audit --no-fund --loglevel=error)
fi
tarball=$(ls distribution/target/tipring-*.tar.gz)
work=$(mktemp -d)
home=
cleanup() {
    [[ -n "$home" ]] && "$home/bin/tipring" stop >/dev/null 2>&1 || true
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
exec 9>"$lock"
flock -w 900 9 || { echo "could not take $lock within 15 minutes" >&2; exit 1; }

tar -xzf "$tarball" -C "$work"
home=$(echo "$work"/tipring-*)
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
export TIPRING_HTTP_PORT=$(free_port) TIPRING_SIP_PORT=$(free_port) TIPRING_TOKENS=bench:bench
export TIPRING_RTP_PORTS=45000-45999
# The sentence, with 0.5 s of silence before it and 1.5 s after (the client finds where its speech ends).
espeak-ng -v en-us -w "$work/speech.wav" "please call me back tomorrow morning"
sox "$work/speech.wav" -r 16000 -c 1 -b 16 -e signed-integer -t raw "$work/speech.raw" pad 0.5 1.5
"$home/bin/tipring" start >/dev/null
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$TIPRING_HTTP_PORT/health" >/dev/null && break; sleep 0.2; done
pid=$(cat "$home/data/tipring.pid")
cpu() { awk '{print $14 + $15}' "/proc/$pid/stat"; }
ticks=$(getconf CLK_TCK)
echo "$(nproc) cores"
for n in $sizes; do
    before=$(cpu); started=$(date +%s.%N)
    result=$(timeout 600 node bench/callapi/latency.js "ws://127.0.0.1:$TIPRING_HTTP_PORT" bench "$n" "$rounds" \
        "$work/speech.raw")
    after=$(cpu); ended=$(date +%s.%N)
    python3 - "$n" "$result" "$before" "$after" "$started" "$ended" "$ticks" <<'PY'
import json, sys
n, result, before, after, started, ended, ticks = sys.argv[1:]
r = json.loads(result)
seconds = float(ended) - float(started)
cpu_ms = (float(after) - float(before)) * 1000 / int(ticks)
print(f"{n} sessions x {r['rounds']} rounds ({r['missed']} events missed):")
for key in ("ttsTrackStart", "ttsFirstAudio", "silenceAfterSpeech", "asrFinalAfterSpeech"):
    q = r[key]
    print(f"  {key:22s} n={q['n']:3d}  p50 {q['p50']} ms  p95 {q['p95']} ms  max {q['max']} ms")
print(f"  server CPU {cpu_ms / (int(n) * seconds):.1f} ms per session-second ({cpu_ms / 1000:.1f} s over {seconds:.0f} s)")
PY
done
