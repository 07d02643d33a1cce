package io.tipring.core.internal.call;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tipring.api.cdr.Disposition;
import io.tipring.api.cdr.HangupBy;
import io.tipring.api.cdr.HangupCause;
import io.tipring.api.leg.LegEnding;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The whole table from a leg's ending, whether the call was answered, and tipring's reason, to the outcome. */
class TerminationsTest {

    static Stream<Arguments> endings() {
        return Stream.of(
                row(new LegEnding.Rejected(486, "Busy"), false, null, Disposition.BUSY, HangupBy.CALLEE, 17),
                row(new LegEnding.Rejected(404, "Not Found"), false, null, Disposition.FAILED, HangupBy.CALLEE, 1),
                row(new LegEnding.Rejected(603, "Decline"), false, null, Disposition.BUSY, HangupBy.CALLEE, 21),
                row(new LegEnding.Rejected(487, "Terminated"), false, null, Disposition.CANCEL, HangupBy.CALLEE, 16),
                row(new LegEnding.Rejected(487, "Terminated"), false, HangupReason.RING_TIMEOUT, Disposition.NO_ANSWER,
                        HangupBy.CALLER, 19),
                row(new LegEnding.Rejected(486, "Busy"), false, HangupReason.APPLICATION, Disposition.BUSY,
                        HangupBy.CALLEE, 17),
                row(new LegEnding.Rejected(200, "OK?"), false, null, Disposition.FAILED, HangupBy.CALLEE, 127),
                row(new LegEnding.RemoteHangup(), true, null, Disposition.ANSWERED, HangupBy.CALLEE, 16),
                row(new LegEnding.RemoteHangup(), false, null, Disposition.CANCEL, HangupBy.CALLEE, 16),
                row(new LegEnding.RemoteHangup(), true, HangupReason.APPLICATION, Disposition.ANSWERED,
                        HangupBy.CALLEE, 16),
                row(new LegEnding.LocalHangup(), true, HangupReason.APPLICATION, Disposition.ANSWERED,
                        HangupBy.CALLER, 16),
                row(new LegEnding.LocalHangup(), false, HangupReason.APPLICATION, Disposition.CANCEL, HangupBy.CALLER,
                        16),
                row(new LegEnding.LocalHangup(), false, null, Disposition.CANCEL, HangupBy.CALLER, 16),
                row(new LegEnding.LocalHangup(), false, HangupReason.RING_TIMEOUT, Disposition.NO_ANSWER,
                        HangupBy.CALLER, 19),
                row(new LegEnding.LocalHangup(), true, HangupReason.RING_TIMEOUT, Disposition.ANSWERED,
                        HangupBy.CALLER, 16),
                row(new LegEnding.LocalHangup(), false, HangupReason.NOT_TAKEN, Disposition.NO_ANSWER,
                        HangupBy.CALLER, 19),
                row(new LegEnding.LocalHangup(), true, HangupReason.MEDIA_INACTIVE, Disposition.ANSWERED,
                        HangupBy.CALLER, 102),
                row(new LegEnding.LocalHangup(), true, HangupReason.SHUTDOWN, Disposition.ANSWERED, HangupBy.CALLER,
                        16),
                row(new LegEnding.LocalHangup(), false, HangupReason.SHUTDOWN, Disposition.CANCEL, HangupBy.CALLER,
                        16),
                row(new LegEnding.NoResponse(), false, null, Disposition.FAILED, HangupBy.CALLER, 102),
                row(new LegEnding.NoResponse(), false, HangupReason.APPLICATION, Disposition.CANCEL, HangupBy.CALLER,
                        16),
                row(new LegEnding.TransportFailure("refused"), false, null, Disposition.FAILED, HangupBy.CALLER, 38),
                row(new LegEnding.TransportFailure("reset"), true, null, Disposition.ANSWERED, HangupBy.CALLER, 38));
    }

    @ParameterizedTest(name = "{0}, answered {1}, asked {2} -> {3} by {4}, cause {5}")
    @MethodSource("endings")
    void mapsEveryEnding(LegEnding ending, boolean answered, HangupReason requested, Disposition disposition,
            HangupBy by, int cause) {
        assertEquals(new Termination(disposition, by, HangupCause.ofCode(cause)),
                Terminations.of(ending, answered, requested));
    }

    static Stream<Arguments> refusals() {
        return Stream.of(
                Arguments.of(new LegEnding.LocalHangup(), false, 486, Disposition.BUSY, HangupBy.CALLER, 17),
                Arguments.of(new LegEnding.LocalHangup(), false, 603, Disposition.BUSY, HangupBy.CALLER, 21),
                Arguments.of(new LegEnding.LocalHangup(), false, 404, Disposition.FAILED, HangupBy.CALLER, 1),
                Arguments.of(new LegEnding.TransportFailure("stopped"), false, 486, Disposition.BUSY,
                        HangupBy.CALLER, 17),
                Arguments.of(new LegEnding.NoResponse(), false, 480, Disposition.NO_ANSWER, HangupBy.CALLER, 18),
                Arguments.of(new LegEnding.RemoteHangup(), false, 486, Disposition.CANCEL, HangupBy.CALLEE, 16),
                Arguments.of(new LegEnding.LocalHangup(), true, 486, Disposition.ANSWERED, HangupBy.CALLER, 16));
    }

    @ParameterizedTest(name = "{0}, answered {1}, refused with {2} -> {3} by {4}, cause {5}")
    @MethodSource("refusals")
    void aRefusalIsStatedWhereOurReasonWouldBe(LegEnding ending, boolean answered, int status,
            Disposition disposition, HangupBy by, int cause) {
        assertEquals(new Termination(disposition, by, HangupCause.ofCode(cause)),
                Terminations.ofRefusal(ending, answered, status));
    }

    private static Arguments row(LegEnding ending, boolean answered, HangupReason requested, Disposition disposition,
            HangupBy by, int cause) {
        return Arguments.of(ending, answered, requested, disposition, by, cause);
    }
}
