package io.tipring.codec.opus.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.jaredmdobson.concentus.OpusApplication;
import io.github.jaredmdobson.concentus.OpusEncoder;
import io.tipring.api.media.Codec;
import io.tipring.media.internal.resample.PolyphaseResamplers;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** State from frame to frame, one per stream; frame sizes, buffers, lost packets, stereo and DTX. */
class StreamTest {

    private final Codec opus = opus(EncoderSettings.DEFAULTS);

    @Test
    void eachStreamKeepsItsOwnState() {
        short[] speech = Audio.speech();
        short[] sweep = Audio.sweep(3, -12);
        List<byte[]> speechAlone = Audio.encode(opus.newEncoder(), speech);
        List<byte[]> sweepAlone = Audio.encode(opus.newEncoder(), sweep);
        // Two streams coded in turns, frame by frame, as the media clock codes two calls.
        Codec.Encoder first = opus.newEncoder();
        Codec.Encoder second = opus.newEncoder();
        Codec.Decoder firstDecoder = opus.newDecoder();
        Codec.Decoder secondDecoder = opus.newDecoder();
        byte[] payload = new byte[ConcentusEncoder.MAX_PACKET];
        short[] speechDecoded = new short[speech.length];
        short[] sweepDecoded = new short[sweep.length];
        int frames = Math.min(speechAlone.size(), sweepAlone.size());
        for (int f = 0; f < frames; f++) {
            int at = f * Audio.FRAME;
            int length = first.encode(speech, at, Audio.FRAME, payload, 0);
            assertArrayEquals(speechAlone.get(f), Arrays.copyOf(payload, length), "speech frame " + f);
            firstDecoder.decode(payload, 0, length, speechDecoded, at);
            length = second.encode(sweep, at, Audio.FRAME, payload, 0);
            assertArrayEquals(sweepAlone.get(f), Arrays.copyOf(payload, length), "sweep frame " + f);
            secondDecoder.decode(payload, 0, length, sweepDecoded, at);
        }
        int samples = frames * Audio.FRAME;
        assertArrayEquals(Arrays.copyOf(Audio.decode(opus.newDecoder(), speechAlone.subList(0, frames)), samples),
                Arrays.copyOf(speechDecoded, samples));
        assertArrayEquals(Arrays.copyOf(Audio.decode(opus.newDecoder(), sweepAlone.subList(0, frames)), samples),
                Arrays.copyOf(sweepDecoded, samples));
    }

    @Test
    void theDecoderCarriesStateAcrossFrames() {
        short[] speech = Audio.speech();
        List<byte[]> packets = Audio.encode(opus.newEncoder(), speech);
        short[] continued = Audio.decode(opus.newDecoder(), packets);
        // The same packets, each through a decoder that has seen nothing before it.
        short[] fresh = new short[continued.length];
        for (int f = 0; f < packets.size(); f++) {
            byte[] packet = packets.get(f);
            opus.newDecoder().decode(packet, 0, packet.length, fresh, f * Audio.FRAME);
        }
        int delay = 104 + ((ConcentusDecoder) opus.newDecoder()).delay();
        double withState = Audio.correlation(speech, continued, delay);
        double without = Audio.correlation(speech, fresh, delay);
        System.out.printf("speech decoded with state: correlation %.4f; each frame by a new decoder: %.4f%n",
                withState, without);
        assertTrue(withState > without + 0.2, withState + " vs " + without);
    }

    @Test
    void theEncoderCarriesStateAcrossFrames() {
        short[] sweep = Audio.sweep(1, -12);
        Codec.Encoder encoder = opus.newEncoder();
        byte[] payload = new byte[ConcentusEncoder.MAX_PACKET];
        int at = 10 * Audio.FRAME;
        for (int f = 0; f < 10; f++) {
            encoder.encode(sweep, f * Audio.FRAME, Audio.FRAME, payload, 0);
        }
        byte[] continued = Arrays.copyOf(payload, encoder.encode(sweep, at, Audio.FRAME, payload, 0));
        byte[] first = Arrays.copyOf(payload, opus.newEncoder().encode(sweep, at, Audio.FRAME, payload, 0));
        assertFalse(Arrays.equals(continued, first), "the 11th frame is coded from what came before it");
    }

