/**
 * Noise suppression that needs no model, the denoise provider {@code "spectral"}
 * ({@link io.tipring.denoise.spectral.internal.SpectralDenoise}): short-time spectral gain over a noise estimate
 * by minima controlled recursive averaging.
 */
package io.tipring.denoise.spectral.internal;
