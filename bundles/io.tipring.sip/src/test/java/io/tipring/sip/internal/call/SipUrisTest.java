package io.tipring.sip.internal.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gov.nist.javax.sip.address.AddressFactoryImpl;
import io.tipring.sip.internal.call.SipUris.DirectTarget;
import java.util.List;
import javax.sip.address.AddressFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The SIP URIs an application may give as a destination, caller or transfer target, and the garbage refused. */
class SipUrisTest {

    private static final AddressFactory ADDRESSES = new AddressFactoryImpl();
    private static final List<String> BOTH = List.of("udp", "tcp");

    @Test
    void aDestinationGivesTheHostPortAndTransportToSendTo() {
        DirectTarget plain = SipUris.destination(" sip:bob@127.0.0.1:5080 ", ADDRESSES, BOTH);
        assertEquals("bob", plain.user());
        assertEquals("127.0.0.1", plain.host());
        assertEquals(5080, plain.port());
        assertEquals("udp", plain.transport());
        assertEquals("sip:bob@127.0.0.1:5080", plain.uri().toString());

        DirectTarget tcp = SipUris.destination("sip:+4930123@pbx.example.com;transport=TCP", ADDRESSES, BOTH);
        assertEquals("+4930123", tcp.user());
        assertEquals("pbx.example.com", tcp.host());
        assertEquals(5060, tcp.port());
        assertEquals("tcp", tcp.transport());

        DirectTarget noUser = SipUris.destination("SIP:[::1]:5070", ADDRESSES, BOTH);
        assertNull(noUser.user());
        assertEquals(5070, noUser.port());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "sip:", "sip:bob@", "sip:@", "sip:bob@exa mple.com", "sip:bob@host:0",
        "sip:bob@host:70000", "sip:bob@host:port", "sip:bob@host;transport=sctp", "sip:bob@host;transport=tls",
        "sip:bob@host?Subject=hi", "sip:bob@host;maddr=10.0.0.1", "sip:bob@host\r\nVia: SIP/2.0/UDP evil",
        "sip:bob@höst.example", "<sip:bob@host>", "http://example.com/", "tel:+4930123", "mailto:bob@example.com",
        "sip:bob@[::1", "sips:bob@example.com", "sipx:bob@example.com"})
    void garbageIsNotADestination(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SipUris.destination(text, ADDRESSES, BOTH));
        assertTrue(e.getMessage().startsWith("destination"), e.getMessage());
        assertTrue(!e.getMessage().contains("\n") && !e.getMessage().contains("\r"), "control characters are not echoed");
    }

    @Test
    void aDestinationOverATransportTipringLacksIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SipUris.destination("sip:bob@127.0.0.1;transport=tcp", ADDRESSES, List.of("udp")));
        assertTrue(e.getMessage().contains("tcp"), e.getMessage());
        IllegalArgumentException secure = assertThrows(IllegalArgumentException.class,
                () -> SipUris.destination("sips:bob@example.com", ADDRESSES, BOTH));
        assertTrue(secure.getMessage().contains("TLS"), secure.getMessage());
    }

    @Test
    void anOverlongUriIsRefused() {
        String longUser = "a".repeat(SipUris.MAX_LENGTH);
        assertThrows(IllegalArgumentException.class,
                () -> SipUris.destination("sip:" + longUser + "@example.com", ADDRESSES, BOTH));
    }

    @Test
    void aCallerUriKeepsItsUserAndHost() throws Exception {
        Caller caller = SipUris.caller("sip:alice@example.com", ADDRESSES);
        assertEquals("alice", caller.user());
        assertEquals("sip:alice@example.com", caller.fromUri(ADDRESSES, "10.0.0.5").toString());
        assertEquals("sip:4989000@10.0.0.5", Caller.user("4989000").fromUri(ADDRESSES, "10.0.0.5").toString());
        assertThrows(IllegalArgumentException.class, () -> SipUris.caller("sip:alice@", ADDRESSES));
    }

    @Test
    void transferTargetsMayBeSipOrTelUris() {
        assertEquals("sip:charlie@example.com", SipUris.referTarget("sip:charlie@example.com", ADDRESSES).toString());
        assertEquals("sips:charlie@example.com",
                SipUris.referTarget("sips:charlie@example.com", ADDRESSES).toString());
        assertEquals("tel:+4930123", SipUris.referTarget("tel:+4930123", ADDRESSES).toString());
        assertThrows(IllegalArgumentException.class, () -> SipUris.referTarget("charlie", ADDRESSES));
        assertThrows(IllegalArgumentException.class, () -> SipUris.referTarget("tel:", ADDRESSES));
        assertThrows(IllegalArgumentException.class,
                () -> SipUris.referTarget("sip:charlie@example.com?Replaces=abc", ADDRESSES));
    }
}
