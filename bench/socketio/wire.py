#!/usr/bin/env python3
"""Latency of tipring's Socket.IO audio as seen on the wire (loopback captures), for bench/socketio-latency.sh.

  wire.py marker-pcap OUT.pcap SECONDS
      A PCMA RTP stream for sipp's play_pcap_audio: 20 ms packets of silence (0xD5), and once a second (at frame
      50 k + 25) one loud marker frame whose first two bytes carry k; the rest is 0xAA (a loud A-law code).
  wire.py analyze --ws WS.pcap --rtp RTP.pcap --http-port P --rtp-ports LO-HI --sipp-messages FILE [--json OUT]
      Far end -> client (issue figure 1a): each marker RTP packet arriving at tipring's RTP port, and the WebSocket
      binary frame carrying that marker leaving tipring on the call's socket. Split at the media clock tick that
      played it out (the tick's start is the first RTP packet tipring sent in that tick): arrival -> tick is the
      jitter buffer's playout delay plus the wait for the tick (design), tick -> WebSocket frame is processing.
      Client -> far end (1b): each `audio` chunk event completing at tipring (the TCP segment with the last byte of
      its binary attachment), and the first RTP packet tipring sends to the call's far end afterwards whose payload
      is not silence. Split at the start of the tick that sent it: chunk -> tick is the wait for the 20 ms playback tick.
      Calls are mapped to RTP ports by the X-Tipring-Session header of the INVITEs sipp logged, and WebSocket
      connections to calls by the sessionId in their Socket.IO events. Handles permessage-deflate (with context
      takeover) when the WebSocket capture has each connection from its start.
"""
import argparse
import bisect
import json
import re
import struct
import sys
import zlib


def alaw_to_linear(code):
    code ^= 0x55
    t = (code & 0x0F) << 4
    seg = (code & 0x70) >> 4
    if seg == 0:
        t += 8
    elif seg == 1:
        t += 0x108
    else:
        t = (t + 0x108) << (seg - 1)
    return t if code & 0x80 else -t


ALAW = [alaw_to_linear(c) for c in range(256)]
LINEAR_TO_ALAW = {v: c for c, v in enumerate(ALAW)}
MARKER_FILL = 0xAA
SILENCE = 0xD5


def marker_payload(k):
    return bytes([k & 0xFF, (k >> 8) & 0xFF]) + bytes([MARKER_FILL]) * 158


def marker_pcap(out, seconds):
    frames = seconds * 50
    with open(out, "wb") as f:
        f.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1))
        t0 = 1_700_000_000.0
        for i in range(frames):
            payload = marker_payload(i // 50) if i % 50 == 25 else bytes([SILENCE]) * 160
            rtp = struct.pack("!BBHII", 0x80, 8, i & 0xFFFF, (160 * i) & 0xFFFFFFFF, 0x7173) + payload
            udp = struct.pack("!HHHH", 6000, 6000, 8 + len(rtp), 0) + rtp
            ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(udp), i & 0xFFFF, 0, 64, 17, 0,
                             bytes([127, 0, 0, 1]), bytes([127, 0, 0, 1])) + udp
            frame = bytes(12) + b"\x08\x00" + ip
            t = t0 + i * 0.02
            f.write(struct.pack("<IIII", int(t), int(round((t - int(t)) * 1e6)), len(frame), len(frame)))
            f.write(frame)


def read_pcap(path):
    """Yields (time, ip packet bytes) of a classic pcap file (Ethernet, Linux cooked or raw IP)."""
    with open(path, "rb") as f:
        data = f.read()
    magic = struct.unpack_from("<I", data, 0)[0]
    if magic in (0xA1B2C3D4, 0xA1B23C4D):
        endian, nano = "<", magic == 0xA1B23C4D
    else:
        endian, nano = ">", struct.unpack_from(">I", data, 0)[0] == 0xA1B23C4D
    linktype = struct.unpack_from(endian + "I", data, 20)[0]
    skip = {1: 14, 113: 16, 101: 0, 276: 20}[linktype]
    at = 24
    scale = 1e-9 if nano else 1e-6
    header = struct.Struct(endian + "IIII")
    while at + 16 <= len(data):
        sec, frac, incl, _ = header.unpack_from(data, at)
        at += 16
        yield sec + frac * scale, data[at + skip:at + incl]
        at += incl


