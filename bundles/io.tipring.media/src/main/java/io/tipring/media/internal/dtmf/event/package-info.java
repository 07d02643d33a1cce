/**
 * DTMF as RFC 4733 telephone-events: the 4-byte event payload, a receiver that turns the redundant stream of
 * event packets into one report per key press, and a sender that turns a key press into the packets to send
 * every 20 ms. Telephone-events travel in the audio stream's RTP session, with its SSRC, sequence numbers and
 * clock; the RTP session demultiplexes them by their negotiated payload type.
 */
package io.tipring.media.internal.dtmf.event;
