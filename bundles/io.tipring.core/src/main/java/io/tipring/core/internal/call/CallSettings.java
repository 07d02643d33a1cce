package io.tipring.core.internal.call;

import io.tipring.core.internal.builtin.BuiltInDestination;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The call engine's settings, checked and resolved: {@link CallsConfig} as the engine uses it. Each call keeps the
 * settings it started with, so a configuration change never alters a call halfway.
 *
 * @param ringTimeout    how long an outbound call may ring, from when it is placed
 * @param inboundAnswer  who answers inbound calls
 * @param inboundWait    how long an inbound call waits for an application
 * @param inboundTenant  the tenant inbound calls belong to
 * @param recordCalls    whether connected calls are recorded
 * @param recordingsDir  where recordings go
 * @param echoNumber     the echo's number, empty for none
 * @param toneNumber     the tone's number, empty for none
 * @param promptNumber   the prompt's number, empty for none
 * @param maxCalls       how many calls may be live when an outbound one is placed, 0 for no limit
 */
public record CallSettings(Duration ringTimeout, InboundAnswer inboundAnswer, Duration inboundWait,
        String inboundTenant, boolean recordCalls, Path recordingsDir, String echoNumber, String toneNumber,
        String promptNumber, int maxCalls) {

    public CallSettings {
        if (maxCalls < 0) {
            throw new IllegalArgumentException("maxCalls must not be negative");
        }
        requirePositive(ringTimeout, "ringTimeout");
        Objects.requireNonNull(inboundAnswer, "inboundAnswer");
        requirePositive(inboundWait, "inboundWait");
        if (inboundTenant == null || inboundTenant.isBlank()) {
            throw new IllegalArgumentException("inboundTenant must not be empty");
        }
        Objects.requireNonNull(recordingsDir, "recordingsDir");
        echoNumber = echoNumber == null ? "" : echoNumber.strip();
        toneNumber = toneNumber == null ? "" : toneNumber.strip();
        promptNumber = promptNumber == null ? "" : promptNumber.strip();
    }

    /**
     * @param config        the configuration as Declarative Services passes it
     * @param dataDirectory tipring's data folder, under which recordings go unless configured otherwise
     * @return the settings
     * @throws IllegalArgumentException if a value is out of range
     */
    public static CallSettings of(CallsConfig config, Path dataDirectory) {
        String recordings = config.recordingsDir() == null ? "" : config.recordingsDir().strip();
        return new CallSettings(
                Duration.ofSeconds(config.ringTimeoutSeconds()),
                InboundAnswer.parse(config.inboundAnswer()),
                Duration.ofSeconds(config.inboundWaitSeconds()),
                config.inboundTenant() == null ? "" : config.inboundTenant().strip(),
                config.recordCalls(),
                recordings.isEmpty() ? dataDirectory.resolve("recordings") : Path.of(recordings),
                config.echoNumber(),
                config.toneNumber(),
                config.promptNumber(),
                config.maxCalls());
    }

    /**
     * @param destination a number or name as dialled (outbound) or called (inbound)
     * @return the built-in destination it names, if any: its configured number or its name in any case
     */
    public Optional<BuiltInDestination> builtInFor(String destination) {
        String called = destination.strip();
        for (BuiltInDestination builtIn : BuiltInDestination.values()) {
            String number = switch (builtIn) {
                case ECHO -> echoNumber;
                case TONE -> toneNumber;
                case PROMPT -> promptNumber;
            };
            if ((!number.isEmpty() && number.equals(called))
                    || builtIn.name().toLowerCase(Locale.ROOT).equals(called.toLowerCase(Locale.ROOT))) {
                return Optional.of(builtIn);
            }
        }
        return Optional.empty();
    }

    private static void requirePositive(Duration duration, String name) {
        Objects.requireNonNull(duration, name);
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, not " + duration);
        }
    }
}
