package io.tipring.media.internal.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class PortRangeTest {

    @Test
    void givesEvenPortsWhoseRtcpPortIsInTheRange() throws NoFreePortException {
        PortRange ports = new PortRange(20_001, 20_009);
        Set<Integer> given = new HashSet<>();
        for (int i = 0; i < ports.capacity(); i++) {
            given.add(ports.allocate());
        }

        assertEquals(Set.of(20_002, 20_004, 20_006, 20_008), given);
        assertEquals(4, ports.inUse());
    }

    @Test
    void failsClearlyWhenExhausted() throws NoFreePortException {
        PortRange ports = new PortRange(20_000, 20_003);
        ports.allocate();
        ports.allocate();

        NoFreePortException e = assertThrows(NoFreePortException.class, ports::allocate);
        assertEquals("all 2 RTP ports of 20000-20003 are in use", e.getMessage());
    }

    @Test
    void givesAReleasedPortAgainOnlyAfterTheOthers() throws NoFreePortException {
        PortRange ports = new PortRange(20_000, 20_005);
        int first = ports.allocate();
        ports.release(first);

        assertEquals(20_002, ports.allocate());
        assertEquals(20_004, ports.allocate());
        assertEquals(first, ports.allocate());
        assertThrows(NoFreePortException.class, ports::allocate);
        assertEquals(3, ports.inUse());
    }

    @Test
    void refusesToReleaseAPortItDidNotGive() throws NoFreePortException {
        PortRange ports = new PortRange(20_000, 20_999);
        int port = ports.allocate();
        ports.release(port);

        assertThrows(IllegalStateException.class, () -> ports.release(port));
        assertThrows(IllegalArgumentException.class, () -> ports.release(20_001));
        assertThrows(IllegalArgumentException.class, () -> ports.release(21_000));
    }

    @Test
    void refusesARangeWithoutAPair() {
        assertThrows(IllegalArgumentException.class, () -> new PortRange(20_001, 20_002));
        assertThrows(IllegalArgumentException.class, () -> new PortRange(0, 100));
        assertThrows(IllegalArgumentException.class, () -> new PortRange(65_534, 65_536));
    }

    @Test
    void neverGivesOnePortTwiceAcrossThreads() throws Exception {
        PortRange ports = new PortRange(30_000, 30_999);
        Set<Integer> given = ConcurrentHashMap.newKeySet();
        List<Future<?>> workers = new ArrayList<>();
        try (ExecutorService threads = Executors.newFixedThreadPool(4)) {
            for (int t = 0; t < 4; t++) {
                workers.add(threads.submit(() -> {
                    for (int i = 0; i < 1_000; i++) {
                        int port = ports.allocate();
                        assertTrue(given.add(port), "port " + port + " given twice");
                        given.remove(port);
                        ports.release(port);
                    }
                    return null;
                }));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
        }
        assertEquals(0, ports.inUse());
    }
}
