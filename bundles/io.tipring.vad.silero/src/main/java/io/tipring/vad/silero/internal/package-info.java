/**
 * The voice activity detector {@code "silero"} ({@link io.tipring.vad.silero.internal.SileroVad}): the Silero VAD
 * v5 model run through ONNX Runtime, whose classes and linux-x64 natives this bundle embeds, private to it.
 */
package io.tipring.vad.silero.internal;
