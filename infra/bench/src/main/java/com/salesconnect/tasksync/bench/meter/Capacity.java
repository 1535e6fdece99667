package com.salesconnect.tasksync.bench.meter;

import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The capacity units a DynamoDB request would consume on AWS (on-demand), estimated by DynamoDB's sizing rules
 * from the items the request carries and the response returns; moto's own ConsumedCapacity figures do not follow
 * those rules. Reads: 4 KB per unit, half for an eventually consistent read, a query or scan rounded up over all
 * the items it returns. Writes: 1 KB per unit, transactions twice. Where the stored item is not visible (an update
 * or delete without ReturnValues) the estimate is what the request carries, at least one unit: a lower bound.
 *
 * @param readUnits  read capacity units
 * @param writeUnits write capacity units
 */
public record Capacity(double readUnits, double writeUnits) {

    public static final Capacity NONE = new Capacity(0, 0);
    static final int READ_UNIT_BYTES = 4096;
    static final int WRITE_UNIT_BYTES = 1024;
    /** Assumed size of an item a query or scan read but filtered out (not returned), when none was returned. */
    static final int ASSUMED_FILTERED_ITEM_BYTES = 256;

    public Capacity plus(Capacity other) {
        return new Capacity(readUnits + other.readUnits, writeUnits + other.writeUnits);
    }

    /** The estimate for one request; {@code response} is null when the request failed (a failed write still costs). */
    public static Capacity of(SdkRequest request, SdkResponse response) {
        if (request instanceof GetItemRequest r) {
            long bytes = response instanceof GetItemResponse g && g.hasItem() ? itemBytes(g.item()) : 0;
            return read(readUnits(bytes, r.consistentRead()));
        }
        if (request instanceof QueryRequest r) {
            return read(readUnits(response instanceof QueryResponse q
                    ? scannedBytes(q.items(), q.count(), q.scannedCount()) : 0, r.consistentRead()));
        }
        if (request instanceof ScanRequest r) {
            return read(readUnits(response instanceof ScanResponse s
                    ? scannedBytes(s.items(), s.count(), s.scannedCount()) : 0, r.consistentRead()));
        }
        if (request instanceof BatchGetItemRequest r) {
            return read(batchGet(r, response instanceof BatchGetItemResponse b ? b : null));
        }
        if (request instanceof TransactGetItemsRequest) {
            double units = 0;
            if (response instanceof TransactGetItemsResponse t && t.hasResponses()) {
                units = t.responses().stream()
                        .mapToDouble(i -> 2 * readUnits(i.hasItem() ? itemBytes(i.item()) : 0, true)).sum();
            }
            return read(units);
        }
        if (request instanceof PutItemRequest r) {
            long old = response instanceof PutItemResponse p && p.hasAttributes() ? itemBytes(p.attributes()) : 0;
            return write(writeUnits(Math.max(itemBytes(r.item()), old)));
        }
        if (request instanceof UpdateItemRequest r) {
            long seen = response instanceof UpdateItemResponse u && u.hasAttributes() ? itemBytes(u.attributes()) : 0;
            long carried = itemBytes(r.key()) + (r.hasExpressionAttributeValues()
                    ? itemBytes(r.expressionAttributeValues()) : 0);
            return write(writeUnits(Math.max(seen, carried)));
        }
        if (request instanceof DeleteItemRequest) {
            long old = response instanceof DeleteItemResponse d && d.hasAttributes() ? itemBytes(d.attributes()) : 0;
            return write(writeUnits(old));
        }
        if (request instanceof BatchWriteItemRequest r) {
            double units = 0;
            for (List<WriteRequest> writes : r.requestItems().values()) {
                for (WriteRequest w : writes) {
                    units += writeUnits(w.putRequest() != null ? itemBytes(w.putRequest().item()) : 0);
                }
            }
            return write(units);
        }
        if (request instanceof TransactWriteItemsRequest r) {
            double units = 0;
            for (TransactWriteItem item : r.transactItems()) {
                long bytes = item.put() != null ? itemBytes(item.put().item())
                        : item.update() != null && item.update().hasExpressionAttributeValues()
                        ? itemBytes(item.update().expressionAttributeValues()) : 0;
                units += 2 * writeUnits(bytes);
            }
            return write(units);
        }
        return NONE;
    }

    private static double batchGet(BatchGetItemRequest request, BatchGetItemResponse response) {
        if (response == null || !response.hasResponses()) {
            return 0;
        }
        double units = 0;
        for (Map.Entry<String, List<Map<String, AttributeValue>>> table : response.responses().entrySet()) {
            KeysAndAttributes asked = request.requestItems().get(table.getKey());
            Boolean consistent = asked == null ? null : asked.consistentRead();
            for (Map<String, AttributeValue> item : table.getValue()) {
                units += readUnits(itemBytes(item), consistent);
            }
        }
        return units;
    }

    /** The bytes a query or scan read: what it returned, scaled up by the items its filter dropped. */
    static long scannedBytes(List<Map<String, AttributeValue>> items, Integer count, Integer scannedCount) {
        long returned = items.stream().mapToLong(Capacity::itemBytes).sum();
        int kept = count == null ? items.size() : count;
        int scanned = scannedCount == null ? kept : scannedCount;
        if (scanned <= kept) {
            return returned;
        }
        return kept == 0 ? (long) scanned * ASSUMED_FILTERED_ITEM_BYTES : returned * scanned / kept;
    }

    static double readUnits(long bytes, Boolean consistentRead) {
        long units = Math.max(1, (bytes + READ_UNIT_BYTES - 1) / READ_UNIT_BYTES);
        return Boolean.TRUE.equals(consistentRead) ? units : units / 2.0;
    }

    static double writeUnits(long bytes) {
        return Math.max(1, (bytes + WRITE_UNIT_BYTES - 1) / WRITE_UNIT_BYTES);
    }

    private static Capacity read(double units) {
        return new Capacity(units, 0);
    }

    private static Capacity write(double units) {
        return new Capacity(0, units);
    }

    /** An item's size as DynamoDB counts it: attribute names plus values (numbers about one byte per two digits). */
    public static long itemBytes(Map<String, AttributeValue> item) {
        long bytes = 0;
        for (Map.Entry<String, AttributeValue> e : item.entrySet()) {
            bytes += utf8(e.getKey()) + valueBytes(e.getValue());
        }
        return bytes;
    }

    static long valueBytes(AttributeValue v) {
        if (v.s() != null) {
            return utf8(v.s());
        }
        if (v.n() != null) {
            return numberBytes(v.n());
        }
        if (v.b() != null) {
            return v.b().asByteArray().length;
        }
        if (v.bool() != null || Boolean.TRUE.equals(v.nul())) {
            return 1;
        }
        if (v.hasSs()) {
            return v.ss().stream().mapToLong(Capacity::utf8).sum();
        }
        if (v.hasNs()) {
            return v.ns().stream().mapToLong(Capacity::numberBytes).sum();
        }
        if (v.hasBs()) {
            return v.bs().stream().mapToLong(b -> b.asByteArray().length).sum();
        }
        if (v.hasL()) {
            return 3 + v.l().stream().mapToLong(x -> 1 + valueBytes(x)).sum();
        }
        if (v.hasM()) {
            return 3 + v.m().entrySet().stream().mapToLong(x -> 1 + utf8(x.getKey()) + valueBytes(x.getValue())).sum();
        }
        return 1;
    }

    private static long numberBytes(String n) {
        long digits = n.chars().filter(Character::isDigit).count();
        return 1 + (digits + 1) / 2;
    }

    private static long utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }
}
