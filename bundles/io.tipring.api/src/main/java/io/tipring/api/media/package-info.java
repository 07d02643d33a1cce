/**
 * Audio as the media path carries it: codecs that turn 16-bit linear PCM into a wire format and back, stream
 * formats that decode audio clients upload (MP3), and resampling between rates.
 * <p>
 * Codecs are services: a codec bundle registers one {@link io.tipring.api.media.Codec} per format, the SIP
 * stack offers every registered codec, and a codec bundle stopped at run time leaves new offers. The media
 * bundle registers {@link io.tipring.api.media.MediaSessions}, which opens the RTP and internal media of call
 * legs as {@link io.tipring.api.media.MediaChannel}s, and {@link io.tipring.api.media.Resamplers}.
 */
@Export
@Version("1.4.0")
package io.tipring.api.media;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
