package io.tipring.codec.g711.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.junit.jupiter.api.Test;

/**
 * Every sample and every code against the JDK's own G.711 converters ({@code javax.sound.sampled}).
 * <p>
 * The JDK decodes exactly as G.711 does. It encodes with the 16-bit adaptation of Sun's {@code g711.c}, which
 * reduces negative samples to G.711's input differently from G.191, and has two faults of its own; each
 * comparison below states which sample of ours must match which sample of the JDK's.
 */
class JavaSoundConformanceTest {

    private static final AudioFormat PCM16 =
            new AudioFormat(AudioFormat.Encoding.PCM_SIGNED, 8000, 16, 1, 2, 8000, false);

    @Test
    void pcmuDecodesEveryCodeAsTheJdk() throws IOException {
        short[] jdk = jdkDecode(AudioFormat.Encoding.ULAW, Pcm.everyCode());
        assertArrayEquals(jdk, Pcm.decode(new PcmuCodec(), Pcm.everyCode()));
    }

    @Test
    void pcmaDecodesEveryCodeAsTheJdk() throws IOException {
        short[] jdk = jdkDecode(AudioFormat.Encoding.ALAW, Pcm.everyCode());
        assertArrayEquals(jdk, Pcm.decode(new PcmaCodec(), Pcm.everyCode()));
    }

    @Test
    void pcmuEncodesEverySampleAsTheJdk() throws IOException {
        byte[] jdk = jdkEncode(AudioFormat.Encoding.ULAW, Pcm.everySample());
        byte[] ours = Pcm.encode(new PcmuCodec(), Pcm.everySample());
        // The JDK negates a negative sample where G.191 takes its one's complement, so it codes x < 0 as we code
        // x - 1. Within 132 of full scale it overflows a short and answers near silence where G.191 (and we) clip.
        List<String> mismatches = Pcm.mismatches(ours, jdk, x -> x < 0 ? x - 1 : x, x -> Math.abs(x) > 32635);
        assertEquals(List.of(), mismatches);
    }

    @Test
    void pcmaEncodesEverySampleAsTheJdk() throws IOException {
        byte[] jdk = jdkEncode(AudioFormat.Encoding.ALAW, Pcm.everySample());
        byte[] ours = Pcm.encode(new PcmaCodec(), Pcm.everySample());
        // Sun's 13-bit code takes -x - 1 of a negative sample, as G.191 does; the JDK's 16-bit port takes -x - 8,
        // so it codes x < 0 as we code x + 7. For -7..-1 that goes below zero and the JDK answers 0x5A, not 0x55.
        List<String> mismatches = Pcm.mismatches(ours, jdk, x -> x < 0 ? x + 7 : x, x -> x < 0 && x > -8);
        assertEquals(List.of(), mismatches);
    }

    private static byte[] jdkEncode(AudioFormat.Encoding law, short[] samples) throws IOException {
        AudioInputStream pcm =
                new AudioInputStream(new ByteArrayInputStream(Pcm.littleEndian(samples)), PCM16, samples.length);
        try (AudioInputStream coded = AudioSystem.getAudioInputStream(law, pcm)) {
            return coded.readAllBytes();
        }
    }

    private static short[] jdkDecode(AudioFormat.Encoding law, byte[] codes) throws IOException {
        AudioFormat format = new AudioFormat(law, 8000, 8, 1, 1, 8000, false);
        AudioInputStream coded = new AudioInputStream(new ByteArrayInputStream(codes), format, codes.length);
        try (AudioInputStream pcm = AudioSystem.getAudioInputStream(PCM16, coded)) {
            return Pcm.fromLittleEndian(pcm.readAllBytes());
        }
    }
}
