package io.tipring.sip.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class JainSipLoggerTest {

    @Test
    void anUnreachableFarEndIsNoError() {
        // The five lines JAIN-SIP 1.3.0-91 writes for one refused TCP connection to a trunk.
        for (String line : new String[] {
            "Problem connecting /127.0.0.1 35775 /127.0.0.1 for message INVITE sip:+4930123456@127.0.0.1:35775;transport=tcp SIP/2.0",
            "Problem sending: sendBytes TCP inAddr 127.0.0.1 port = 35775 remoteHost 127.0.0.1 remotePort 35775 peerPacketPort 35775 isClient true",
            "{}",
            "Could not connect to /127.0.0.1:35775",
            "Error is "}) {
            assertTrue(JainSipLogger.isUnreachableFarEnd(line), line);
        }
    }

    @Test
    void otherErrorsStayErrors() {
        assertFalse(JainSipLogger.isUnreachableFarEnd("Unexpected exception processing the request"));
        assertFalse(JainSipLogger.isUnreachableFarEnd("Error is here: the dialog table is corrupt"));
        assertFalse(JainSipLogger.isUnreachableFarEnd(null));
    }
}
