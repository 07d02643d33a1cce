package io.tipring.core.internal.outcome;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tipring.api.cdr.Disposition;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SipFailureOutcomesTest {

    @ParameterizedTest(name = "SIP {0} -> {1} {2}")
    @CsvSource({
        // the mappings the SIP/media issue names
        "486, BUSY, 17",
        "487, CANCEL, 16",
        "404, FAILED, 1",
        "484, FAILED, 28",
        "480, NO_ANSWER, 18",
        "408, NO_ANSWER, 19",
        "603, BUSY, 21",
        "503, FAILED, 34",
        "488, FAILED, 58",
        // the rest of RFC 3398's table, narrowed to the documented causes
        "403, FAILED, 21",
        "407, FAILED, 21",
        "410, FAILED, 1",
        "420, FAILED, 29",
        "500, FAILED, 38",
        "504, FAILED, 102",
        "600, BUSY, 17",
        "604, FAILED, 1",
        "606, FAILED, 58",
        // statuses outside the table fall back by class
        "499, FAILED, 127",
        "580, FAILED, 38",
        "302, FAILED, 127",
        "699, FAILED, 127"
    })
    void mapsAFinalFailureToDispositionAndCause(int status, Disposition disposition, int cause) {
        CallOutcome outcome = SipFailureOutcomes.forStatus(status);
        assertEquals(disposition, outcome.disposition());
        assertEquals(cause, outcome.cause().code());
    }

    @ParameterizedTest
    @ValueSource(ints = {100, 180, 200, 299, 700})
    void refusesWhatIsNotAFinalFailure(int status) {
        assertThrows(IllegalArgumentException.class, () -> SipFailureOutcomes.forStatus(status));
    }
}
