package io.tipring.websocket.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tipring.api.speech.SpeechProvider;
import io.tipring.api.speech.TtsProvider;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Constants;

/** A request naming a provider gets it; one naming none gets the highest ranking, then the oldest service. */
class SpeechProvidersTest {

    private final SpeechProviders providers = new SpeechProviders();
    private final TtsProvider espeak = (request, sink) -> () -> { };
    private final TtsProvider vendor = (request, sink) -> () -> { };
    private final TtsProvider cloud = (request, sink) -> () -> { };

    @Test
    void byNameElseByRankingThenAge() {
        providers.addTts(espeak, properties("espeak", 1, null));
        providers.addTts(cloud, properties("tencent", 2, -100));
        providers.addTts(vendor, properties("morse", 3, null));

        assertEquals("espeak", providers.tts("").orElseThrow().name(), "equal rankings: the oldest");
        assertEquals("tencent", providers.tts("TENCENT").orElseThrow().name(), "names ignore case");
        assertTrue(providers.tts("aliyun").isEmpty());
    }

    @Test
    void aRankingWrittenAsTextInAConfigurationFileCounts() {
        providers.addTts(espeak, properties("espeak", 1, null));
        providers.addTts(vendor, properties("morse", 3, "10"));
        providers.addTts(cloud, properties("tencent", 2, " -100 "));

        assertEquals("morse", providers.tts("").orElseThrow().name());
    }

    @Test
    void aProviderThatLeftIsNoLongerPresent() {
        Map<String, Object> morse = properties("morse", 3, 10);
        providers.addTts(vendor, morse);
        SpeechProviders.Entry<TtsProvider> held = providers.tts("morse").orElseThrow();

        providers.removeTts(vendor, morse);

        assertFalse(providers.present(held));
        assertTrue(providers.tts("morse").isEmpty());
    }

    private static Map<String, Object> properties(String name, long serviceId, Object ranking) {
        return ranking == null ? Map.of(SpeechProvider.NAME, name, Constants.SERVICE_ID, serviceId)
                : Map.of(SpeechProvider.NAME, name, Constants.SERVICE_ID, serviceId, Constants.SERVICE_RANKING, ranking);
    }
}
