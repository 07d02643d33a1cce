package io.tipring.codec.opus.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tipring.api.media.Codec;
import io.tipring.media.internal.resample.PolyphaseResamplers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * tipring's Opus against libopus through opus-tools: what {@code opusenc} encodes, tipring decodes as
 * {@code opusdec} does, and what tipring encodes, {@code opusdec} decodes. Both programs trade Ogg Opus files
 * (RFC 7845), which {@link OggOpus} reads and writes. These tests fail where opus-tools is not installed.
 * <p>
 * Both decoders are libopus's algorithm (concentus ports libopus 1.1's fixed-point decoder; Debian's libopus
 * 1.3 is its floating-point build), and both decode at 48 kHz and resample to 16 kHz (opusdec with the Speex
 * resampler, tipring with its polyphase decimator): their outputs differ by rounding, not by content (measured:
 * correlation 1.0000, 59 to 67 dB SNR, for CELT, hybrid, SILK and stereo packets alike).
 */
class LibopusConformanceTest {

    @TempDir
    Path dir;

    private final Codec opus = new OpusCodec(new PolyphaseResamplers(), EncoderSettings.DEFAULTS);

    @BeforeAll
    static void requireOpusTools() {
        Tools.require("opusenc", "opus-tools");
        Tools.require("opusdec", "opus-tools");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"CELT (opusenc's default), --comp 5 --bitrate 24, 0.999, 0.98"})
    void decodesWhatOpusencEncodesAsOpusdecDoes(String mode, String options, double minimumAgainstOpusdec,
            double minimumAgainstSource) throws Exception {
        short[] speech = Audio.speech();
        Path raw = Files.write(dir.resolve("speech.raw"), Audio.littleEndian(speech));
        Path ogg = dir.resolve("speech.opus");
        List<String> command = new ArrayList<>(List.of("opusenc", "--quiet", "--raw", "--raw-rate", "16000",
                "--raw-chan", "1", "--framesize", "20"));
        command.addAll(List.of(options.split(" ")));
        command.addAll(List.of(raw.toString(), ogg.toString()));
        Tools.run(command.toArray(String[]::new));
        OggOpus.Stream stream = OggOpus.read(Files.readAllBytes(ogg));
        assertEquals(1, stream.channels());
        short[] reference = opusdec(ogg);

        ConcentusDecoder decoder = (ConcentusDecoder) opus.newDecoder();
        short[] ours = Audio.decode(decoder, stream.packets());
        // opusdec drops the pre-skip (given at 48 kHz) from the start; the decoder does not, and adds its
        // decimator's delay.
        short[] trimmed = Arrays.copyOfRange(ours, stream.preSkip48k() / 3 + decoder.delay(), ours.length);
        Audio.Alignment againstOpusdec = Audio.alignEither(reference, trimmed, 2);
        Audio.Alignment againstSource = Audio.alignEither(speech, trimmed, 2);
        System.out.printf("opusenc %s, %d packets (%s): tipring vs opusdec %s; tipring vs source %s%n", mode,
                stream.packets().size(), modes(stream.packets()), againstOpusdec, againstSource);
        assertTrue(againstOpusdec.correlation() > minimumAgainstOpusdec, againstOpusdec.toString());
        assertTrue(againstSource.correlation() > minimumAgainstSource, againstSource.toString());
    }

    /**
     * Hybrid packets (SILK below 8 kHz and CELT above, TOC configurations 12 to 15) are what browsers send at
     * 24 to 40 kbit/s. concentus 1.0.2 decodes them to silence at any rate below 48 kHz: it lets CELT accumulate
     * onto SILK's output as only libopus's fixed-point build may (lostromb/concentus issue #67, the C# original
     * of the same code). All 355 packets of this file decode to 0 at 16 kHz, to speech at 48 kHz, which is why
     * the decoder runs at 48 kHz. Measured: against opusdec correlation 1.0000 (67 dB SNR), against the source
     * 0.967.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"hybrid (--speech), --comp 5 --bitrate 16 --speech, 0.999, 0.95"})
    void decodesHybridPacketsAsOpusdecDoes(String mode, String options, double minimumAgainstOpusdec,
            double minimumAgainstSource) throws Exception {
        decodesWhatOpusencEncodesAsOpusdecDoes(mode, options, minimumAgainstOpusdec, minimumAgainstSource);
    }

    @Test
    void decodesOpusencStereoToMonoAsOpusdecMixesIt() throws Exception {
        short[] left = Audio.speech();
        short[] right = Audio.sweep(left.length / (double) Audio.RATE, -12);
        short[] interleaved = new short[2 * left.length];
        for (int i = 0; i < left.length; i++) {
            interleaved[2 * i] = left[i];
            interleaved[2 * i + 1] = right[i];
        }
        Path raw = Files.write(dir.resolve("stereo.raw"), Audio.littleEndian(interleaved));
        Path ogg = dir.resolve("stereo.opus");
        Tools.run("opusenc", "--quiet", "--raw", "--raw-rate", "16000", "--raw-chan", "2", "--bitrate", "64",
                "--framesize", "20", raw.toString(), ogg.toString());
        OggOpus.Stream stream = OggOpus.read(Files.readAllBytes(ogg));
        assertEquals(2, stream.channels());
        short[] stereo = opusdec(ogg);
        short[] mixed = new short[stereo.length / 2];
        for (int i = 0; i < mixed.length; i++) {
            mixed[i] = (short) ((stereo[2 * i] + stereo[2 * i + 1]) / 2);
        }

        ConcentusDecoder decoder = (ConcentusDecoder) opus.newDecoder();
        short[] ours = Audio.decode(decoder, stream.packets());
        short[] trimmed = Arrays.copyOfRange(ours, stream.preSkip48k() / 3 + decoder.delay(), ours.length);
        Audio.Alignment alignment = Audio.alignEither(mixed, trimmed, 2);
        System.out.printf("opusenc stereo, %d packets (%s), decoded to mono by tipring vs opusdec's stereo mixed: %s%n",
                stream.packets().size(), modes(stream.packets()), alignment);
        assertTrue(alignment.correlation() > 0.99, alignment.toString());
    }

    @Test
    void encodesWhatOpusdecDecodes() throws Exception {
        short[] speech = Audio.speech();
        ConcentusEncoder encoder = (ConcentusEncoder) opus.newEncoder();
        List<byte[]> packets = Audio.encode(encoder, speech);
        int preSkip48k = encoder.lookahead() * 3;
        long length48k = (long) packets.size() * Audio.FRAME * 3;
        Path ogg = Files.write(dir.resolve("tipring.opus"), OggOpus.write(packets, preSkip48k, Audio.RATE, length48k));
        short[] reference = opusdec(ogg);
        assertEquals(packets.size() * Audio.FRAME - encoder.lookahead(), reference.length,
                "opusdec drops the pre-skip tipring announced");

        Audio.Alignment againstSource = Audio.alignEither(speech, reference, 2);
        ConcentusDecoder decoder = (ConcentusDecoder) opus.newDecoder();
        short[] ours = Audio.decode(decoder, packets);
        short[] trimmed = Arrays.copyOfRange(ours, encoder.lookahead() + decoder.delay(), ours.length);
        Audio.Alignment againstTipring = Audio.alignEither(reference, trimmed, 2);
        System.out.printf("tipring-encoded speech, %d packets (%s): opusdec vs source %s; opusdec vs tipring's "
                + "decoder %s%n", packets.size(), modes(packets), againstSource, againstTipring);
        // Measured: opusdec against the source 0.964; opusdec against tipring's decoder 1.0000 (64 dB SNR).
        assertTrue(againstSource.correlation() > 0.95, againstSource.toString());
        assertTrue(againstTipring.correlation() > 0.999, againstTipring.toString());
    }

    /** @return how many packets each Opus configuration (RFC 6716, 3.1: mode, bandwidth, frame size) coded */
    private static String modes(List<byte[]> packets) {
        Map<String, Long> counts = new TreeMap<>();
        for (byte[] packet : packets) {
            int config = (packet[0] & 0xFF) >> 3;
            String mode = config < 12 ? "SILK" : config < 16 ? "hybrid" : "CELT";
            counts.merge(mode + " " + config, 1L, Long::sum);
        }
        return counts.toString();
    }

    /** @return what opusdec decodes from the file at 16 kHz, undithered, its pre-skip and end padding dropped */
    private short[] opusdec(Path ogg) throws Exception {
        Path raw = dir.resolve(ogg.getFileName() + ".raw");
        Tools.run("opusdec", "--quiet", "--rate", "16000", "--no-dither", ogg.toString(), raw.toString());
        return Audio.fromLittleEndian(Files.readAllBytes(raw));
    }
}
