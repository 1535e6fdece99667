package com.salesconnect.tasksync.id;

/**
 * A Salesforce org's id, in its 18-character form like every {@link SalesforceId} (the identity URL, outbound
 * messages and change events carry it so; a 15-character one is completed when made).
 */
public record OrgId(String value) {

    public OrgId {
        value = SalesforceId.to18(value, "Salesforce org id");
    }

    public static OrgId of(String value) {
        return new OrgId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
