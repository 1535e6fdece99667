package com.salesconnect.tasksync.emulator.ids;

import java.util.Set;

/** The key prefixes (first three id characters) of the objects the emulator knows. */
public final class KeyPrefix {

    public static final String ORGANIZATION = "00D";
    public static final String USER = "005";
    public static final String TASK = "00T";
    public static final String TASK_STATUS = "01J";
    public static final String ACCOUNT = "001";
    public static final String CONTACT = "003";
    public static final String OPPORTUNITY = "006";
    public static final String LEAD = "00Q";
    public static final String CASE = "500";
    public static final String CAMPAIGN = "701";
    public static final String QUERY_LOCATOR = "01g";
    public static final String OUTBOUND_NOTIFICATION = "04l";
    public static final String OUTBOUND_ACTION = "04k";

    /** What a Task's WhoId may point to: a person. */
    public static final Set<String> WHO = Set.of(CONTACT, LEAD);

    /** What a Task's WhatId may not point to (everything else is a "what": accounts, opportunities, ...). */
    public static final Set<String> NOT_WHAT = Set.of(CONTACT, LEAD, USER, TASK, ORGANIZATION, TASK_STATUS,
            QUERY_LOCATOR, OUTBOUND_NOTIFICATION, OUTBOUND_ACTION);

    private KeyPrefix() {
    }
}
