package io.tipring.sip.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;

/** Credentials never reach the logs, whether in a whole message or in JAIN-SIP's own debug line. */
class LogRedactionTest {

    @Test
    void authorizationValuesAreRemoved() {
        String message = "INVITE sip:1@h SIP/2.0\r\nCSeq: 2 INVITE\r\nAuthorization: Digest username=\"alice\", "
                + "response=\"0123\"\r\nproxy-authorization: Digest nonce=\"n\"\r\nWWW-Authenticate: Digest realm=\"r\"\r\n";
        String redacted = LogRedaction.redact(message);
        assertFalse(redacted.contains("alice") || redacted.contains("0123") || redacted.contains("nonce=\"n\""), redacted);
        assertEquals("INVITE sip:1@h SIP/2.0\r\nCSeq: 2 INVITE\r\nAuthorization: <redacted>\r\n"
                + "proxy-authorization: <redacted>\r\nWWW-Authenticate: Digest realm=\"r\"\r\n", redacted);
        assertEquals("Created authorization header: Authorization: <redacted>",
                LogRedaction.redact("Created authorization header: Authorization: Digest username=\"alice\""));
    }
}
