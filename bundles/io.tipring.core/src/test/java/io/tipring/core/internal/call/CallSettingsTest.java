package io.tipring.core.internal.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tipring.core.internal.builtin.BuiltInDestination;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CallSettingsTest {

    private static final Path DATA = Path.of("/srv/tipring/data");

    @Test
    void theDefaultsAreTheDocumentedOnes() {
        CallSettings settings = CallSettings.of(Configs.config(), DATA);
        assertEquals(Duration.ofSeconds(60), settings.ringTimeout());
        assertEquals(InboundAnswer.IMMEDIATE, settings.inboundAnswer());
        assertEquals(Duration.ofSeconds(20), settings.inboundWait());
        assertEquals("default", settings.inboundTenant());
        assertFalse(settings.recordCalls());
        assertEquals(DATA.resolve("recordings"), settings.recordingsDir());
        assertEquals("9196", settings.echoNumber());
        assertEquals("9197", settings.toneNumber());
    }

    @Test
    void configuredValuesAreTrimmedAndParsed() {
        CallSettings settings = CallSettings.of(Configs.config("ringTimeoutSeconds", 30, "inboundAnswer", " Application ",
                "inboundTenant", " support ", "recordCalls", true, "recordingsDir", "/var/rec"), DATA);
        assertEquals(Duration.ofSeconds(30), settings.ringTimeout());
        assertEquals(InboundAnswer.APPLICATION, settings.inboundAnswer());
        assertEquals("support", settings.inboundTenant());
        assertTrue(settings.recordCalls());
        assertEquals(Path.of("/var/rec"), settings.recordingsDir());
    }

    @Test
    void invalidValuesAreRefusedWithTheirName() {
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> CallSettings.of(Configs.config("inboundAnswer", "never"), DATA)).getMessage()
                .contains("inboundAnswer"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> CallSettings.of(Configs.config("ringTimeoutSeconds", 0), DATA)).getMessage()
                .contains("ringTimeout"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> CallSettings.of(Configs.config("inboundTenant", " "), DATA)).getMessage()
                .contains("inboundTenant"));
    }

    @Test
    void builtInDestinationsAnswerToTheirNumberAndName() {
        CallSettings settings = CallSettings.of(Configs.config(), DATA);
        assertEquals(Optional.of(BuiltInDestination.ECHO), settings.builtInFor("9196"));
        assertEquals(Optional.of(BuiltInDestination.ECHO), settings.builtInFor("Echo"));
        assertEquals(Optional.of(BuiltInDestination.TONE), settings.builtInFor(" 9197 "));
        assertEquals(Optional.of(BuiltInDestination.TONE), settings.builtInFor("tone"));
        assertEquals(Optional.of(BuiltInDestination.PROMPT), settings.builtInFor("9198"));
        assertEquals(Optional.of(BuiltInDestination.PROMPT), settings.builtInFor("PROMPT"));
        assertEquals(Optional.empty(), settings.builtInFor("9199"));
        assertEquals(Optional.empty(), settings.builtInFor("+629196"));
    }

    @Test
    void anEmptyNumberLeavesOnlyTheName() {
        CallSettings settings = CallSettings.of(Configs.config("echoNumber", ""), DATA);
        assertEquals(Optional.empty(), settings.builtInFor("9196"));
        assertEquals(Optional.empty(), settings.builtInFor(""));
        assertEquals(Optional.of(BuiltInDestination.ECHO), settings.builtInFor("echo"));
    }
}
