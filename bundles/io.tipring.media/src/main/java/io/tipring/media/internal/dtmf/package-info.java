/**
 * DTMF digits, the vocabulary shared by the two ways a digit reaches tipring: RFC 4733 telephone-events in
 * their own RTP packets ({@code dtmf.event}) and tones inside the audio ({@code dtmf.tone}). Both report a
 * digit once, with its duration, to a {@link io.tipring.media.internal.dtmf.DtmfListener}.
 */
package io.tipring.media.internal.dtmf;
