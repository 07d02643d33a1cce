package io.tipring.codec.opus.internal;

import java.util.Map;

/**
 * What every new Opus encoder is set to, checked once when the configuration arrives.
 *
 * @param bitrate    the average bit rate aimed at, bit/s
 * @param complexity the encoder's effort, 0 to 10
 * @param fec        whether packets carry in-band forward error correction
 * @param packetLoss the loss in percent that the redundancy is sized for; 0 when {@code fec} is off
 * @param dtx        whether silence is sent as discontinuous transmission
 * @param narrowband whether the audio is limited to 4 kHz (the far end plays no more: {@code maxplaybackrate}
 *                   8000 or less)
 */
record EncoderSettings(int bitrate, int complexity, boolean fec, int packetLoss, boolean dtx, boolean narrowband) {

    static final EncoderSettings DEFAULTS = new EncoderSettings(24_000, 5, false, 0, false, false);
    /** The loss FEC is sized for when a far end asks for FEC and the configuration gives no loss to size it for. */
    static final int DEFAULT_FEC_LOSS = 10;

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
                config.dtx(), false);
    }

    EncoderSettings withComplexity(int newComplexity) {
        return new EncoderSettings(bitrate, newComplexity, fec, packetLoss, dtx, narrowband);
    }

    /**
     * These settings as the far end's {@code a=fmtp} (RFC 7587, 7) narrows them: {@code useinbandfec=1} turns FEC on,
     * {@code usedtx=1} DTX, {@code maxaveragebitrate} caps the bit rate, {@code maxplaybackrate} of 8000 or less
     * limits the audio to narrowband. What the configuration turned on stays on; a value that is no number, or out
     * of Opus's range, is ignored.
     *
     * @param remoteFormat the far end's parameters, names in lower case
     */
    EncoderSettings forRemote(Map<String, String> remoteFormat) {
        boolean askedFec = "1".equals(remoteFormat.get("useinbandfec"));
        boolean withFec = fec || askedFec;
        int loss = fec ? packetLoss : askedFec ? DEFAULT_FEC_LOSS : 0;
        int rate = bitrate;
        int cap = number(remoteFormat.get("maxaveragebitrate"));
        if (cap >= 6_000 && cap <= 510_000) {
            rate = Math.min(rate, cap);
        }
        int playback = number(remoteFormat.get("maxplaybackrate"));
        return new EncoderSettings(rate, complexity, withFec, loss, dtx || "1".equals(remoteFormat.get("usedtx")),
                narrowband || (playback >= 1 && playback <= 8_000));
    }

    private static int number(String value) {
        try {
            return value == null ? -1 : Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
