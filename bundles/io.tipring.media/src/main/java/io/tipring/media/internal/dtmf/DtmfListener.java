package io.tipring.media.internal.dtmf;

/**
 * Receives each DTMF digit a detector recognised, once per key press, on the thread that fed the detector
 * (the media clock's): it must return quickly and hand anything slow to another thread.
 */
@FunctionalInterface
public interface DtmfListener {

    /**
     * @param digit          the key pressed
     * @param durationMillis how long the key was held, as far as the detector could measure it
     */
    void digit(DtmfDigit digit, int durationMillis);
}
