package io.tipring.media.internal.clock;

/**
 * How a media clock's thread asks the operating system for the CPU. A tick that waits for a core delays every
 * packet of that tick; under a normal time-sharing policy a thread that wakes may wait for the running one's time
 * slice (1-2 ms on Linux), which is the send-time jitter far ends see. Real-time scheduling makes a due tick
 * preempt every normal thread at once.
 */
public interface ClockScheduling {

    /** Leaves the clock's thread at the process's scheduling. */
    ClockScheduling NORMAL = new ClockScheduling() {
        @Override
        public boolean enterRealtime() {
            return false;
        }

        @Override
        public void leaveRealtime() {
            // Never entered.
        }

        @Override
        public String toString() {
            return "normal scheduling";
        }
    };

    /**
     * Called by the clock's thread when it starts: asks real-time scheduling for the calling thread.
     *
     * @return whether the thread now runs real-time; false where the system refuses it (the reason logged once)
     */
    boolean enterRealtime();

    /**
     * Called by the clock's thread to return to normal scheduling: a clock that cannot keep up with its ticks must
     * not keep a core from every other thread.
     */
    void leaveRealtime();
}
