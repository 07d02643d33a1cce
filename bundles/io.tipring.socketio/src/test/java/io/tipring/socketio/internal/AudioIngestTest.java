package io.tipring.socketio.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tipring.api.media.Codec;
import io.tipring.api.media.StreamDecoder;
import io.tipring.api.media.StreamFormat;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AudioIngestTest {

    private final FakeChannel channel = new FakeChannel(8000);
    private final UploadFormats formats = new UploadFormats();
    private final AudioIngest ingest = new AudioIngest(channel, formats, 2560);

    @Test
    void pcm16IsLittleEndianAndAnOddByteWaitsForTheNextChunk() {
        ingest.accept("pcm16", new byte[] {0x01, 0x02, 0x03});
        ingest.accept("pcm16", new byte[] {(byte) 0xff, (byte) 0xfe, 0x7f});

        assertEquals(List.of((short) 0x0201, (short) 0xff03, (short) 0x7ffe), channel.played);
    }

    @Test
    void ulawAndAlawAreDecodedByTheRegisteredG711Codecs() {
        formats.addCodec(new ByteToSampleCodec("PCMU", 10));
        formats.addCodec(new ByteToSampleCodec("PCMA", 1000));

        ingest.accept("ulaw", new byte[] {1, 2});
        ingest.accept("alaw", new byte[] {3});

        assertEquals(List.of((short) 10, (short) 20, (short) 3000), channel.played);
    }

    @Test
    void mp3ChunksGoThroughOneStreamDecoderUntilAnInterruption() {
        List<StreamDecoder> decoders = new ArrayList<>();
        formats.addStreamFormat(new StreamFormat() {
            @Override
            public String name() {
                return "mp3";
            }

            @Override
            public StreamDecoder newDecoder(int sampleRate) {
                assertEquals(8000, sampleRate, "decoded at the call's rate");
                StreamDecoder decoder = new EchoingDecoder();
                decoders.add(decoder);
                return decoder;
            }
        });

        ingest.accept("mp3", new byte[] {5, 6});
        ingest.accept("MP3", new byte[] {7});
        ingest.interrupt();
        ingest.accept("mp3", new byte[] {8});

        assertEquals(List.of((short) 5, (short) 6, (short) 7, (short) 8), channel.played);
        assertEquals(2, decoders.size(), "an interruption starts a new stream");
        assertTrue(((EchoingDecoder) decoders.get(0)).closed, "the interrupted stream's decoder is released");
        assertEquals("clear", channel.actions.get(2));
    }

    @Test
    void refusesUnknownUnavailableAndOversizedAudioAndQueuesNothing() {
        assertEquals("audioFormat must be one of mp3, ulaw, alaw, pcm16",
                assertThrows(IllegalArgumentException.class, () -> ingest.accept("wav", new byte[2])).getMessage());
        assertEquals("audioFormat mp3 is not available on this server now",
                assertThrows(IllegalArgumentException.class, () -> ingest.accept("mp3", new byte[2])).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ingest.accept("pcm16", new byte[2562]))
                .getMessage().startsWith("audioData is too large: 2562 bytes"));
        assertTrue(channel.actions.isEmpty(), channel.actions.toString());
    }

    @Test
    void aCheckpointIsQueuedBehindTheAudioBeforeIt() {
        ingest.accept("pcm16", new byte[320]);
        ingest.mark("first");
        ingest.accept("pcm16", new byte[320]);

        assertEquals(List.of("play 160", "mark first", "play 160"), channel.actions);
    }

    /** A codec whose every byte decodes to one sample: the byte times a factor. */
    private record ByteToSampleCodec(String name, int factor) implements Codec {
        @Override
        public int staticPayloadType() {
            return -1;
        }

        @Override
        public int rtpClockRate() {
            return 8000;
        }

        @Override
        public int sampleRate() {
            return 8000;
        }

        @Override
        public Encoder newEncoder() {
            throw new UnsupportedOperationException("decoding only");
        }

        @Override
        public Decoder newDecoder() {
            return (payload, offset, length, pcm, pcmAt) -> {
                for (int i = 0; i < length; i++) {
                    pcm[pcmAt + i] = (short) (payload[offset + i] * factor);
                }
                return length;
            };
        }
    }

    /** Decodes every byte into one sample of the same value. */
    private static final class EchoingDecoder implements StreamDecoder {
        boolean closed;

        @Override
        public void decode(byte[] data, int offset, int length, PcmSink sink) {
            short[] pcm = new short[length];
            for (int i = 0; i < length; i++) {
                pcm[i] = data[offset + i];
            }
            sink.accept(pcm, 0, length);
        }

        @Override
        public void finish(PcmSink sink) {
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
