package com.salesconnect.tasksync.testing;

import com.salesconnect.tasksync.id.OrgId;
import com.salesconnect.tasksync.store.WebhookStore;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** In-memory {@link WebhookStore}: one webhook per org, looked up by token hash. */
public final class FakeWebhookStore implements WebhookStore {

    private final Map<String, Webhook> byOrg = new HashMap<>();
    private final Map<String, String> orgByHash = new HashMap<>();

    @Override
    public synchronized Optional<Webhook> forOrg(OrgId org) {
        String orgId = org.value();
        return Optional.ofNullable(byOrg.get(orgId));
    }

    @Override
    public synchronized Optional<String> orgForTokenHash(String tokenHash) {
        return Optional.ofNullable(orgByHash.get(tokenHash));
    }

    @Override
    public synchronized Webhook createIfAbsent(Webhook webhook) {
        Webhook stored = byOrg.putIfAbsent(webhook.orgId(), webhook);
        Webhook current = stored != null ? stored : webhook;
        orgByHash.putIfAbsent(current.tokenHash(), current.orgId());
        return current;
    }
}
