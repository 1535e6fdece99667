package com.salesconnect.tasksync.function.inbound;

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

    private PrimingSample() {
    }
}
