/**
 * Speech decisions that need no model: the voice activity detector {@code "energy"}
 * ({@link io.tipring.vad.energy.internal.EnergyVad}, frames judged by level over an adaptive noise floor) and the
 * end-of-utterance provider {@code "timing"} ({@link io.tipring.vad.energy.internal.TimingEou}, a pause long
 * enough, longer after words that promise more).
 */
package io.tipring.vad.energy.internal;
