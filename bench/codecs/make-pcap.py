#!/usr/bin/env python3
"""Make a pcap of RTP in G.722 or Opus from sipp's 7 s speech pcap (PCMA), for sipp's play_pcap_audio.

    bench/codecs/make-pcap.py g722|opus OUT.pcap [PAYLOAD_TYPE] [SOURCE.pcap]

The speech is the PCMA payload of SOURCE (default /usr/share/sip-tester/g711a.pcap, the pcap bench/sip-load.sh
plays for PCMA), decoded by ffmpeg, then encoded:
  g722: ffmpeg's G.722 encoder at 16 kHz (64 kbit/s): 160 bytes per 20 ms, RTP clock 8000 (RFC 3551), +160 a packet;
  opus: opusenc (opus-tools) at 24 kbit/s VBR, 20 ms frames, mono, from 48 kHz; the packets read out of the Ogg
        container; RTP clock 48000 (RFC 7587), +960 a packet. ffmpeg's libopus if opusenc is missing.
Each packet becomes an Ethernet/IPv4/UDP/RTP frame, 20 ms after the previous one, with consecutive sequence numbers
and a fixed SSRC. sipp rewrites the addresses and ports when it plays the file; the RTP header is sent as written.
Standard library only; needs ffmpeg (and opusenc for Opus). Prints a one-line summary on stderr.
"""
import os
import shutil
import struct
import subprocess
import sys
import tempfile

FRAME_MS = 20
CODECS = {  # name: (default payload type, RTP timestamp increment per 20 ms)
    "g722": (9, 160),
    "opus": (111, 960),
}
SSRC = 0x7199_0722
FIRST_SEQ = 1000
FIRST_TS = 160_000
SRC_IP, DST_IP, SRC_PORT, DST_PORT = bytes([10, 0, 0, 1]), bytes([10, 0, 0, 2]), 6000, 6000


def read_pcap(path):
    """Yields (linktype, frame bytes) for each record of a classic pcap file."""
    with open(path, "rb") as f:
        data = f.read()
    magic = data[:4]
    if magic in (b"\xd4\xc3\xb2\xa1", b"\x4d\x3c\xb2\xa1"):
        end = "<"
    elif magic in (b"\xa1\xb2\xc3\xd4", b"\xa1\xb2\x3c\x4d"):
        end = ">"
    else:
        raise SystemExit(f"{path}: not a classic pcap file")
    linktype = struct.unpack(end + "I", data[20:24])[0]
    pos = 24
    while pos + 16 <= len(data):
        _, _, incl, _ = struct.unpack(end + "IIII", data[pos:pos + 16])
        yield linktype, data[pos + 16:pos + 16 + incl]
        pos += 16 + incl


def rtp_payloads(path, payload_type):
    """The RTP payloads of one payload type in an Ethernet (or Linux cooked) IPv4/UDP capture, in file order."""
    out = []
    for linktype, frame in read_pcap(path):
        if linktype == 1:
            ethertype, ip = struct.unpack("!H", frame[12:14])[0], frame[14:]
        elif linktype == 113:
            ethertype, ip = struct.unpack("!H", frame[14:16])[0], frame[16:]
        else:
            raise SystemExit(f"{path}: link type {linktype} not handled")
        if ethertype != 0x0800 or ip[9] != 17:
            continue
        udp = ip[(ip[0] & 0x0F) * 4:]
        rtp = udp[8:struct.unpack("!H", udp[4:6])[0]]
        if len(rtp) < 12 or rtp[0] >> 6 != 2 or rtp[1] & 0x7F != payload_type:
            continue
        header = 12 + 4 * (rtp[0] & 0x0F)
        if rtp[0] & 0x10:  # header extension
            header += 4 + 4 * struct.unpack("!H", rtp[header + 2:header + 4])[0]
        end = len(rtp) - (rtp[-1] if rtp[0] & 0x20 else 0)
        out.append(rtp[header:end])
    return out


