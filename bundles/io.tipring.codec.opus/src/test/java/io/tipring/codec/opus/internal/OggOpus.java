package io.tipring.codec.opus.internal;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Just enough of Ogg (RFC 3533) and its Opus mapping (RFC 7845) to trade raw packets with opusenc and opusdec:
 * a reader of one logical stream's packets and a writer of a mono file.
 */
final class OggOpus {

    /** The packets of an Ogg Opus file after its two header packets, and what its OpusHead says. */
    record Stream(int channels, int preSkip48k, int inputRate, List<byte[]> packets) {
    }

    private static final int[] CRC = new int[256];

    static {
        for (int i = 0; i < 256; i++) {
            int r = i << 24;
            for (int bit = 0; bit < 8; bit++) {
                r = (r & 0x80000000) != 0 ? r << 1 ^ 0x04C11DB7 : r << 1;
            }
            CRC[i] = r;
        }
    }

    private OggOpus() {
    }

    /** @throws IllegalArgumentException if the bytes are not an Ogg Opus file of one stream */
    static Stream read(byte[] file) {
        ByteBuffer in = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        List<byte[]> packets = new ArrayList<>();
        ByteArrayOutputStream partial = new ByteArrayOutputStream();
        while (in.remaining() >= 27) {
            if (in.getInt() != 0x5367674F) { // "OggS"
                throw new IllegalArgumentException("no Ogg page at " + (in.position() - 4));
            }
            in.position(in.position() + 22);
            int segments = in.get() & 0xFF;
            int[] lacing = new int[segments];
            for (int s = 0; s < segments; s++) {
                lacing[s] = in.get() & 0xFF;
            }
            for (int s = 0; s < segments; s++) {
                byte[] piece = new byte[lacing[s]];
                in.get(piece);
                partial.writeBytes(piece);
                if (lacing[s] < 255) {
                    packets.add(partial.toByteArray());
                    partial.reset();
                }
            }
        }
        byte[] head = packets.get(0);
        if (!new String(head, 0, 8, StandardCharsets.US_ASCII).equals("OpusHead")) {
            throw new IllegalArgumentException("the first packet is not OpusHead");
        }
        ByteBuffer h = ByteBuffer.wrap(head).order(ByteOrder.LITTLE_ENDIAN);
        return new Stream(head[9] & 0xFF, h.getShort(10) & 0xFFFF, h.getInt(12), packets.subList(2, packets.size()));
    }

    /**
     * @param packets    mono packets of 20 ms each
     * @param preSkip48k the encoder's lookahead at 48 kHz, which a decoder drops from the start
     * @param samples48k how long the source was at 48 kHz, so that a decoder drops the padding at the end
     */
    static byte[] write(List<byte[]> packets, int preSkip48k, int inputRate, long samples48k) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int serial = 0x7195;
        ByteBuffer head = ByteBuffer.allocate(19).order(ByteOrder.LITTLE_ENDIAN);
        head.put("OpusHead".getBytes(StandardCharsets.US_ASCII)).put((byte) 1).put((byte) 1)
                .putShort((short) preSkip48k).putInt(inputRate).putShort((short) 0).put((byte) 0);
        byte[] vendor = "tipring test".getBytes(StandardCharsets.US_ASCII);
        ByteBuffer tags = ByteBuffer.allocate(8 + 4 + vendor.length + 4).order(ByteOrder.LITTLE_ENDIAN);
        tags.put("OpusTags".getBytes(StandardCharsets.US_ASCII)).putInt(vendor.length).put(vendor).putInt(0);
        int sequence = 0;
        out.writeBytes(page(head.array(), 0x02, 0, serial, sequence++));
        out.writeBytes(page(tags.array(), 0, 0, serial, sequence++));
        // A page's granule position counts every sample decoded up to its end, the pre-skip included.
        long granule = 0;
        for (int i = 0; i < packets.size(); i++) {
            boolean last = i == packets.size() - 1;
            granule += 960;
            long position = last ? Math.min(granule, preSkip48k + samples48k) : granule;
            out.writeBytes(page(packets.get(i), last ? 0x04 : 0, position, serial, sequence++));
        }
        return out.toByteArray();
    }

    private static byte[] page(byte[] packet, int type, long granule, int serial, int sequence) {
        int segments = packet.length / 255 + 1;
        ByteBuffer page = ByteBuffer.allocate(27 + segments + packet.length).order(ByteOrder.LITTLE_ENDIAN);
        page.put("OggS".getBytes(StandardCharsets.US_ASCII)).put((byte) 0).put((byte) type).putLong(granule)
                .putInt(serial).putInt(sequence).putInt(0).put((byte) segments);
        for (int s = 0; s < segments - 1; s++) {
            page.put((byte) 255);
        }
        page.put((byte) (packet.length % 255)).put(packet);
        byte[] bytes = page.array();
        int crc = 0;
        for (byte b : bytes) {
            crc = crc << 8 ^ CRC[(crc >>> 24 ^ b) & 0xFF];
        }
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(22, crc);
        return bytes;
    }
}
