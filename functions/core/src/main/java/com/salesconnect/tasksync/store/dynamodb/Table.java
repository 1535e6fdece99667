package com.salesconnect.tasksync.store.dynamodb;

import com.salesconnect.tasksync.store.StoreException;
import com.salesconnect.tasksync.store.WriteConflictException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * One DynamoDB table through the low-level client, with the store's error contract in one place:
 * a lost condition is a {@link WriteConflictException}, every other SDK failure a {@link StoreException}
 * (never "not found").
 */
final class Table {

    /** BatchGetItem's limit of keys per request. */
    static final int BATCH_GET = 100;
    /** BatchWriteItem's limit of items per request. */
    static final int BATCH_WRITE = 25;
    private static final int BATCH_ATTEMPTS = 8;

    private final DynamoDbClient db;
    private final String name;

    Table(DynamoDbClient db, String name) {
        this.db = db;
        this.name = name;
    }

    String name() {
        return name;
    }

    /** Strongly consistent read of one item. */
    Optional<Map<String, AttributeValue>> get(Map<String, AttributeValue> key, String what) {
        try {
            var response = db.getItem(r -> r.tableName(name).key(key).consistentRead(true));
            return response.hasItem() && !response.item().isEmpty() ? Optional.of(response.item()) : Optional.empty();
        } catch (SdkException e) {
            throw new StoreException("reading " + what + " from " + name + " failed", e);
        }
    }

    /**
     * Strongly consistent read of many items by key: BatchGetItem, 100 keys a request, keys DynamoDB left
     * unprocessed (throttling, the 16 MB response limit) asked again with a short back-off.
     */
    List<Map<String, AttributeValue>> batchGet(List<Map<String, AttributeValue>> keys, String what) {
        return batchGet(keys, null, Map.of(), what);
    }

    /**
     * {@link #batchGet(List, String)} returning only the attributes {@code projection} names (a
     * ProjectionExpression; {@code names} for its {@code #placeholders}), null for whole items.
     */
    List<Map<String, AttributeValue>> batchGet(List<Map<String, AttributeValue>> keys, String projection,
                                               Map<String, String> names, String what) {
        return batchGet(db, List.of(new Keys(this, keys, projection, names)), what).get(0);
    }

    /** One table's part of a {@link #batchGet(DynamoDbClient, List, String)}: its keys and what to read of them. */
    record Keys(Table table, List<Map<String, AttributeValue>> keys, String projection, Map<String, String> names) {

        Keys(Table table, List<Map<String, AttributeValue>> keys) {
            this(table, keys, null, Map.of());
        }
    }

