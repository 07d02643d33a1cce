#!/usr/bin/env node
// The reference for tipring's Socket.IO audio fan-out: the official node `socket.io` server (4.8.1) doing the same
// job with as little else as possible. It speaks the part of the Outgoing Call API the bench clients use:
//
//   POST /pbx/call {"phoneNumber"} (Bearer token)  -> {"status":200,"data":{"sessionId"}}; a "call" starts: every
//       20 ms, one media clock emits `audio {sessionId, audioData: Buffer(320), audioFormat: "pcm16"}` to the call's
//       room (a 1004 Hz tone, a new Buffer per frame, like tipring's built-in tone far end 9197)
//   Socket.IO at /socket.io/ with auth {token}: newSession to every client when a call starts, joinRoom ->
//       roomJoined, hangup -> hangup + the call ends, audio (acknowledged, discarded)
//
//   node reference-server.js PORT TOKEN [MAX_SECONDS=600]
//
// It stops by itself after MAX_SECONDS, so a bench that dies cannot leave it running.
"use strict";
const http = require("http");
const crypto = require("crypto");
const { Server } = require("socket.io");

const port = Number(process.argv[2] || 28090);
const token = process.argv[3] || "tok1";
const maxSeconds = Number(process.argv[4] || 600);

const calls = new Map(); // sessionId -> { phase }
const SAMPLES = 160;
const STEP = 2 * Math.PI * 1004 / 8000;

function json(res, status, body) {
  const text = JSON.stringify(body);
  res.writeHead(status, { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(text) });
  res.end(text);
}

const server = http.createServer((req, res) => {
  if (req.method === "GET" && req.url === "/health") {
    return json(res, 200, { status: "UP" });
  }
  if (req.method !== "POST" || (req.url !== "/pbx/call" && req.url !== "/pbx/hangup")) {
    return json(res, 404, { status: 404, errors: "not found", data: null });
  }
  if (req.headers.authorization !== `Bearer ${token}`) {
    return json(res, 401, { status: 401, errors: "Invalid token", data: null });
  }
  let body = "";
  req.on("data", (chunk) => { body += chunk; });
  req.on("end", () => {
    let payload;
    try { payload = JSON.parse(body); } catch { return json(res, 400, { status: 400, errors: "bad JSON", data: null }); }
    if (req.url === "/pbx/hangup") {
      end(payload.sessionId);
      return json(res, 200, { status: 200, errors: "", data: { sessionId: payload.sessionId } });
    }
    const sessionId = crypto.randomUUID();
    calls.set(sessionId, { phase: 0 });
    io.emit("newSession", { sessionId, type: "outbound" });
    json(res, 200, { status: 200, errors: "", data: { phoneNumber: payload.phoneNumber, sessionId } });
  });
});

const io = new Server(server, { transports: ["websocket"], serveClient: false });
io.use((socket, next) => (socket.handshake.auth && socket.handshake.auth.token === token
  ? next() : next(new Error("Invalid token"))));
io.on("connection", (socket) => {
  socket.on("joinRoom", (payload) => {
    const sessionId = payload && payload.sessionId;
    if (!calls.has(sessionId)) {
      socket.emit("roomJoined", { sessionId, status: "failed", error: "Session not found" });
      return;
    }
    socket.join(sessionId);
    socket.emit("roomJoined", { sessionId, status: "success" });
    socket.emit("dialStatus", { sessionId, status: "connected" });
  });
  socket.on("audio", (payload, ack) => {
    if (typeof ack === "function") ack({ success: calls.has(payload && payload.sessionId), error: null });
  });
  socket.on("hangup", (payload) => end(payload && payload.sessionId));
});

function end(sessionId) {
  if (calls.delete(sessionId)) {
    io.to(sessionId).emit("hangup", { sessionId });
    io.in(sessionId).socketsLeave(sessionId);
  }
}

const rooms = io.of("/").adapter.rooms;
// One media clock for every call, as in tipring: a tick every 20 ms on the wall clock, without drift.
const t0 = performance.now();
let tick = 0;
function onTick() {
  for (const [sessionId, call] of calls) {
    const frame = Buffer.allocUnsafe(2 * SAMPLES);
    for (let i = 0; i < SAMPLES; i++) {
      frame.writeInt16LE(Math.round(8000 * Math.sin(call.phase)), 2 * i);
      call.phase += STEP;
    }
    call.phase %= 2 * Math.PI;
    // Like tipring's room, which hands nothing on while nobody joined (socket.io would encode the packet anyway).
    if (!rooms.has(sessionId)) continue;
    io.to(sessionId).emit("audio", { sessionId, audioData: frame, audioFormat: "pcm16" });
  }
  tick++;
  setTimeout(onTick, Math.max(0, t0 + tick * 20 - performance.now()));
}
setTimeout(onTick, 20);

server.listen(port, "127.0.0.1", () => console.log(`reference socket.io ${JSON.parse(require("fs").readFileSync(require("path").join(__dirname, "node_modules/socket.io/package.json"), "utf8")).version} on 127.0.0.1:${port}`));
setTimeout(() => { console.log("reference server: time is up"); process.exit(0); }, maxSeconds * 1000).unref();
process.on("SIGTERM", () => process.exit(0));
process.on("SIGINT", () => process.exit(0));
