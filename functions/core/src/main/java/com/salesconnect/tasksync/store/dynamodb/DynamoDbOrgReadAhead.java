package com.salesconnect.tasksync.store.dynamodb;

import com.salesconnect.tasksync.id.OrgId;
import com.salesconnect.tasksync.id.UserId;
import com.salesconnect.tasksync.store.OrgReadAhead;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.util.List;

/**
 * One strongly consistent BatchGetItem of the org's LIMIT, USAGE and CHANGE_EVENTS items ({@code ORG#{o}}), its
 * probe and the user's access check ({@code CONFIG#ORG#{o}}) and its prober ({@code CONFIG#PROBERS}), held for
 * {@link DynamoDbOrgLimitStore} and {@link DynamoDbOrgProbeStore} ({@link HeldItems}): one request where the start
 * of a sweep made up to six GetItems (the same read units).
 */
public final class DynamoDbOrgReadAhead implements OrgReadAhead {

    private final Table table;
    private final HeldItems held;

    DynamoDbOrgReadAhead(DynamoDbClient dynamoDb, String syncTableName, HeldItems held) {
        this.table = new Table(dynamoDb, syncTableName);
        this.held = held;
    }

    @Override
    public void readAhead(OrgId org, UserId user) {
        String orgId = org.value();
        List<SyncKey> keys = List.of(SyncKey.limit(orgId), SyncKey.usage(orgId), SyncKey.changeEvents(orgId),
                SyncKey.probe(orgId), SyncKey.accessCheck(orgId, user.value()), SyncKey.prober(orgId));
        held.readAhead(table, keys, "org items");
    }
}
