package io.tipring.cdr.jdbc.internal;

import static io.tipring.api.cdr.FilterOperator.CONTAINS;
import static io.tipring.api.cdr.FilterOperator.EQ;
import static io.tipring.api.cdr.FilterOperator.GT;
import static io.tipring.api.cdr.FilterOperator.GTE;
import static io.tipring.api.cdr.FilterOperator.IN;
import static io.tipring.api.cdr.FilterOperator.LT;
import static io.tipring.api.cdr.FilterOperator.LTE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tipring.api.call.CallDirection;
import io.tipring.api.call.SessionId;
import io.tipring.api.cdr.CallDetailRecord;
import io.tipring.api.cdr.CdrField;
import io.tipring.api.cdr.CdrFilter;
import io.tipring.api.cdr.CdrPage;
import io.tipring.api.cdr.CdrQuery;
import io.tipring.api.cdr.CdrSort;
import io.tipring.api.cdr.CdrStoreException;
import io.tipring.api.cdr.Disposition;
import io.tipring.api.cdr.FilterOperator;
import io.tipring.api.cdr.HangupBy;
import io.tipring.api.cdr.HangupCause;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What every database the store runs on must do, run once per database by a subclass that supplies fresh,
 * empty databases. One database serves the whole class; each test writes under a tenant of its own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class CdrStoreContract {

    private static final Instant T0 = Instant.parse("2025-07-23T03:37:56Z");
    /** When the filter data set's records were created: the n-th at C0 + n seconds, ended at C0 + 100 + n. */
    private static final Instant C0 = Instant.parse("2025-07-23T04:00:00Z");
    private static final String FILTERED = "filtered";
    /** The filter data set's session ids, known before it is written so that filters can name them. */
    private static final List<SessionId> IDS = Stream.generate(SessionId::random).limit(7).toList();

    private final MutableClock clock = new MutableClock(C0);
    private CdrDatabase database;
    private SqlCdrStore store;

    /**
     * @return settings for a new, empty database, distinct from every one returned before
     * @throws org.opentest4j.TestAbortedException if the database is not available here
     */
    abstract DatabaseSettings freshDatabase() throws Exception;

    @BeforeAll
    void openStoreWithFilterDataSet() throws Exception {
        database = CdrDatabase.open(freshDatabase(), clock);
        store = new SqlCdrStore(database.dataSource(), clock);
        endedCall(0, "0812345", null, 10, Disposition.NO_ANSWER, null, HangupCause.NO_ANSWER);
        endedCall(1, "08129999", 10, 60, Disposition.ANSWERED, HangupBy.CALLEE, HangupCause.NORMAL_CLEARING);
        endedCall(2, "0813", 5, 30, Disposition.ANSWERED, HangupBy.CALLER, HangupCause.NORMAL_CLEARING);
        endedCall(3, "50%_off", null, 5, Disposition.BUSY, null, HangupCause.USER_BUSY);
        endedCall(4, "50xoff", 10, 300, Disposition.ANSWERED, HangupBy.CALLEE, HangupCause.NORMAL_CLEARING);
        clock.set(C0.plusSeconds(5));
        store.create(CallDetailRecord.started(IDS.get(5), FILTERED, CallDirection.OUTBOUND, "5_1", start(5)));
        endedCall(6, "521", null, 1, Disposition.FAILED, null, HangupCause.UNALLOCATED_NUMBER);
    }

    @AfterAll
    void closeStore() {
        if (database != null) {
            database.close();
        }
    }

    @Test
    void storesAndReadsBackEveryFieldOfARunningThenEndedCall() {
        String tenant = newTenant();
        SessionId id = SessionId.random();
        Instant created = Instant.parse("2025-07-23T05:00:00.123Z");
        clock.set(created);
        CallDetailRecord running = store.create(CallDetailRecord.started(id, tenant, CallDirection.INBOUND,
                "+62811234567", T0.plusNanos(456_789_123)));

        assertEquals(new CallDetailRecord(id, tenant, CallDirection.INBOUND, "+62811234567",
                Instant.parse("2025-07-23T03:37:56.456Z"), null, null, null, null, null, null, null, null,
                created, created), running);
        assertEquals(Optional.of(running), store.find(tenant, id));

        Instant updated = created.plusSeconds(30);
        clock.set(updated);
        CallDetailRecord ended = store.update(running.ended(T0.plusSeconds(6), T0.plusSeconds(12),
                Disposition.ANSWERED, HangupBy.CALLEE, HangupCause.NORMAL_CLEARING));

        assertEquals(new CallDetailRecord(id, tenant, CallDirection.INBOUND, "+62811234567",
                Instant.parse("2025-07-23T03:37:56.456Z"), T0.plusSeconds(6), T0.plusSeconds(12), 12, 6,
                Disposition.ANSWERED, HangupBy.CALLEE, 16, "Call completed successfully", created, updated), ended);
        assertEquals(Optional.of(ended), store.find(tenant, id));
    }

    @Test
    void runningCallsHaveNoEndFields() {
        CallDetailRecord running = store.find(FILTERED, IDS.get(5)).orElseThrow();

        assertNull(running.endTime());
        assertNull(running.duration());
        assertNull(running.disposition());
        assertNull(running.hangupCauseCode());
    }

    @Test
    void updateKeepsTheStoredCreationTimeWhateverTheRecordSays() {
        String tenant = newTenant();
        clock.set(C0);
        CallDetailRecord created = store.create(started(tenant, "100"));
        clock.set(C0.plusSeconds(9));

        CallDetailRecord updated = store.update(CallDetailRecord.started(created.sessionId(), tenant,
                CallDirection.OUTBOUND, "200", T0));

        assertEquals(C0, updated.createdAt());
        assertEquals(C0.plusSeconds(9), updated.updatedAt());
        assertEquals(Optional.of(updated), store.find(tenant, created.sessionId()));
    }

    @Test
    void createOfAnExistingSessionFails() {
        CallDetailRecord record = store.create(started(newTenant(), "100"));

        CdrStoreException e = assertThrows(CdrStoreException.class, () -> store.create(record));
        assertTrue(e.getMessage().contains("exists already"), e.getMessage());
    }

    @Test
    void updateOfAnUnknownCallFails() {
        CallDetailRecord unknown = started(newTenant(), "100").ended(null, T0.plusSeconds(3), Disposition.CANCEL,
                HangupBy.CALLER, HangupCause.NORMAL_CLEARING);

        assertThrows(CdrStoreException.class, () -> store.update(unknown));
    }

    @Test
    void storageFailuresAreReportedAsStoreExceptions() {
        CallDetailRecord tooLong = started(newTenant(), "9".repeat(300));

        assertThrows(CdrStoreException.class, () -> store.create(tooLong));
    }

    @Test
    void aTenantNeverSeesNorChangesAnotherTenantsRecords() {
        String owner = newTenant();
        String other = newTenant();
        CallDetailRecord record = store.create(started(owner, "0812000"));

        assertEquals(Optional.empty(), store.find(other, record.sessionId()));
        assertEquals(0, store.query(other, CdrQuery.firstPage()).totalItems());
        assertEquals(List.of(record), store.query(owner, CdrQuery.firstPage()).records());

        CallDetailRecord hijacked = CallDetailRecord.started(record.sessionId(), other, CallDirection.OUTBOUND,
                "666", T0);
        assertThrows(CdrStoreException.class, () -> store.update(hijacked));
        assertEquals(Optional.of(record), store.find(owner, record.sessionId()));
        assertEquals(0, store.query(other, query(List.of(filter(CdrField.DESTINATION, CONTAINS, "0812"))))
                .totalItems());
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("filters")
    void everyFilterSelectsExactlyTheMatchingRecords(CdrField field, FilterOperator operator, List<Object> operands,
            Set<String> expectedDestinations) {
        CdrPage page = store.query(FILTERED, query(List.of(new CdrFilter(field, operator, operands))));

        assertEquals(expectedDestinations, destinations(page.records()));
        assertEquals(expectedDestinations.size(), page.totalItems());
    }

    Stream<Arguments> filters() {
        return Stream.of(
                cases(CdrField.DESTINATION, EQ, List.of("0813"), "0813"),
                cases(CdrField.DESTINATION, CONTAINS, List.of("0812"), "0812345", "08129999"),
                // LIKE's wildcards and the escape character match only themselves.
                cases(CdrField.DESTINATION, CONTAINS, List.of("%"), "50%_off"),
                cases(CdrField.DESTINATION, CONTAINS, List.of("_"), "50%_off", "5_1"),
                cases(CdrField.DESTINATION, CONTAINS, List.of("0%"), "50%_off"),
                cases(CdrField.DESTINATION, CONTAINS, List.of("5_1"), "5_1"),
                cases(CdrField.DESTINATION, CONTAINS, List.of("!0")),
                cases(CdrField.DURATION, EQ, List.of(30L), "0813"),
                cases(CdrField.DURATION, GT, List.of(30L), "08129999", "50xoff"),
                cases(CdrField.DURATION, GTE, List.of(30L), "08129999", "0813", "50xoff"),
                cases(CdrField.DURATION, LT, List.of(10L), "50%_off", "521"),
                cases(CdrField.DURATION, LTE, List.of(10L), "0812345", "50%_off", "521"),
                cases(CdrField.DURATION, LT, List.of(10_000_000_000L),
                        "0812345", "08129999", "0813", "50%_off", "50xoff", "521"),
                cases(CdrField.BILLABLE_SECONDS, EQ, List.of(0L), "0812345", "50%_off", "521"),
                cases(CdrField.BILLABLE_SECONDS, GT, List.of(25L), "08129999", "50xoff"),
                cases(CdrField.BILLABLE_SECONDS, GTE, List.of(25L), "08129999", "0813", "50xoff"),
                cases(CdrField.BILLABLE_SECONDS, LT, List.of(25L), "0812345", "50%_off", "521"),
                cases(CdrField.BILLABLE_SECONDS, LTE, List.of(50L), "0812345", "08129999", "0813", "50%_off", "521"),
                cases(CdrField.DISPOSITION, IN, List.of("NO ANSWER", "BUSY"), "0812345", "50%_off"),
                cases(CdrField.DISPOSITION, EQ, List.of("ANSWERED"), "08129999", "0813", "50xoff"),
                cases(CdrField.DISPOSITION, IN, List.of("CANCEL")),
                cases(CdrField.START_TIME, EQ, List.of(start(2)), "0813"),
                cases(CdrField.START_TIME, GT, List.of(start(5)), "521"),
                cases(CdrField.START_TIME, GTE, List.of(start(4)), "50xoff", "5_1", "521"),
                cases(CdrField.START_TIME, LT, List.of(start(1)), "0812345"),
                cases(CdrField.START_TIME, LTE, List.of(start(1)), "0812345", "08129999"),
                cases(CdrField.ANSWER_TIME, GT, List.of(start(1).plusSeconds(10)), "0813", "50xoff"),
                cases(CdrField.END_TIME, LT, List.of(start(3)), "0812345", "08129999", "0813"),
                cases(CdrField.SESSION_ID, EQ, List.of(IDS.get(2).value()), "0813"),
                cases(CdrField.SESSION_ID, IN, List.of(IDS.get(0).value(), IDS.get(6).value()), "0812345", "521"),
                cases(CdrField.HANGUP_BY, EQ, List.of("CALLEE"), "08129999", "50xoff"),
                cases(CdrField.HANGUP_BY, IN, List.of("CALLER"), "0813"),
                cases(CdrField.HANGUP_CAUSE_CODE, EQ, List.of(17L), "50%_off"),
                cases(CdrField.HANGUP_CAUSE_CODE, IN, List.of(19L, 1L), "0812345", "521"),
                cases(CdrField.CREATED_AT, LT, List.of(C0.plusSeconds(2)), "0812345", "08129999"),
                cases(CdrField.UPDATED_AT, LT, List.of(C0.plusSeconds(100)), "5_1"),
                cases(CdrField.UPDATED_AT, GTE, List.of(C0.plusSeconds(104)), "50xoff", "521"));
    }

    @Test
    void filtersAreAllAndedTogether() {
        CdrPage page = store.query(FILTERED, query(List.of(
                filter(CdrField.DESTINATION, CONTAINS, "08"),
                filter(CdrField.DURATION, GTE, 30L),
                filter(CdrField.BILLABLE_SECONDS, GT, 0L))));

        assertEquals(Set.of("08129999", "0813"), destinations(page.records()));
        assertEquals(2, page.totalItems());
    }

    @Test
    void newestRecordComesFirstByDefault() {
        assertEquals(List.of("521", "5_1", "50xoff", "50%_off", "0813", "08129999", "0812345"),
                sorted(List.of()));
    }

    @Test
    void sortsByEachKeyInTurnThenNewestFirst() {
        // NULL sorts after every value ascending and before them descending, on Derby and PostgreSQL alike.
        assertEquals(List.of("521", "50%_off", "0812345", "0813", "08129999", "50xoff", "5_1"),
                sorted(List.of(new CdrSort(CdrField.DURATION, true))));
        assertEquals(List.of("5_1", "50xoff", "08129999", "0813", "0812345", "50%_off", "521"),
                sorted(List.of(new CdrSort(CdrField.DURATION, false))));
        assertEquals(List.of("50xoff", "0813", "08129999", "50%_off", "521", "0812345", "5_1"),
                sorted(List.of(new CdrSort(CdrField.DISPOSITION, true))));
        assertEquals(List.of("50xoff", "08129999", "0813", "50%_off", "521", "0812345", "5_1"),
                sorted(List.of(new CdrSort(CdrField.DISPOSITION, true),
                        new CdrSort(CdrField.BILLABLE_SECONDS, false))));
        assertEquals(List.of("0812345", "08129999", "0813", "50%_off", "50xoff", "5_1", "521"),
                sorted(List.of(new CdrSort(CdrField.ID, true))));
    }

    @Test
    void pagesCountEveryMatchAndEndWithAPartialPage() {
        String tenant = newTenant();
        for (int i = 0; i < 25; i++) {
            store.create(started(tenant, "d%02d".formatted(i)));
        }

        CdrPage first = store.query(tenant, new CdrQuery(1, 10, List.of(), List.of()));
        CdrPage second = store.query(tenant, new CdrQuery(2, 10, List.of(), List.of()));
        CdrPage last = store.query(tenant, new CdrQuery(3, 10, List.of(), List.of()));
        CdrPage beyond = store.query(tenant, new CdrQuery(4, 10, List.of(), List.of()));

        assertEquals(25, first.totalItems());
        assertEquals(3, first.totalPages());
        assertEquals(destinationRange(24, 15), destinationList(first.records()));
        assertEquals(destinationRange(14, 5), destinationList(second.records()));
        assertEquals(destinationRange(4, 0), destinationList(last.records()));
        assertEquals(25, last.totalItems());
        assertEquals(List.of(), beyond.records());
        assertEquals(25, beyond.totalItems());
    }

    @Test
    void createsFromManyThreadsAtOnceAreAllStored() throws Exception {
        String tenant = newTenant();
        int threads = 8;
        int perThread = 25;
        List<Future<List<SessionId>>> results = new ArrayList<>();
        try (ExecutorService executor = Executors.newFixedThreadPool(threads)) {
            for (int t = 0; t < threads; t++) {
                results.add(executor.submit(() -> IntStream.range(0, perThread)
                        .mapToObj(i -> store.create(started(tenant, "c" + i)).sessionId())
                        .toList()));
            }
        }
        Set<SessionId> created = new HashSet<>();
        for (Future<List<SessionId>> result : results) {
            created.addAll(result.get());
        }

        CdrPage all = store.query(tenant, new CdrQuery(1, CdrQuery.MAX_LIMIT, List.of(), List.of()));
        assertEquals(threads * perThread, created.size());
        assertEquals(threads * perThread, all.totalItems());
        assertEquals(created, new HashSet<>(all.records().stream().map(CallDetailRecord::sessionId).toList()));
    }

    @Test
    void migrationsApplyOnceAndThenOnlyWhatIsNew() throws Exception {
        DatabaseSettings settings = freshDatabase();
        CallDetailRecord record;
        try (CdrDatabase first = CdrDatabase.open(settings, clock)) {
            assertEquals(new MigrationResult(1, List.of(1)), first.migration());
            record = new SqlCdrStore(first.dataSource(), clock).create(started(newTenant(), "100"));
        }
        try (CdrDatabase second = CdrDatabase.open(settings, clock)) {
            assertEquals(new MigrationResult(1, List.of()), second.migration());
            assertEquals(Optional.of(record),
                    new SqlCdrStore(second.dataSource(), clock).find(record.tenant(), record.sessionId()));

            List<Migration> broken = withNext("CREATE TABLE cdr_migration_test (n INTEGER)", "NOT SQL AT ALL");
            assertThrows(SQLException.class, () -> new SchemaMigrator(broken, clock).migrate(second.dataSource()));

            // The failed migration left nothing behind: its table can be created again.
            List<Migration> next = withNext("CREATE TABLE cdr_migration_test (n INTEGER)");
            assertEquals(new MigrationResult(2, List.of(2)),
                    new SchemaMigrator(next, clock).migrate(second.dataSource()));
            assertEquals(new MigrationResult(2, List.of()),
                    new SchemaMigrator(next, clock).migrate(second.dataSource()));
        }
    }

    @Test
    void migrationsMustBeNumberedInOrder() {
        Migration second = new Migration(2, "second", List.of("VALUES 1"));

        assertThrows(IllegalArgumentException.class, () -> new SchemaMigrator(List.of(second), clock));
    }

    private static List<Migration> withNext(String... statements) {
        List<Migration> migrations = new ArrayList<>(CdrSchema.MIGRATIONS);
        migrations.add(new Migration(CdrSchema.MIGRATIONS.size() + 1, "a test migration", List.of(statements)));
        return migrations;
    }

    private void endedCall(int n, String destination, Integer answerAfter, int endAfter, Disposition disposition,
            HangupBy hangupBy, HangupCause cause) {
        clock.set(C0.plusSeconds(n));
        CallDetailRecord created = store.create(
                CallDetailRecord.started(IDS.get(n), FILTERED, CallDirection.OUTBOUND, destination, start(n)));
        clock.set(C0.plusSeconds(100 + n));
        store.update(created.ended(answerAfter == null ? null : start(n).plusSeconds(answerAfter),
                start(n).plusSeconds(endAfter), disposition, hangupBy, cause));
    }

    private List<String> sorted(List<CdrSort> sortBy) {
        return destinationList(store.query(FILTERED, new CdrQuery(1, 100, List.of(), sortBy)).records());
    }

    private static Instant start(int n) {
        return T0.plus(Duration.ofMinutes(n));
    }

    private static CallDetailRecord started(String tenant, String destination) {
        return CallDetailRecord.started(SessionId.random(), tenant, CallDirection.OUTBOUND, destination, T0);
    }

    private static String newTenant() {
        return "tenant-" + UUID.randomUUID();
    }

    private static CdrQuery query(List<CdrFilter> filters) {
        return new CdrQuery(1, 100, filters, List.of());
    }

    private static CdrFilter filter(CdrField field, FilterOperator operator, Object operand) {
        return new CdrFilter(field, operator, List.of(operand));
    }

    private static Arguments cases(CdrField field, FilterOperator operator, List<Object> operands,
            String... destinations) {
        return Arguments.of(field, operator, operands, Set.of(destinations));
    }

    private static Set<String> destinations(List<CallDetailRecord> records) {
        return new HashSet<>(destinationList(records));
    }

    private static List<String> destinationList(List<CallDetailRecord> records) {
        return records.stream().map(CallDetailRecord::destination).toList();
    }

    private static List<String> destinationRange(int from, int downTo) {
        return IntStream.iterate(from, i -> i >= downTo, i -> i - 1).mapToObj("d%02d"::formatted).toList();
    }
}
