package io.tipring.api.cdr;

/** The final state of a call, as the Outgoing Call API's CDR names it. */
public enum Disposition {
    ANSWERED("ANSWERED"),
    NO_ANSWER("NO ANSWER"),
    BUSY("BUSY"),
    FAILED("FAILED"),
    CANCEL("CANCEL");

    private final String label;

    Disposition(String label) {
        this.label = label;
    }

    /** @return the label the API shows, e.g. {@code "NO ANSWER"} */
    public String label() {
        return label;
    }

    /**
     * @param label a label as the API shows it
     * @return the disposition with that label
     * @throws IllegalArgumentException if no disposition has that label
     */
    public static Disposition fromLabel(String label) {
        for (Disposition d : values()) {
            if (d.label.equals(label)) {
                return d;
            }
        }
        throw new IllegalArgumentException("unknown disposition '" + label + "'");
    }
}
