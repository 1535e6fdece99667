package com.salesconnect.tasksync.salesforce;

import java.util.function.Supplier;

/**
 * The access token a session hands out, renewed once per rejection: calls that saw the same token rejected at the
 * same time get the one the first of them renewed instead of renewing again. A failed renewal leaves no token held,
 * so the next call obtains one afresh.
 */
final class HeldToken {

    private AccessToken current;

    /** The token held; {@code obtain} supplies it when none is. */
    synchronized AccessToken get(Supplier<AccessToken> obtain) {
        if (current == null) {
            current = obtain.get();
        }
        return current;
    }

    /** The token held if it is no longer {@code rejected}, otherwise the one {@code renewal} supplies. */
    synchronized AccessToken renew(AccessToken rejected, Supplier<AccessToken> renewal) {
        if (current != null && current != rejected) {
            return current;
        }
        current = null;
        current = renewal.get();
        return current;
    }
}
