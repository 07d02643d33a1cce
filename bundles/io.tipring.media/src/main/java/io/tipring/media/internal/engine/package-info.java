/**
 * The media engine as a service: the Declarative Services component that owns the media clock and the RTP
 * receiver and opens the RTP endpoints and local pairs of call legs
 * ({@link io.tipring.media.internal.engine.MediaEngine}), configured by
 * {@link io.tipring.media.internal.engine.MediaConfig}.
 */
package io.tipring.media.internal.engine;
