// A client of the RustPBX call API (tipring's /call and /call/sip), driven by the Java e2e tests: the `ws` package
// connects as any Node application would; commands arrive as JSON lines on stdin; everything that happens goes out as
// JSON lines on stdout. Binary frames (audio) are not printed one by one: each line carries the running count of
// frames, bytes and loud frames received so far, so a test can tell how many arrived between two events (messages
// on one WebSocket keep their order), and received audio can be saved to a file.
//
//   node callapi-client.js
//
// Commands: {"op":"connect","url":"ws://127.0.0.1:8080/call?id=x","headers":{"Authorization":"Bearer t"},"codec":"pcm"}
//           {"op":"send","json":{"command":"invite",...}}   (a command, serialized here)
//           {"op":"send","text":"{not json"}                (a text message exactly as given)
//           {"op":"stream","id":1,"file":"x.raw","frameBytes":640,"intervalMs":20}  (binary frames at real time)
//           {"op":"record","file":"heard.raw"}              (append every binary frame received from now on)
//           {"op":"summary","id":2}                         (the binary frames so far)
//           {"op":"close"}
// Lines out: {"type":"open"}, {"type":"refused","status":401}, {"type":"event","data":{...}},
//            {"type":"text","text":"..."} (a text message that is not JSON), {"type":"streamed","id":1,...},
//            {"type":"summary",...}, {"type":"error","message":...}, {"type":"close","code":1000,"reason":"..."}.
// Every line has "t" (ms since the epoch) and "frames", "bytes", "loud" (binary frames received before it).
const fs = require("fs");
const readline = require("readline");
const WebSocket = require("ws");

/** RMS from which a 20 ms frame counts as loud: speech, not silence or line noise. */
const LOUD_RMS = 500;

let socket = null;
let codec = "pcm";
let recording = null;
const received = { frames: 0, bytes: 0, loud: 0, sizes: {} };

const out = (line) => process.stdout.write(JSON.stringify({
  t: Date.now(), ...line, frames: received.frames, bytes: received.bytes, loud: received.loud,
}) + "\n");

// G.711 decoding (ITU-T G.711), only to measure what a pcmu/pcma client hears.
function ulaw(byte) {
  const u = ~byte & 0xff;
  const t = (((u & 0x0f) << 3) + 0x84) << ((u & 0x70) >> 4);
  return u & 0x80 ? 0x84 - t : t - 0x84;
}
function alaw(byte) {
  const a = byte ^ 0x55;
  let t = (a & 0x0f) << 4;
  const segment = (a & 0x70) >> 4;
  if (segment === 0) t += 8;
  else if (segment === 1) t += 0x108;
  else t = (t + 0x108) << (segment - 1);
  return a & 0x80 ? t : -t;
}

function rms(frame) {
  let sum = 0, n = 0;
  if (codec === "pcmu" || codec === "pcma") {
    const decode = codec === "pcmu" ? ulaw : alaw;
    for (const byte of frame) { const s = decode(byte); sum += s * s; n++; }
  } else {
    for (let i = 0; i + 1 < frame.length; i += 2) { const s = frame.readInt16LE(i); sum += s * s; n++; }
  }
  return n === 0 ? 0 : Math.sqrt(sum / n);
}

function connect(command) {
  codec = (command.codec || "pcm").toLowerCase();
  socket = new WebSocket(command.url, { headers: command.headers || {}, handshakeTimeout: 10000 });
  socket.on("open", () => out({ type: "open" }));
  socket.on("unexpected-response", (request, response) => {
    out({ type: "refused", status: response.statusCode });
    request.destroy();
  });
  socket.on("message", (data, isBinary) => {
    if (isBinary) {
      const frame = Buffer.isBuffer(data) ? data : Buffer.concat(data);
      received.frames++;
      received.bytes += frame.length;
      received.sizes[frame.length] = (received.sizes[frame.length] || 0) + 1;
      if (rms(frame) > LOUD_RMS) received.loud++;
      if (recording) fs.appendFileSync(recording, frame);
      return;
    }
    const text = data.toString("utf8");
    try {
      out({ type: "event", data: JSON.parse(text) });
    } catch (notJson) {
      out({ type: "text", text });
    }
  });
  socket.on("error", (e) => out({ type: "error", message: e.message }));
  socket.on("close", (code, reason) => out({ type: "close", code, reason: reason.toString("utf8") }));
}

function send(command) {
  if (!socket || socket.readyState !== WebSocket.OPEN) {
    out({ type: "error", message: "not connected: cannot send" });
    return;
  }
  socket.send(command.text !== undefined ? command.text : JSON.stringify(command.json));
}

function stream(command) {
  // Frames at real time, each due at start + n * interval, so timer jitter never adds up.
  const audio = fs.readFileSync(command.file);
  const size = command.frameBytes || 640;
  const interval = command.intervalMs || 20;
  const started = Date.now();
  let frame = 0;
  const next = () => {
    const at = frame * size;
    if (at >= audio.length || !socket || socket.readyState !== WebSocket.OPEN) {
      out({ type: "streamed", id: command.id, sent: frame, millis: Date.now() - started });
      return;
    }
    socket.send(audio.subarray(at, at + size), { binary: true });
    frame++;
    setTimeout(next, Math.max(0, started + frame * interval - Date.now()));
  };
  out({ type: "streaming", id: command.id });
  next();
}

readline.createInterface({ input: process.stdin }).on("line", (line) => {
  const command = JSON.parse(line);
  switch (command.op) {
    case "connect": connect(command); break;
    case "send": send(command); break;
    case "stream": stream(command); break;
    case "record": recording = command.file; fs.writeFileSync(recording, Buffer.alloc(0)); out({ type: "recording" }); break;
    case "summary": out({ type: "summary", id: command.id, sizes: received.sizes }); break;
    case "close":
      if (socket) socket.close(1000, "done");
      setTimeout(() => process.exit(0), 300);
      break;
  }
}).on("close", () => { if (socket) socket.terminate(); process.exit(0); });
