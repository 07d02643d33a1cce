/**
 * The call API's speech timing, pure logic on per-frame decisions, clocked by the caller: utterances and the
 * input timeout from VAD probabilities ({@link io.tipring.websocket.internal.speech.SpeechSegmenter}), and
 * answering machine detection by Asterisk's rules
 * ({@link io.tipring.websocket.internal.speech.AnsweringMachineDetector}).
 */
package io.tipring.websocket.internal.speech;