def run(*cmd):
    subprocess.run(cmd, check=True, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def ogg_packets(path):
    """The packets of the first logical stream of an Ogg file (RFC 3533): segments joined by the lacing values."""
    with open(path, "rb") as f:
        data = f.read()
    packets, current, pos, serial = [], b"", 0, None
    while pos < len(data):
        if data[pos:pos + 4] != b"OggS":
            raise SystemExit(f"{path}: lost Ogg page sync at byte {pos}")
        page_serial, nsegs = struct.unpack("<I", data[pos + 14:pos + 18])[0], data[pos + 26]
        lacing = data[pos + 27:pos + 27 + nsegs]
        body = pos + 27 + nsegs
        if serial is None:
            serial = page_serial
        for size in lacing:
            if page_serial == serial:
                current += data[body:body + size]
                if size < 255:
                    packets.append(current)
                    current = b""
            body += size
        pos = body
    return packets


def opus_duration_ms(packet):
    """The duration of an Opus packet from its TOC byte (RFC 6716, 3.1)."""
    config, code = packet[0] >> 3, packet[0] & 3
    if config < 12:
        frame = (10, 20, 40, 60)[config % 4]
    elif config < 16:
        frame = (10, 20)[config % 2]
    else:
        frame = (2.5, 5, 10, 20)[config % 4]
    count = 1 if code == 0 else 2 if code in (1, 2) else packet[1] & 0x3F
    return frame * count


def encode(codec, alaw, tmp):
    """The codec's 20 ms packets for the A-law speech."""
    src = os.path.join(tmp, "speech.al")
    with open(src, "wb") as f:
        f.write(alaw)
    decode = ["ffmpeg", "-hide_banner", "-nostdin", "-y", "-f", "alaw", "-ar", "8000", "-ac", "1", "-i", src]
    if codec == "g722":
        out = os.path.join(tmp, "speech.g722")
        run(*decode, "-ar", "16000", "-c:a", "g722", "-f", "g722", out)
        data = open(out, "rb").read()
        size = 8000 * FRAME_MS // 1000  # 64 kbit/s: 8 bytes a millisecond
        return [data[i:i + size] for i in range(0, len(data) - size + 1, size)]
    out = os.path.join(tmp, "speech.opus")
    if shutil.which("opusenc"):
        raw = os.path.join(tmp, "speech48k.s16")
        run(*decode, "-ar", "48000", "-f", "s16le", raw)
        run("opusenc", "--quiet", "--raw", "--raw-rate", "48000", "--raw-chan", "1", "--raw-bits", "16",
            "--bitrate", "24", "--framesize", str(FRAME_MS), raw, out)
    else:
        run(*decode, "-ar", "48000", "-c:a", "libopus", "-b:a", "24k", "-frame_duration", str(FRAME_MS),
            "-application", "voip", "-f", "ogg", out)
    packets = ogg_packets(out)
    if not packets or not packets[0].startswith(b"OpusHead") or not packets[1].startswith(b"OpusTags"):
        raise SystemExit(f"{out}: no OpusHead/OpusTags")
    packets = packets[2:]
    odd = [i for i, p in enumerate(packets) if opus_duration_ms(p) != FRAME_MS]
    if odd:
        raise SystemExit(f"{out}: packets {odd[:5]}... are not {FRAME_MS} ms")
    return packets


def write_pcap(path, payloads, payload_type, ts_step):
    ident = 0
    with open(path, "wb") as f:
        f.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1))  # Ethernet
        for n, payload in enumerate(payloads):
            rtp = struct.pack("!BBHII", 0x80, (0x80 if n == 0 else 0) | payload_type, (FIRST_SEQ + n) & 0xFFFF,
                              (FIRST_TS + n * ts_step) & 0xFFFFFFFF, SSRC) + payload
            udp = struct.pack("!HHHH", SRC_PORT, DST_PORT, 8 + len(rtp), 0) + rtp  # checksum 0: none (IPv4)
            ident = (ident + 1) & 0xFFFF
            header = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(udp), ident, 0x4000, 64, 17, 0, SRC_IP, DST_IP)
            total = sum(struct.unpack("!10H", header))
            while total >> 16:
                total = (total & 0xFFFF) + (total >> 16)
            header = header[:10] + struct.pack("!H", ~total & 0xFFFF) + header[12:]
            frame = b"\x02\x00\x00\x00\x00\x02" + b"\x02\x00\x00\x00\x00\x01" + b"\x08\x00" + header + udp
            usec = n * FRAME_MS * 1000
            f.write(struct.pack("<IIII", 1_000_000_000 + usec // 1_000_000, usec % 1_000_000, len(frame), len(frame)))
            f.write(frame)


def main():
    if len(sys.argv) < 3 or sys.argv[1] not in CODECS:
        raise SystemExit(__doc__)
    codec, out = sys.argv[1], sys.argv[2]
    payload_type = int(sys.argv[3]) if len(sys.argv) > 3 else CODECS[codec][0]
    source = sys.argv[4] if len(sys.argv) > 4 else "/usr/share/sip-tester/g711a.pcap"
    alaw = b"".join(rtp_payloads(source, 8))
    if not alaw:
        raise SystemExit(f"{source}: no PCMA (payload type 8) RTP")
    with tempfile.TemporaryDirectory() as tmp:
        try:
            packets = encode(codec, alaw, tmp)
        except subprocess.CalledProcessError as e:
            raise SystemExit(f"{e.cmd[0]} failed: {e.stderr.decode(errors='replace')[-500:]}")
    write_pcap(out, packets, payload_type, CODECS[codec][1])
    sizes = sorted(len(p) for p in packets)
    summary = (f"{out}: {codec}, payload type {payload_type}, {len(packets)} packets of {FRAME_MS} ms "
               f"({len(packets) * FRAME_MS / 1000:.2f} s of {len(alaw) / 8000:.2f} s speech), "
               f"payload {sizes[0]}-{sizes[-1]} bytes (mean {sum(sizes) / len(sizes):.0f})")
    if codec == "opus":
        configs = {}
        for p in packets:
            configs[p[0] >> 3] = configs.get(p[0] >> 3, 0) + 1
        summary += ", TOC configurations " + ", ".join(f"{c}: {n}" for c, n in sorted(configs.items()))
    print(summary, file=sys.stderr)


if __name__ == "__main__":
    main()
