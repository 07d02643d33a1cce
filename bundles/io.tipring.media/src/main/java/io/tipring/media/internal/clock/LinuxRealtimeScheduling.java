package io.tipring.media.internal.clock;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code SCHED_FIFO} for the media clocks on Linux, through {@code sched_setscheduler(2)} on the calling thread, as
 * FreeSWITCH and Asterisk run their timing threads. It needs root, {@code CAP_SYS_NICE} or an {@code RLIMIT_RTPRIO}
 * (e.g. {@code rtprio} in {@code /etc/security/limits.conf}) that allows the priority; refused, the clocks keep the
 * normal policy and a line in the log says why.
 * <p>
 * The priority is low among real-time ones (the kernel's interrupt threads run at 50), so only normal threads yield
 * to a clock's tick; and a clock that falls behind gives real-time scheduling up ({@link MediaClock}).
 */
public final class LinuxRealtimeScheduling implements ClockScheduling {

    /** The lowest and highest {@code SCHED_FIFO} priorities Linux accepts. */
    public static final int MIN_PRIORITY = 1;
    public static final int MAX_PRIORITY = 99;

    private static final Logger LOG = LoggerFactory.getLogger(LinuxRealtimeScheduling.class);
    private static final int SCHED_OTHER = 0;
    private static final int SCHED_FIFO = 1;
    private static final int EPERM = 1;

    /** The one libc function this needs; JNA maps {@code int[]} to a pointer to its first element. */
    interface SchedulerCalls extends Library {
        int sched_setscheduler(int pid, int policy, int[] param) throws LastErrorException;
    }

    private final int priority;
    private final AtomicBoolean refusalLogged = new AtomicBoolean();
    private volatile SchedulerCalls calls;

    /**
     * @param priority the {@code SCHED_FIFO} priority, {@value #MIN_PRIORITY} to {@value #MAX_PRIORITY}
     * @throws IllegalArgumentException if {@code priority} is out of range
     */
    public LinuxRealtimeScheduling(int priority) {
        if (priority < MIN_PRIORITY || priority > MAX_PRIORITY) {
            throw new IllegalArgumentException(
                    "the real-time priority must be " + MIN_PRIORITY + " to " + MAX_PRIORITY + ", not " + priority);
        }
        this.priority = priority;
    }

    @Override
    public boolean enterRealtime() {
        if (!Platform.isLinux()) {
            refused("this is not Linux");
            return false;
        }
        try {
            calls().sched_setscheduler(0, SCHED_FIFO, new int[] {priority});
            return true;
        } catch (LastErrorException e) {
            refused(e.getErrorCode() == EPERM
                    ? "not permitted: run tipring as root, or give it CAP_SYS_NICE or an rtprio limit of at least "
                            + priority
                    : "sched_setscheduler failed with errno " + e.getErrorCode());
            return false;
        } catch (LinkageError e) {
            // JNA's native part or libc missing: no real time, but the clock must run.
            refused("JNA could not call libc: " + e);
            return false;
        }
    }

    @Override
    public void leaveRealtime() {
        try {
            calls().sched_setscheduler(0, SCHED_OTHER, new int[] {0});
        } catch (LastErrorException | LinkageError e) {
            LOG.warn("A media clock could not return to normal scheduling: {}", e.toString());
        }
    }

    @Override
    public String toString() {
        return "SCHED_FIFO priority " + priority;
    }

    private SchedulerCalls calls() {
        SchedulerCalls loaded = calls;
        if (loaded == null) {
            // Loaded at first use, on a clock's thread: a server that never asks for real time never loads libc.
            loaded = Native.load("c", SchedulerCalls.class);
            calls = loaded;
        }
        return loaded;
    }

    private void refused(String why) {
        if (refusalLogged.compareAndSet(false, true)) {
            LOG.info("Media clocks run at normal scheduling priority, without real-time scheduling ({}); outgoing"
                    + " RTP send times stray more when the machine is busy", why);
        }
    }
}
