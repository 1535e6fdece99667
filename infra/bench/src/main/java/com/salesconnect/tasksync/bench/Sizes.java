package com.salesconnect.tasksync.bench;

import java.util.List;

/**
 * How big each phase is. {@link #FULL} are issue 12's sizes; {@link #scaled} makes every count smaller (or larger)
 * by one factor, at least one of each.
 *
 * @param smallHolding Salesforce tasks the small user imports (and so holds): 100
 * @param largeHolding Salesforce tasks the large user imports (and so holds): 10,000
 * @param burst        Sales Connect creates, then edits, then deletions, per user: 1,000
 * @param inbound      Salesforce-side creates arriving by outbound messages, per user: 300
 * @param idleUsers    enabled users in one org for the idle sweep, in steps: 1, 50, 500
 * @param fanOutUsers  enabled users for the sweep fan-out: 10,000 (the idle org's and as many more)
 * @param usersPerOrg  users per org of the fan-out (the idle org's size)
 * @param readSamples  requests per read endpoint for the p95
 */
public record Sizes(int smallHolding, int largeHolding, int burst, int inbound, List<Integer> idleUsers,
                    int fanOutUsers, int usersPerOrg, int readSamples) {

    public static final Sizes FULL = new Sizes(100, 10_000, 1_000, 300, List.of(1, 50, 500), 10_000, 500, 20);

    public Sizes {
        idleUsers = List.copyOf(idleUsers);
    }

    public Sizes scaled(double factor) {
        return new Sizes(scale(smallHolding, factor), scale(largeHolding, factor), scale(burst, factor),
                scale(inbound, factor), idleUsers.stream().map(n -> scale(n, factor)).distinct().toList(),
                scale(fanOutUsers, factor), scale(usersPerOrg, factor), readSamples);
    }

    public Sizes withFanOutUsers(int users) {
        return new Sizes(smallHolding, largeHolding, burst, inbound, idleUsers, users, usersPerOrg, readSamples);
    }

    /** The largest idle step: the idle org's user count. */
    public int idleOrgUsers() {
        return idleUsers.stream().mapToInt(Integer::intValue).max().orElse(1);
    }

    /** Orgs the fan-out adds beside the idle org. */
    public int fanOutOrgs() {
        int more = Math.max(0, fanOutUsers - idleOrgUsers());
        return (more + usersPerOrg - 1) / usersPerOrg;
    }

    private static int scale(int n, double factor) {
        return Math.max(1, (int) Math.round(n * factor));
    }
}
