// The Outgoing Call API's Quick Start, run against tipring: connect with socket.io-client, place a call to the
// built-in echo (9196), join its room when newSession arrives, and once it is Connected send two seconds of a
// 440 Hz tone as pcm16 audio; the echo sends it back, so the script hears its own audio come back.
//
//   TIPRING_URL=http://127.0.0.1:8080 TIPRING_TOKEN=... node quickstart.js
const { io } = require("socket.io-client");

const SERVER_URL = process.env.TIPRING_URL || "http://127.0.0.1:8080";
const TOKEN = process.env.TIPRING_TOKEN;
const NUMBER = process.env.TIPRING_NUMBER || "9196";

// 1. Initialize connection
const socket = io(SERVER_URL, {
  transports: ["websocket"],
  auth: { token: TOKEN },
});

// 2. Set up event listeners
socket.on("connect_error", (error) => {
  console.error("Connection refused:", error.message);
  process.exit(1);
});

socket.on("newSession", (data) => {
  console.log("New session:", data.sessionId, data.type);
  socket.emit("joinRoom", { sessionId: data.sessionId });
});

socket.on("roomJoined", (data) => console.log("Room joined:", data.status));

socket.on("dialStatus", (data) => {
  console.log("Status:", data.status);
  if (data.status === "Connected") {
    sendAudio(data.sessionId);
  }
});

let loudFrames = 0;
let crossings = 0;
socket.on("audio", (data) => {
  // 320 bytes of 16-bit PCM at 8 kHz: 20 ms. Count the frames that carry the tone, and its zero crossings.
  const pcm = Buffer.from(data.audioData);
  let energy = 0;
  let previous = 0;
  let frameCrossings = 0;
  for (let i = 0; i + 1 < pcm.length; i += 2) {
    const sample = pcm.readInt16LE(i);
    energy += sample * sample;
    if ((sample >= 0) !== (previous >= 0)) frameCrossings++;
    previous = sample;
  }
  if (Math.sqrt(energy / (pcm.length / 2)) > 1000) {
    loudFrames++;
    crossings += frameCrossings;
  }
});

socket.on("checkPoint", (data) => {
  console.log("Checkpoint reached:", data.name);
  setTimeout(() => socket.emit("hangup", { sessionId: data.sessionId }), 500);
});

socket.on("hangup", (data) => console.log("Hung up:", data.sessionId));

socket.on("cdr", (cdr) => {
  // A tone of f Hz crosses zero 2f times a second; 50 frames a second.
  const frequency = loudFrames ? Math.round((crossings / loudFrames) * 50 / 2) : 0;
  console.log("CDR:", cdr.disposition, cdr.hangupCauseCode, cdr.hangupCauseText, `${cdr.billableSeconds} s`);
  console.log(`Heard ${loudFrames} frames of our own ${frequency} Hz tone come back`);
  socket.close();
  process.exit(loudFrames >= 50 && Math.abs(frequency - 440) < 20 ? 0 : 1);
});

function sendAudio(sessionId) {
  const samples = 16000; // two seconds
  const pcm = Buffer.alloc(samples * 2);
  for (let i = 0; i < samples; i++) {
    pcm.writeInt16LE(Math.round(8000 * Math.sin((2 * Math.PI * 440 * i) / 8000)), 2 * i);
  }
  for (let i = 0; i < pcm.length; i += 2560) {
    socket.emit("audio", { audioData: pcm.subarray(i, i + 2560), sessionId, audioFormat: "pcm16" }, (ack) => {
      if (!ack.success) console.error("Audio send failed:", ack.error);
    });
  }
  socket.emit("checkPoint", { sessionId, name: "tone played" });
}

// 3. Initiate call
async function makeCall(phoneNumber) {
  const response = await fetch(`${SERVER_URL}/pbx/call`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Authorization: `Bearer ${TOKEN}` },
    body: JSON.stringify({ phoneNumber }),
  });
  const result = await response.json();
  if (result.status !== 200) {
    console.error("Call refused:", result.errors);
    process.exit(1);
  }
  return result.data.sessionId;
}

socket.on("connect", () => makeCall(NUMBER));
setTimeout(() => {
  console.error("No call record within 20 s");
  process.exit(1);
}, 20000);
