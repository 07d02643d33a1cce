package io.tipring.codec.g711.internal;

import io.tipring.api.media.Codec;
import org.osgi.service.component.annotations.Component;

/**
 * G.711 A-law as RTP carries it: RFC 3551 {@code PCMA}, static payload type 8, the default of networks outside
 * North America and Japan.
 */
@Component(service = Codec.class)
public final class PcmaCodec extends G711Codec {

    public PcmaCodec() {
        super("PCMA", 8, LawTables.A_LAW);
    }
}
