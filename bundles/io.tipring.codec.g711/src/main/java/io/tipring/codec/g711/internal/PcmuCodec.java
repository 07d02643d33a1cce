package io.tipring.codec.g711.internal;

import io.tipring.api.media.Codec;
import org.osgi.service.component.annotations.Component;

/**
 * G.711 mu-law as RTP carries it: RFC 3551 {@code PCMU}, static payload type 0, the default of North American
 * and Japanese networks.
 */
@Component(service = Codec.class)
public final class PcmuCodec extends G711Codec {

    public PcmuCodec() {
        super("PCMU", 0, LawTables.MU_LAW);
    }
}
