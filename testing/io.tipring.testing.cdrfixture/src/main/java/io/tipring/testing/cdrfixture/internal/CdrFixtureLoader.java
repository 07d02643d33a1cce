package io.tipring.testing.cdrfixture.internal;

import io.tipring.api.call.CallDirection;
import io.tipring.api.call.SessionId;
import io.tipring.api.cdr.CallDetailRecord;
import io.tipring.api.cdr.CdrStore;
import io.tipring.api.cdr.Disposition;
import io.tipring.api.cdr.HangupBy;
import io.tipring.api.cdr.HangupCause;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Writes the records of a fixture file through {@link CdrStore}, the way the call engine does: each record
 * is created as a started call, then completed as ended. Then it writes {@code <file>.done} with the session
 * ids, one a line, so the test knows when the records are in and what they were called. When the bundle
 * stops (its jar removed from {@code deploy/}), it writes {@code <file>.stopped}.
 * <p>
 * The file has one record a line, fields separated by {@code |}:
 * {@code tenant|destination|startTime|answerTime or -|endTime|disposition|hangupBy or -|causeCode}.
 */
@Component(configurationPid = "io.tipring.testing.cdrfixture", configurationPolicy = ConfigurationPolicy.REQUIRE)
public final class CdrFixtureLoader {

    @ObjectClassDefinition(name = "tipring CDR fixture")
    public @interface Config {
        /** The fixture file to load. */
        String file();
    }

    private final Path file;

    @Activate
    public CdrFixtureLoader(@Reference CdrStore store, Config config) {
        file = Path.of(config.file());
        try {
            StringBuilder ids = new StringBuilder();
            for (String line : Files.readAllLines(file)) {
                if (!line.isBlank()) {
                    ids.append(load(store, line.split("\\|", -1)).sessionId()).append('\n');
                }
            }
            Files.writeString(file.resolveSibling(file.getFileName() + ".done"), ids);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Deactivate
    void stopped() throws IOException {
        Files.writeString(file.resolveSibling(file.getFileName() + ".stopped"), "");
    }

    private static CallDetailRecord load(CdrStore store, String[] f) {
        List<String> fields = List.of(f);
        if (fields.size() != 8) {
            throw new IllegalArgumentException("expected 8 fields, got " + fields);
        }
        CallDetailRecord started = store.create(CallDetailRecord.started(SessionId.random(), fields.get(0),
                CallDirection.OUTBOUND, fields.get(1), Instant.parse(fields.get(2))));
        return store.update(started.ended(
                fields.get(3).equals("-") ? null : Instant.parse(fields.get(3)),
                Instant.parse(fields.get(4)),
                Disposition.fromLabel(fields.get(5)),
                fields.get(6).equals("-") ? null : HangupBy.valueOf(fields.get(6)),
                HangupCause.ofCode(Integer.parseInt(fields.get(7)))));
    }
}
