package io.tipring.testing.speech;

import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

/**
 * Whether a provider left threads behind: a provider whose bundle stopped must have ended every thread it
 * started. Name your threads (e.g. {@code "acme-tts-3"}) so that they can be found.
 */
public final class ProviderThreads {

    private ProviderThreads() {
    }

    /** @return the names of the live platform threads whose name starts with {@code prefix} */
    public static List<String> named(String prefix) {
        return matching(thread -> thread.getName().startsWith(prefix));
    }

    /** @return the names of the live platform threads that match */
    public static List<String> matching(Predicate<Thread> which) {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).filter(which)
                .map(Thread::getName).sorted().toList();
    }

    /**
     * Waits until no live thread's name starts with {@code prefix}.
     *
     * @throws AssertionError naming the threads still there after {@code within}
     */
    public static void awaitNone(String prefix, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        List<String> left = named(prefix);
        while (!left.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
            left = named(prefix);
        }
        if (!left.isEmpty()) {
            throw new AssertionError("threads left running after " + within.toMillis() + " ms: " + left);
        }
    }
}
