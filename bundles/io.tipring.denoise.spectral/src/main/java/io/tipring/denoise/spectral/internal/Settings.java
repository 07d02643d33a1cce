package io.tipring.denoise.spectral.internal;

/**
 * The suppressor's settings, checked.
 *
 * @param gainFloorDb          the lowest gain of any bin, in dB
 * @param noiseWindowMillis    the noise estimator's minimum search window, in ms
 * @param noiseSmoothingMillis the time constant of the noise estimate's average when no one speaks, in ms
 */
record Settings(double gainFloorDb, int noiseWindowMillis, int noiseSmoothingMillis) {

    static final double MIN_GAIN_FLOOR_DB = -60;
    static final int MIN_WINDOW_MILLIS = 100;
    static final int MAX_WINDOW_MILLIS = 10_000;
    static final int MIN_SMOOTHING_MILLIS = 10;
    static final int MAX_SMOOTHING_MILLIS = 10_000;

    /** @throws IllegalArgumentException if a setting is out of range */
    Settings {
        if (!(gainFloorDb >= MIN_GAIN_FLOOR_DB && gainFloorDb <= 0)) {
            throw new IllegalArgumentException("gainFloor must be " + MIN_GAIN_FLOOR_DB + " to 0 dB: " + gainFloorDb);
        }
        if (noiseWindowMillis < MIN_WINDOW_MILLIS || noiseWindowMillis > MAX_WINDOW_MILLIS) {
            throw new IllegalArgumentException("noiseWindow must be " + MIN_WINDOW_MILLIS + " to "
                    + MAX_WINDOW_MILLIS + " ms: " + noiseWindowMillis);
        }
        if (noiseSmoothingMillis < MIN_SMOOTHING_MILLIS || noiseSmoothingMillis > MAX_SMOOTHING_MILLIS) {
            throw new IllegalArgumentException("noiseSmoothing must be " + MIN_SMOOTHING_MILLIS + " to "
                    + MAX_SMOOTHING_MILLIS + " ms: " + noiseSmoothingMillis);
        }
    }

    static Settings of(SpectralDenoiseConfig config) {
        return new Settings(config.gainFloor(), config.noiseWindow(), config.noiseSmoothing());
    }

    /** The defaults, as {@link SpectralDenoiseConfig} declares them. */
    static Settings defaults() {
        return new Settings(-20, 1000, 200);
    }
}
