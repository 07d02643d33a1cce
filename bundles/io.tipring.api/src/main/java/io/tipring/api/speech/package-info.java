/**
 * Speech providers: the interfaces a vendor implements to put text-to-speech ({@link io.tipring.api.speech.TtsProvider}),
 * speech recognition ({@link io.tipring.api.speech.AsrProvider}), voice activity detection
 * ({@link io.tipring.api.speech.VadProvider}), end-of-utterance decisions ({@link io.tipring.api.speech.EouProvider})
 * and noise suppression ({@link io.tipring.api.speech.DenoiseProvider})
 * into tipring's media path.
 * <p>
 * A provider is a service registered with the {@value io.tipring.api.speech.SpeechProvider#NAME} property, the
 * name API clients put in their options ({@code "provider": "espeak"}). A request naming a provider gets that one;
 * one naming none gets the highest {@code service.ranking} of its kind. Providers come and go at run time: a
 * session holds a provider only for the requests it made, and a provider that leaves fails those with a
 * {@link io.tipring.api.speech.SpeechError}.
 * <p>
 * Threading: every method a provider implements returns quickly. Audio given to a provider
 * ({@link io.tipring.api.speech.Recognition#accept}, {@link io.tipring.api.speech.VoiceDetector#speechProbability},
 * {@link io.tipring.api.speech.NoiseSuppressor#process}) arrives frame by frame, in order, on tipring's speech
 * threads (a pool the size of the machine's cores, off the media clock that paces every call): it must not block
 * there, and copies what it keeps.
 * Results go back through the listener or sink from any thread the provider owns. Errors are values
 * ({@link io.tipring.api.speech.SpeechError}) handed to the listener, never exceptions thrown at the caller.
 */
@Export
@Version("1.1.0")
package io.tipring.api.speech;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
