/**
 * Opus for RTP (RFC 7587) on concentus, a pure-Java port of libopus: the {@link io.tipring.api.media.Codec}
 * service {@code "opus"} ({@link io.tipring.codec.opus.internal.OpusCodec}), configured by
 * {@code etc/io.tipring.codec.opus.cfg}.
 */
package io.tipring.codec.opus.internal;
