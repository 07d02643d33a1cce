/**
 * Media channels whatever carries them: the playback queue with marks
 * ({@link io.tipring.media.internal.channel.PlaybackQueue}), the transport-independent channel with its
 * listeners, digits and recordings ({@link io.tipring.media.internal.channel.AudioChannel}), and the local pair
 * that joins two channels back to back on the media clock ({@link io.tipring.media.internal.channel.LocalPair}).
 */
package io.tipring.media.internal.channel;