class Stream:
    """One direction of one TCP connection, reassembled, cut into WebSocket frames with their completion time."""

    def __init__(self, masked):
        self.masked = masked
        self.segments = {}
        self.isn = None
        self.frames = []
        self.gap = False

    def add(self, t, seq, payload, syn):
        if syn:
            self.isn = (seq + 1) & 0xFFFFFFFF
            return
        if payload:
            self.segments.setdefault(seq, (t, payload))

    def parse(self, deflated):
        if self.isn is None:
            return  # the connection began before the capture: its frames cannot be told apart reliably
        # Relative sequence numbers, in order; each byte carries the time of the segment that brought it.
        segs = sorted(((seq - self.isn) & 0xFFFFFFFF, t, p) for seq, (t, p) in self.segments.items())
        buf = bytearray()
        times = []  # (end offset, time)
        expected = 0
        for rel, t, p in segs:
            if rel > expected:
                self.gap = True
                break
            if rel + len(p) <= expected:
                continue
            p = p[expected - rel:]
            buf += p
            expected += len(p)
            times.append((expected, t))
        ends = [e for e, _ in times]
        start = buf.find(b"\r\n\r\n")
        if start < 0:
            return
        at = start + 4
        inflater = zlib.decompressobj(-15) if deflated else None
        message = bytearray()
        message_rsv1 = False
        while at + 2 <= len(buf):
            b0, b1 = buf[at], buf[at + 1]
            length = b1 & 0x7F
            pos = at + 2
            if length == 126:
                if pos + 2 > len(buf):
                    break
                length = struct.unpack_from("!H", buf, pos)[0]
                pos += 2
            elif length == 127:
                if pos + 8 > len(buf):
                    break
                length = struct.unpack_from("!Q", buf, pos)[0]
                pos += 8
            mask = None
            if b1 & 0x80:
                mask = buf[pos:pos + 4]
                pos += 4
            if pos + length > len(buf):
                break
            payload = bytes(buf[pos:pos + length])
            if mask:
                payload = bytes(c ^ mask[i & 3] for i, c in enumerate(payload))
            end = pos + length
            t = times[bisect.bisect_left(ends, end)][1]
            opcode = b0 & 0x0F
            fin = b0 & 0x80
            if opcode in (1, 2):
                message = bytearray(payload)
                message_rsv1 = bool(b0 & 0x40)
                message_opcode = opcode
            elif opcode == 0:
                message += payload
            if opcode in (0, 1, 2) and fin:
                data = bytes(message)
                if message_rsv1 and inflater is not None:
                    data = inflater.decompress(data + b"\x00\x00\xff\xff")
                self.frames.append((t, message_opcode, data))
            at = end


SESSION = re.compile(rb'"sessionId":"([^"]+)"')


