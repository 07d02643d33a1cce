#!/usr/bin/env node
// The bench clients: one node process with N official socket.io-client sockets (WebSocket only, one connection
// each), the same program for tipring and for the reference node server. Each socket places one call over REST
// (POST /pbx/call), joins its room over Socket.IO and counts the `audio` frames it receives and their inter-arrival
// times. Every wait is bounded; the process ends by itself.
//
//   node clients.js --url http://127.0.0.1:PORT --token TOKEN --calls N --number 9197 [options]
//
// --mode fanout (default): calls up, sockets connected but not in any room for --window s (window A); then every
//     socket joins its call's room, and after --settle s, window B of --window s. With --server-pid, the server's
//     CPU (utime+stime from /proc/PID/stat) is read at each window's edges, so that (B - A) / frames in B is the
//     server's CPU per audio frame delivered. The clients' own CPU is read too.
// --mode latency: calls placed, each socket joins as soon as its call exists, prints "all joined", holds --hold s;
//     with --upload-every MS, every socket sends a --chunk-ms chunk of 1 kHz tone (pcm16, with an ack) every MS ms
//     from a random start, so that each chunk starts after silence (for the upload latency measured on the wire).
// --deflate no: the sockets do not offer the permessage-deflate WebSocket extension (offered by default, as browsers do).
// --sessions FILE (latency mode): once all joined, one line per socket: index, sessionId, measured|load, local port.
// --out FILE writes the figures as JSON as well; the summary goes to stdout.
"use strict";
const fs = require("fs");
const http = require("http");
const net = require("net");
const { io } = require("socket.io-client");

const args = {};
for (let i = 2; i < process.argv.length; i += 2) args[process.argv[i].replace(/^--/, "")] = process.argv[i + 1];
const url = args.url || "http://127.0.0.1:28080";
const token = args.token || "tok1";
const calls = Number(args.calls || 50);
const number = args.number || "9197";
const mode = args.mode || "fanout";
const settle = Number(args.settle || 5);
const windowSeconds = Number(args.window || 30);
const hold = Number(args.hold || 30);
const placeRate = Number(args["place-rate"] || 50);
const serverPid = args["server-pid"];
const uploadEvery = Number(args["upload-every"] || 0);
const chunkMs = Number(args["chunk-ms"] || 100);
const deadline = Number(args.deadline || 600);
// "no": the clients do not offer permessage-deflate (node's ws and browsers offer it by default).
const deflate = (args.deflate || "yes") !== "no";
// --measured K --port-base P: sockets 0..K-1 connect from local ports P..P+K-1, so that a capture filter can pick
// their connections from the first packet on (before they exist); their calls are also the first placed.
const measured = Math.min(Number(args.measured || calls), calls);
const portBase = Number(args["port-base"] || 0);
// --load-number X: the sockets not measured call X instead (e.g. 9197, tipring's own tone, which needs no far end).
const loadNumber = args["load-number"] || number;

const now = () => performance.now();
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const log = (...parts) => console.log(...parts);
setTimeout(() => { log("clients: deadline reached, giving up"); process.exit(3); }, deadline * 1000).unref();

function cpuSeconds(pid) {
  if (!pid) return NaN;
  const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (CLK_TCK 100 on Linux)
}
const ownCpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1e6; };

function quantile(sorted, q) {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}
const fmt = (x, digits = 1) => (Number.isFinite(x) ? x.toFixed(digits) : "-");

// Inter-arrival deviation from 20 ms, in 0.1 ms buckets up to 1 s, shared by all sockets (allocation-free).
const DEV_BUCKETS = 10001;
const deviation = new Uint32Array(DEV_BUCKETS);
function devQuantile(q) {
  let total = 0;
  for (const c of deviation) total += c;
  if (total === 0) return NaN;
  const wanted = Math.ceil(q * total);
  let seen = 0;
  for (let i = 0; i < DEV_BUCKETS; i++) { seen += deviation[i]; if (seen >= wanted) return (i + 1) / 10; }
  return DEV_BUCKETS / 10;
}
function devAbove(ms) {
  let n = 0;
  for (let i = Math.ceil(ms * 10); i < DEV_BUCKETS; i++) n += deviation[i];
  return n;
}

let measuring = false;
const clients = [];
const problems = { connectErrors: 0, disconnects: {}, badFrames: 0, joinFailures: 0, callFailures: 0, errors: 0 };

