package com.salesconnect.tasksync.emulator.ids;

import java.math.BigInteger;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Mints ids shaped like Salesforce's: key prefix, a 2-character pod, a reserved character and a 9-character
 * base-62 counter. Deterministic per emulator instance, so seeded users and orgs get the same ids each run.
 */
public final class IdGenerator {

    private static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final String POD = "5g";
    private static final BigInteger SPACE = BigInteger.valueOf(62).pow(9);
    /**
     * Consecutive counters are spread over the id space (multiplying by a number coprime to 62 is a bijection
     * modulo 62^9), so ids mix digits and both cases as real ones do, and stay unique and repeatable.
     */
    private static final BigInteger SPREAD = BigInteger.valueOf(1_000_000_007L);

    private final Map<String, AtomicLong> counters = new ConcurrentHashMap<>();

    /** The next 18-character id with this key prefix. */
    public String next(String keyPrefix) {
        if (keyPrefix.length() != 3) {
            throw new IllegalArgumentException("a key prefix has 3 characters");
        }
        long n = counters.computeIfAbsent(keyPrefix, p -> new AtomicLong(1 + Math.floorMod(p.hashCode(), 9973)))
                .getAndIncrement();
        long spread = BigInteger.valueOf(n).multiply(SPREAD).mod(SPACE).longValueExact();
        return SalesforceIds.toCaseSafe(keyPrefix + POD + "0" + base62(spread));
    }

    private static String base62(long value) {
        char[] out = new char[9];
        long v = value;
        for (int i = 8; i >= 0; i--) {
            out[i] = BASE62.charAt((int) (v % 62));
            v /= 62;
        }
        return new String(out);
    }
}
