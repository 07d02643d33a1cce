package io.tipring.api.call;

/** Which side placed the call, as the APIs name it ({@code "inbound"} / {@code "outbound"}). */
public enum CallDirection {
    INBOUND("inbound"),
    OUTBOUND("outbound");

    private final String wireName;

    CallDirection(String wireName) {
        this.wireName = wireName;
    }

    /** @return the name the public APIs use */
    public String wireName() {
        return wireName;
    }
}