    @ParameterizedTest(name = "{0} samples")
    @ValueSource(ints = {40, 80, 160, 320, 640, 960})
    void codesEveryOpusFrameSize(int samples) {
        short[] sweep = Audio.sweep(0.1, -12);
        byte[] payload = new byte[ConcentusEncoder.MAX_PACKET];
        int length = opus.newEncoder().encode(sweep, 0, samples, payload, 0);
        short[] pcm = new short[1920];
        assertEquals(samples, opus.newDecoder().decode(payload, 0, length, pcm, 0));
    }

    @Test
    void refusesWhatIsNotAnOpusFrame() {
        Codec.Encoder encoder = opus.newEncoder();
        short[] pcm = new short[2000];
        byte[] payload = new byte[ConcentusEncoder.MAX_PACKET];
        assertThrows(IllegalArgumentException.class, () -> encoder.encode(pcm, 0, 300, payload, 0));
        assertThrows(IllegalArgumentException.class, () -> encoder.encode(pcm, 0, 1920, payload, 0));
        assertThrows(IndexOutOfBoundsException.class, () -> encoder.encode(pcm, 1900, 320, payload, 0));
        assertThrows(IndexOutOfBoundsException.class, () -> encoder.encode(pcm, 0, 320, payload, payload.length));
    }

    @Test
    void fitsThePacketIntoTheRoomGiven() {
        short[] sweep = Audio.sweep(1, -6);
        Codec.Encoder encoder = opus(new EncoderSettings(64_000, 5, false, 0, false, false)).newEncoder();
        byte[] payload = new byte[50];
        for (int at = 0; at + Audio.FRAME <= sweep.length; at += Audio.FRAME) {
            int length = encoder.encode(sweep, at, Audio.FRAME, payload, 10);
            assertTrue(length >= 1 && length <= 40, "length " + length);
        }
    }

    @Test
    void refusesARoomTooSmallForThePacketsSamples() {
        byte[] packet = Audio.encode(opus.newEncoder(), Audio.sweep(0.1, -12)).get(0);
        Codec.Decoder decoder = opus.newDecoder();
        assertThrows(IndexOutOfBoundsException.class, () -> decoder.decode(packet, 0, packet.length, new short[319], 0));
        assertThrows(IndexOutOfBoundsException.class, () -> decoder.decode(packet, 0, packet.length, new short[640], 321));
        assertThrows(IndexOutOfBoundsException.class, () -> decoder.decode(packet, 1, packet.length, new short[640], 0));
        assertEquals(320, decoder.decode(packet, 0, packet.length, new short[640], 320));
    }

    @Test
    void refusesAPacketThatIsNotOpus() {
        Codec.Decoder decoder = opus.newDecoder();
        // Code 3 (several frames), with a frame count of 0.
        byte[] bad = {(byte) 0x03, 0};
        assertThrows(IllegalArgumentException.class, () -> decoder.decode(bad, 0, bad.length, new short[1920], 0));
        // A code 3 packet that claims 48 frames of 20 ms: 960 ms, more than the 120 ms a packet may hold.
        byte[] tooLong = {(byte) 0x0B, 48};
        assertThrows(IllegalArgumentException.class, () -> decoder.decode(tooLong, 0, 2, new short[20_000], 0));
    }

    @Test
    void concealsALostPacketByExtendingTheSound() {
        short[] tone = new short[2 * Audio.RATE];
        for (int i = 0; i < tone.length; i++) {
            tone[i] = (short) Math.round(8000 * Math.sin(2 * Math.PI * 440 * i / Audio.RATE));
        }
        List<byte[]> packets = new ArrayList<>(Audio.encode(opus.newEncoder(), tone));
        packets.set(50, new byte[0]);
        packets.set(51, new byte[0]);
        ConcentusDecoder decoder = (ConcentusDecoder) opus.newDecoder();
        short[] decoded = Audio.decode(decoder, packets);
        assertEquals(tone.length / Audio.FRAME * Audio.FRAME, decoded.length, "a lost packet is one frame long");
        // Each frame's audio comes out late by the decimator's delay.
        int delay = decoder.delay();
        double level = Audio.levelDbfs(decoded, 40 * Audio.FRAME + delay, Audio.FRAME);
        double concealed = Audio.levelDbfs(decoded, 50 * Audio.FRAME + delay, Audio.FRAME);
        double second = Audio.levelDbfs(decoded, 51 * Audio.FRAME + delay, Audio.FRAME);
        double after = Audio.levelDbfs(decoded, 60 * Audio.FRAME + delay, Audio.FRAME);
        System.out.printf("440 Hz at %.1f dBFS: two lost frames concealed at %.1f and %.1f dBFS, 10 frames on %.1f "
                + "dBFS%n", level, concealed, second, after);
        // Opus fades what it conceals; measured: 9 dB down in the first lost frame.
        assertTrue(concealed > level - 12, "concealment continues the tone: " + concealed + " vs " + level);
        assertTrue(Math.abs(after - level) < 1, "decoding resumes: " + after + " vs " + level);
    }

