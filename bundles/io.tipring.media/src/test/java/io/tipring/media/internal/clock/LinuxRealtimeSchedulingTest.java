package io.tipring.media.internal.clock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The real system call on this machine: as root (CI) a thread gets {@code SCHED_FIFO} and gives it back; without
 * the right, it is refused and the thread keeps its policy.
 */
class LinuxRealtimeSchedulingTest {

    @Test
    void aThreadEntersRealTimeWhenPermittedAndLeavesIt() throws InterruptedException {
        LinuxRealtimeScheduling scheduling = new LinuxRealtimeScheduling(10);
        List<Object> seen = new ArrayList<>();
        Thread thread = Thread.ofPlatform().start(() -> {
            seen.add(scheduling.enterRealtime());
            seen.add(ThreadPolicy.ofThisThread());
            scheduling.leaveRealtime();
            seen.add(ThreadPolicy.ofThisThread());
        });
        thread.join();

        boolean permitted = ThreadPolicy.root();
        assertEquals(List.of(permitted, permitted ? ThreadPolicy.FIFO : ThreadPolicy.OTHER, ThreadPolicy.OTHER), seen);
        assertEquals(ThreadPolicy.OTHER, ThreadPolicy.ofThisThread(), "only the calling thread changes");
    }

    @Test
    void refusesAPriorityLinuxDoesNotHave() {
        assertThrows(IllegalArgumentException.class, () -> new LinuxRealtimeScheduling(0));
        assertThrows(IllegalArgumentException.class, () -> new LinuxRealtimeScheduling(100));
    }
}
