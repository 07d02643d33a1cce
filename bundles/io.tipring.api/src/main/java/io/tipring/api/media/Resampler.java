package io.tipring.api.media;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Converts one mono stream of 16-bit linear PCM from one rate to another. It keeps its filter state from call to
 * call, so a stream cut into frames anywhere comes out as if it had been converted whole: no clicks at frame
 * edges. One stream, one thread; nothing is allocated per call.
 */
@ProviderType
public interface Resampler {

    /** @return the input rate, in Hz */
    int fromRate();

    /** @return the output rate, in Hz */
    int toRate();

    /**
     * @param samples a number of input samples
     * @return the most samples {@link #process} can write for that many input samples
     */
    int maxOutput(int samples);

    /**
     * The filter's delay: the first {@code delay()} samples written come from before the stream began, and the last
     * {@code delay()} samples of the stream come out only once more input follows. A consumer that needs the
     * stream's exact length and timing (a decoder of a whole file) drops that many samples at the start and, at
     * the end, feeds silence until the total it wrote reaches {@code delay()} plus the length due (the input's
     * length times {@code toRate / fromRate}, rounded up).
     *
     * @return the delay, in output samples; 0 when copying
     */
    int delay();

    /**
     * @param in      samples at {@link #fromRate()}
     * @param offset  the first input sample
     * @param samples how many input samples
     * @param out     where samples at {@link #toRate()} go
     * @param outAt   the first output sample to write
     * @return how many samples were written (over a long stream, {@code samples * toRate / fromRate} on average)
     * @throws IndexOutOfBoundsException if {@code out} has less than {@link #maxOutput(int)} room from {@code outAt}
     */
    int process(short[] in, int offset, int samples, short[] out, int outAt);
}
