package io.tipring.media.internal.dtmf.tone;

import io.tipring.media.internal.dtmf.DtmfDigit;

/**
 * Decides whether one block of audio is a DTMF tone, and which, by the checks a telephone exchange's receiver
 * makes (after ITU-T Q.24 and Bell practice):
 * <ul>
 * <li>the strongest row and column frequencies are each at least {@value #MIN_TONE_DBM0} dBm0;</li>
 * <li>twist, the column tone's level over the row tone's, is within {@value #MAX_REVERSE_TWIST_DB} to
 * +{@value #MAX_STANDARD_TWIST_DB} dB (the line loses more of the high group, hence the asymmetry);</li>
 * <li>each of the two beats the other frequencies of its group by {@value #RELATIVE_PEAK_DB} dB, so two keys
 * pressed at once, or a broadband sound, do not pass;</li>
 * <li>together they carry at least {@value #MIN_TONE_SHARE} of the block's power, which rejects tones buried in
 * speech or noise;</li>
 * <li>neither has a second harmonic within {@value #SECOND_HARMONIC_DB} dB of it: a generator's sines have
 * none, while voices and instruments that happen to hit a DTMF pair are rich in harmonics.</li>
 * </ul>
 * Levels are relative to 16-bit linear PCM as G.711 decodes it, where a sine of amplitude
 * {@value #ZERO_DBM0_AMPLITUDE} is 0 dBm0 (G.711's full scale being +3.17 dBm0).
 */
final class DtmfToneClassifier {

    static final double ZERO_DBM0_AMPLITUDE = 22_300;
    static final double MIN_TONE_DBM0 = -36;
    static final double MAX_STANDARD_TWIST_DB = 4;
    static final double MAX_REVERSE_TWIST_DB = -8;
    static final double RELATIVE_PEAK_DB = 6;
    static final double SECOND_HARMONIC_DB = -6;
    static final double MIN_TONE_SHARE = 0.45;

    private static final double MIN_TONE_POWER = sinePower(ZERO_DBM0_AMPLITUDE) * ratio(MIN_TONE_DBM0);
    private static final double MAX_TWIST_RATIO = ratio(MAX_STANDARD_TWIST_DB);
    private static final double MIN_TWIST_RATIO = ratio(MAX_REVERSE_TWIST_DB);
    private static final double RELATIVE_PEAK_RATIO = ratio(RELATIVE_PEAK_DB);
    private static final double SECOND_HARMONIC_RATIO = ratio(SECOND_HARMONIC_DB);

    private final GoertzelFilter[] rows = new GoertzelFilter[4];
    private final GoertzelFilter[] columns = new GoertzelFilter[4];
    private final GoertzelFilter[] rowHarmonics = new GoertzelFilter[4];
    private final GoertzelFilter[] columnHarmonics = new GoertzelFilter[4];
    private final double[] rowPowers = new double[4];
    private final double[] columnPowers = new double[4];

    /**
     * @param sampleRate the audio's rate in Hz; at least 8000, so that the highest second harmonic (3266 Hz)
     *                   lies below half of it
     */
    DtmfToneClassifier(int sampleRate) {
        for (int i = 0; i < 4; i++) {
            rows[i] = new GoertzelFilter(DtmfDigit.rowFrequency(i), sampleRate);
            columns[i] = new GoertzelFilter(DtmfDigit.columnFrequency(i), sampleRate);
            rowHarmonics[i] = new GoertzelFilter(2.0 * DtmfDigit.rowFrequency(i), sampleRate);
            columnHarmonics[i] = new GoertzelFilter(2.0 * DtmfDigit.columnFrequency(i), sampleRate);
        }
    }

    /**
     * @param block  the samples of one block
     * @param length how many, from the first
     * @return the key whose tone the block is, or {@code null} if it is not a DTMF tone
     */
    DtmfDigit classify(float[] block, int length) {
        // Two tones of at least the minimum level carry at least twice its power: quieter blocks (silence, most
        // of a conversation) are rejected before any filter runs. Halved again for the window's leakage.
        double meanPower = meanPower(block, length);
        if (meanPower < MIN_TONE_POWER) {
            return null;
        }
        int row = strongest(rows, block, length, rowPowers);
        int column = strongest(columns, block, length, columnPowers);
        double rowPower = rowPowers[row];
        double columnPower = columnPowers[column];
        if (rowPower < MIN_TONE_POWER || columnPower < MIN_TONE_POWER) {
            return null;
        }
        double twist = columnPower / rowPower;
        if (twist > MAX_TWIST_RATIO || twist < MIN_TWIST_RATIO) {
            return null;
        }
        if (!standsOut(rowPowers, row) || !standsOut(columnPowers, column)) {
            return null;
        }
        if (rowPower + columnPower < MIN_TONE_SHARE * meanPower) {
            return null;
        }
        if (rowHarmonics[row].power(block, length) > SECOND_HARMONIC_RATIO * rowPower
                || columnHarmonics[column].power(block, length) > SECOND_HARMONIC_RATIO * columnPower) {
            return null;
        }
        return DtmfDigit.ofKey(row, column);
    }

    private static int strongest(GoertzelFilter[] filters, float[] block, int length, double[] powers) {
        GoertzelFilter.powers(filters, block, length, powers);
        int best = 0;
        for (int i = 1; i < powers.length; i++) {
            if (powers[i] > powers[best]) {
                best = i;
            }
        }
        return best;
    }

    private static boolean standsOut(double[] powers, int peak) {
        for (int i = 0; i < powers.length; i++) {
            if (i != peak && powers[i] * RELATIVE_PEAK_RATIO > powers[peak]) {
                return false;
            }
        }
        return true;
    }

    private static double meanPower(float[] block, int length) {
        double sum = 0;
        for (int i = 0; i < length; i++) {
            sum += (double) block[i] * block[i];
        }
        return sum / length;
    }

    private static double sinePower(double amplitude) {
        return amplitude * amplitude / 2;
    }

    private static double ratio(double decibels) {
        return Math.pow(10, decibels / 10);
    }
}
