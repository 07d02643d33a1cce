package io.tipring.sip.internal.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gov.nist.javax.sip.header.HeaderFactoryImpl;
import io.tipring.api.call.SipOptions;
import io.tipring.sip.internal.trunk.Password;
import io.tipring.sip.internal.trunk.Trunk;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sip.header.Header;
import javax.sip.header.HeaderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which headers an application may add to its INVITE, and whose digest credentials a call answers with. */
class ExtraHeadersTest {

    private static final HeaderFactory HEADERS = new HeaderFactoryImpl();

    @Test
    void xHeadersAndInformationalOnesPassInOrder() {
        Map<String, String> asked = new LinkedHashMap<>();
        asked.put("X-Custom", " v ");
        asked.put("x-lower", "a=b; c");
        asked.put("Subject", "Your order");
        asked.put("Priority", "urgent");
        asked.put("Call-Info", "<sip:example.com>;answer-after=0");

        List<Header> headers = ExtraHeaders.of(asked, HEADERS);
        assertEquals(List.of("X-Custom: v", "x-lower: a=b; c", "Subject: Your order", "Priority: urgent",
                "Call-Info: <sip:example.com>;answer-after=0"),
                headers.stream().map(header -> header.toString().strip()).toList());
        assertEquals(List.of(), ExtraHeaders.of(Map.of(), HEADERS));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Via", "From", "To", "Call-ID", "CSeq", "Contact", "Content-Type", "Content-Length",
        "Max-Forwards", "Route", "Record-Route", "Authorization", "Proxy-Authorization", "P-Asserted-Identity",
        "Require", "Expires", "X-Tipring-Session", "x-tipring-anything", "X Custom", "X-Custom:", "", "X-Ünicode"})
    void headersThatChangeHowSipWorksAreRefused(String name) {
        Map<String, String> asked = new HashMap<>();
        asked.put(name, "value");
        assertThrows(IllegalArgumentException.class, () -> ExtraHeaders.of(asked, HEADERS));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\r\nVia: SIP/2.0/UDP evil", "a\nb", "a\u0000b", "é"})
    void valuesWithLineBreaksOrControlCharactersAreRefused(String value) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ExtraHeaders.of(Map.of("X-Custom", value), HEADERS));
        assertTrue(e.getMessage().contains("X-Custom"), e.getMessage());
    }

    @Test
    void tooManyOrTooLongAreRefused() {
        Map<String, String> many = new HashMap<>();
        for (int i = 0; i <= ExtraHeaders.MAX_HEADERS; i++) {
            many.put("X-H" + i, "v");
        }
        assertThrows(IllegalArgumentException.class, () -> ExtraHeaders.of(many, HEADERS));
        assertThrows(IllegalArgumentException.class, () -> ExtraHeaders.of(
                Map.of("X-Long", "v".repeat(ExtraHeaders.MAX_VALUE_LENGTH + 1)), HEADERS));
    }

    @Test
    void aValueSipCannotParseIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> ExtraHeaders.of(Map.of("Call-Info", "not a uri <"), HEADERS));
    }

    @Test
    void theCallsCredentialsWinOverTheTrunksAndNeverShowThePassword() {
        Trunk trunk = new Trunk("main", "127.0.0.1", 5060, "udp", "acct", "", new Password("trunk-secret"), "trunk.realm",
                "", "", "");
        DigestCredentials own = DigestCredentials.of(new SipOptions("alice", "s3cret", "example.com", null), trunk);
        assertEquals("alice", own.username());
        assertEquals("s3cret", own.password().reveal());
        assertEquals("example.com", own.realm());
        assertTrue(!own.toString().contains("s3cret"), own.toString());

        DigestCredentials trunks = DigestCredentials.of(SipOptions.NONE, trunk);
        assertEquals("acct", trunks.username());
        assertEquals("trunk.realm", trunks.realm());
        assertEquals(null, DigestCredentials.of(SipOptions.NONE, null));
        assertEquals(null, DigestCredentials.of(new SipOptions("", "", "ignored.realm", null), null));

        assertThrows(IllegalArgumentException.class,
                () -> DigestCredentials.of(new SipOptions("alice", "", "", null), trunk));
        assertThrows(IllegalArgumentException.class,
                () -> DigestCredentials.of(new SipOptions("", "s3cret", "", null), trunk));
        assertThrows(IllegalArgumentException.class,
                () -> DigestCredentials.of(new SipOptions("al\"ice", "s3cret", "", null), trunk));
        assertThrows(IllegalArgumentException.class,
                () -> DigestCredentials.of(new SipOptions("alice", "s3cret", "bad\r\nrealm", null), trunk));
    }
}
