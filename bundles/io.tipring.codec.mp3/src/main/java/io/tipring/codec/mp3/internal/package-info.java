/**
 * MP3 as clients upload it: the {@link io.tipring.api.media.StreamFormat} service {@code mp3}
 * ({@link io.tipring.codec.mp3.internal.Mp3Format}), whose decoders find the frames in a byte stream cut anywhere
 * ({@link io.tipring.codec.mp3.internal.FrameScanner}), decode them with JLayer, mix them to mono, trim the
 * encoder's padding, and resample them to the rate asked for.
 */
package io.tipring.codec.mp3.internal;
