package com.salesconnect.tasksync.salesforce;

/**
 * How the sync names itself to Salesforce, so the change events of its own writes are recognised: every REST call
 * sends {@code Sforce-Call-Options: client=<CLIENT_ID>}, and Salesforce puts that client id into the
 * {@code changeOrigin} of the change events the call causes ({@code com/salesforce/api/rest/62.0;client=...}).
 */
public final class ChangeOrigins {

    public static final String CLIENT_ID = "SalesConnectTaskSync";
    public static final String CALL_OPTIONS_HEADER = "Sforce-Call-Options";
    public static final String CALL_OPTIONS = "client=" + CLIENT_ID;

    private ChangeOrigins() {
    }
}