def analyze(a):
    lo, hi = (int(x) for x in a.rtp_ports.split("-"))
    # Calls: tipring's RTP port for each session, from the INVITEs tipring sent to sipp.
    port_of = {}
    text = open(a.sipp_messages, "rb").read().decode("latin-1")
    for block in re.split(r"\n-{5,}.*\n", text):
        if "INVITE sip:" not in block:
            continue
        s = re.search(r"X-Tipring-Session:\s*(\S+)", block)
        m = re.search(r"m=audio (\d+)", block)
        if s and m:
            port_of[s.group(1)] = int(m.group(1))

    # WebSocket streams.
    streams = {}
    for t, ip in read_pcap(a.ws):
        if len(ip) < 20 or ip[9] != 6:
            continue
        ihl = (ip[0] & 0x0F) * 4
        total = struct.unpack_from("!H", ip, 2)[0]
        tcp = ip[ihl:total]
        sport, dport, seq = struct.unpack_from("!HHI", tcp, 0)
        off = (tcp[12] >> 4) * 4
        syn = bool(tcp[13] & 0x02)
        payload = tcp[off:]
        if sport == a.http_port:
            key = ("out", dport)
        elif dport == a.http_port:
            key = ("in", sport)
        else:
            continue
        stream = streams.get(key)
        if stream is None:
            stream = streams[key] = Stream(masked=key[0] == "in")
        stream.add(t, seq, payload, syn)
    deflated = set()
    for (direction, port), stream in streams.items():
        if direction == "out":
            head = b"".join(p for _, (_, p) in sorted(stream.segments.items())[:3])
            if b"permessage-deflate" in head.split(b"\r\n\r\n")[0]:
                deflated.add(port)
    for (direction, port), stream in streams.items():
        stream.parse(port in deflated)

    # RTP: markers arriving at tipring; everything tipring sent (for the ticks and the uploads).
    markers_in = {}  # (port, k) -> first arrival
    sent = []  # times of every RTP packet tipring sent
    sent_by_port = {}  # port -> [(time, loud)]
    for t, ip in read_pcap(a.rtp):
        if len(ip) < 20 or ip[9] != 17:
            continue
        ihl = (ip[0] & 0x0F) * 4
        sport, dport = struct.unpack_from("!HH", ip, ihl)
        rtp = ip[ihl + 8:]
        if len(rtp) < 12 or rtp[0] >> 6 != 2 or (rtp[1] & 0x7F) not in (0, 8):
            continue  # RTCP, telephone-events
        cc = rtp[0] & 0x0F
        payload = rtp[12 + 4 * cc:]
        if lo <= dport <= hi and dport % 2 == 0:
            if len(payload) == 160 and payload[2] == MARKER_FILL and payload[-1] == MARKER_FILL:
                markers_in.setdefault((dport, payload[0] | payload[1] << 8), t)
        elif lo <= sport <= hi and sport % 2 == 0:
            sent.append(t)
            loud = max(abs(ALAW[c]) for c in payload) > 100 if (rtp[1] & 0x7F) == 8 else any(
                c not in (0xFF, 0x7F) for c in payload)
            sent_by_port.setdefault(sport, []).append((t, loud))
    sent.sort()
    ticks = [t for i, t in enumerate(sent) if i == 0 or t - sent[i - 1] > 0.004]
    rtp_first, rtp_last = (sent[0], sent[-1]) if sent else (0, 0)

    far_to_client = []
    client_to_far = []
    undecodable = 0
    for (direction, client_port), stream in streams.items():
        # The call this connection is about: its own events name it (newSession goes to every client of a tenant).
        session = None
        own = (b'"roomJoined"', b'"audio"') if direction == "out" else (b'"joinRoom"', b'"audio"')
        for _, opcode, data in stream.frames:
            if opcode == 1 and any(word in data[:40] for word in own):
                m = SESSION.search(data)
                if m:
                    session = m.group(1).decode()
                    break
        port = port_of.get(session)
        if port is None:
            continue
        if direction == "out":
            previous_loud = True
            for t, opcode, data in stream.frames:
                if opcode != 2 or len(data) != 320 or not rtp_first <= t <= rtp_last:
                    continue
                samples = struct.unpack("<160h", data)
                loud = max(abs(s) for s in samples) > 1000
                if loud and not previous_loud:
                    k0, k1 = LINEAR_TO_ALAW.get(samples[0]), LINEAR_TO_ALAW.get(samples[1])
                    arrival = markers_in.get((port, k0 | k1 << 8)) if k0 is not None and k1 is not None else None
                    if arrival is None:
                        undecodable += 1
                    elif arrival < t:
                        i = bisect.bisect_right(ticks, t) - 1
                        tick = ticks[i] if i >= 0 and ticks[i] >= arrival else None
                        far_to_client.append((t - arrival, None if tick is None else tick - arrival,
                                              None if tick is None else t - tick))
                previous_loud = loud
        else:
            packets = sent_by_port.get(port, [])
            times = [t for t, _ in packets]
            pending_text = False
            for t, opcode, data in stream.frames:
                if opcode == 1:
                    pending_text = b'"audio"' in data[:40]
                    continue
                if opcode != 2 or not pending_text:
                    continue
                pending_text = False
                if not rtp_first <= t <= rtp_last - 0.2:
                    continue
                i = bisect.bisect_right(times, t)
                while i < len(packets) and not packets[i][1]:
                    i += 1
                if i < len(packets) and packets[i][0] - t < 1.0:
                    # The tick that sent it: the last tick start before the packet. When the chunk completed while
                    # that tick's send pass was under way (before this leg's turn), the wait is negative.
                    j = bisect.bisect_right(ticks, packets[i][0]) - 1
                    tick = ticks[j] if j >= 0 else None
                    client_to_far.append((packets[i][0] - t, None if tick is None else tick - t,
                                          None if tick is None else packets[i][0] - tick))

    def stats(values):
        v = sorted(x * 1000 for x in values if x is not None)
        if not v:
            return None
        q = lambda p: v[min(len(v) - 1, max(0, int(-(-p * len(v) // 1)) - 1))]
        return {"n": len(v), "min": v[0], "p50": q(0.5), "p99": q(0.99), "max": v[-1]}

    result = {
        "calls_mapped": len(port_of),
        "websockets": sum(1 for (d, _) in streams if d == "out"),
        "websockets_unreadable": sum(1 for (d, _), s in streams.items() if d == "out" and (s.isn is None or s.gap)),
        "deflated_websockets": len(deflated),
        "ticks": len(ticks),
        "rtp_window_seconds": rtp_last - rtp_first,
        "markers_arrived": len(markers_in),
        "markers_unmatched": undecodable,
        "far_to_client": {"total": stats(x[0] for x in far_to_client), "arrival_to_tick": stats(x[1] for x in far_to_client),
                          "tick_to_websocket": stats(x[2] for x in far_to_client)},
        "client_to_far": {"total": stats(x[0] for x in client_to_far), "chunk_to_tick": stats(x[1] for x in client_to_far),
                          "tick_to_rtp": stats(x[2] for x in client_to_far)},
    }
    if a.json:
        json.dump(result, open(a.json, "w"), indent=1)
    fmt = lambda s: "none" if s is None else f"p50 {s['p50']:.2f} ms, p99 {s['p99']:.2f} ms, min {s['min']:.2f}, max {s['max']:.2f} (n={s['n']})"
    f2c, c2f = result["far_to_client"], result["client_to_far"]
    print(f"  wire: {result['calls_mapped']} calls mapped to RTP ports, {result['websockets']} WebSockets "
          f"({result['deflated_websockets']} with permessage-deflate, {result['websockets_unreadable']} unreadable), "
          f"{result['ticks']} media clock ticks seen in {result['rtp_window_seconds']:.1f} s of RTP")
    print(f"  1a far end -> Socket.IO frame on the wire: {fmt(f2c['total'])}")
    print(f"     of which RTP arrival -> the tick that played it (jitter buffer playout + wait for the tick): {fmt(f2c['arrival_to_tick'])}")
    print(f"     of which that tick's start -> the WebSocket frame leaving tipring (processing; taken modulo 20 ms, so "
          f"meaningful while well below it): {fmt(f2c['tick_to_websocket'])}")
    print(f"  1b client chunk -> first RTP packet of it toward the far end: {fmt(c2f['total'])}")
    print(f"     of which chunk -> start of the tick that sent it (wait for the 20 ms playback tick; < 0 when the chunk "
          f"came during that tick's send pass): {fmt(c2f['chunk_to_tick'])}")
    print(f"     of which that tick's start -> the RTP packet leaving tipring (its place in the send pass): {fmt(c2f['tick_to_rtp'])}")
    if result["markers_unmatched"]:
        print(f"  ({result['markers_unmatched']} marker frames at the clients had no matching RTP arrival in the capture)")


def main():
    p = argparse.ArgumentParser()
    sub = p.add_subparsers(dest="command", required=True)
    m = sub.add_parser("marker-pcap")
    m.add_argument("out")
    m.add_argument("seconds", type=int)
    z = sub.add_parser("analyze")
    z.add_argument("--ws", required=True)
    z.add_argument("--rtp", required=True)
    z.add_argument("--http-port", type=int, required=True)
    z.add_argument("--rtp-ports", required=True)
    z.add_argument("--sipp-messages", required=True)
    z.add_argument("--json")
    a = p.parse_args()
    if a.command == "marker-pcap":
        marker_pcap(a.out, a.seconds)
    else:
        analyze(a)


if __name__ == "__main__":
    sys.exit(main())
