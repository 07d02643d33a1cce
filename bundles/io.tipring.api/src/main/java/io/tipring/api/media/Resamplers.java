package io.tipring.api.media;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Makes {@link Resampler}s; the media bundle registers one as a service, so every bundle that meets audio at
 * another rate (codecs, decoders of uploaded audio, speech providers) converts it the same way.
 */
@ProviderType
public interface Resamplers {

    /**
     * @param fromRate the rate of the input, in Hz (8000 to 48000, e.g. 44100 for an MP3 file)
     * @param toRate   the rate wanted, in Hz (8000 to 48000)
     * @return a new resampler for one stream; when the two rates are equal it copies
     * @throws IllegalArgumentException if a rate is outside 8000 to 48000
     */
    Resampler create(int fromRate, int toRate);
}