    @Test
    void concealsAsLongAsTheLastPacketLasted() {
        byte[] payload = new byte[ConcentusEncoder.MAX_PACKET];
        int length = opus.newEncoder().encode(Audio.sweep(0.1, -12), 0, 640, payload, 0);
        Codec.Decoder decoder = opus.newDecoder();
        short[] pcm = new short[1920];
        assertEquals(640, decoder.decode(payload, 0, length, pcm, 0));
        assertEquals(640, decoder.decode(payload, 0, 0, pcm, 0));
        assertEquals(600, decoder.decode(payload, 0, 0, pcm, 1300), "no more than the room, in 2.5 ms steps");
        assertThrows(IndexOutOfBoundsException.class, () -> decoder.decode(payload, 0, 0, pcm, 1900));
    }

    @Test
    void decodesAStereoPacketToMono() throws Exception {
        OpusEncoder stereo = new OpusEncoder(16_000, 2, OpusApplication.OPUS_APPLICATION_VOIP);
        stereo.setBitrate(64_000);
        short[] left = Audio.sweep(2, -12);
        short[] right = Audio.speech();
        short[] interleaved = new short[2 * left.length];
        short[] mid = new short[left.length];
        for (int i = 0; i < left.length; i++) {
            interleaved[2 * i] = left[i];
            interleaved[2 * i + 1] = right[i];
            mid[i] = (short) ((left[i] + right[i]) / 2);
        }
        List<byte[]> packets = new ArrayList<>();
        byte[] payload = new byte[ConcentusEncoder.MAX_PACKET];
        for (int at = 0; at + Audio.FRAME <= left.length; at += Audio.FRAME) {
            int length = stereo.encode(interleaved, 2 * at, Audio.FRAME, payload, 0, payload.length);
            packets.add(Arrays.copyOf(payload, length));
        }
        assertTrue(packets.stream().allMatch(p -> (p[0] & 0x04) != 0), "every packet is coded as stereo");
        short[] decoded = Audio.decode(opus.newDecoder(), packets);
        assertEquals(packets.size() * Audio.FRAME, decoded.length, "one channel of 320 samples per packet");
        Audio.Alignment alignment = Audio.align(mid, decoded, 400);
        System.out.println("stereo packets decoded to mono, against the mid signal: " + alignment);
        assertTrue(alignment.correlation() > 0.9, alignment.toString());
    }

    @Test
    void sendsNothingInSilenceWithDtx() {
        Codec dtx = opus(new EncoderSettings(24_000, 5, false, 0, true, false));
        List<byte[]> packets = Audio.encode(dtx.newEncoder(), new short[Audio.RATE * 2]);
        long unsent = packets.stream().filter(p -> p.length == 0).count();
        System.out.printf("2 s of silence with DTX: %d of %d frames not sent%n", unsent, packets.size());
        assertTrue(unsent > packets.size() * 3 / 4, unsent + " of " + packets.size());
        assertTrue(unsent < packets.size(), "a packet now and then keeps the far end's comfort noise");
        short[] decoded = Audio.decode(dtx.newDecoder(), packets);
        assertEquals(packets.size() * Audio.FRAME, decoded.length, "a frame not sent is concealed as a frame");
        List<byte[]> speech = Audio.encode(dtx.newEncoder(), Audio.speech());
        assertTrue(speech.stream().filter(p -> p.length == 0).count() < speech.size() / 4, "speech is sent");
    }

    @Test
    void theFarEndsFormatParametersShapeTheEncoder() {
        EncoderSettings configured = new EncoderSettings(24_000, 5, false, 0, false, false);

        assertEquals(new EncoderSettings(24_000, 5, true, EncoderSettings.DEFAULT_FEC_LOSS, true, false),
                configured.forRemote(Map.of("useinbandfec", "1", "usedtx", "1", "minptime", "10")));
        assertEquals(new EncoderSettings(12_000, 5, false, 0, false, true),
                configured.forRemote(Map.of("maxaveragebitrate", "12000", "maxplaybackrate", "8000")));
        assertEquals(configured, configured.forRemote(Map.of("useinbandfec", "0", "maxaveragebitrate", "lots",
                "maxplaybackrate", "48000")), "what is off, malformed or wider than ours changes nothing");
        EncoderSettings always = new EncoderSettings(24_000, 5, true, 20, true, false);
        assertEquals(always, always.forRemote(Map.of()), "what the configuration turned on stays on");
        assertEquals(new EncoderSettings(24_000, 5, false, 0, false, false),
                configured.forRemote(Map.of("maxaveragebitrate", "64000")), "a cap above our rate leaves it");
    }

