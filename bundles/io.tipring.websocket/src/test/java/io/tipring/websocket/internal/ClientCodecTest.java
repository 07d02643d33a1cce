package io.tipring.websocket.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class ClientCodecTest {

    @Test
    void pcmIsLittleEndianAndASampleMaySpanTwoMessages() {
        ClientCodec pcm = ClientCodec.of("pcm", 0, new MediaFormats());
        assertEquals(16_000, pcm.sampleRate());
        // 0x1234, -2 and 0x0102 split after the first byte of the second sample.
        short[] first = pcm.decode(ByteBuffer.wrap(new byte[] {0x34, 0x12, (byte) 0xFE}));
        short[] second = pcm.decode(ByteBuffer.wrap(new byte[] {(byte) 0xFF, 0x02, 0x01}));
        assertArrayEquals(new short[] {0x1234}, first);
        assertArrayEquals(new short[] {-2, 0x0102}, second);
        assertArrayEquals(new byte[] {0x34, 0x12, (byte) 0xFE, (byte) 0xFF},
                pcm.encode(new short[] {0x1234, -2, 99}, 2));
    }

    @Test
    void pcmComesAtTheRateTheClientAsks() {
        assertEquals(8_000, ClientCodec.of("pcm", 8_000, new MediaFormats()).sampleRate());
        assertEquals(48_000, ClientCodec.of("", 48_000, new MediaFormats()).sampleRate());
        assertEquals("samplerate is for pcm; pcmu has its own rate",
                assertThrows(IllegalArgumentException.class, () -> ClientCodec.of("pcmu", 16_000, new MediaFormats()))
                        .getMessage());
    }

    @Test
    void aCodecThatIsNotRunningIsRefusedWithItsName() {
        assertEquals("the codec G722 is not available: its bundle is not running",
                assertThrows(IllegalArgumentException.class, () -> ClientCodec.of("g722", 0, new MediaFormats()))
                        .getMessage());
        assertEquals("unknown codec opus9 (pcm, pcmu, pcma, g722)",
                assertThrows(IllegalArgumentException.class, () -> ClientCodec.of("opus9", 0, new MediaFormats()))
                        .getMessage());
    }
}
