package io.tipring.core.internal.builtin;

/**
 * The numbers tipring answers itself, as PBXs do (FreeSWITCH's 9196 echo and 9197 milliwatt tone, Asterisk's demo
 * prompt), so that a first call works on a fresh machine without a trunk. Their numbers are configured; their names
 * always work.
 */
public enum BuiltInDestination {
    /** Plays back what the caller sends, one frame later. */
    ECHO,
    /** Plays a continuous test tone. */
    TONE,
    /** Plays a spoken prompt over and over. */
    PROMPT;

    /** @return a new instance of the application that answers this destination */
    public BuiltInApplication newApplication() {
        return switch (this) {
            case ECHO -> new EchoApplication();
            case TONE -> new ToneApplication(ToneApplication.TEST_TONE_HZ, ToneApplication.TEST_TONE_DBFS);
            case PROMPT -> new PromptApplication(PromptApplication.spokenPrompt());
        };
    }

    /** @return the name as dialled and logged, e.g. {@code echo} */
    public String displayName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
