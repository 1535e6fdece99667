package com.salesconnect.tasksync.simulation;

import com.salesconnect.tasksync.salesforce.SalesforceIds;

/**
 * Salesforce ids in the simulation: everything it makes is in the 18-character form already, so comparing is plain
 * equality and only a 15-character id from the code under test needs the (regex-checked) conversion.
 */
final class Ids {

    private Ids() {
    }

    static String to18(String id) {
        return id != null && id.length() == 18 ? id : SalesforceIds.to18(id);
    }

    static boolean same(String a, String b) {
        if (a == null || b == null) {
            return false;
        }
        if (a.length() == 18 && b.length() == 18) {
            return a.equals(b);
        }
        return SalesforceIds.same(a, b);
    }
}
