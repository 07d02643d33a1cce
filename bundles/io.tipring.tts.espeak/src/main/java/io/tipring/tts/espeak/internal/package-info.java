/**
 * Text to speech with espeak-ng, the {@link io.tipring.api.speech.TtsProvider} named {@code espeak}
 * ({@link io.tipring.tts.espeak.internal.EspeakTtsProvider}): one espeak-ng process per request, fed the text on
 * its standard input, whose WAV output is read as it comes ({@link io.tipring.tts.espeak.internal.WavStream}),
 * resampled and handed on in pieces of 20 to 70 ms ({@link io.tipring.tts.espeak.internal.EspeakSynthesis}).
 */
package io.tipring.tts.espeak.internal;
