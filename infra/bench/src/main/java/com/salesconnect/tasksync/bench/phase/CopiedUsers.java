package com.salesconnect.tasksync.bench.phase;

import com.salesconnect.tasksync.bench.Bench;
import com.salesconnect.tasksync.bench.World;
import com.salesconnect.tasksync.id.UserId;
import com.salesconnect.tasksync.settings.FirstSyncState;
import com.salesconnect.tasksync.settings.SalesforceConnection;
import com.salesconnect.tasksync.settings.SalesforceIdentity;
import com.salesconnect.tasksync.settings.SyncSettings;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Users of the fan-out enabled without running their first syncs: each connects through the OAuth flow as a person
 * does (its connection, refresh token and owner routing are the system's own), and then gets the settings a finished
 * first sync left for a <em>template</em> user of the same org, one that went through the whole flow (enabled, first
 * sync DONE, importing nothing, as every fan-out user's first sync does): enabled since the template's enable, first
 * sync DONE, the same watermark and sweep state, under its own Salesforce identity. Two flags a user's first sweep
 * writes after finding none of the items of an older layout (pending-create markers, pending pushes) are set as that
 * sweep sets them. On moto a Query walks the whole table, so each first sync costs more the more users are stored
 * (about 3.5 hours of set-up for 10,000 users here); what a steady tick costs does not depend on how a user got
 * there, which {@link #differences} checks on the stored items after the settle ticks.
 */
final class CopiedUsers {

    private final Bench bench;

    CopiedUsers(Bench bench) {
        this.bench = bench;
    }

    /** Connects each user and gives it the template's finished first sync; returns how many were set up. */
    int copy(String template, List<String> users) throws IOException, InterruptedException {
        SyncSettings model = bench.stores().settings().get(UserId.of(template)).orElseThrow(() ->
                new IOException("the template user " + template + " has no settings"));
        if (!model.enabled() || model.firstSync().state() != FirstSyncState.DONE) {
            throw new IOException("the template user " + template + " is not enabled with its first sync DONE");
        }
        bench.parallel(users.size(), i -> () -> {
            String user = users.get(i);
            bench.app().connect(user, World.sfUsername(user));
            SalesforceConnection connection = bench.stores().connections().get(UserId.of(user)).orElseThrow(() ->
                    new IOException(user + " has no connection after the OAuth flow"));
            bench.stores().settings().save(new SyncSettings(user, true, model.periods(), model.timeZone(),
                    model.firstSync(), model.watermark(), 0, SalesforceIdentity.of(connection), null, model.sweep()));
            // What a user's first read of its markers writes when it found no item of the older layouts.
            flag(user, "PENDING-SET#0", "legacyChecked");
            flag(user, "PUSH-SET", "checked");
            return null;
        });
        return users.size();
    }

    private void flag(String user, String sortKey, String attribute) {
        bench.dynamoDb().updateItem(UpdateItemRequest.builder().tableName(bench.syncTable())
                .key(Map.of("pk", AttributeValue.fromS("USER#" + user), "sk", AttributeValue.fromS(sortKey)))
                .updateExpression("SET #f = :t").expressionAttributeNames(Map.of("#f", attribute))
                .expressionAttributeValues(Map.of(":t", AttributeValue.fromBool(true))).build());
    }

    /**
     * Items a user stores by using the system, not by being enabled: the shared Salesforce session, written at a
     * user's first Salesforce call. The template made calls (its first sync); a copy its org's probe serves makes
     * none.
     */
    static final Set<String> STORED_BY_USE = Set.of("CONFIG#USER#/ACCESS_TOKEN");

    /**
     * How a copied user's stored items differ from the template's, by item (sort key) and attribute name: none
     * when the copy is stored as the flow stores a user. Values are not compared (ids, times and tokens differ).
     */
    List<String> differences(String template, String copied) {
        return differences(shape(template), shape(copied));
    }

    /** {@link #differences(String, String)} of two users' shapes (item to attribute names). */
    static List<String> differences(Map<String, Set<String>> a, Map<String, Set<String>> b) {
        List<String> out = new ArrayList<>();
        Set<String> keys = new TreeSet<>(a.keySet());
        keys.addAll(b.keySet());
        keys.removeAll(STORED_BY_USE);
        for (String key : keys) {
            Set<String> x = a.get(key);
            Set<String> y = b.get(key);
            if (x == null) {
                out.add(key + " only in the copy");
            } else if (y == null) {
                out.add(key + " only in the template");
            } else if (!x.equals(y)) {
                Set<String> missing = new TreeSet<>(x);
                missing.removeAll(y);
                Set<String> extra = new TreeSet<>(y);
                extra.removeAll(x);
                out.add(key + " attributes: template only " + missing + ", copy only " + extra);
            }
        }
        return out;
    }

    /** The user's items under {@code CONFIG#USER#{u}} and {@code USER#{u}}: sort key to attribute names. */
    private Map<String, Set<String>> shape(String user) {
        Map<String, Set<String>> out = new TreeMap<>();
        for (String partition : List.of("CONFIG#USER#", "USER#")) {
            Map<String, AttributeValue> start = null;
            do {
                var response = bench.dynamoDb().query(QueryRequest.builder().tableName(bench.syncTable())
                        .keyConditionExpression("pk = :pk")
                        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(partition + user)))
                        .exclusiveStartKey(start).build());
                for (Map<String, AttributeValue> item : response.items()) {
                    out.put(partition + "/" + item.get("sk").s(), new TreeSet<>(item.keySet()));
                }
                start = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                        ? response.lastEvaluatedKey() : null;
            } while (start != null);
        }
        return out;
    }
}
