/**
 * Sample-rate conversion of mono 16-bit PCM: the {@link io.tipring.api.media.Resamplers} service
 * ({@link io.tipring.media.internal.resample.PolyphaseResamplers}), which converts between any two rates of 8 to
 * 48 kHz with a polyphase FIR filter ({@link io.tipring.media.internal.resample.PolyphaseResampler}) designed from
 * a Kaiser-windowed sinc ({@link io.tipring.media.internal.resample.PolyphaseFilter}).
 */
package io.tipring.media.internal.resample;