function makeClient(index) {
  const c = { index, sessionId: null, frames: 0, windowFrames: 0, last: 0, joinedAt: 0, joinMs: NaN, connectMs: NaN,
    hungUp: false, acks: [], nonSilent: 0 };
  const t0 = now();
  const options = { transports: ["websocket"], auth: { token }, forceNew: true, reconnection: false, timeout: 60000,
    perMessageDeflate: deflate ? { threshold: 1024 } : false };
  if (portBase > 0 && index < measured) {
    const agent = new http.Agent();
    agent.createConnection = (opts, callback) => net.createConnection({ ...opts, localPort: portBase + index }, callback);
    options.agent = agent;
  }
  c.socket = io(url, options);
  c.connected = new Promise((resolve) => {
    c.socket.on("connect", () => { c.connectMs = now() - t0; resolve(true); });
    c.socket.on("connect_error", (e) => { problems.connectErrors++; c.connectError = String(e.message); resolve(false); });
  });
  c.socket.on("disconnect", (reason) => {
    if (!c.closing) problems.disconnects[reason] = (problems.disconnects[reason] || 0) + 1;
  });
  c.socket.on("error", () => { problems.errors++; });
  c.socket.on("roomJoined", (p) => {
    if (!p || p.sessionId !== c.sessionId) return;
    if (p.status === "success") { c.joinMs = now() - c.joinSent; if (c.onJoined) c.onJoined(true); }
    else { problems.joinFailures++; if (c.onJoined) c.onJoined(false); }
  });
  c.socket.on("hangup", (p) => { if (p && p.sessionId === c.sessionId) c.hungUp = true; });
  c.socket.on("audio", (p) => {
    const t = now();
    const data = p && p.audioData;
    if (!data || data.length !== 320 || p.audioFormat !== "pcm16" || p.sessionId !== c.sessionId) {
      problems.badFrames++;
      return;
    }
    c.frames++;
    if (measuring) {
      c.windowFrames++;
      if (c.last !== 0) {
        const dev = Math.abs(t - c.last - 20);
        deviation[Math.min(DEV_BUCKETS - 1, Math.floor(dev * 10))]++;
      }
    }
    c.last = t;
  });
  return c;
}

async function placeCall(c) {
  try {
    const res = await fetch(`${url}/pbx/call`, {
      method: "POST", headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
      body: JSON.stringify({ phoneNumber: c.index < measured ? number : loadNumber }), signal: AbortSignal.timeout(30000),
    });
    const body = await res.json();
    if (res.status !== 200 || !body.data || !body.data.sessionId) throw new Error(`${res.status} ${JSON.stringify(body)}`);
    c.sessionId = body.data.sessionId;
    return true;
  } catch (e) {
    problems.callFailures++;
    if (problems.callFailures <= 3) log(`clients: call ${c.index} not placed: ${e.message}`);
    return false;
  }
}

function join(c) {
  return new Promise((resolve) => {
    c.onJoined = resolve;
    c.joinSent = now();
    c.socket.emit("joinRoom", { sessionId: c.sessionId });
    setTimeout(() => resolve(false), 30000);
  });
}

// Places the calls at placeRate per second, each as soon as its turn comes, all in flight together.
async function placeAll(then) {
  const t0 = now();
  const pending = [];
  for (const c of clients) {
    const due = t0 + (c.index * 1000) / placeRate;
    const wait = due - now();
    if (wait > 0) await sleep(wait);
    pending.push(placeCall(c).then((ok) => (ok && then ? then(c) : ok)));
  }
  return Promise.all(pending);
}

function summary(values) {
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
  return { n: sorted.length, min: sorted[0], p50: quantile(sorted, 0.5), p99: quantile(sorted, 0.99), max: sorted[sorted.length - 1] };
}

// A chunk of 1 kHz tone at -6 dBFS, pcm16 little-endian at 8 kHz.
function toneChunk(ms) {
  const samples = (8000 * ms) / 1000;
  const buffer = Buffer.alloc(2 * samples);
  for (let i = 0; i < samples; i++) buffer.writeInt16LE(Math.round(16000 * Math.sin((2 * Math.PI * 1000 * i) / 8000)), 2 * i);
  return buffer;
}

async function hangupAll() {
  for (const c of clients) {
    c.closing = true;
    if (c.sessionId && c.socket.connected) c.socket.emit("hangup", { sessionId: c.sessionId });
  }
  const until = now() + 10000;
  while (now() < until && clients.some((c) => c.sessionId && c.socket.connected && !c.hungUp)) await sleep(100);
  const missing = clients.filter((c) => c.sessionId && !c.hungUp).length;
  for (const c of clients) c.socket.disconnect();
  return missing;
}

