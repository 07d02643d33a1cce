package io.tipring.codec.g722.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tipring.api.media.Codec;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

/**
 * Bit-exactness without an external program: the codes and samples ffmpeg 5.1 (whose G.722 passes the ITU-T
 * test sequences) produced for a two-second sweep over the whole band, written down as CRC-32s. The ITU
 * sequences themselves are not reproduced here; {@link FfmpegInteropTest} compares with ffmpeg live.
 */
class KnownCodesTest {

    private final Codec g722 = new G722Codec();
    private final short[] sweep = Audio.sweep(-6, 50, 7900, 2 * Audio.RATE);

    @Test
    void encodesTheSweepAsFfmpegDoes() {
        byte[] payload = Audio.encode(g722, sweep);
        assertArrayEquals(HexFormat.of().parseHex("de7afaec1020a060a0a2aaaaebecacec"), Arrays.copyOf(payload, 16));
        assertEquals(0x200f02e2L, crc32(payload));
    }

    @Test
    void decodesTheSweepsCodesAsFfmpegDoes() {
        short[] decoded = Audio.decode(g722, Audio.encode(g722, sweep));
        assertEquals(0x820f365eL, crc32(Audio.littleEndian(decoded)));
    }

    private static long crc32(byte[] bytes) {
        CRC32 crc = new CRC32();
        crc.update(bytes);
        return crc.getValue();
    }
}
