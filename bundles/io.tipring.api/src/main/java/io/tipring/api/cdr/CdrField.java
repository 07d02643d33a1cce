package io.tipring.api.cdr;

import java.util.EnumSet;
import java.util.Set;

/**
 * The fields of a call-detail record that a query may filter or sort on, with the names the API uses and the
 * operators each one accepts.
 */
public enum CdrField {
    ID("id", Type.NUMBER, EnumSet.noneOf(FilterOperator.class)),
    SESSION_ID("sessionId", Type.TEXT, EnumSet.of(FilterOperator.EQ, FilterOperator.IN)),
    DESTINATION("destination", Type.TEXT, EnumSet.of(FilterOperator.EQ, FilterOperator.CONTAINS)),
    START_TIME("startTime", Type.TIME, FilterOperator.COMPARISONS),
    ANSWER_TIME("answerTime", Type.TIME, FilterOperator.COMPARISONS),
    END_TIME("endTime", Type.TIME, FilterOperator.COMPARISONS),
    DURATION("duration", Type.NUMBER, FilterOperator.COMPARISONS),
    BILLABLE_SECONDS("billableSeconds", Type.NUMBER, FilterOperator.COMPARISONS),
    DISPOSITION("disposition", Type.TEXT, EnumSet.of(FilterOperator.EQ, FilterOperator.IN)),
    HANGUP_BY("hangupBy", Type.TEXT, EnumSet.of(FilterOperator.EQ, FilterOperator.IN)),
    HANGUP_CAUSE_CODE("hangupCauseCode", Type.NUMBER, EnumSet.of(FilterOperator.EQ, FilterOperator.IN)),
    CREATED_AT("createdAt", Type.TIME, FilterOperator.COMPARISONS),
    UPDATED_AT("updatedAt", Type.TIME, FilterOperator.COMPARISONS);

    /** How a field's operands are read. */
    public enum Type {
        /** a whole number */
        NUMBER,
        /** text, compared exactly (or by substring for {@code $contains}) */
        TEXT,
        /** an ISO-8601 instant such as {@code 2025-07-23T03:37:56.000Z} */
        TIME
    }

    private final String apiName;
    private final Type type;
    private final Set<FilterOperator> operators;

    CdrField(String apiName, Type type, Set<FilterOperator> operators) {
        this.apiName = apiName;
        this.type = type;
        this.operators = Set.copyOf(operators);
    }

    /** @return the field's name in the API, e.g. {@code billableSeconds} */
    public String apiName() {
        return apiName;
    }

    /** @return how the field's operands are read */
    public Type type() {
        return type;
    }

    /** @return the filter operators this field accepts; empty when it cannot be filtered */
    public Set<FilterOperator> operators() {
        return operators;
    }

    /**
     * @param apiName a field name as the API spells it
     * @return the field, or {@code null} if there is none by that name
     */
    public static CdrField byApiName(String apiName) {
        for (CdrField f : values()) {
            if (f.apiName.equals(apiName)) {
                return f;
            }
        }
        return null;
    }
}
