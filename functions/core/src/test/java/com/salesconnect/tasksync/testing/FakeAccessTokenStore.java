package com.salesconnect.tasksync.testing;

import com.salesconnect.tasksync.id.UserId;
import com.salesconnect.tasksync.store.AccessTokenStore;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** In-memory {@link AccessTokenStore}: the newest token per user wins; every share is recorded. */
public final class FakeAccessTokenStore implements AccessTokenStore {

    private final Map<String, SharedAccessToken> byUser = new HashMap<>();
    private final List<SharedAccessToken> shares = new ArrayList<>();
    public final Faults faults = new Faults();

    @Override
    public synchronized Optional<SharedAccessToken> get(UserId user) {
        String userId = user.value();
        faults.check("get");
        return Optional.ofNullable(byUser.get(userId));
    }

    @Override
    public synchronized void share(SharedAccessToken token) {
        faults.check("share");
        shares.add(token);
        SharedAccessToken stored = byUser.get(token.userId());
        if (stored == null || !stored.issuedAt().isAfter(token.issuedAt())) {
            byUser.put(token.userId(), token);
        }
    }

    /** Every token shared so far, in order (also those a newer one kept out). */
    public synchronized List<SharedAccessToken> shares() {
        return List.copyOf(shares);
    }
}
