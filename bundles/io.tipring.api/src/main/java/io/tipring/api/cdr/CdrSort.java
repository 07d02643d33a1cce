package io.tipring.api.cdr;

import java.util.Objects;

/**
 * One sort key of a CDR query.
 *
 * @param field     the field sorted on
 * @param ascending {@code true} for ascending order, {@code false} for descending
 */
public record CdrSort(CdrField field, boolean ascending) {

    /** The order the API uses when a query names none: newest record first. */
    public static final CdrSort DEFAULT = new CdrSort(CdrField.ID, false);

    public CdrSort {
        Objects.requireNonNull(field, "field");
    }

    /** @return {@code "ASC"} or {@code "DESC"}, as the API writes directions */
    public String direction() {
        return ascending ? "ASC" : "DESC";
    }
}
