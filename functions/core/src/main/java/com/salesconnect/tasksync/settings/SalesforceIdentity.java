package com.salesconnect.tasksync.settings;

import java.util.Objects;

/**
 * Who a connection acts as: a Salesforce user of an org. Links made under one identity sync only while the user is
 * connected as that identity (SPEC §3 "Connection identity"). Both ids are compared in their 18-character form.
 */
public record SalesforceIdentity(String orgId, String sfUserId) {

    public SalesforceIdentity {
        Objects.requireNonNull(orgId, "orgId");
        Objects.requireNonNull(sfUserId, "sfUserId");
    }

    public static SalesforceIdentity of(SalesforceConnection connection) {
        return new SalesforceIdentity(connection.orgId(), connection.sfUserId());
    }
}
