package io.tipring.media.internal.dtmf.tone;

import io.tipring.media.internal.dtmf.DtmfDigit;
import io.tipring.media.internal.dtmf.DtmfListener;
import java.util.Objects;

/**
 * Recognises DTMF key presses in one stream of decoded audio and reports each once, when it is over.
 * <p>
 * The audio is cut into 20 ms blocks, whatever sizes the caller feeds, and {@link DtmfToneClassifier} names
 * each block's key or none. A press counts once its key has filled {@value #MIN_TONE_BLOCKS} blocks (40 ms,
 * the shortest tone Q.24 requires a receiver to accept), and it is reported when the tone is over: when
 * {@value #END_BLOCKS} blocks in a row are not that key (a 40 ms pause, so one block spoilt by noise or a
 * codec glitch does not split a press in two), or at once when another key's tone follows. The duration
 * reported runs from the first to the last block of the key.
 * <p>
 * Nothing is allocated per sample or block. One thread at a time.
 */
public final class InbandDtmfDetector {

    /** Blocks of one key that make a press: 40 ms. */
    static final int MIN_TONE_BLOCKS = 2;
    /** Blocks without the key that end a press: 40 ms. */
    static final int END_BLOCKS = 2;

    private static final int BLOCK_MILLIS = 20;

    private final DtmfToneClassifier classifier;
    private final DtmfListener listener;
    private final float[] block;
    private int filled;

    private DtmfDigit current;
    private int toneBlocks;
    private int spanBlocks;
    private int otherBlocks;

    /**
     * @param sampleRate the audio's rate in Hz: 8000, or a higher multiple of 50 such as 16000
     * @param listener   told about each press, on the calling thread
     * @throws IllegalArgumentException if {@code sampleRate} is below 8000 or not a multiple of 50
     */
    public InbandDtmfDetector(int sampleRate, DtmfListener listener) {
        if (sampleRate < 8000 || sampleRate % 50 != 0) {
            throw new IllegalArgumentException("in-band DTMF needs a rate of 8000 Hz or more in 50 Hz steps, not " + sampleRate);
        }
        this.classifier = new DtmfToneClassifier(sampleRate);
        this.listener = Objects.requireNonNull(listener, "listener");
        this.block = new float[sampleRate * BLOCK_MILLIS / 1000];
    }

    /**
     * Feeds audio; a 20 ms frame at a time is the natural size, but any size works.
     *
     * @param pcm    16-bit linear samples
     * @param offset the first sample
     * @param count  how many samples
     * @throws IndexOutOfBoundsException if the samples do not lie within {@code pcm}
     */
    public void process(short[] pcm, int offset, int count) {
        Objects.checkFromIndexSize(offset, count, pcm.length);
        for (int i = offset; i < offset + count; i++) {
            block[filled++] = pcm[i];
            if (filled == block.length) {
                filled = 0;
                accept(classifier.classify(block, block.length));
            }
        }
    }

    private void accept(DtmfDigit digit) {
        if (digit != null && digit == current) {
            spanBlocks += otherBlocks + 1;
            toneBlocks++;
            otherBlocks = 0;
        } else if (digit != null) {
            finish();
            current = digit;
            toneBlocks = 1;
            spanBlocks = 1;
        } else if (current != null && ++otherBlocks >= END_BLOCKS) {
            finish();
        }
    }

    private void finish() {
        if (current != null && toneBlocks >= MIN_TONE_BLOCKS) {
            listener.digit(current, spanBlocks * BLOCK_MILLIS);
        }
        current = null;
        toneBlocks = 0;
        spanBlocks = 0;
        otherBlocks = 0;
    }
}
