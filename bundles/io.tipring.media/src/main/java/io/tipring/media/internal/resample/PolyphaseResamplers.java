package io.tipring.media.internal.resample;

import io.tipring.api.media.Resampler;
import io.tipring.api.media.Resamplers;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.osgi.service.component.annotations.Component;

/**
 * The {@link Resamplers} service: polyphase FIR resamplers between any two rates of 8 to 48 kHz.
 * <p>
 * The filter of each pair of rates is designed once and shared by every stream between them. Pairs of the
 * rates audio comes at (8, 11.025, 12, 16, 22.05, 24, 32, 44.1, 48 kHz) need at most some 26 000 coefficients
 * (100 KiB); pairs of unusual rates can need far more, with a phase for each output sample of their least common
 * multiple, so filters above {@link #MAX_SHARED_COEFFICIENTS} are built for their stream alone rather than kept.
 */
@Component(service = Resamplers.class)
public final class PolyphaseResamplers implements Resamplers {

    static final int MIN_RATE = 8_000;
    static final int MAX_RATE = 48_000;
    private static final int MAX_SHARED_COEFFICIENTS = 1 << 18;

    private final Map<Long, PolyphaseFilter> filters = new ConcurrentHashMap<>();

    @Override
    public Resampler create(int fromRate, int toRate) {
        requireRate("fromRate", fromRate);
        requireRate("toRate", toRate);
        if (fromRate == toRate) {
            return new CopyResampler(fromRate);
        }
        Long pair = (long) fromRate << 32 | toRate;
        PolyphaseFilter filter = filters.get(pair);
        if (filter == null) {
            filter = PolyphaseFilter.design(fromRate, toRate);
            if (filter.size() <= MAX_SHARED_COEFFICIENTS) {
                filters.putIfAbsent(pair, filter);
            }
        }
        return new PolyphaseResampler(filter);
    }

    private static void requireRate(String name, int rate) {
        if (rate < MIN_RATE || rate > MAX_RATE) {
            throw new IllegalArgumentException(name + " must be from " + MIN_RATE + " to " + MAX_RATE + " Hz: " + rate);
        }
    }
}
