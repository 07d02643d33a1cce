package io.tipring.sip.internal.call;

import io.tipring.sip.internal.call.SipUris.DirectTarget;
import io.tipring.sip.internal.trunk.Trunk;
import java.text.ParseException;
import java.util.List;
import javax.sip.address.AddressFactory;
import javax.sip.address.SipURI;

/**
 * Where an outbound leg's INVITE goes: to a number through a trunk, or straight to the SIP URI an application gave.
 *
 * @param description how logs and failures name it: {@code trunk main}, {@code sip:bob@example.com}
 * @param user        the user called, or {@code null} for a URI without one
 * @param host        the host the request goes to (the trunk's, or the URI's)
 * @param port        its port
 * @param transport   {@code udp} or {@code tcp}
 * @param direct      the URI as the application gave it, for the request URI; {@code null} through a trunk
 * @param codecs      the only codecs to offer, by name, most preferred first (the trunk's setting); empty for all
 */
record OutboundRoute(String description, String user, String host, int port, String transport, SipURI direct,
        List<String> codecs) {

    /** A number dialled through {@code trunk}, as {@code sip:user@trunk-host:port[;transport=tcp]}. */
    static OutboundRoute through(Trunk trunk, String user) {
        return new OutboundRoute("trunk " + trunk.name(), user, trunk.host(), trunk.port(), trunk.transport(), null,
                trunk.codecs());
    }

    /** A SIP URI called directly, offering every codec. */
    static OutboundRoute direct(DirectTarget target) {
        return new OutboundRoute(target.uri().toString(), target.user(), target.host(), target.port(),
                target.transport(), target.uri(), List.of());
    }

    /** @return the request URI: the application's own URI, or the user at the trunk */
    SipURI requestUri(AddressFactory addresses) throws ParseException {
        if (direct != null) {
            return (SipURI) direct.clone();
        }
        SipURI uri = toUri(addresses);
        if (transport.equals(Trunk.TCP)) {
            uri.setTransportParam(Trunk.TCP);
        }
        return uri;
    }

    /** @return the URI of {@code To}: {@code sip:user@host[:port]}, without parameters */
    SipURI toUri(AddressFactory addresses) throws ParseException {
        SipURI uri = addresses.createSipURI(user, host);
        if (direct == null || direct.getPort() > 0) {
            uri.setPort(port);
        }
        return uri;
    }
}
