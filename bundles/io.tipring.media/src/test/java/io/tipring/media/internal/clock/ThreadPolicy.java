package io.tipring.media.internal.clock;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** What Linux says about this process's threads: their scheduling policy, from {@code /proc}. */
public final class ThreadPolicy {

    /** {@code SCHED_OTHER} and {@code SCHED_FIFO}, as {@code sched_setscheduler(2)} numbers them. */
    public static final int OTHER = 0;
    public static final int FIFO = 1;

    private ThreadPolicy() {
    }

    /** @return the calling thread's policy */
    public static int ofThisThread() {
        return policy(Path.of("/proc/thread-self/stat"));
    }

    /**
     * @param namePrefix the start of the threads' names (Linux keeps 15 characters of a name)
     * @return the policy of each of this process's threads whose name starts so
     */
    public static List<Integer> ofThreadsNamed(String namePrefix) {
        String prefix = namePrefix.length() > 15 ? namePrefix.substring(0, 15) : namePrefix;
        List<Integer> policies = new ArrayList<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : tasks.toList()) {
                try {
                    if (Files.readString(task.resolve("comm")).strip().startsWith(prefix)) {
                        policies.add(policy(task.resolve("stat")));
                    }
                } catch (IOException | UncheckedIOException ended) {
                    // The thread ended while the list was read.
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return policies;
    }

    /** @return whether this process runs as root, which may ask for real-time scheduling */
    public static boolean root() {
        try {
            return Files.readAllLines(Path.of("/proc/self/status")).stream()
                    .anyMatch(line -> line.matches("Uid:\\s+\\d+\\s+0\\s.*"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int policy(Path stat) {
        try {
            String line = Files.readString(stat);
            // After the name in parentheses come the fields from the third (state) on; policy is the 41st.
            String[] fields = line.substring(line.lastIndexOf(')') + 2).split(" ");
            return Integer.parseInt(fields[41 - 3]);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
