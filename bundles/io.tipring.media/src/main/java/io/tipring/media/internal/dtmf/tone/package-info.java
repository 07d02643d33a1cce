/**
 * In-band DTMF: recognising key presses from the tones themselves in decoded audio, for peers that send DTMF
 * as sound rather than as RFC 4733 events. Goertzel filters measure the eight DTMF frequencies (and their
 * second harmonics) in 20 ms blocks, each block is classified by the usual receiver checks, and a debouncer
 * turns the run of classified blocks into one report per key press.
 */
package io.tipring.media.internal.dtmf.tone;