    /**
     * Strongly consistent read of many items of several tables in the same BatchGetItem requests (100 keys a request
     * in all, the parts in order), keys DynamoDB left unprocessed asked again with a short back-off.
     *
     * @return the items found, one list per part, in the parts' order
     */
    static List<List<Map<String, AttributeValue>>> batchGet(DynamoDbClient db, List<Keys> parts, String what) {
        if (parts.stream().map(p -> p.table().name()).distinct().count() != parts.size()) {
            throw new IllegalArgumentException("one part per table");
        }
        List<List<Map<String, AttributeValue>>> found = new ArrayList<>();
        List<Map.Entry<Integer, Map<String, AttributeValue>>> all = new ArrayList<>();
        for (int part = 0; part < parts.size(); part++) {
            found.add(new ArrayList<>());
            for (Map<String, AttributeValue> key : parts.get(part).keys()) {
                all.add(Map.entry(part, key));
            }
        }
        for (int from = 0; from < all.size(); from += BATCH_GET) {
            // table name -> the part it belongs to, and the chunk's keys of each part
            Map<String, Integer> partOf = new LinkedHashMap<>();
            Map<Integer, List<Map<String, AttributeValue>>> pending = new LinkedHashMap<>();
            for (Map.Entry<Integer, Map<String, AttributeValue>> key : all.subList(from,
                    Math.min(all.size(), from + BATCH_GET))) {
                partOf.put(parts.get(key.getKey()).table().name(), key.getKey());
                pending.computeIfAbsent(key.getKey(), p -> new ArrayList<>()).add(key.getValue());
            }
            String tables = String.join(" and ", partOf.keySet());
            for (int attempt = 0; !pending.isEmpty(); attempt++) {
                if (attempt > 0) {
                    pause(attempt);
                }
                Map<String, KeysAndAttributes> ask = new LinkedHashMap<>();
                pending.forEach((part, keys) -> {
                    Keys p = parts.get(part);
                    ask.put(p.table().name(), KeysAndAttributes.builder().keys(keys).consistentRead(true)
                            .projectionExpression(p.projection())
                            .expressionAttributeNames(p.names().isEmpty() ? null : p.names()).build());
                });
                try {
                    BatchGetItemResponse response = db.batchGetItem(r -> r.requestItems(ask));
                    pending = new LinkedHashMap<>();
                    for (Map.Entry<String, Integer> table : partOf.entrySet()) {
                        found.get(table.getValue()).addAll(response.responses().getOrDefault(table.getKey(), List.of()));
                        KeysAndAttributes left = response.unprocessedKeys().get(table.getKey());
                        if (left != null && left.hasKeys() && !left.keys().isEmpty()) {
                            pending.put(table.getValue(), left.keys());
                        }
                    }
                } catch (SdkException e) {
                    throw new StoreException("reading " + what + " from " + tables + " failed", e);
                }
                if (attempt >= BATCH_ATTEMPTS && !pending.isEmpty()) {
                    throw new StoreException("reading " + what + " from " + tables + " failed: keys left unprocessed");
                }
            }
        }
        return found;
    }

    /**
     * Unconditional puts of many items: BatchWriteItem, 25 items a request, items DynamoDB left unprocessed asked
     * again with a short back-off. Only for items whose write needs no condition (a put twice is harmless).
     */
    void batchPut(List<Map<String, AttributeValue>> items, String what) {
        batchWrite(items.stream().map(item -> WriteRequest.builder().putRequest(p -> p.item(item)).build()).toList(),
                what);
    }

    /** Unconditional deletes of many items by key, as {@link #batchPut} writes (deleting an absent item is a no-op). */
    void batchDelete(List<Map<String, AttributeValue>> keys, String what) {
        batchWrite(keys.stream().map(key -> WriteRequest.builder().deleteRequest(d -> d.key(key)).build()).toList(),
                what);
    }

