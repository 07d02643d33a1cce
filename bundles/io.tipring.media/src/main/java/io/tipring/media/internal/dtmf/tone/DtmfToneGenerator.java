package io.tipring.media.internal.dtmf.tone;

import io.tipring.media.internal.dtmf.DtmfDigit;
import java.util.Arrays;
import java.util.Objects;

/**
 * Plays a key press as its dual tone (ITU-T Q.23) into 16-bit PCM, for peers that negotiated no RFC 4733
 * telephone-events and so only hear digits in the audio, and for recordings of what the far end heard.
 * <p>
 * The two sines have equal levels (no twist) and together peak at {@value #PEAK_SHARE} of full scale: loud
 * enough for any receiver after G.711 (about -3 dBm0 each), with head room so that the sum never clips. The
 * phase runs on across calls to {@link #fill}, so the tone has no discontinuity at frame edges, which a
 * receiver would hear as the harmonics it checks for. One thread at a time; nothing is allocated per sample.
 */
public final class DtmfToneGenerator {

    /** The peak of the two sines together, as a share of 16-bit full scale. */
    static final double PEAK_SHARE = 0.7;

    private static final double AMPLITUDE = PEAK_SHARE * Short.MAX_VALUE / 2;

    private final int sampleRate;
    private double lowStep;
    private double highStep;
    private long position;
    private int remaining;

    /**
     * @param sampleRate the rate of the PCM written, at least 8000 Hz so that the highest key frequency (1633 Hz)
     *                   and its harmonics fit
     * @throws IllegalArgumentException if {@code sampleRate} is below 8000
     */
    public DtmfToneGenerator(int sampleRate) {
        if (sampleRate < 8_000) {
            throw new IllegalArgumentException("DTMF tones need a rate of 8000 Hz or more, not " + sampleRate);
        }
        this.sampleRate = sampleRate;
    }

    /**
     * Begins a key's tone, replacing any tone not yet finished.
     *
     * @param digit   the key
     * @param samples how long the tone lasts, in samples
     * @throws IllegalArgumentException if {@code samples} is negative
     */
    public void start(DtmfDigit digit, int samples) {
        Objects.requireNonNull(digit, "digit");
        if (samples < 0) {
            throw new IllegalArgumentException("a tone lasts 0 samples or more, not " + samples);
        }
        lowStep = 2 * Math.PI * digit.lowFrequency() / sampleRate;
        highStep = 2 * Math.PI * digit.highFrequency() / sampleRate;
        position = 0;
        remaining = samples;
    }

    /** @return whether the tone has samples left */
    public boolean isActive() {
        return remaining > 0;
    }

    /**
     * Writes the tone's next samples, then silence once the tone is over.
     *
     * @param pcm    where the samples go
     * @param offset the first one to write
     * @param count  how many to write
     * @return how many of them were tone
     * @throws IndexOutOfBoundsException if the range does not lie within {@code pcm}
     */
    public int fill(short[] pcm, int offset, int count) {
        Objects.checkFromIndexSize(offset, count, pcm.length);
        int tone = Math.min(count, remaining);
        for (int i = 0; i < tone; i++, position++) {
            pcm[offset + i] = (short) Math.round(AMPLITUDE * (Math.sin(lowStep * position) + Math.sin(highStep * position)));
        }
        Arrays.fill(pcm, offset + tone, offset + count, (short) 0);
        remaining -= tone;
        return tone;
    }
}
