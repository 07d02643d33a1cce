package io.tipring.api.media;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Decodes one stream of a {@link StreamFormat} fed in pieces cut anywhere: each piece yields the audio that the
 * bytes so far complete, and the incomplete rest waits for the next piece. One stream, one thread at a time.
 */
@ConsumerType
public interface StreamDecoder extends AutoCloseable {

    /**
     * @param data   the next bytes of the stream
     * @param offset the first byte
     * @param length how many bytes
     * @param sink   receives the decoded mono PCM, at the rate asked for, in order; possibly several times
     * @throws IllegalArgumentException if the stream cannot be this format (no decodable audio where there must
     *                                  be some); the message is fit to show the client, and the decoder stays
     *                                  usable for the bytes that follow
     */
    void decode(byte[] data, int offset, int length, PcmSink sink);

    /**
     * Ends the stream: audio still held back (a resampler's tail) goes to the sink, and resources are released.
     *
     * @param sink receives the last samples
     * @throws IllegalArgumentException if the whole stream held no decodable audio (a short upload of another
     *                                  format); resources are released all the same
     */
    void finish(PcmSink sink);

    /** Releases the decoder without delivering what it holds; closing twice does nothing. */
    @Override
    void close();

    /** Where decoded audio goes. */
    @FunctionalInterface
    interface PcmSink {

        /**
         * @param pcm    16-bit linear mono samples; the array is reused after the call returns, so copy what
         *               must be kept
         * @param offset the first sample
         * @param length how many samples
         */
        void accept(short[] pcm, int offset, int length);
    }
}
