package com.salesconnect.tasksync.bench;

import com.salesconnect.tasksync.emulator.org.ConnectedApp;
import com.salesconnect.tasksync.emulator.org.OrgSeed;
import com.salesconnect.tasksync.emulator.org.SeedData;
import com.salesconnect.tasksync.emulator.org.UserSeed;

import java.util.ArrayList;
import java.util.List;

/**
 * The benchmark's orgs and users. Each user under test has an org of its own, so an org's API usage counter counts
 * exactly that user's calls: "Bench Small" (the user holding 100 tasks), "Bench Large" (10,000), "Bench Idle" (the
 * idle sweep's users) and "Bench Fan-out NN" (the rest of the fan-out's users). Sales Connect user {@code x} connects
 * as Salesforce user {@code x@bench.example}.
 */
public record World(int idleUsers, int fanOutOrgs, int usersPerOrg) {

    public static final String SMALL_ORG = "Bench Small";
    public static final String LARGE_ORG = "Bench Large";
    public static final String IDLE_ORG = "Bench Idle";
    /** The one org whose Task changes are captured (Change Data Capture through Event Relay). */
    public static final String CDC_ORG = "Bench CDC";
    /** Enabled users of the CDC org; the first is its admin (the org's prober). */
    public static final int CDC_USERS = 5;
    public static final String SMALL_USER = "bench-small";
    public static final String LARGE_USER = "bench-large";
    /** A far higher daily API allowance than any org has, so no phase is throttled by it. */
    public static final long DAILY_API_LIMIT = 100_000_000L;

    public static World of(Sizes sizes) {
        return new World(sizes.idleOrgUsers(), sizes.fanOutOrgs(), sizes.usersPerOrg());
    }

    public static String sfUsername(String userId) {
        return userId + "@bench.example";
    }

    public static String idleUser(int i) {
        return "bench-idle-%04d".formatted(i);
    }

    public static String cdcUser(int i) {
        return "bench-cdc-%04d".formatted(i);
    }

    public static String fanOutOrg(int org) {
        return "Bench Fan-out %02d".formatted(org);
    }

    public static String fanOutUser(int org, int i) {
        return "bench-fan-%02d-%04d".formatted(org, i);
    }

    public SeedData seed() {
        List<OrgSeed> orgs = new ArrayList<>();
        orgs.add(new OrgSeed(SMALL_ORG, List.of(user(SMALL_USER))));
        orgs.add(new OrgSeed(LARGE_ORG, List.of(user(LARGE_USER))));
        List<UserSeed> idle = new ArrayList<>();
        for (int i = 1; i <= idleUsers; i++) {
            idle.add(i == 1 ? admin(idleUser(i)) : user(idleUser(i)));
        }
        orgs.add(new OrgSeed(IDLE_ORG, idle));
        List<UserSeed> cdc = new ArrayList<>();
        for (int i = 1; i <= CDC_USERS; i++) {
            cdc.add(i == 1 ? admin(cdcUser(i)) : user(cdcUser(i)));
        }
        orgs.add(new OrgSeed(CDC_ORG, cdc));
        for (int o = 1; o <= fanOutOrgs; o++) {
            List<UserSeed> users = new ArrayList<>();
            for (int i = 1; i <= usersPerOrg; i++) {
                users.add(i == 1 ? admin(fanOutUser(o, i)) : user(fanOutUser(o, i)));
            }
            orgs.add(new OrgSeed(fanOutOrg(o), users));
        }
        return new SeedData(ConnectedApp.demo(), orgs);
    }

    /** The org's admin: View All Data, so its connection can probe the whole org (one call per tick). */
    private static UserSeed admin(String userId) {
        return new UserSeed(sfUsername(userId), "Bench", userId, sfUsername(userId), "bench", "UTC", true);
    }

    private static UserSeed user(String userId) {
        return new UserSeed(sfUsername(userId), "Bench", userId, sfUsername(userId), "bench", "UTC");
    }
}
