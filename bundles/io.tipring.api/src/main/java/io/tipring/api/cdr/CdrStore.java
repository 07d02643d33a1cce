package io.tipring.api.cdr;

import io.tipring.api.call.SessionId;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Where call-detail records are kept. Exactly one store is active; the call engine writes through it and
 * the APIs read through it. Every read is scoped to one tenant: a tenant never sees another's records.
 * <p>
 * Methods block on storage: call them from a virtual thread, never from the media clock.
 */
@ProviderType
public interface CdrStore {

    /**
     * Stores the record of a call that has just started.
     *
     * @param record the new record; {@code createdAt} and {@code updatedAt} are set by the store
     * @return the record as stored
     * @throws CdrStoreException if the storage fails or a record with that session id exists
     */
    CallDetailRecord create(CallDetailRecord record);

    /**
     * Replaces the record of a call, typically when it has ended.
     *
     * @param record the record's new content; {@code updatedAt} is set by the store
     * @return the record as stored
     * @throws CdrStoreException if the storage fails or there is no record with that session id and tenant
     */
    CallDetailRecord update(CallDetailRecord record);

    /**
     * @param tenant    the tenant asking
     * @param sessionId the call's id
     * @return the record, or empty if the tenant has no call with that id
     * @throws CdrStoreException if the storage fails
     */
    Optional<CallDetailRecord> find(String tenant, SessionId sessionId);

    /**
     * @param tenant the tenant asking
     * @param query  filters, sort order and page
     * @return the page of the tenant's records that match
     * @throws CdrStoreException if the storage fails
     */
    CdrPage query(String tenant, CdrQuery query);
}
