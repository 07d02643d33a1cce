package io.tipring.api.speech;

/** What every speech provider service shares: the service property that names it. */
public final class SpeechProvider {

    /**
     * The service property holding a provider's name, as API clients write it ({@code "espeak"},
     * {@code "pocketsphinx"}, {@code "tencent"}); a component sets it with
     * {@code @Component(property = "tipring.speech.provider=espeak")}.
     */
    public static final String NAME = "tipring.speech.provider";

    private SpeechProvider() {
    }
}
