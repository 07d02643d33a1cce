/**
 * The checks tipring runs on its speech providers, for a vendor to run on theirs with any test framework: each
 * drives a provider as tipring's media path does (20 ms frames, from a thread that must never be blocked) and
 * throws an {@link java.lang.AssertionError} saying which rule of {@code io.tipring.api.speech} was broken.
 * <ul>
 * <li>{@link io.tipring.testing.speech.TtsCheck}: a synthesis ends exactly once, its audio comes from the
 * provider's threads, nothing arrives after cancel;</li>
 * <li>{@link io.tipring.testing.speech.AsrCheck}: audio fed at real time or faster, results numbered in order,
 * {@code accept} never blocks;</li>
 * <li>{@link io.tipring.testing.speech.VadCheck} and {@link io.tipring.testing.speech.DenoiseCheck}: frame by frame,
 * with the time each frame took;</li>
 * <li>{@link io.tipring.testing.speech.ProviderThreads}: a stopped provider left no thread running;</li>
 * <li>{@link io.tipring.testing.speech.TestAudio}: WAV files, tones and how strong a tone is in audio.</li>
 * </ul>
 */
@Export
@Version("1.0.0")
package io.tipring.testing.speech;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
