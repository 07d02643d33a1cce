// The WebSocket call API's speech latency as a client sees it, over /call (audio over the WebSocket):
//   node latency.js URL TOKEN SESSIONS ROUNDS SPEECH.raw
// Each of SESSIONS sessions invites a call with VAD and ASR, then ROUNDS times:
//   1. sends `tts` and measures the time to its trackStart event and to the first binary frame that is not silence;
//   2. after trackEnd, streams SPEECH.raw (16 kHz pcm16) at real time and measures, from the moment its last loud
//      frame (the end of the speech) was sent, the time to the `silence` event and to `asrFinal`.
// Prints one JSON line: the quantiles of each measure in ms, and how many rounds missed an event.
const WebSocket = require('ws');
const fs = require('fs');
const [url, token, sessionsArg, roundsArg, speechFile] = process.argv.slice(2);
const sessions = Number(sessionsArg), rounds = Number(roundsArg);
const speech = fs.readFileSync(speechFile);
const FRAME = 640;
let lastLoudFrame = 0;
for (let off = 0, i = 0; off < speech.length; off += FRAME, i++) {
  if (loud(speech.subarray(off, off + FRAME))) lastLoudFrame = i;
}
const results = {ttsTrackStart: [], ttsFirstAudio: [], silenceAfterSpeech: [], asrFinalAfterSpeech: []};
let missed = 0;

function loud(frame) {
  for (let i = 0; i + 1 < frame.length; i += 2) {
    if (Math.abs(frame.readInt16LE(i)) > 300) return true;
  }
  return false;
}

function session(n) {
  return new Promise((resolve) => {
    const ws = new WebSocket(`${url}/call?id=bench-${n}-${Date.now()}&dump=false`, {headers: {Authorization: `Bearer ${token}`}});
    let waiters = [];
    let firstLoud = null;
    const expect = (name, timeoutMs) => new Promise((ok) => {
      const timer = setTimeout(() => { waiters = waiters.filter(w => w.ok !== ok); ok(null); }, timeoutMs);
      waiters.push({name, ok: (e) => { clearTimeout(timer); ok(e); }});
    });
    ws.on('message', (data, isBinary) => {
      if (isBinary) {
        if (firstLoud === null && loud(data)) firstLoud = Date.now();
        return;
      }
      const event = JSON.parse(data);
      event.at = Date.now();
      const waiter = waiters.find(w => w.name === event.event);
      if (waiter) { waiters = waiters.filter(w => w !== waiter); waiter.ok(event); }
    });
    ws.on('error', (e) => { console.error(`session ${n}: ${e.message}`); resolve(); });
    ws.on('open', async () => {
      ws.send(JSON.stringify({command: 'invite', option: {codec: 'pcm', vad: {enable: true}, asr: {provider: 'pocketsphinx'}}}));
      await expect('answer', 5000);
      for (let r = 0; r < rounds; r++) {
        firstLoud = null;
        const sent = Date.now();
        const start = expect('trackStart', 10000);
        const end = expect('trackEnd', 20000);
        ws.send(JSON.stringify({command: 'tts', text: 'Hello, this is a latency test of the server.', playId: `r${r}`}));
        const started = await start;
        if (!started) { missed++; continue; }
        results.ttsTrackStart.push(started.at - sent);
        await end;
        if (firstLoud !== null) results.ttsFirstAudio.push(firstLoud - sent); else missed++;
        const silence = expect('silence', 15000);
        const final = expect('asrFinal', 15000);
        let endOfSpeech = null;
        const t0 = Date.now();
        for (let off = 0, i = 0; off < speech.length; off += FRAME, i++) {
          const due = t0 + i * 20;
          const wait = due - Date.now();
          if (wait > 0) await new Promise(ok => setTimeout(ok, wait));
          ws.send(speech.subarray(off, off + FRAME));
          if (i === lastLoudFrame) endOfSpeech = Date.now();
        }
        const [s, f] = await Promise.all([silence, final]);
        if (s) results.silenceAfterSpeech.push(s.at - endOfSpeech); else missed++;
        if (f) results.asrFinalAfterSpeech.push(f.at - endOfSpeech); else missed++;
      }
      ws.send(JSON.stringify({command: 'hangup'}));
      setTimeout(() => { ws.close(); resolve(); }, 300);
    });
  });
}

function quantiles(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q) => sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] : null;
  return {n: sorted.length, p50: at(0.5), p95: at(0.95), max: sorted.length ? sorted[sorted.length - 1] : null};
}

(async () => {
  await Promise.all(Array.from({length: sessions}, (_, n) => session(n)));
  const out = {sessions, rounds, missed};
  for (const [key, values] of Object.entries(results)) out[key] = quantiles(values);
  console.log(JSON.stringify(out));
})();
