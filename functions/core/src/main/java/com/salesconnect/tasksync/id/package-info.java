/**
 * Typed ids for the ports: {@link com.salesconnect.tasksync.id.UserId}, {@link com.salesconnect.tasksync.id.TaskId},
 * {@link com.salesconnect.tasksync.id.OrgId} and {@link com.salesconnect.tasksync.id.SalesforceId}, each checked when
 * made, so a swapped pair of arguments does not compile. The bottom of core: depends on nothing else in it. Each prints
 * as its plain value, so log lines and stored keys read as before.
 */
package com.salesconnect.tasksync.id;
