package io.tipring.console.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tipring.api.status.StatusReport;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatusCommandTest {

    @Test
    void rendersAnAlignedTableNamingWhatIsBroken() {
        StatusReport report = new StatusReport("0.1.0", Instant.parse("2026-01-02T03:04:05Z"),
                Duration.ofSeconds(90061), List.of("io.tipring.rest 0.1.0 (RESOLVED)"), List.of());
        assertEquals("""
                Item            | Value
                --------------- | --------------------------------
                Status          | DEGRADED
                Version         | 0.1.0
                Started         | 2026-01-02T03:04:05Z
                Uptime          | 1d 01h 01m 01s
                Inactive bundle | io.tipring.rest 0.1.0 (RESOLVED)
                """, StatusCommand.render(report));
    }
}
