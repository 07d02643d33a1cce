package io.tipring.media.internal.dtmf.event;

import io.tipring.media.internal.dtmf.DtmfDigit;
import io.tipring.media.internal.dtmf.DtmfListener;
import io.tipring.media.internal.rtp.RtpPacket;
import io.tipring.media.internal.rtp.RtpSequence;
import java.util.Objects;

/**
 * Turns one stream's RFC 4733 telephone-event packets into one {@link DtmfListener} report per key press.
 * <p>
 * A sender repeats itself on purpose: updates with a growing duration while the key is held, then the end
 * packet, usually three times. What ties the packets of one press together is their RTP timestamp, the
 * press's start, so the receiver reports a press when its first end packet arrives and
 * ignores everything else with that timestamp. A press whose start packets were lost is reported all the same
 * at its end; one whose end packets were all lost is reported when the next press begins, with the last
 * duration heard. Packets of presses older than the current one (late or reordered) are ignored.
 * <p>
 * Only DTMF keys (event codes 0-15) are reported; other events (flash, modem tones) pass unnoticed. A packet
 * that packs several events into one payload is read by its first block, the event its timestamp names.
 */
public final class TelephoneEventReceiver {

    private enum State { IDLE, PRESSED, REPORTED }

    private final int clockRate;
    private final DtmfListener listener;
    private State state = State.IDLE;
    private int eventTimestamp;
    private DtmfDigit digit;
    private int duration;

    /**
     * @param clockRate the telephone-event clock rate SDP negotiated, 8000 unless {@code rate} said otherwise
     * @param listener  told about each press, on the calling thread
     * @throws IllegalArgumentException if {@code clockRate} is not positive
     */
    public TelephoneEventReceiver(int clockRate, DtmfListener listener) {
        if (clockRate <= 0) {
            throw new IllegalArgumentException("an RTP clock rate is positive, not " + clockRate);
        }
        this.clockRate = clockRate;
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /**
     * Takes one telephone-event packet of the stream, in arrival order.
     *
     * @param packet a valid RTP packet carrying the negotiated telephone-event payload type; one with a
     *               payload shorter than an event block is ignored
     */
    public void receive(RtpPacket packet) {
        if (packet.payloadLength() < TelephoneEvent.LENGTH) {
            return;
        }
        byte[] payload = packet.data();
        int at = packet.payloadOffset();
        DtmfDigit pressed = DtmfDigit.ofEventCode(TelephoneEvent.event(payload, at));
        if (pressed == null) {
            return;
        }
        int timestamp = packet.timestamp();
        boolean end = TelephoneEvent.isEnd(payload, at);
        int packetDuration = TelephoneEvent.duration(payload, at);
        if (state != State.IDLE && timestamp == eventTimestamp) {
            if (state == State.PRESSED) {
                duration = Math.max(duration, packetDuration);
                if (end) {
                    report();
                }
            }
            return;
        }
        if (state != State.IDLE && !RtpSequence.isTimestampNewer(timestamp, eventTimestamp)) {
            return;
        }
        if (state == State.PRESSED) {
            report();
        }
        state = State.PRESSED;
        eventTimestamp = timestamp;
        digit = pressed;
        duration = packetDuration;
        if (end) {
            report();
        }
    }

    private void report() {
        state = State.REPORTED;
        listener.digit(digit, (int) (duration * 1000L / clockRate));
    }
}