    @Test
    void aLostPacketIsRebuiltFromTheNextOnesFecBetterThanConcealed() {
        short[] speech = Audio.speech();
        Codec fec = opus(new EncoderSettings(24_000, 5, false, 0, false, false));
        List<byte[]> packets = Audio.encode(fec.newEncoder(Map.of("useinbandfec", "1")), speech);
        short[] reference = Audio.decode(fec.newDecoder(), packets);
        double recoveredSnr = 0;
        double concealedSnr = 0;
        int losses = 0;
        // One loss at a time, at frames spread over the speech.
        for (int lost = 20; lost < packets.size() - 20; lost += 15) {
            short[] recovered = decodeWithLoss(fec, packets, lost, true);
            short[] concealed = decodeWithLoss(fec, packets, lost, false);
            recoveredSnr += snr(reference, recovered, lost * Audio.FRAME, Audio.FRAME);
            concealedSnr += snr(reference, concealed, lost * Audio.FRAME, Audio.FRAME);
            losses++;
        }
        recoveredSnr /= losses;
        concealedSnr /= losses;
        System.out.printf("a lost 20 ms of speech, against decoding it: rebuilt from FEC %.1f dB, concealed %.1f dB "
                + "(mean of %d losses)%n", recoveredSnr, concealedSnr, losses);
        assertTrue(recoveredSnr > concealedSnr + 3, recoveredSnr + " dB against " + concealedSnr + " dB");
        assertTrue(recoveredSnr > 5, "FEC rebuilds the lost audio: " + recoveredSnr + " dB");
    }

    /** Decodes every packet, but in place of packet {@code lost} rebuilds it from the next one or conceals it. */
    private static short[] decodeWithLoss(Codec codec, List<byte[]> packets, int lost, boolean fromNext) {
        Codec.Decoder decoder = codec.newDecoder();
        short[] out = new short[packets.size() * Audio.FRAME];
        for (int i = 0; i < packets.size(); i++) {
            byte[] packet = packets.get(i);
            if (i != lost) {
                decoder.decode(packet, 0, packet.length, out, i * Audio.FRAME);
            } else if (fromNext) {
                byte[] next = packets.get(i + 1);
                assertEquals(Audio.FRAME, decoder.recover(next, 0, next.length, out, i * Audio.FRAME, Audio.FRAME));
            } else {
                assertEquals(Audio.FRAME, decoder.conceal(out, i * Audio.FRAME, Audio.FRAME));
            }
        }
        return out;
    }

    /** @return the signal-to-noise ratio of {@code test} against {@code reference} over a stretch, in dB */
    private static double snr(short[] reference, short[] test, int from, int length) {
        double signal = 0;
        double noise = 0;
        for (int i = from; i < from + length; i++) {
            signal += (double) reference[i] * reference[i];
            double difference = reference[i] - test[i];
            noise += difference * difference;
        }
        return 10 * Math.log10((signal + 1) / (noise + 1));
    }

    @Test
    void sendsRedundancyWithFec() {
        short[] speech = Audio.speech();
        long plain = bytes(Audio.encode(opus(new EncoderSettings(24_000, 5, false, 0, false, false)).newEncoder(),
                speech));
        Codec fec = opus(new EncoderSettings(24_000, 5, true, 10, false, false));
        List<byte[]> packets = Audio.encode(fec.newEncoder(), speech);
        Audio.Alignment alignment = Audio.align(speech, Audio.decode(fec.newDecoder(), packets), 400);
        System.out.printf("speech at 24 kbit/s: %d bytes without FEC; with FEC for 10%% loss %d bytes, %s%n", plain,
                bytes(packets), alignment);
        assertTrue(alignment.correlation() > 0.85, alignment.toString());
    }

    private static Codec opus(EncoderSettings settings) {
        return new OpusCodec(new PolyphaseResamplers(), settings);
    }

    private static long bytes(List<byte[]> packets) {
        return packets.stream().mapToLong(p -> p.length).sum();
    }
}
