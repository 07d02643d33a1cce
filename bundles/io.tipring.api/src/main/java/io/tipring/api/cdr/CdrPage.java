package io.tipring.api.cdr;

import java.util.List;

/**
 * One page of a CDR query's result.
 *
 * @param records    the records on this page
 * @param totalItems how many records match the query on all pages
 * @param query      the query this page answers
 */
public record CdrPage(List<CallDetailRecord> records, long totalItems, CdrQuery query) {

    public CdrPage {
        records = List.copyOf(records);
    }

    /** @return how many pages the matching records fill (0 when none match) */
    public long totalPages() {
        return (totalItems + query.limit() - 1) / query.limit();
    }
}
