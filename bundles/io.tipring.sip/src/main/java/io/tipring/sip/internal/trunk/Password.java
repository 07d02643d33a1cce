package io.tipring.sip.internal.trunk;

/**
 * A trunk's password, kept out of every {@code toString}: trunks are logged and printed, their passwords never.
 */
public final class Password {

    static final Password NONE = new Password("");

    private final String value;

    public Password(String value) {
        this.value = value == null ? "" : value;
    }

    /** @return the password itself, for the digest computation only */
    public String reveal() {
        return value;
    }

    /** @return whether there is no password */
    public boolean isEmpty() {
        return value.isEmpty();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Password password && password.value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return value.isEmpty() ? "(none)" : "(hidden)";
    }
}
