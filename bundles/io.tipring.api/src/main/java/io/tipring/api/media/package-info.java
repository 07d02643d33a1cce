/**
 * Audio as the media path carries it: codecs that turn 16-bit linear PCM into a wire format and back.
 * <p>
 * Codecs are services: a codec bundle registers one {@link io.tipring.api.media.Codec} per format, the SIP
 * stack offers every registered codec, and a codec bundle stopped at run time leaves new offers.
 */
@Export
@Version("1.0.0")
package io.tipring.api.media;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
