package com.salesconnect.tasksync.bench.meter;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import java.util.Collections;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class CapacityTest {

    private static Map<String, AttributeValue> item(int textBytes) {
        return Map.of("pk", AttributeValue.fromS("USER#u"), "body",
                AttributeValue.fromS(String.join("", Collections.nCopies(textBytes, "x"))));
    }

    @Test
    void itemSize_isNamesPlusValues_numbersAboutOneBytePerTwoDigits() {
        assertThat(Capacity.itemBytes(Map.of("pk", AttributeValue.fromS("abc")))).isEqualTo(5);
        assertThat(Capacity.itemBytes(Map.of("n", AttributeValue.fromN("12345")))).isEqualTo(1 + 4);
        assertThat(Capacity.itemBytes(Map.of("b", AttributeValue.fromBool(true)))).isEqualTo(2);
        assertThat(Capacity.itemBytes(Map.of("m", AttributeValue.fromM(Map.of("k", AttributeValue.fromS("v"))))))
                .isEqualTo(1 + 3 + 1 + 1 + 1);
    }

    @Test
    void getItem_isOneUnitPer4Kb_halfWhenEventuallyConsistent_andAMissCostsTheMinimum() {
        GetItemResponse big = GetItemResponse.builder().item(item(5000)).build();
        assertThat(Capacity.of(GetItemRequest.builder().consistentRead(true).build(), big))
                .isEqualTo(new Capacity(2, 0));
        assertThat(Capacity.of(GetItemRequest.builder().build(), big)).isEqualTo(new Capacity(1, 0));
        assertThat(Capacity.of(GetItemRequest.builder().consistentRead(true).build(),
                GetItemResponse.builder().build())).isEqualTo(new Capacity(1, 0));
    }

    @Test
    void query_isRoundedUpOverAllItsItems_andScaledUpForItemsItsFilterDropped() {
        List<Map<String, AttributeValue>> items = List.of(item(1000), item(1000), item(1000));
        QueryResponse all = QueryResponse.builder().items(items).count(3).scannedCount(3).build();
        assertThat(Capacity.of(QueryRequest.builder().consistentRead(true).build(), all).readUnits()).isEqualTo(1);
        QueryResponse filtered = QueryResponse.builder().items(items).count(3).scannedCount(30).build();
        assertThat(Capacity.of(QueryRequest.builder().consistentRead(true).build(), filtered).readUnits())
                .isEqualTo(8);
    }

    @Test
    void writes_areOneUnitPerKb_transactionsTwice_andADeleteAtLeastOne() {
        assertThat(Capacity.of(PutItemRequest.builder().item(item(2000)).build(), null))
                .isEqualTo(new Capacity(0, 2));
        assertThat(Capacity.of(DeleteItemRequest.builder().build(), null)).isEqualTo(new Capacity(0, 1));
        TransactWriteItemsRequest tx = TransactWriteItemsRequest.builder().transactItems(
                TransactWriteItem.builder().put(Put.builder().item(item(10)).build()).build(),
                TransactWriteItem.builder().put(Put.builder().item(item(1500)).build()).build()).build();
        assertThat(Capacity.of(tx, null)).isEqualTo(new Capacity(0, 2 + 4));
        BatchWriteItemRequest batch = BatchWriteItemRequest.builder().requestItems(Map.of("t", List.of(
                WriteRequest.builder().putRequest(PutRequest.builder().item(item(10)).build()).build(),
                WriteRequest.builder().putRequest(PutRequest.builder().item(item(10)).build()).build()))).build();
        assertThat(Capacity.of(batch, null)).isEqualTo(new Capacity(0, 2));
    }
}
