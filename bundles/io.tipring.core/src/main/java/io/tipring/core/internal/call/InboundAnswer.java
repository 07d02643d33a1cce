package io.tipring.core.internal.call;

import java.util.Locale;

/** Who answers an inbound call that is not for a built-in destination. */
public enum InboundAnswer {
    /** tipring answers at once; applications join the call already connected. */
    IMMEDIATE,
    /** An application answers through {@link io.tipring.api.call.Call#answer()}, or nobody does. */
    APPLICATION;

    /**
     * @param text the configured value, {@code immediate} or {@code application}, in any case
     * @return the choice
     * @throws IllegalArgumentException for any other value
     */
    public static InboundAnswer parse(String text) {
        String value = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        return switch (value) {
            case "immediate" -> IMMEDIATE;
            case "application" -> APPLICATION;
            default -> throw new IllegalArgumentException(
                    "inboundAnswer is 'immediate' or 'application', not '" + text + "'");
        };
    }
}
