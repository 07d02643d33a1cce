package io.tipring.codec.opus.internal;

/**
 * What every new Opus encoder is set to, checked once when the configuration arrives.
 *
 * @param bitrate    the average bit rate aimed at, bit/s
 * @param complexity the encoder's effort, 0 to 10
 * @param fec        whether packets carry in-band forward error correction
 * @param packetLoss the loss in percent that the redundancy is sized for; 0 when {@code fec} is off
 * @param dtx        whether silence is sent as discontinuous transmission
 */
record EncoderSettings(int bitrate, int complexity, boolean fec, int packetLoss, boolean dtx) {

    static final EncoderSettings DEFAULTS = new EncoderSettings(24_000, 5, false, 0, false);

    /** @throws IllegalArgumentException if a value is out of its range */
    EncoderSettings {
        if (bitrate < 6_000 || bitrate > 510_000) {
            throw new IllegalArgumentException("bitrate must be 6000 to 510000 bit/s: " + bitrate);
        }
        if (complexity < 0 || complexity > 10) {
            throw new IllegalArgumentException("complexity must be 0 to 10: " + complexity);
        }
        if (packetLoss < 0 || packetLoss > 100) {
            throw new IllegalArgumentException("packetLoss must be 0 to 100 percent: " + packetLoss);
        }
        if (!fec) {
            packetLoss = 0;
        }
    }

    /** @throws IllegalArgumentException if a setting is out of its range */
    static EncoderSettings of(OpusConfig config) {
        return new EncoderSettings(config.bitrate(), config.complexity(), config.fec(), config.packetLoss(),
                config.dtx());
    }

    EncoderSettings withComplexity(int newComplexity) {
        return new EncoderSettings(bitrate, newComplexity, fec, packetLoss, dtx);
    }
}
