// A Socket.IO client of the Outgoing Call API, driven by the Java e2e tests: socket.io-client (the library users
// run) connects to tipring; commands arrive as JSON lines on stdin; everything that happens goes out as JSON lines
// on stdout. Audio frames are summarized (size, RMS, arrival time) and can be saved as raw PCM for analysis.
//
//   node client.js <url> <token|-> <transports: websocket|polling|default> [reconnection: true|false]
//
// Commands: {"op":"emit","event":...,"payload":{...},"ack":true,"id":1}
//           {"op":"sendFile","id":2,"sessionId":...,"file":...,"format":"mp3","chunk":2560}  (a burst, as the API's example)
//           {"op":"record","sessionId":...,"file":...}  (append every audio frame of that call to a raw PCM file)
//           {"op":"close"}
const fs = require("fs");
const readline = require("readline");
const { io } = require("socket.io-client");

const [url, token, transports, reconnection] = process.argv.slice(2);
const options = { reconnection: reconnection === "true", reconnectionDelay: 200, reconnectionDelayMax: 1000 };
if (token !== "-") options.auth = { token };
if (transports && transports !== "default") options.transports = [transports];

const out = (line) => process.stdout.write(JSON.stringify({ t: Date.now(), ...line }) + "\n");
const socket = io(url, options);
const recordings = new Map();
const frames = new Map();

socket.on("connect", () => out({ type: "connect", id: socket.id, transport: socket.io.engine.transport.name }));
socket.io.on("open", () => socket.io.engine.on("upgrade", (t) => out({ type: "upgrade", transport: t.name })));
socket.on("connect_error", (e) => out({ type: "connect_error", message: e.message }));
socket.on("disconnect", (reason) => out({ type: "disconnect", reason }));
socket.onAny((event, data) => {
  if (event === "audio") {
    const pcm = Buffer.from(data.audioData);
    let sum = 0;
    for (let i = 0; i + 1 < pcm.length; i += 2) { const s = pcm.readInt16LE(i); sum += s * s; }
    const seq = (frames.get(data.sessionId) || 0) + 1;
    frames.set(data.sessionId, seq);
    const file = recordings.get(data.sessionId);
    if (file) fs.appendFileSync(file, pcm);
    out({ type: "event", event, sessionId: data.sessionId, audioFormat: data.audioFormat, bytes: pcm.length,
          rms: Math.round(Math.sqrt(sum / Math.max(1, pcm.length / 2))), seq,
          binary: Buffer.isBuffer(data.audioData) });
  } else {
    out({ type: "event", event, data });
  }
});

function emit(command) {
  if (command.ack) {
    socket.timeout(10000).emit(command.event, command.payload, (err, answer) =>
      out({ type: "ack", id: command.id, event: command.event, answer: err ? null : answer, error: err ? String(err) : undefined }));
  } else {
    socket.emit(command.event, command.payload);
    out({ type: "sent", id: command.id, event: command.event });
  }
}

function sendFile(command) {
  // As the API's Audio Streaming Example does: the whole file in one loop of 2560-byte chunks, faster than real time.
  const buffer = fs.readFileSync(command.file);
  const chunk = command.chunk || 2560;
  let pending = 0, failures = [];
  for (let i = 0; i < buffer.length; i += chunk) {
    pending++;
    socket.emit("audio", { audioData: buffer.subarray(i, i + chunk), sessionId: command.sessionId, audioFormat: command.format },
      (ack) => {
        if (!ack.success) failures.push(ack.error);
        if (--pending === 0) out({ type: "sendFile", id: command.id, chunks: Math.ceil(buffer.length / chunk), failures });
      });
  }
}

readline.createInterface({ input: process.stdin }).on("line", (line) => {
  const command = JSON.parse(line);
  switch (command.op) {
    case "emit": emit(command); break;
    case "sendFile": sendFile(command); break;
    case "record": recordings.set(command.sessionId, command.file); out({ type: "recording", id: command.id }); break;
    case "close": socket.close(); out({ type: "closed" }); setTimeout(() => process.exit(0), 100); break;
  }
}).on("close", () => { socket.close(); process.exit(0); });
