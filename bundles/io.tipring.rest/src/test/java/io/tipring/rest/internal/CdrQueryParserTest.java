package io.tipring.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tipring.api.cdr.CdrField;
import io.tipring.api.cdr.CdrFilter;
import io.tipring.api.cdr.CdrQuery;
import io.tipring.api.cdr.CdrSort;
import io.tipring.api.cdr.FilterOperator;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CdrQueryParserTest {

    @Test
    void noParametersMeansFirstPageOfOneHundredNewestFirst() {
        CdrQuery query = CdrQueryParser.parse(Map.of());
        assertEquals(1, query.page());
        assertEquals(100, query.limit());
        assertEquals(List.of(), query.filters());
        assertEquals(List.of(CdrSort.DEFAULT), query.sortBy());
    }

    @Test
    void readsTheSeedsExampleRequest() {
        // GET /v1/cdr?page=1&limit=10&filter.destination=$contains:0812&filter.duration=$gte:30
        CdrQuery query = CdrQueryParser.parse(params("page", "1", "limit", "10",
                "filter.destination", "$contains:0812", "filter.duration", "$gte:30"));
        assertEquals(1, query.page());
        assertEquals(10, query.limit());
        assertEquals(List.of(
                new CdrFilter(CdrField.DESTINATION, FilterOperator.CONTAINS, List.of("0812")),
                new CdrFilter(CdrField.DURATION, FilterOperator.GTE, List.of(30L))), query.filters());
    }

    @Test
    void everyComparisonOperatorOnNumbers() {
        for (String op : List.of("$eq", "$gt", "$gte", "$lt", "$lte")) {
            CdrQuery query = CdrQueryParser.parse(params("filter.billableSeconds", op + ":180"));
            assertEquals(FilterOperator.byToken(op), query.filters().get(0).operator());
            assertEquals(List.of(180L), query.filters().get(0).operands());
        }
    }

    @Test
    void aFilterWithoutOperatorIsEquality() {
        CdrQuery query = CdrQueryParser.parse(params("filter.destination", "08123456789"));
        assertEquals(new CdrFilter(CdrField.DESTINATION, FilterOperator.EQ, List.of("08123456789")),
                query.filters().get(0));
    }

    @Test
    void theSameFieldTwiceIsARange() {
        Map<String, List<String>> params = new LinkedHashMap<>();
        params.put("filter.duration", List.of("$gte:30", "$lt:300"));
        assertEquals(2, CdrQueryParser.parse(params).filters().size());
    }

    @Test
    void dispositionTakesLabelsAndIn() {
        CdrQuery query = CdrQueryParser.parse(params("filter.disposition", "$in:ANSWERED,NO ANSWER"));
        assertEquals(new CdrFilter(CdrField.DISPOSITION, FilterOperator.IN, List.of("ANSWERED", "NO ANSWER")),
                query.filters().get(0));
    }

    @Test
    void timesAreIsoInstants() {
        CdrQuery query = CdrQueryParser.parse(params("filter.startTime", "$gte:2025-07-23T03:37:56.000Z"));
        assertEquals(List.of(Instant.parse("2025-07-23T03:37:56Z")), query.filters().get(0).operands());
    }

    @Test
    void sortByFieldAndDirection() {
        CdrQuery query = CdrQueryParser.parse(params("sortBy", "duration:desc"));
        assertEquals(List.of(new CdrSort(CdrField.DURATION, false)), query.sortBy());
        assertEquals(List.of(new CdrSort(CdrField.START_TIME, true)),
                CdrQueryParser.parse(params("sortBy", "startTime:ASC")).sortBy());
    }

    @Test
    void badInputIsA400ThatNamesTheProblem() {
        assertBad("filter.duration does not accept $contains", "filter.duration", "$contains:5");
        assertBad("'abc' is not a whole number", "filter.duration", "$gte:abc");
        assertBad("unknown operator $like", "filter.destination", "$like:0812");
        assertBad("filter.color is not a filterable field", "filter.color", "red");
        assertBad("limit must be between 1 and 1000", "limit", "0");
        assertBad("limit must be between 1 and 1000", "limit", "5000");
        assertBad("page must be a whole number", "page", "two");
        assertBad("page must be 1 or more", "page", "0");
        assertBad("sortBy: unknown field 'colour'", "sortBy", "colour:ASC");
        assertBad("direction must be ASC or DESC", "sortBy", "duration:UP");
        assertBad("'MAYBE' is not one of ANSWERED, NO ANSWER", "filter.disposition", "MAYBE");
        assertBad("not an ISO-8601 UTC time", "filter.endTime", "$lt:yesterday");
        assertBad("$gte needs a value", "filter.duration", "$gte");
        assertBad("empty value", "filter.destination", "$eq:");
    }

    private static void assertBad(String expectedMessagePart, String name, String value) {
        ApiException e = assertThrows(ApiException.class, () -> CdrQueryParser.parse(params(name, value)));
        assertEquals(400, e.status());
        assertTrue(e.getMessage().contains(expectedMessagePart), e.getMessage());
    }

    private static Map<String, List<String>> params(String... nameValues) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        for (int i = 0; i < nameValues.length; i += 2) {
            params.computeIfAbsent(nameValues[i], k -> new java.util.ArrayList<>()).add(nameValues[i + 1]);
        }
        return params;
    }
}
