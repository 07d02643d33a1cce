package io.tipring.media.internal.dtmf.event;

import io.tipring.media.internal.dtmf.DtmfDigit;
import io.tipring.media.internal.rtp.RtpPacketWriter;
import java.util.Objects;

/**
 * Plays one key press as RFC 4733 telephone-event packets, one packet per 20 ms tick of the media clock: the
 * first with the marker bit, then updates whose duration grows by 20 ms, then the end packet with the final
 * duration, sent three times so that one lost packet does not lose the end. Every packet of the press carries
 * the press's start as its RTP timestamp.
 * <p>
 * The RTP session owns the SSRC and sequence numbers and passes them in for each packet, because
 * telephone-events must share the audio stream's SSRC, sequence space and clock: peers such as baresip drop
 * events sent in a space of their own. While a press is playing, the session sends these packets instead of
 * audio.
 */
public final class TelephoneEventSender {

    /** How many times the end packet is sent, as RFC 4733 recommends. */
    static final int END_PACKETS = 3;
    /** The tone's power in -dBm0 that the far end regenerates; -10 dBm0 is what telephones commonly send. */
    static final int VOLUME = 10;

    private static final int PACKET_MILLIS = 20;

    private final int ticksPerPacket;
    private final int clockRate;
    private final RtpPacketWriter writer = new RtpPacketWriter();
    private final byte[] payload = new byte[TelephoneEvent.LENGTH];
    private DtmfDigit digit;
    private int totalDuration;
    private int sent;
    private int packets;

    /**
     * @param payloadType the telephone-event payload type SDP negotiated (dynamic, commonly 101)
     * @param clockRate   the telephone-event clock rate SDP negotiated, 8000 unless {@code rate} said otherwise
     * @throws IllegalArgumentException if {@code payloadType} is not 0-127 or {@code clockRate} is not a
     *                                  positive multiple of 50 Hz (a whole number of ticks per 20 ms)
     */
    public TelephoneEventSender(int payloadType, int clockRate) {
        if (clockRate <= 0 || clockRate % (1000 / PACKET_MILLIS) != 0) {
            throw new IllegalArgumentException("a telephone-event clock rate is a positive multiple of 50 Hz, not " + clockRate);
        }
        writer.payloadType(payloadType);
        this.clockRate = clockRate;
        this.ticksPerPacket = clockRate * PACKET_MILLIS / 1000;
    }

    /**
     * Begins a press, replacing any press not yet finished.
     *
     * @param digit          the key
     * @param durationMillis how long to hold it
     * @param startTimestamp the RTP timestamp of the press's start: the audio clock's position now
     * @throws IllegalArgumentException if the duration is not positive or too long for the 16-bit duration
     *                                  field at this clock rate (about 8 s at 8000 Hz)
     */
    public void start(DtmfDigit digit, int durationMillis, int startTimestamp) {
        long ticks = (long) durationMillis * clockRate / 1000;
        if (durationMillis <= 0 || ticks > TelephoneEvent.MAX_DURATION) {
            throw new IllegalArgumentException("a telephone-event lasts 1 ms up to "
                    + TelephoneEvent.MAX_DURATION * 1000L / clockRate + " ms at " + clockRate + " Hz, not " + durationMillis);
        }
        this.digit = Objects.requireNonNull(digit, "digit");
        this.totalDuration = (int) Math.max(1, ticks);
        this.packets = (totalDuration + ticksPerPacket - 1) / ticksPerPacket + END_PACKETS - 1;
        this.sent = 0;
        writer.timestamp(startTimestamp);
    }

    /** @return whether the press has packets left to send */
    public boolean hasNext() {
        return sent < packets;
    }

    /**
     * Writes the press's next packet, RTP header included; call once per 20 ms tick while {@link #hasNext()}.
     *
     * @param dest           where the packet goes
     * @param offset         where it starts
     * @param ssrc           the audio stream's SSRC
     * @param sequenceNumber the audio stream's next sequence number
     * @return the packet's length
     * @throws IllegalStateException     if no packet is left
     * @throws IndexOutOfBoundsException if {@code dest} has no room for the packet at {@code offset}
     */
    public int writeNext(byte[] dest, int offset, int ssrc, int sequenceNumber) {
        if (!hasNext()) {
            throw new IllegalStateException("the telephone-event has been sent completely");
        }
        int updates = packets - END_PACKETS;
        boolean end = sent >= updates;
        int duration = end ? totalDuration : (sent + 1) * ticksPerPacket;
        TelephoneEvent.write(payload, 0, digit.eventCode(), end, VOLUME, duration);
        writer.marker(sent == 0).ssrc(ssrc).sequenceNumber(sequenceNumber);
        sent++;
        return writer.write(dest, offset, payload, 0, TelephoneEvent.LENGTH);
    }
}
