package io.tipring.api.cdr;

import java.util.List;
import java.util.Objects;

/**
 * One condition of a CDR query. Operands are already validated for the field's type: a {@link Long} for
 * {@link CdrField.Type#NUMBER}, a {@link String} for {@link CdrField.Type#TEXT}, a {@link java.time.Instant}
 * for {@link CdrField.Type#TIME}. {@link FilterOperator#IN} has one or more operands, every other operator
 * exactly one.
 *
 * @param field    the field compared
 * @param operator how it is compared
 * @param operands what it is compared with
 */
public record CdrFilter(CdrField field, FilterOperator operator, List<Object> operands) {

    public CdrFilter {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(operator, "operator");
        operands = List.copyOf(operands);
        if (!field.operators().contains(operator)) {
            throw new IllegalArgumentException(field.apiName() + " does not accept " + operator.token());
        }
        if (operands.isEmpty() || (operator != FilterOperator.IN && operands.size() != 1)) {
            throw new IllegalArgumentException(operator.token() + " takes "
                    + (operator == FilterOperator.IN ? "one or more values" : "exactly one value"));
        }
    }
}
