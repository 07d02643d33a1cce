/**
 * Call recording: each call leg's two directions written side by side to a stereo WAV file by a virtual thread,
 * fed by the media clock through a bounded ring so that a slow disk never delays media.
 */
package io.tipring.media.internal.record;