async function main() {
  const result = { mode, calls, number, url };
  const tConnect = now();
  for (let i = 0; i < calls; i++) clients.push(makeClient(i));
  const connected = (await Promise.all(clients.map((c) => c.connected))).filter(Boolean).length;
  const connectStats = summary(clients.map((c) => c.connectMs));
  log(`clients: ${connected}/${calls} sockets connected in ${fmt((now() - tConnect) / 1000, 1)} s ` +
    `(connect p50 ${fmt(connectStats.p50, 0)} ms, max ${fmt(connectStats.max, 0)} ms)` +
    (problems.connectErrors ? `; ${problems.connectErrors} refused: ${clients.find((c) => c.connectError).connectError}` : ""));
  const extensions = clients[0].socket.io.engine && clients[0].socket.io.engine.transport.ws
    ? clients[0].socket.io.engine.transport.ws.extensions : "";
  result.websocketExtensions = extensions || "none";
  log(`clients: WebSocket extensions negotiated: ${result.websocketExtensions}`);
  if (connected < calls) process.exitCode = 2;

  if (mode === "fanout") {
    const tPlace = now();
    const placed = (await placeAll()).filter(Boolean).length;
    log(`clients: ${placed}/${calls} calls to ${number} placed in ${fmt((now() - tPlace) / 1000, 1)} s`);
    await sleep(settle * 1000);
    const a0 = cpuSeconds(serverPid), o0 = ownCpu(), ta0 = now();
    const framesBefore = clients.reduce((n, c) => n + c.frames, 0);
    await sleep(windowSeconds * 1000);
    const a1 = cpuSeconds(serverPid), o1 = ownCpu(), ta1 = now();
    const framesA = clients.reduce((n, c) => n + c.frames, 0) - framesBefore;
    const tJoin = now();
    const joinedOk = (await Promise.all(clients.filter((c) => c.sessionId).map(join))).filter(Boolean).length;
    const joinStats = summary(clients.map((c) => c.joinMs));
    log(`clients: ${joinedOk}/${placed} joined in ${fmt((now() - tJoin) / 1000, 2)} s ` +
      `(roomJoined after p50 ${fmt(joinStats.p50, 0)} ms, p99 ${fmt(joinStats.p99, 0)} ms, max ${fmt(joinStats.max, 0)} ms)`);
    await sleep(settle * 1000);
    measuring = true;
    const b0 = cpuSeconds(serverPid), q0 = ownCpu(), tb0 = now();
    await sleep(windowSeconds * 1000);
    const b1 = cpuSeconds(serverPid), q1 = ownCpu(), tb1 = now();
    measuring = false;
    const framesB = clients.reduce((n, c) => n + c.windowFrames, 0);
    const wallA = (ta1 - ta0) / 1000, wallB = (tb1 - tb0) / 1000;
    const cpuA = (a1 - a0) / wallA, cpuB = (b1 - b0) / wallB; // cores
    const perSocket = summary(clients.filter((c) => c.sessionId).map((c) => c.windowFrames / wallB));
    const expected = joinedOk * 50 * wallB;
    Object.assign(result, {
      placed, joined: joinedOk, join: joinStats, windowSeconds: wallB,
      serverCpuA: cpuA, serverCpuB: cpuB, framesA, framesB, expectedFrames: expected,
      serverCpuPerFrameMicros: ((cpuB - cpuA) * wallB * 1e6) / framesB,
      serverCpuPerFrameGrossMicros: (cpuB * wallB * 1e6) / framesB,
      clientsCpuA: (o1 - o0) / wallA, clientsCpuB: (q1 - q0) / wallB,
      framesPerSocketPerSecond: perSocket,
      interArrivalDeviationMs: { p50: devQuantile(0.5), p99: devQuantile(0.99), max: devQuantile(1), over10ms: devAbove(10) },
    });
    log(`window A (${calls} calls up, no socket in a room, ${fmt(wallA, 1)} s): server ${fmt(cpuA * 100, 1)}% of a core; ` +
      `${framesA} frames received; clients ${fmt(result.clientsCpuA * 100, 1)}%`);
    log(`window B (${joinedOk} sockets each in its call's room, ${fmt(wallB, 1)} s): server ${fmt(cpuB * 100, 1)}% of a core; ` +
      `clients ${fmt(result.clientsCpuB * 100, 1)}%`);
    log(`  frames received ${framesB} of ${Math.round(expected)} expected (${fmt((100 * framesB) / expected, 2)}%); ` +
      `per socket ${fmt(perSocket.p50, 1)}/s median, min ${fmt(perSocket.min, 1)}/s`);
    log(`  inter-arrival deviation from 20 ms at the clients: p50 ${fmt(devQuantile(0.5), 1)} ms, p99 ${fmt(devQuantile(0.99), 1)} ms, ` +
      `max ${fmt(devQuantile(1), 1)} ms, ${devAbove(10)} over 10 ms`);
    log(`  server CPU per frame: ${fmt(result.serverCpuPerFrameMicros, 1)} us (B minus A; ${fmt(result.serverCpuPerFrameGrossMicros, 1)} us gross)`);
  } else {
    const joinedOk = (await placeAll(join)).filter(Boolean).length;
    const joinStats = summary(clients.map((c) => c.joinMs));
    log(`clients: ${joinedOk}/${calls} calls to ${number} placed and joined (roomJoined after p50 ${fmt(joinStats.p50, 0)} ms, ` +
      `p99 ${fmt(joinStats.p99, 0)} ms, max ${fmt(joinStats.max, 0)} ms)`);
    Object.assign(result, { joined: joinedOk, join: joinStats });
    if (args.sessions) {
      fs.writeFileSync(args.sessions, clients.map((c) => `${c.index} ${c.sessionId} ${c.index < measured ? "measured" : "load"} ${
        c.socket.io.engine && c.socket.io.engine.transport.ws ? c.socket.io.engine.transport.ws._socket.localPort : 0}`).join("\n") + "\n");
    }
    log("all joined");
    measuring = true;
    const chunk = uploadEvery > 0 ? toneChunk(chunkMs) : null;
    const timers = [];
    const tHold = now();
    if (chunk) {
      for (const c of clients.filter((x) => x.sessionId)) {
        const send = () => {
          const sent = now();
          c.socket.emit("audio", { sessionId: c.sessionId, audioData: chunk, audioFormat: "pcm16" }, (ack) => {
            c.acks.push(now() - sent);
            if (!ack || !ack.success) problems.errors++;
          });
        };
        timers.push(setTimeout(() => { send(); timers.push(setInterval(send, uploadEvery)); }, Math.random() * uploadEvery));
      }
    }
    await sleep(hold * 1000);
    timers.forEach(clearTimeout);
    timers.forEach(clearInterval);
    measuring = false;
    const wall = (now() - tHold) / 1000;
    const framesB = clients.reduce((n, c) => n + c.windowFrames, 0);
    const expected = joinedOk * 50 * wall;
    const acks = summary(clients.flatMap((c) => c.acks));
    Object.assign(result, { holdSeconds: wall, framesB, expectedFrames: expected, ackMs: acks,
      interArrivalDeviationMs: { p50: devQuantile(0.5), p99: devQuantile(0.99), max: devQuantile(1), over10ms: devAbove(10) } });
    log(`hold (${fmt(wall, 1)} s): frames received ${framesB} of ${Math.round(expected)} expected at 50/s ` +
      `(${fmt((100 * framesB) / expected, 2)}%); inter-arrival deviation p50 ${fmt(devQuantile(0.5), 1)} ms, ` +
      `p99 ${fmt(devQuantile(0.99), 1)} ms, max ${fmt(devQuantile(1), 1)} ms`);
    if (chunk) log(`  uploads: ${acks.n} chunks of ${chunkMs} ms acknowledged, ack after p50 ${fmt(acks.p50, 1)} ms, p99 ${fmt(acks.p99, 1)} ms`);
  }
  const missing = await hangupAll();
  result.problems = problems;
  result.hangupMissing = missing;
  const disc = Object.entries(problems.disconnects).map(([k, v]) => `${v} ${k}`).join(", ") || "none";
  log(`clients: hangup not confirmed for ${missing}; disconnects before the end: ${disc}; ` +
    `bad frames ${problems.badFrames}, join failures ${problems.joinFailures}, calls not placed ${problems.callFailures}, error events/acks ${problems.errors}`);
  if (args.out) fs.writeFileSync(args.out, JSON.stringify(result, null, 1));
  await sleep(200);
  process.exit(process.exitCode || 0);
}

main().catch((e) => { console.error(e); process.exit(1); });
