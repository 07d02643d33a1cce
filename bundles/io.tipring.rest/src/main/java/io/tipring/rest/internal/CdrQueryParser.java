package io.tipring.rest.internal;

import io.tipring.api.cdr.CdrField;
import io.tipring.api.cdr.CdrFilter;
import io.tipring.api.cdr.CdrQuery;
import io.tipring.api.cdr.CdrSort;
import io.tipring.api.cdr.Disposition;
import io.tipring.api.cdr.FilterOperator;
import io.tipring.api.cdr.HangupBy;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads the Outgoing Call API's CDR query string: {@code page}, {@code limit}, {@code sortBy=field:ASC|DESC}
 * (repeatable) and {@code filter.<field>=<$op>:<value>} (repeatable; every filter must hold). A filter
 * without an operator means {@code $eq}; {@code $in} takes comma-separated values. Anything it cannot read
 * is an {@link ApiException} with status 400 that names the parameter and the problem.
 */
final class CdrQueryParser {

    private static final String FILTER_PREFIX = "filter.";

    private CdrQueryParser() {
    }

    static CdrQuery parse(Map<String, List<String>> parameters) {
        int page = wholeNumber(parameters, "page", 1);
        int limit = wholeNumber(parameters, "limit", CdrQuery.DEFAULT_LIMIT);
        if (page < 1) {
            throw ApiException.badRequest("page must be 1 or more");
        }
        if (limit < 1 || limit > CdrQuery.MAX_LIMIT) {
            throw ApiException.badRequest("limit must be between 1 and " + CdrQuery.MAX_LIMIT);
        }
        List<CdrFilter> filters = new ArrayList<>();
        List<CdrSort> sorts = new ArrayList<>();
        for (Map.Entry<String, List<String>> parameter : parameters.entrySet()) {
            String name = parameter.getKey();
            if (name.startsWith(FILTER_PREFIX)) {
                CdrField field = filterField(name.substring(FILTER_PREFIX.length()));
                for (String value : parameter.getValue()) {
                    filters.add(filter(field, value));
                }
            } else if (name.equals("sortBy")) {
                for (String value : parameter.getValue()) {
                    sorts.add(sort(value));
                }
            }
        }
        return new CdrQuery(page, limit, filters, sorts);
    }

    private static int wholeNumber(Map<String, List<String>> parameters, String name, int fallback) {
        List<String> values = parameters.get(name);
        if (values == null || values.isEmpty()) {
            return fallback;
        }
        if (values.size() > 1) {
            throw ApiException.badRequest(name + " is given more than once");
        }
        try {
            return Integer.parseInt(values.get(0).strip());
        } catch (NumberFormatException e) {
            throw ApiException.badRequest(name + " must be a whole number, not '" + values.get(0) + "'");
        }
    }

    private static CdrField filterField(String name) {
        CdrField field = CdrField.byApiName(name);
        if (field == null || field.operators().isEmpty()) {
            throw ApiException.badRequest("filter." + name + " is not a filterable field; filterable fields are "
                    + Arrays.stream(CdrField.values()).filter(f -> !f.operators().isEmpty())
                            .map(CdrField::apiName).collect(Collectors.joining(", ")));
        }
        return field;
    }

    private static CdrFilter filter(CdrField field, String expression) {
        String parameter = FILTER_PREFIX + field.apiName();
        FilterOperator operator = FilterOperator.EQ;
        String operand = expression;
        if (expression.startsWith("$")) {
            int colon = expression.indexOf(':');
            String token = colon < 0 ? expression : expression.substring(0, colon);
            operator = FilterOperator.byToken(token);
            if (operator == null) {
                throw ApiException.badRequest(parameter + ": unknown operator " + token);
            }
            if (colon < 0) {
                throw ApiException.badRequest(parameter + ": " + token + " needs a value, as in " + token + ":value");
            }
            operand = expression.substring(colon + 1);
        }
        if (!field.operators().contains(operator)) {
            throw ApiException.badRequest(parameter + " does not accept " + operator.token() + "; it accepts "
                    + field.operators().stream().map(FilterOperator::token).sorted().collect(Collectors.joining(", ")));
        }
        List<String> texts = operator == FilterOperator.IN ? List.of(operand.split(",", -1)) : List.of(operand);
        List<Object> operands = new ArrayList<>(texts.size());
        for (String text : texts) {
            operands.add(operand(field, parameter, text));
        }
        return new CdrFilter(field, operator, operands);
    }

    private static Object operand(CdrField field, String parameter, String text) {
        if (text.isEmpty()) {
            throw ApiException.badRequest(parameter + ": empty value");
        }
        return switch (field.type()) {
            case NUMBER -> {
                try {
                    yield Long.parseLong(text.strip());
                } catch (NumberFormatException e) {
                    throw ApiException.badRequest(parameter + ": '" + text + "' is not a whole number");
                }
            }
            case TIME -> {
                try {
                    yield Instant.parse(text.strip());
                } catch (DateTimeParseException e) {
                    throw ApiException.badRequest(parameter + ": '" + text
                            + "' is not an ISO-8601 UTC time such as 2025-07-23T03:37:56.000Z");
                }
            }
            case TEXT -> textOperand(field, parameter, text);
        };
    }

    private static String textOperand(CdrField field, String parameter, String text) {
        try {
            return switch (field) {
                case DISPOSITION -> Disposition.fromLabel(text).label();
                case HANGUP_BY -> HangupBy.valueOf(text).name();
                default -> text;
            };
        } catch (IllegalArgumentException e) {
            String allowed = field == CdrField.DISPOSITION
                    ? Arrays.stream(Disposition.values()).map(Disposition::label).collect(Collectors.joining(", "))
                    : Arrays.stream(HangupBy.values()).map(HangupBy::name).collect(Collectors.joining(", "));
            throw ApiException.badRequest(parameter + ": '" + text + "' is not one of " + allowed);
        }
    }

    private static CdrSort sort(String expression) {
        int colon = expression.lastIndexOf(':');
        String name = colon < 0 ? expression : expression.substring(0, colon);
        String direction = colon < 0 ? "ASC" : expression.substring(colon + 1).toUpperCase(java.util.Locale.ROOT);
        CdrField field = CdrField.byApiName(name);
        if (field == null) {
            throw ApiException.badRequest("sortBy: unknown field '" + name + "'");
        }
        if (!direction.equals("ASC") && !direction.equals("DESC")) {
            throw ApiException.badRequest("sortBy: direction must be ASC or DESC, not '" + expression.substring(colon + 1) + "'");
        }
        return new CdrSort(field, direction.equals("ASC"));
    }
}
