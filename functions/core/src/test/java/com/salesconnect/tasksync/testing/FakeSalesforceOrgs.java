package com.salesconnect.tasksync.testing;

import com.salesconnect.tasksync.salesforce.SalesforceApi;
import com.salesconnect.tasksync.salesforce.SalesforceApiFactory;
import com.salesconnect.tasksync.settings.SalesforceConnection;

import java.util.LinkedHashMap;
import java.util.Map;

/** Several in-memory orgs behind one {@link SalesforceApiFactory}: a connection opens the API of its own org. */
public final class FakeSalesforceOrgs implements SalesforceApiFactory {

    private final Map<String, FakeSalesforce> orgs = new LinkedHashMap<>();

    public FakeSalesforceOrgs(FakeSalesforce... orgs) {
        for (FakeSalesforce org : orgs) {
            add(org);
        }
    }

    public synchronized FakeSalesforce add(FakeSalesforce org) {
        orgs.put(org.orgId(), org);
        return org;
    }

    public synchronized FakeSalesforce org(String orgId) {
        FakeSalesforce org = orgs.get(orgId);
        if (org == null) {
            throw new IllegalArgumentException("no org " + orgId);
        }
        return org;
    }

    @Override
    public SalesforceApi forConnection(SalesforceConnection connection) {
        return org(connection.orgId()).forConnection(connection);
    }
}
