package com.salesconnect.tasksync.bench.phase;

import java.util.ArrayList;
import java.util.List;

/**
 * A user under test: its Sales Connect id, its Salesforce user and org, how many tasks it holds, and the tasks the
 * creates phase made (edits and deletions work on those).
 */
public final class HoldingUser {

    private final String userId;
    private final String sfUsername;
    private final String orgId;
    private final int importSize;
    private final boolean large;
    private final List<String> created = new ArrayList<>();
    private String createPrefix;
    private int holding;

    public HoldingUser(String userId, String sfUsername, String orgId, int importSize, boolean large) {
        this.userId = userId;
        this.sfUsername = sfUsername;
        this.orgId = orgId;
        this.importSize = importSize;
        this.large = large;
    }

    public String userId() {
        return userId;
    }

    public String sfUsername() {
        return sfUsername;
    }

    public String orgId() {
        return orgId;
    }

    /** Salesforce tasks seeded for its first import. */
    public int importSize() {
        return importSize;
    }

    /** The large user's figures carry issue 12's targets; the small user's are the baseline of the ratios. */
    public boolean large() {
        return large;
    }

    /** e.g. "10,000-task user": the table's name for it, by the tasks it was set up to hold. */
    public String label() {
        return String.format(java.util.Locale.ROOT, "%,d-task user", importSize);
    }

    /** Tasks it holds now (as counted by the benchmark: imported, then created and deleted). */
    public int holding() {
        return holding;
    }

    public void holds(int tasks) {
        holding = tasks;
    }

    public List<String> created() {
        return created;
    }

    public String createPrefix() {
        return createPrefix;
    }

    public void created(String prefix, List<String> taskIds) {
        createPrefix = prefix;
        created.clear();
        created.addAll(taskIds);
    }
}
