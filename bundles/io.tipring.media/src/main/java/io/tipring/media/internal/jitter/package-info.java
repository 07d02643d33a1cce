/**
 * The receive side's jitter buffer: it takes one stream's 20 ms frames as the network delivers them (late,
 * early, out of order, twice, or never) and gives the media clock one frame per tick in sequence order, or
 * says that the frame is missing so that the decoder conceals it. Its depth follows the measured jitter.
 */
package io.tipring.media.internal.jitter;
