package io.tipring.api.speech;

import java.util.Objects;

/**
 * @param index       the utterance's number in the stream, from 1
 * @param text        what was said
 * @param startMillis where the utterance starts, in milliseconds of audio since the stream's start
 * @param endMillis   where it ends (so far, for a partial result)
 */
public record Transcript(int index, String text, long startMillis, long endMillis) {

    public Transcript {
        Objects.requireNonNull(text, "text");
        if (index < 1) {
            throw new IllegalArgumentException("index starts at 1: " + index);
        }
    }
}
