package io.tipring.api.cdr;

import java.util.EnumSet;
import java.util.Set;

/** The operators of the CDR query language, with the tokens the API uses ({@code $eq}, {@code $gte}, ...). */
public enum FilterOperator {
    EQ("$eq"),
    CONTAINS("$contains"),
    GT("$gt"),
    GTE("$gte"),
    LT("$lt"),
    LTE("$lte"),
    IN("$in");

    /** The operators that compare an ordered value. */
    public static final Set<FilterOperator> COMPARISONS = EnumSet.of(EQ, GT, GTE, LT, LTE);

    private final String token;

    FilterOperator(String token) {
        this.token = token;
    }

    /** @return the operator as the API writes it, e.g. {@code $gte} */
    public String token() {
        return token;
    }

    /**
     * @param token an operator as the API writes it
     * @return the operator, or {@code null} if there is none with that token
     */
    public static FilterOperator byToken(String token) {
        for (FilterOperator op : values()) {
            if (op.token.equals(token)) {
                return op;
            }
        }
        return null;
    }
}
