package com.salesconnect.tasksync.salesforce;

/**
 * The session of one connection: the current access token, obtained on first use and renewed when Salesforce
 * rejects it.
 */
public interface SalesforceSession {

    /**
     * The current token, obtaining one when there is none yet.
     *
     * @throws ConnectionBrokenException when Salesforce refuses to issue one
     */
    AccessToken token();

    /**
     * A token to use instead of {@code rejected}: a new one, or the current one when another caller has renewed
     * it meanwhile.
     *
     * @throws ConnectionBrokenException when Salesforce refuses to issue one
     */
    AccessToken renew(AccessToken rejected);
}
