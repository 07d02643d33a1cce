package io.tipring.cdr.jdbc.internal;

import static java.util.stream.Collectors.joining;

import io.tipring.api.cdr.CdrField;
import io.tipring.api.cdr.CdrFilter;
import io.tipring.api.cdr.CdrQuery;
import io.tipring.api.cdr.CdrSort;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The SQL of one tenant's {@link CdrQuery}: a page of records and the count of all that match. Identifiers come
 * only from {@link CdrTable#column(CdrField)} and every operand is a bound parameter, so nothing a client typed
 * ever becomes SQL text.
 */
final class CdrQuerySql {

    /** The LIKE escape character; not a backslash, which the two databases' string literals treat differently. */
    private static final char LIKE_ESCAPE = '!';

    private final String where;
    private final List<Object> whereParameters;
    private final String orderBy;
    private final CdrQuery query;

    private CdrQuerySql(String where, List<Object> whereParameters, String orderBy, CdrQuery query) {
        this.where = where;
        this.whereParameters = whereParameters;
        this.orderBy = orderBy;
        this.query = query;
    }

    /**
     * @param tenant the tenant whose records are searched
     * @param query  the filters (ANDed), sort keys and page
     * @return the query's SQL
     * @throws IllegalArgumentException if an operand is not of its field's type
     */
    static CdrQuerySql of(String tenant, CdrQuery query) {
        List<Object> parameters = new ArrayList<>();
        parameters.add(tenant);
        StringBuilder where = new StringBuilder("tenant = ?");
        for (CdrFilter filter : query.filters()) {
            where.append(" AND ").append(condition(filter, parameters));
        }
        return new CdrQuerySql(where.toString(), parameters, orderBy(query.sortBy()), query);
    }

    /** @return {@code SELECT COUNT(*)} over the query's conditions */
    SqlStatement count() {
        return new SqlStatement("SELECT COUNT(*) FROM " + CdrTable.NAME + " WHERE " + where, whereParameters);
    }

    /** @return the records of the query's page, in its order */
    SqlStatement page() {
        List<Object> parameters = new ArrayList<>(whereParameters);
        parameters.add(query.offset());
        parameters.add((long) query.limit());
        return new SqlStatement("SELECT " + CdrTable.COLUMNS + " FROM " + CdrTable.NAME + " WHERE " + where
                + " ORDER BY " + orderBy + " OFFSET ? ROWS FETCH NEXT ? ROWS ONLY", parameters);
    }

    private static String condition(CdrFilter filter, List<Object> parameters) {
        CdrField field = filter.field();
        String column = CdrTable.column(field);
        Object operand = filter.operands().getFirst();
        return switch (filter.operator()) {
            case EQ -> column + " = " + bind(field, operand, parameters);
            case GT -> column + " > " + bind(field, operand, parameters);
            case GTE -> column + " >= " + bind(field, operand, parameters);
            case LT -> column + " < " + bind(field, operand, parameters);
            case LTE -> column + " <= " + bind(field, operand, parameters);
            case CONTAINS -> {
                parameters.add("%" + escapeLike(text(field, operand)) + "%");
                yield column + " LIKE ? ESCAPE '" + LIKE_ESCAPE + "'";
            }
            case IN -> column + " IN ("
                    + filter.operands().stream().map(value -> bind(field, value, parameters)).collect(joining(", "))
                    + ")";
        };
    }

    /** Adds the operand as a parameter in the column's representation; returns its placeholder. */
    private static String bind(CdrField field, Object operand, List<Object> parameters) {
        return switch (field.type()) {
            case NUMBER -> {
                parameters.add(number(field, operand));
                // The columns are INTEGER; as BIGINT, an operand beyond their range compares instead of failing.
                yield "CAST(? AS BIGINT)";
            }
            case TIME -> {
                parameters.add(time(field, operand).toEpochMilli());
                yield "?";
            }
            case TEXT -> {
                parameters.add(text(field, operand));
                yield "?";
            }
        };
    }

    private static String orderBy(List<CdrSort> sortBy) {
        List<String> keys = new ArrayList<>();
        for (CdrSort sort : sortBy) {
            keys.add(CdrTable.column(sort.field()) + (sort.ascending() ? " ASC" : " DESC"));
        }
        // Rows that tie on every key would come in any order, and could repeat or vanish between pages.
        if (sortBy.stream().noneMatch(sort -> sort.field() == CdrField.ID)) {
            keys.add(CdrTable.column(CdrField.ID) + " DESC");
        }
        return String.join(", ", keys);
    }

    /** @return the text with LIKE's wildcards and the escape character itself matching literally */
    private static String escapeLike(String text) {
        StringBuilder escaped = new StringBuilder(text.length() + 8);
        for (char c : text.toCharArray()) {
            if (c == '%' || c == '_' || c == LIKE_ESCAPE) {
                escaped.append(LIKE_ESCAPE);
            }
            escaped.append(c);
        }
        return escaped.toString();
    }

    private static long number(CdrField field, Object operand) {
        if (operand instanceof Long || operand instanceof Integer) {
            return ((Number) operand).longValue();
        }
        throw wrongType(field, "a whole number", operand);
    }

    private static Instant time(CdrField field, Object operand) {
        if (operand instanceof Instant instant) {
            return instant;
        }
        throw wrongType(field, "an Instant", operand);
    }

    private static String text(CdrField field, Object operand) {
        if (operand instanceof String text) {
            return text;
        }
        throw wrongType(field, "text", operand);
    }

    private static IllegalArgumentException wrongType(CdrField field, String expected, Object operand) {
        return new IllegalArgumentException(field.apiName() + " takes " + expected + ", not "
                + operand.getClass().getSimpleName() + " " + operand);
    }
}
