package com.salesconnect.tasksync.testing;

import java.util.List;
import com.salesconnect.tasksync.id.OrgId;
import com.salesconnect.tasksync.id.SalesforceId;
import com.salesconnect.tasksync.id.UserId;
import com.salesconnect.tasksync.settings.SalesforceConnection;
import com.salesconnect.tasksync.store.ConnectionStore;
import com.salesconnect.tasksync.store.WriteConflictException;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** In-memory {@link ConnectionStore}: connections with the versioning contract and the owner routing. */
public final class FakeConnectionStore implements ConnectionStore {

    private record Owner(String orgId, String sfUserId) {
    }

    private final Map<String, SalesforceConnection> items = new HashMap<>();
    private final Map<Owner, String> routing = new HashMap<>();
    public final Faults faults = new Faults();

    @Override
    public synchronized Optional<SalesforceConnection> get(UserId user) {
        String userId = user.value();
        faults.check("get");
        return Optional.ofNullable(items.get(userId));
    }

    @Override
    public synchronized SalesforceConnection save(SalesforceConnection c) {
        faults.check("save");
        SalesforceConnection stored = items.get(c.userId());
        if (c.version() == 0 ? stored != null : stored == null || stored.version() != c.version()) {
            throw new WriteConflictException("connection " + c.userId());
        }
        SalesforceConnection next = new SalesforceConnection(c.userId(), c.orgId(), c.sfUserId(), c.instanceUrl(),
                c.encryptedRefreshToken(), c.state(), c.connectedAt(), c.brokenReason(), c.version() + 1);
        items.put(c.userId(), next);
        routing.put(new Owner(c.orgId(), c.sfUserId()), c.userId());
        return next;
    }

    @Override
    public synchronized Optional<String> userForOwner(OrgId org, SalesforceId sfUser) {
        String orgId = org.value();
        String sfUserId = sfUser.value();
        faults.check("userForOwner");
        // Like the DynamoDB store: the routing counts only while the user's connection still is that identity.
        return Optional.ofNullable(routing.get(new Owner(orgId, sfUserId)))
                .filter(userId -> items.get(userId).orgId().equals(orgId)
                        && items.get(userId).sfUserId().equals(sfUserId));
    }

    @Override
    public synchronized List<String> usersInOrg(OrgId org, int limit) {
        String orgId = org.value();
        faults.check("usersInOrg");
        return routing.entrySet().stream().filter(e -> e.getKey().orgId().equals(orgId)).map(Map.Entry::getValue)
                .distinct().sorted().limit(limit).toList();
    }
}
