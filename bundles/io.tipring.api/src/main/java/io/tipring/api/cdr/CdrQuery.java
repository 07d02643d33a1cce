package io.tipring.api.cdr;

import java.util.List;

/**
 * A page of call-detail records: every filter must hold (AND), sorted by the keys in order.
 *
 * @param page    the 1-based page number
 * @param limit   records per page, 1 to {@link #MAX_LIMIT}
 * @param filters the conditions, all of which must hold
 * @param sortBy  the sort keys; {@link CdrSort#DEFAULT} when none is given
 */
public record CdrQuery(int page, int limit, List<CdrFilter> filters, List<CdrSort> sortBy) {

    /** The page size when a query names none. */
    public static final int DEFAULT_LIMIT = 100;
    /** The largest page a query may ask for. */
    public static final int MAX_LIMIT = 1000;

    public CdrQuery {
        if (page < 1) {
            throw new IllegalArgumentException("page must be 1 or more");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT);
        }
        filters = List.copyOf(filters);
        sortBy = sortBy.isEmpty() ? List.of(CdrSort.DEFAULT) : List.copyOf(sortBy);
    }

    /** @return the first page of every record, newest first */
    public static CdrQuery firstPage() {
        return new CdrQuery(1, DEFAULT_LIMIT, List.of(), List.of());
    }

    /** @return how many records come before this page */
    public long offset() {
        return (long) (page - 1) * limit;
    }
}
