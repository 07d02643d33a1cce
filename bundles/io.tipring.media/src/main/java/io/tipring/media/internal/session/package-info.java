/**
 * One call leg's RTP: the UDP port it owns ({@link io.tipring.media.internal.session.PortRange}), the one
 * thread that reads every session's datagrams ({@link io.tipring.media.internal.session.RtpReceiver}), and the
 * session that joins the jitter buffer, the codec and DTMF to its channel on each tick of the media clock
 * ({@link io.tipring.media.internal.session.RtpSession}, opened by
 * {@link io.tipring.media.internal.session.RtpSessions}).
 */
package io.tipring.media.internal.session;
