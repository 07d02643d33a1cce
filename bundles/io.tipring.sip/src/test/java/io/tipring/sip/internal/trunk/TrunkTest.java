package io.tipring.sip.internal.trunk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Trunks: their addresses, how one is chosen, how numbers are rewritten, and that passwords stay hidden. */
class TrunkTest {

    private static Trunk trunk(String name, String host, String strip, String add) {
        return new Trunk(name, host, 5080, "TCP", "acct", "", new Password("s3cret"), "", "", strip, add);
    }

    @Test
    void adHocAddressesParse() {
        Trunk plain = Trunk.adHoc("sip.example.com");
        assertEquals("sip.example.com", plain.host());
        assertEquals(5060, plain.port());
        assertEquals("udp", plain.transport());
        assertFalse(plain.hasCredentials());

        Trunk full = Trunk.adHoc(" 10.0.0.7:5070;transport=TCP ");
        assertEquals("10.0.0.7", full.host());
        assertEquals(5070, full.port());
        assertEquals("tcp", full.transport());

        Trunk v6 = Trunk.adHoc("[2001:db8::1]:5062");
        assertEquals("[2001:db8::1]", v6.host());
        assertEquals(5062, v6.port());

        assertThrows(IllegalArgumentException.class, () -> Trunk.adHoc("host:port"));
        assertThrows(IllegalArgumentException.class, () -> Trunk.adHoc("host;transport=sctp"));
        assertThrows(IllegalArgumentException.class, () -> Trunk.adHoc("host;lr"));
        assertThrows(IllegalArgumentException.class, () -> Trunk.adHoc("user@host"));
        assertThrows(IllegalArgumentException.class, () -> Trunk.adHoc("host:70000"));
    }

    @Test
    void passwordsNeverShow() {
        Trunk trunk = trunk("carrier", "sip.example.com", "", "");
        assertFalse(trunk.toString().contains("s3cret"), trunk.toString());
        assertTrue(trunk.toString().contains("(hidden)"), trunk.toString());
        assertEquals("s3cret", trunk.password().reveal());
        assertEquals("acct", trunk.authUsername(), "the account authenticates unless authUsername says otherwise");
        assertTrue(trunk.hasCredentials());
    }

    @Test
    void requestNamesATrunkElseTheDefaultIsUsed() {
        TrunkDirectory trunks = new TrunkDirectory();
        Trunk carrier = trunk("carrier", "sip.example.com", "", "");
        trunks.add(carrier);
        trunks.add(trunk("unset", "", "", ""));

        assertEquals(carrier, trunks.select("carrier", ""));
        assertEquals(carrier, trunks.select(null, "carrier"));
        assertEquals(carrier, trunks.select(" ", " carrier "));
        assertEquals("10.1.1.1", trunks.select(null, "10.1.1.1:5061").host());

        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> trunks.select("other", "carrier"));
        assertEquals("unknown SIP trunk 'other'", unknown.getMessage());
        IllegalStateException none = assertThrows(IllegalStateException.class, () -> trunks.select(null, ""));
        assertTrue(none.getMessage().startsWith("no SIP trunk is configured; set TIPRING_TRUNK"), none.getMessage());
        assertThrows(IllegalArgumentException.class, () -> trunks.select("unset", ""));
        assertThrows(IllegalArgumentException.class, () -> trunks.select(null, "not an address"));

        trunks.remove(carrier);
        assertThrows(IllegalArgumentException.class, () -> trunks.select("carrier", ""));
    }

    @Test
    void numbersAreCheckedAndRewritten() {
        Trunk national = trunk("de", "h", "+49", "0");
        assertEquals("030123", Destinations.dialledUser("+4930123", national));
        assertEquals("0*21#", Destinations.dialledUser("*21#", national));
        Trunk plain = trunk("plain", "h", "", "");
        assertEquals("+4930123", Destinations.dialledUser(" +4930123 ", plain));
        assertEquals("alice.b_c-d", Destinations.dialledUser("alice.b_c-d", plain));

        for (String bad : new String[] {"", "++49", "49 30", "sip:x@y", "a@b", "1;x=y", "1".repeat(65), "12\r\nVia: x"}) {
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                    () -> Destinations.dialledUser(bad, plain), bad);
            assertFalse(refused.getMessage().contains("\n"), refused.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> Destinations.dialledUser("+49", trunk("de", "h", "+49", "")));
    }

    @Test
    void callerIdComesFromTheRequestElseTheTrunk() {
        Trunk withCallerId = new Trunk("t", "h", 5060, "udp", "acct", "", Password.NONE, "", "4930999", "", "");
        assertEquals("4930111", Destinations.callerId("4930111", withCallerId));
        assertEquals("4930999", Destinations.callerId(null, withCallerId));
        assertEquals("acct", Destinations.callerId("", trunk("t", "h", "", "")));
        assertEquals("tipring", Destinations.callerId(null, Trunk.adHoc("h")));
        assertThrows(IllegalArgumentException.class, () -> Destinations.callerId("<sip:x>", withCallerId));
    }

    @Test
    void configurationNameComesFromTheFactoryConfiguration() {
        assertEquals("carrier", SipTrunk.configurationName(Map.of("service.pid", "io.tipring.sip.trunk~carrier")));
        assertEquals("backup", SipTrunk.configurationName(Map.of("service.pid", "io.tipring.sip.trunk.1234",
                "felix.fileinstall.filename", "file:/opt/tipring/etc/io.tipring.sip.trunk-backup.cfg")));
        assertThrows(IllegalArgumentException.class,
                () -> SipTrunk.configurationName(Map.of("service.pid", "io.tipring.sip.trunk.1234")));
    }

    @Test
    void badSettingsAreRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> new Trunk("t", "h", 0, "udp", "", "", Password.NONE, "", "", "", ""));
        assertThrows(IllegalArgumentException.class,
                () -> new Trunk("t", "h", 5060, "tls", "", "", Password.NONE, "", "", "", ""));
        assertThrows(IllegalArgumentException.class,
                () -> new Trunk(" ", "h", 5060, "udp", "", "", Password.NONE, "", "", "", ""));
    }

    @Test
    void codecsAreACommaListInOrderWithoutBlanksOrRepeats() {
        assertEquals(java.util.List.of("opus", "G722", "PCMU"), Trunk.codecList(" opus, G722,,PCMU g722 "));
        assertEquals(java.util.List.of(), Trunk.codecList(""));
        assertEquals(java.util.List.of(), Trunk.codecList(null));
        assertEquals(java.util.List.of(), new Trunk("t", "h", 5060, "udp", "", "", Password.NONE, "", "", "", "").codecs());
    }
}
