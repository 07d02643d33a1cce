package io.tipring.media.internal.clock;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ListenerArrayTest {

    private final ListenerArray<String> listeners = new ListenerArray<>(String[]::new);

    @Test
    void keepsTheOrderOfAdditionAndRemovesByIdentity() {
        String a = "a";
        String b = new String("b");
        listeners.add(a);
        listeners.add(b);
        listeners.add(a);

        assertFalse(listeners.remove(new String("b")));
        assertTrue(listeners.remove(a));
        assertArrayEquals(new String[] {"b", "a"}, listeners.snapshot());
    }

    @Test
    void leavesSnapshotsAlreadyTakenAlone() {
        listeners.add("a");
        String[] before = listeners.snapshot();
        listeners.add("b");
        listeners.remove("a");

        assertArrayEquals(new String[] {"a"}, before);
        assertArrayEquals(new String[] {"b"}, listeners.snapshot());
    }
}
