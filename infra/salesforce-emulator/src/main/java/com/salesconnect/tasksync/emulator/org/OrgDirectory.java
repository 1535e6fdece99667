package com.salesconnect.tasksync.emulator.org;

import java.util.List;
import java.util.Optional;

/** The emulator's orgs; the first one is the default org of the admin API. */
public final class OrgDirectory {

    private final List<Org> orgs;

    public OrgDirectory(List<Org> orgs) {
        if (orgs.isEmpty()) {
            throw new IllegalArgumentException("at least one org");
        }
        this.orgs = List.copyOf(orgs);
    }

    public List<Org> all() {
        return orgs;
    }

    public Org defaultOrg() {
        return orgs.get(0);
    }

    /** An org by 15/18-character id, or "default". */
    public Optional<Org> org(String idOrDefault) {
        if (idOrDefault == null) {
            return Optional.empty();
        }
        if (idOrDefault.equals("default")) {
            return Optional.of(defaultOrg());
        }
        Optional<String> id = com.salesconnect.tasksync.emulator.ids.SalesforceIds.normalize(idOrDefault);
        return orgs.stream().filter(o -> id.map(o.id()::equals).orElse(false)).findFirst();
    }

    /** A user of any org by username (usernames are unique across Salesforce). */
    public Optional<User> userByUsername(String username) {
        if (username == null || username.isBlank()) {
            return Optional.empty();
        }
        return orgs.stream().flatMap(o -> o.users().stream())
                .filter(u -> u.username().equalsIgnoreCase(username.trim())).findFirst();
    }

    public List<User> allUsers() {
        return orgs.stream().flatMap(o -> o.users().stream()).toList();
    }
}
