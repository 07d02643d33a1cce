package io.tipring.api.media;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * An audio file format that clients send as a byte stream cut anywhere (MP3 in 2560-byte chunks, say), as
 * opposed to a {@link Codec}, whose payloads come one frame per RTP packet. A codec bundle registers one service
 * per format, with the service property {@link #FORMAT} set to {@link #name()}.
 */
@ConsumerType
public interface StreamFormat {

    /** The service property that names the format, so that consumers can select it with a filter. */
    String FORMAT = "tipring.stream.format";

    /** @return the format's name as APIs spell it, lower case, e.g. {@code mp3} */
    String name();

    /**
     * @param sampleRate the rate of the mono 16-bit PCM wanted, in Hz (8000 to 48000), whatever the stream's
     *                   own rate and channels are
     * @return a new decoder for one stream
     */
    StreamDecoder newDecoder(int sampleRate);
}
