/**
 * Speech recognition with pocketsphinx, the {@link io.tipring.api.speech.AsrProvider} named {@code pocketsphinx}
 * ({@link io.tipring.asr.pocketsphinx.internal.PocketsphinxAsr}): Debian's libpocketsphinx3 called in-process
 * through JNA ({@link io.tipring.asr.pocketsphinx.internal.Libpocketsphinx}). Each recognition queues the call's
 * audio ({@link io.tipring.api.speech.AudioQueue}) for a decoder thread of its own
 * ({@link io.tipring.asr.pocketsphinx.internal.SphinxRecognition}), which borrows a loaded decoder
 * ({@link io.tipring.asr.pocketsphinx.internal.Decoder}) from a small pool
 * ({@link io.tipring.asr.pocketsphinx.internal.DecoderPool}).
 */
package io.tipring.asr.pocketsphinx.internal;
