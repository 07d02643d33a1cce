package io.tipring.codec.opus.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The Opus encoder's settings (etc/io.tipring.codec.opus.cfg); a change applies to streams opened after it.
 * <p>
 * Each call's encoder starts from these and follows the far end's {@code a=fmtp}: {@code useinbandfec=1} turns FEC
 * on (sized for 10 % loss, or for {@link #packetLoss()} when {@link #fec()} is on here), {@code usedtx=1} DTX, {@code maxaveragebitrate} caps the bit
 * rate, {@code maxplaybackrate} of 8000 or less keeps to narrowband. What is turned on here stays on for every call.
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

    @AttributeDefinition(description = "Send in-band forward error correction to every far end: each packet also "
            + "carries a coarse copy of the previous frame, which a receiver that lost that frame decodes instead. "
            + "Off, it is still sent to a far end that asks for it with useinbandfec=1.")
    boolean fec() default false;

    @AttributeDefinition(description = "The packet loss, in percent (0 to 100), that the encoder plans for when "
            + "fec is on: it sizes the redundancy (0 sends none). A far end that asks for FEC while fec is off gets "
            + "FEC sized for 10 %.", min = "0",
            max = "100")
    int packetLoss() default 10;

    @AttributeDefinition(description = "Discontinuous transmission to every far end: during silence the encoder "
            + "codes a frame of background noise about every 400 ms and no packet for the other frames, which the "
            + "far end fills with comfort noise. Off, it is still used with a far end that asks with usedtx=1.")
    boolean dtx() default false;
}
