package com.salesconnect.tasksync.function.inbound;

import com.salesconnect.tasksync.runtime.LambdaJson;

import java.util.Map;

/** A made-up outbound message for SnapStart priming: its ids belong to no org. */
final class PrimingSample {

    static final String MESSAGE = """
            <?xml version="1.0" encoding="UTF-8"?>
            <soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"
                xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
             <soapenv:Body>
              <notifications xmlns="http://soap.sforce.com/2005/09/outbound">
               <OrganizationId>00D000000000001AAA</OrganizationId>
               <ActionId>04k000000000001AAA</ActionId>
               <EnterpriseUrl>https://example.my.salesforce.com/services/Soap/c/62.0/00D000000000001</EnterpriseUrl>
               <PartnerUrl>https://example.my.salesforce.com/services/Soap/u/62.0/00D000000000001</PartnerUrl>
               <Notification>
                <Id>04l000000000001AAA</Id>
                <sObject xsi:type="sf:Task" xmlns:sf="urn:sobject.enterprise.soap.sforce.com">
                 <sf:Id>00T000000000001AAA</sf:Id>
                 <sf:ActivityDate>2026-01-01</sf:ActivityDate>
                 <sf:IsClosed>false</sf:IsClosed>
                 <sf:OwnerId>005000000000001AAA</sf:OwnerId>
                 <sf:Priority>Normal</sf:Priority>
                 <sf:Status>Not Started</sf:Status>
                 <sf:Subject>Priming</sf:Subject>
                 <sf:SystemModstamp>2026-01-01T00:00:00.000Z</sf:SystemModstamp>
                </sObject>
               </Notification>
              </notifications>
             </soapenv:Body>
            </soapenv:Envelope>
            """;

    /** A made-up change event as Event Relay delivers it; its ids belong to no org. */
    static final String CHANGE_EVENT = """
            {"version": "0", "id": "00000000-0000-0000-0000-000000000000", "detail-type": "TaskChangeEvent",
             "source": "aws.partner/salesforce.com/00D000000000001AAA/0YL000000000001AAA",
             "account": "000000000000", "time": "2026-01-01T00:00:00Z", "region": "eu-west-1", "resources": [],
             "detail": {"payload": {"ChangeEventHeader": {"entityName": "Task", "changeType": "UPDATE",
               "recordIds": ["00T000000000001AAA"], "changedFields": ["Subject"], "changeOrigin": "",
               "transactionKey": "0", "sequenceNumber": 1, "commitTimestamp": 1767225600000,
               "commitUser": "005000000000001AAA", "commitNumber": 1}, "Subject": "Priming"},
               "schemaId": "priming", "id": "00000000-0000-0000-0000-000000000000"}}
            """;

    private PrimingSample() {
    }

    static java.io.InputStream changeEvent() {
        return new java.io.ByteArrayInputStream(CHANGE_EVENT.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** The HTTP API event that would carry {@link #MESSAGE}, as read from JSON (to a token no org has). */
    @SuppressWarnings("unchecked")
    static Map<String, Object> event() {
        return (Map<String, Object>) LambdaJson.read("{\"version\": \"2.0\", "
                + "\"routeKey\": \"POST /salesforce/outbound-messages/{webhookToken}\", "
                + "\"rawPath\": \"/salesforce/outbound-messages/priming\", "
                + "\"headers\": {\"content-type\": \"text/xml; charset=utf-8\"}, "
                + "\"requestContext\": {\"http\": {\"method\": \"POST\"}, \"requestId\": \"priming\", "
                + "\"timeEpoch\": 0}, \"pathParameters\": {\"webhookToken\": \"priming\"}, "
                + "\"body\": " + LambdaJson.toJson(MESSAGE) + ", \"isBase64Encoded\": false}");
    }
}
