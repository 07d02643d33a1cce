package io.tipring.websocket.internal;

import io.tipring.api.speech.AsrProvider;
import io.tipring.api.speech.DenoiseProvider;
import io.tipring.api.speech.EouProvider;
import io.tipring.api.speech.SpeechProvider;
import io.tipring.api.speech.TtsProvider;
import io.tipring.api.speech.VadProvider;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.stream.Stream;
import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * The speech providers the registry offers now, by kind: a request naming a provider gets that one, one naming
 * none the highest {@code service.ranking} (then the oldest service). Providers come and go while calls run; a
 * session looks one up per request, so a provider that left is simply not found.
 */
@Component(service = SpeechProviders.class)
public final class SpeechProviders {

    /** A provider with the name and ranking it was registered with. */
    record Entry<T>(String name, int ranking, long serviceId, T provider) {
    }

    private static final Comparator<Entry<?>> PREFERRED = Comparator.<Entry<?>>comparingInt(Entry::ranking)
            .reversed().thenComparingLong(Entry::serviceId);

    private final Kind<TtsProvider> tts = new Kind<>();
    private final Kind<AsrProvider> asr = new Kind<>();
    private final Kind<VadProvider> vad = new Kind<>();
    private final Kind<EouProvider> eou = new Kind<>();
    private final Kind<DenoiseProvider> denoise = new Kind<>();

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "removeTts")
    void addTts(TtsProvider provider, Map<String, Object> properties) {
        tts.add(provider, properties);
    }

    void removeTts(TtsProvider provider, Map<String, Object> properties) {
        tts.remove(properties);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "removeAsr")
    void addAsr(AsrProvider provider, Map<String, Object> properties) {
        asr.add(provider, properties);
    }

    void removeAsr(AsrProvider provider, Map<String, Object> properties) {
        asr.remove(properties);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "removeVad")
    void addVad(VadProvider provider, Map<String, Object> properties) {
        vad.add(provider, properties);
    }

    void removeVad(VadProvider provider, Map<String, Object> properties) {
        vad.remove(properties);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "removeEou")
    void addEou(EouProvider provider, Map<String, Object> properties) {
        eou.add(provider, properties);
    }

    void removeEou(EouProvider provider, Map<String, Object> properties) {
        eou.remove(properties);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "removeDenoise")
    void addDenoise(DenoiseProvider provider, Map<String, Object> properties) {
        denoise.add(provider, properties);
    }

    void removeDenoise(DenoiseProvider provider, Map<String, Object> properties) {
        denoise.remove(properties);
    }

    /** @param name the provider asked for, or empty for the preferred one */
    Optional<Entry<TtsProvider>> tts(String name) {
        return tts.find(name);
    }

    Optional<Entry<AsrProvider>> asr(String name) {
        return asr.find(name);
    }

    Optional<Entry<VadProvider>> vad(String name) {
        return vad.find(name);
    }

    Optional<Entry<EouProvider>> eou(String name) {
        return eou.find(name);
    }

    Optional<Entry<DenoiseProvider>> denoise(String name) {
        return denoise.find(name);
    }

    /** @return whether the provider is still registered (it leaves when its bundle stops) */
    boolean present(Entry<?> entry) {
        return Stream.of(tts, asr, vad, eou, denoise).anyMatch(kind -> kind.entries.get(entry.serviceId()) == entry);
    }

    /** The providers of one kind, by service id. */
    private static final class Kind<T> {

        private final Map<Long, Entry<T>> entries = new ConcurrentSkipListMap<>();

        void add(T provider, Map<String, Object> properties) {
            Object name = properties.get(SpeechProvider.NAME);
            Object ranking = properties.get(Constants.SERVICE_RANKING);
            long id = ((Number) properties.get(Constants.SERVICE_ID)).longValue();
            entries.put(id, new Entry<>(name == null ? "" : name.toString(), ranking(ranking), id, provider));
        }

        /**
         * An operator's {@code service.ranking = 10} in an etc/*.cfg file arrives as text: it counts here as the
         * number it says (the registry itself only orders Integer rankings).
         */
        private static int ranking(Object value) {
            if (value instanceof Integer number) {
                return number;
            }
            if (value instanceof String text) {
                try {
                    return Integer.parseInt(text.strip());
                } catch (NumberFormatException e) {
                    return 0;
                }
            }
            return 0;
        }

        void remove(Map<String, Object> properties) {
            entries.remove(((Number) properties.get(Constants.SERVICE_ID)).longValue());
        }

        Optional<Entry<T>> find(String name) {
            return entries.values().stream()
                    .filter(entry -> name.isEmpty() || entry.name().equalsIgnoreCase(name))
                    .min(PREFERRED);
        }
    }
}
