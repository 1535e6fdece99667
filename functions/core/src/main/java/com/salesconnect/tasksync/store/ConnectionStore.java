package com.salesconnect.tasksync.store;

import com.salesconnect.tasksync.id.OrgId;
import com.salesconnect.tasksync.id.SalesforceId;
import com.salesconnect.tasksync.id.UserId;
import com.salesconnect.tasksync.settings.SalesforceConnection;

import java.util.List;
import java.util.Optional;

/**
 * Salesforce connections per user, and the routing of a Salesforce org's task owners to the Sales Connect
 * users connected as them. Same versioning contract as {@link TaskStore#save}.
 */
public interface ConnectionStore {

    Optional<SalesforceConnection> get(UserId userId);

    /**
     * Stores the connection and the routing (orgId, sfUserId) → userId. Retry-safe: a crash between the two
     * items is mended by saving again.
     */
    SalesforceConnection save(SalesforceConnection connection);

    /** The Sales Connect user connected as Salesforce user {@code sfUserId} of {@code orgId}. */
    Optional<String> userForOwner(OrgId orgId, SalesforceId sfUserId);

    /**
     * Up to {@code limit} Sales Connect users connected to {@code orgId} (by its owner routing): whether the org
     * has anyone here at all, and who can read its records.
     */
    List<String> usersInOrg(OrgId orgId, int limit);
}
