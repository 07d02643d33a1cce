package io.tipring.media.internal.resample;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tipring.api.media.ResampledChunks;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ResampledChunksTest {

    private static final int FROM = 22050;
    private static final int SLICE = FROM / 20;

    @ParameterizedTest
    @ValueSource(ints = {8000, 16000, 22050, 48000})
    void theStreamComesOutWholeAtTheNewLengthInPiecesOf20To70Milliseconds(int rate) {
        short[] input = new short[FROM * 3 + 17];
        Random random = new Random(rate);
        for (int i = 0; i < input.length; i++) {
            input[i] = (short) (8000 * Math.sin(i * 0.05) + random.nextInt(200));
        }

        List<short[]> inSlices = convert(rate, input, () -> SLICE);
        List<short[]> inRandomPieces = convert(rate, input, () -> 1 + random.nextInt(SLICE));

        short[] whole = concat(inSlices);
        assertEquals((input.length * (long) rate + FROM - 1) / FROM, whole.length);
        assertArrayEquals(whole, concat(inRandomPieces));
        for (List<short[]> pieces : List.of(inSlices, inRandomPieces)) {
            for (int i = 0; i < pieces.size(); i++) {
                int millis = pieces.get(i).length * 1000 / rate;
                assertTrue(millis <= 71, "piece of " + millis + " ms");
                assertTrue(millis >= 19 || i == pieces.size() - 1, "piece of " + millis + " ms");
            }
        }
    }

    private static List<short[]> convert(int rate, short[] input, java.util.function.IntSupplier piece) {
        List<short[]> pieces = new ArrayList<>();
        ResampledChunks chunks = new ResampledChunks(new PolyphaseResamplers().create(FROM, rate), SLICE, pieces::add);
        short[] buffer = new short[SLICE];
        for (int at = 0; at < input.length;) {
            int n = Math.min(piece.getAsInt(), input.length - at);
            System.arraycopy(input, at, buffer, 0, n);
            chunks.accept(buffer, n);
            at += n;
        }
        chunks.finish();
        return pieces;
    }

    private static short[] concat(List<short[]> pieces) {
        short[] all = new short[0];
        for (short[] piece : pieces) {
            int at = all.length;
            all = Arrays.copyOf(all, at + piece.length);
            System.arraycopy(piece, 0, all, at, piece.length);
        }
        return all;
    }
}