    private void batchWrite(List<WriteRequest> requests, String what) {
        for (int from = 0; from < requests.size(); from += BATCH_WRITE) {
            List<WriteRequest> pending = requests.subList(from, Math.min(requests.size(), from + BATCH_WRITE));
            for (int attempt = 0; !pending.isEmpty(); attempt++) {
                if (attempt > 0) {
                    pause(attempt);
                }
                List<WriteRequest> send = pending;
                try {
                    BatchWriteItemResponse response = db.batchWriteItem(r -> r.requestItems(Map.of(name, send)));
                    List<WriteRequest> left = response.unprocessedItems().get(name);
                    pending = left == null ? List.of() : left;
                } catch (SdkException e) {
                    throw new StoreException("writing " + what + " to " + name + " failed", e);
                }
                if (attempt >= BATCH_ATTEMPTS && !pending.isEmpty()) {
                    throw new StoreException("writing " + what + " to " + name + " failed: items left unprocessed");
                }
            }
        }
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(Math.min(1_000L, 25L << Math.min(attempt, 6)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while retrying a batch", e);
        }
    }

    /** @throws WriteConflictException when the condition does not hold */
    void put(Map<String, AttributeValue> item, Condition condition, String what) {
        try {
            db.putItem(putRequest(item, condition));
        } catch (ConditionalCheckFailedException e) {
            throw new WriteConflictException(what + " was changed or created concurrently");
        } catch (SdkException e) {
            throw new StoreException("writing " + what + " to " + name + " failed", e);
        }
    }

    /**
     * Like {@link #put}, but a lost condition whose stored item is exactly {@code item} counts as done: the retry
     * of a write that had landed before a crash or a lost response converges instead of failing.
     */
    void putConverging(Map<String, AttributeValue> item, Condition condition, String what) {
        try {
            db.putItem(putRequest(item, condition));
        } catch (ConditionalCheckFailedException e) {
            if (!(e.hasItem() && item.equals(e.item()))) {
                throw new WriteConflictException(what + " was changed or created concurrently");
            }
        } catch (SdkException e) {
            throw new StoreException("writing " + what + " to " + name + " failed", e);
        }
    }

    /**
     * Like {@link #putConverging}, returning the item it replaced (empty when there was none, or when the put had
     * already landed before).
     */
    Optional<Map<String, AttributeValue>> putConvergingReturningOld(Map<String, AttributeValue> item,
                                                                    Condition condition, String what) {
        try {
            var response = db.putItem(putRequest(item, condition).toBuilder().returnValues(ReturnValue.ALL_OLD)
                    .build());
            return response.hasAttributes() && !response.attributes().isEmpty()
                    ? Optional.of(response.attributes()) : Optional.empty();
        } catch (ConditionalCheckFailedException e) {
            if (!(e.hasItem() && item.equals(e.item()))) {
                throw new WriteConflictException(what + " was changed or created concurrently");
            }
            return Optional.empty();
        } catch (SdkException e) {
            throw new StoreException("writing " + what + " to " + name + " failed", e);
        }
    }

    /** A put whose lost condition means "nothing to do" (for example, a later value is already stored). */
    boolean putIfCondition(Map<String, AttributeValue> item, Condition condition, String what) {
        try {
            db.putItem(putRequest(item, condition));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        } catch (SdkException e) {
            throw new StoreException("writing " + what + " to " + name + " failed", e);
        }
    }

    /** An UpdateItem without condition (atomic counters: {@code ADD}). */
    void update(Map<String, AttributeValue> key, String expression, Map<String, String> names,
                Map<String, AttributeValue> values, String what) {
        try {
            db.updateItem(r -> r.tableName(name).key(key).updateExpression(expression)
                    .expressionAttributeNames(names.isEmpty() ? null : names)
                    .expressionAttributeValues(values));
        } catch (SdkException e) {
            throw new StoreException("updating " + what + " in " + name + " failed", e);
        }
    }

    /** An UpdateItem under {@code condition}; false when the condition did not hold (nothing was written). */
    boolean updateIf(Map<String, AttributeValue> key, String expression, String condition,
                     Map<String, AttributeValue> values, String what) {
        try {
            db.updateItem(r -> r.tableName(name).key(key).updateExpression(expression)
                    .conditionExpression(condition).expressionAttributeValues(values));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        } catch (SdkException e) {
            throw new StoreException("updating " + what + " in " + name + " failed", e);
        }
    }

    /** Deletes and returns the deleted item (atomically: of two concurrent deletes only one gets it). */
    Optional<Map<String, AttributeValue>> deleteReturningOld(Map<String, AttributeValue> key, String what) {
        try {
            var response = db.deleteItem(r -> r.tableName(name).key(key).returnValues(ReturnValue.ALL_OLD));
            return response.hasAttributes() && !response.attributes().isEmpty()
                    ? Optional.of(response.attributes()) : Optional.empty();
        } catch (SdkException e) {
            throw new StoreException("deleting " + what + " from " + name + " failed", e);
        }
    }

    /** @return false when the condition did not hold (nothing was deleted) */
    boolean delete(Map<String, AttributeValue> key, Condition condition, String what) {
        DeleteItemRequest.Builder request = DeleteItemRequest.builder().tableName(name).key(key);
        if (condition.present()) {
            request.conditionExpression(condition.expression());
            if (!condition.names().isEmpty()) {
                request.expressionAttributeNames(condition.names());
            }
            if (!condition.values().isEmpty()) {
                request.expressionAttributeValues(condition.values());
            }
        }
        try {
            db.deleteItem(request.build());
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        } catch (SdkException e) {
            throw new StoreException("deleting " + what + " from " + name + " failed", e);
        }
    }

    /** Every item the query matches, page after page (a page holds at most 1 MB). */
    List<Map<String, AttributeValue>> queryAll(Consumer<QueryRequest.Builder> request, String what) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            QueryResponse page = query(q -> {
                request.accept(q);
                q.exclusiveStartKey(from);
            }, what);
            items.addAll(page.items());
            start = lastKey(page);
        } while (start != null);
        return items;
    }

    /**
     * Every item a Scan returns, page after page, each handed to {@code each} as its page arrives (a whole table is
     * never held in memory).
     */
    void scanEach(Consumer<ScanRequest.Builder> request, Consumer<Map<String, AttributeValue>> each, String what) {
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            ScanResponse page;
            try {
                page = db.scan(s -> {
                    request.accept(s.tableName(name));
                    s.exclusiveStartKey(from);
                });
            } catch (SdkException e) {
                throw new StoreException("scanning " + what + " in " + name + " failed", e);
            }
            page.items().forEach(each);
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
    }

    /** The most items one query of {@link #queryUpTo} asks for (DynamoDB answers at most 1 MB anyway). */
    static final int MOST_ASKED = 2_000;

    /** Up to a limit of the items a query matches, and whether the query had more when it stopped. */
    record Filled(List<Map<String, AttributeValue>> items, boolean more) {
    }

    /**
     * Up to {@code limit} items that {@code keep} accepts, from {@code start} on (null: the beginning), in as many
     * queries as it takes: a filter expression, or items {@code keep} drops (expired ones), can leave a page short.
     * The first query asks for a quarter more than {@code limit}, each refill for four times what the query before it
     * asked, up to {@value #MOST_ASKED} (the paging fields set here win over {@code request}'s): where a filter drops
     * a share of every page (a user's tombstones among its tasks) the first query then usually fills the page, and a
     * run of dropped items (a thousand tasks deleted together) takes a few queries, where a refill that asked only
     * for the shortfall took a query per few items. What is read beyond the limit is not returned; {@code more} is
     * then true, and the caller's next page starts after the last item returned.
     */
    Filled queryUpTo(Consumer<QueryRequest.Builder> request, Map<String, AttributeValue> start, int limit,
                     Predicate<Map<String, AttributeValue>> keep, String what) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        Map<String, AttributeValue> next = start;
        boolean more = true;
        int ask = (int) Math.min(Integer.MAX_VALUE, limit + Math.max(1L, limit / 4));
        while (more && items.size() < limit) {
            Map<String, AttributeValue> from = next;
            int asked = ask;
            QueryResponse page = query(q -> {
                request.accept(q);
                q.exclusiveStartKey(from).limit(asked);
            }, what);
            ask = (int) Math.min(MOST_ASKED, Math.max(limit, asked * 4L));
            List<Map<String, AttributeValue>> kept = page.items().stream().filter(keep).toList();
            int wanted = limit - items.size();
            items.addAll(kept.subList(0, Math.min(wanted, kept.size())));
            next = lastKey(page);
            more = next != null || kept.size() > wanted;
        }
        return new Filled(items, more);
    }

    /** Where the next page starts, or null when the query had no more. */
    static Map<String, AttributeValue> lastKey(QueryResponse page) {
        return page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
    }

    QueryResponse query(Consumer<QueryRequest.Builder> request, String what) {
        QueryRequest.Builder builder = QueryRequest.builder().tableName(name);
        request.accept(builder);
        try {
            return db.query(builder.build());
        } catch (SdkException e) {
            throw new StoreException("querying " + what + " in " + name + " failed", e);
        }
    }

    private PutItemRequest putRequest(Map<String, AttributeValue> item, Condition condition) {
        PutItemRequest.Builder request = PutItemRequest.builder().tableName(name).item(item);
        if (condition.present()) {
            request.conditionExpression(condition.expression())
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD);
            if (!condition.names().isEmpty()) {
                request.expressionAttributeNames(condition.names());
            }
            if (!condition.values().isEmpty()) {
                request.expressionAttributeValues(condition.values());
            }
        }
        return request.build();
    }
}
