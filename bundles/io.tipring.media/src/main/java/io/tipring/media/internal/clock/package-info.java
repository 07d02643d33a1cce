/**
 * The media clock: one platform thread that ticks every 20 ms on an absolute schedule and drives every call's
 * per-frame work (playing out received audio, sending the next frame), plus the lateness figures a benchmark
 * reports about it. Nothing here allocates per tick.
 */
package io.tipring.media.internal.clock;
