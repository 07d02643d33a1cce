package io.tipring.codec.opus.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The Opus encoder's settings (etc/io.tipring.codec.opus.cfg); a change applies to streams opened after it.
 * <p>
 * The far end's {@code a=fmtp} parameters ({@code useinbandfec}, {@code usedtx}, {@code maxaveragebitrate},
 * {@code stereo}) are not negotiated per call yet: these settings apply to every call.
 */
@ObjectClassDefinition(name = "tipring codec Opus",
        description = "Opus (RTP payload \"opus/48000/2\", RFC 7587), encoded and decoded as 16 kHz mono.")
public @interface OpusConfig {

    @AttributeDefinition(description = "The average bit rate the encoder aims at, in bit/s (6000 to 510000). "
            + "Wideband speech is good from 16000 and close to transparent at 24000-32000.", min = "6000",
            max = "510000")
    int bitrate() default 24000;

    @AttributeDefinition(description = "The encoder's effort, 0 to 10: higher sounds slightly better at the same "
            + "bit rate and costs more CPU per frame (see bench/README.md).", min = "0", max = "10")
    int complexity() default 5;

    @AttributeDefinition(description = "Send in-band forward error correction: each packet also carries a "
            + "coarse copy of the previous frame, which a receiver that lost that frame decodes instead. What a "
            + "far end asks for with useinbandfec=1; any Opus decoder can decode such packets.")
    boolean fec() default false;

    @AttributeDefinition(description = "The packet loss, in percent (0 to 100), that the encoder plans for when "
            + "fec is on: it sizes the redundancy (0 sends none). Not used when fec is off.", min = "0",
            max = "100")
    int packetLoss() default 10;

    @AttributeDefinition(description = "Discontinuous transmission: during silence the encoder codes a frame "
            + "of background noise about every 400 ms and a 1-byte packet (nothing to decode but the gap) for every "
            + "other frame, which the far end fills with comfort noise. tipring still sends those 1-byte packets, "
            + "one every 20 ms: DTX saves bytes here, not packets.")
    boolean dtx() default false;
}
